import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { IdentityModule } from '@pbw/identity';
import { FrameworksModule } from '@pbw/frameworks';
import { EvidenceModule } from '@pbw/evidence';
import { WorkPlansModule } from '@pbw/workplans';
import { CommitmentsModule } from '@pbw/commitments';
import { PerformanceModule } from '@pbw/performance';
import { CoverageRepository } from './coverage.repository';
import { CoverageResolver, CoverageRowResolver, PrinciplesLoaders, SelfAssessmentResolver } from './principles.resolver';
import { PrinciplesService } from './principles.service';
import { SelfAssessmentRepository } from './self-assessment.repository';

@Module({
  imports: [AuditModule, IdentityModule, FrameworksModule, EvidenceModule, WorkPlansModule, CommitmentsModule, PerformanceModule],
  providers: [
    SelfAssessmentRepository,
    CoverageRepository,
    PrinciplesService,
    PrinciplesLoaders,
    SelfAssessmentResolver,
    CoverageResolver,
    CoverageRowResolver,
  ],
  exports: [PrinciplesService],
})
export class PrinciplesModule {}
