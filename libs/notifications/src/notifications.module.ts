import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { IdentityModule } from '@pbw/identity';
import { CalendarController } from './calendar.controller';
import { CalendarFeedLookupRepository, CalendarFeedRepository, CalendarRepository } from './calendar.repository';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';
import { NotificationRepository } from './notifications.repository';
import { NotificationResolver } from './notifications.resolver';
import { NotificationsService } from './notifications.service';
import { ReminderRuleRepository } from './reminder-rules.repository';
import { ReminderRulesResolver } from './reminder-rules.resolver';
import { ReminderRulesService } from './reminder-rules.service';

/** The api's side: notifications, preferences, reminder rules, failed jobs and calendar feeds. */
@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [CalendarController],
  providers: [
    NotificationRepository,
    NotificationsService,
    NotificationResolver,
    ReminderRuleRepository,
    ReminderRulesService,
    ReminderRulesResolver,
    CalendarRepository,
    CalendarFeedRepository,
    CalendarFeedLookupRepository,
    CalendarService,
    CalendarResolver,
  ],
  exports: [NotificationsService, NotificationRepository],
})
export class NotificationsModule {}
