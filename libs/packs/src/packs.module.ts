import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { FilesModule } from '@pbw/files';
import { MeetingsModule } from '@pbw/meetings';
import { PacksController } from './packs.controller';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository, PublishedPackLookupRepository } from './packs.repository';
import { PacksResolver } from './packs.resolver';
import { PacksService } from './packs.service';

@Module({
  imports: [AuditModule, FilesModule, MeetingsModule],
  controllers: [PacksController],
  providers: [
    BoardPackRepository,
    PackFindingRepository,
    PersonalDataNameRepository,
    PublishedPackLookupRepository,
    PacksService,
    PacksResolver,
  ],
  exports: [PacksService],
})
export class PacksModule {}
