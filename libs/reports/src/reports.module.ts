import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { IdentityModule } from '@pbw/identity';
import { MeetingsModule } from '@pbw/meetings';
import { WorkPlansModule } from '@pbw/workplans';
import { EvidenceModule } from '@pbw/evidence';
import { HighlightReportCommentRepository, HighlightReportRepository } from './reports.repository';
import { HighlightReportResolver, MeetingReportsResolver, SubGroupReportStatusResolver } from './reports.resolver';
import { ReportsService } from './reports.service';

@Module({
  imports: [AuditModule, IdentityModule, BoardsModule, MeetingsModule, WorkPlansModule, EvidenceModule],
  providers: [
    HighlightReportRepository,
    HighlightReportCommentRepository,
    ReportsService,
    HighlightReportResolver,
    MeetingReportsResolver,
    SubGroupReportStatusResolver,
  ],
  exports: [HighlightReportRepository, ReportsService],
})
export class ReportsModule {}
