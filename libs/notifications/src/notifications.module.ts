import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { NotificationRepository } from './notifications.repository';
import { NotificationResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [AuditModule],
  providers: [NotificationRepository, NotificationsService, NotificationResolver],
  exports: [NotificationsService, NotificationRepository],
})
export class NotificationsModule {}
