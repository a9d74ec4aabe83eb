import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { IdentityModule } from '@pbw/identity';
import { FilesModule } from '@pbw/files';
import { WorkPlansModule } from '@pbw/workplans';
import { EvidenceFilesController } from './evidence-files.controller';
import { EvidenceCommentRepository, EvidenceRepository } from './evidence.repository';
import { ActionEvidenceResolver, CommentResolver, EvidenceLoaders, EvidenceResolver } from './evidence.resolver';
import { EvidenceService } from './evidence.service';

@Module({
  imports: [AuditModule, IdentityModule, BoardsModule, FrameworksModule, WorkPlansModule, FilesModule],
  controllers: [EvidenceFilesController],
  providers: [
    EvidenceRepository,
    EvidenceCommentRepository,
    EvidenceService,
    EvidenceLoaders,
    EvidenceResolver,
    CommentResolver,
    ActionEvidenceResolver,
  ],
  exports: [EvidenceRepository, EvidenceService, EvidenceLoaders],
})
export class EvidenceModule {}
