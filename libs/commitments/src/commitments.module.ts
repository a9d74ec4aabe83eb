import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { IdentityModule } from '@pbw/identity';
import { CommitmentRepository, CommitmentUpdateRepository, LocalOfferVersionRepository } from './commitments.repository';
import {
  AgencyCommitmentSummaryResolver,
  CommitmentLoaders,
  CommitmentResolver,
  CommitmentUpdateResolver,
  LocalOfferResolver,
} from './commitments.resolver';
import { CommitmentsService } from './commitments.service';
import { LocalOfferController } from './local-offer.controller';

@Module({
  imports: [AuditModule, IdentityModule, BoardsModule, FrameworksModule],
  controllers: [LocalOfferController],
  providers: [
    CommitmentRepository,
    CommitmentUpdateRepository,
    LocalOfferVersionRepository,
    CommitmentsService,
    CommitmentLoaders,
    CommitmentResolver,
    CommitmentUpdateResolver,
    AgencyCommitmentSummaryResolver,
    LocalOfferResolver,
  ],
  exports: [CommitmentRepository, CommitmentsService],
})
export class CommitmentsModule {}
