import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { SubGroupRepository } from '@pbw/boards';
import { AgendaItemRepository } from './agenda.repository';
import { AgendaResolver } from './agenda.resolver';
import { AgendaService } from './agenda.service';
import { IdentityModule, UserRepository } from '@pbw/identity';
import { AttendanceRepository, BoardActionRepository } from './meeting-records.repository';
import { MeetingRecordsResolver } from './meeting-records.resolver';
import { MeetingRecordsService } from './meeting-records.service';
import { FilesModule } from '@pbw/files';
import { AgendaPapersController } from './agenda-papers.controller';
import { AgendaPapersResolver } from './agenda-papers.resolver';
import { AgendaPapersService } from './agenda-papers.service';
import { PackReadinessRepository } from './pack-readiness.repository';
import { PackReadinessResolver } from './pack-readiness.resolver';
import { PackReadinessService } from './pack-readiness.service';
import { MeetingRepository } from './meetings.repositories';
import { MeetingResolver } from './meetings.resolver';
import { MeetingsService } from './meetings.service';

@Module({
  imports: [AuditModule, FilesModule, IdentityModule],
  controllers: [AgendaPapersController],
  providers: [
    MeetingRepository,
    MeetingsService,
    MeetingResolver,
    SubGroupRepository,
    AgendaItemRepository,
    AgendaService,
    AgendaResolver,
    UserRepository,
    AttendanceRepository,
    BoardActionRepository,
    MeetingRecordsService,
    MeetingRecordsResolver,
    PackReadinessRepository,
    PackReadinessService,
    PackReadinessResolver,
    AgendaPapersService,
    AgendaPapersResolver,
  ],
  exports: [
    MeetingRepository,
    MeetingsService,
    AgendaItemRepository,
    AgendaService,
    BoardActionRepository,
    AttendanceRepository,
    MeetingRecordsService,
  ],
})
export class MeetingsModule {}
