import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { MeetingRepository } from './meetings.repositories';
import { MeetingResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [AuditModule],
  providers: [MeetingRepository, MeetingsService, MeetingResolver],
  exports: [MeetingRepository, MeetingsService],
})
export class MeetingsModule {}
