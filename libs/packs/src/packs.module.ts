import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { FilesModule } from '@pbw/files';
import { MeetingsModule } from '@pbw/meetings';
import { IdentityModule } from '@pbw/identity';
import { AnnualFactsRepository, AnnualUpdateRepository } from './annual-update.repository';
import { AnnualUpdateResolver } from './annual-update.resolver';
import { AnnualUpdateService } from './annual-update.service';
import { PacksController } from './packs.controller';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository, PublishedPackLookupRepository } from './packs.repository';
import { MeetingPackResolver, PacksResolver } from './packs.resolver';
import { PacksService } from './packs.service';
import { PublicPacksResolver } from './public-packs.resolver';
import { PublicPacksService } from './public-packs.service';

@Module({
  imports: [AuditModule, FilesModule, MeetingsModule, IdentityModule],
  controllers: [PacksController],
  providers: [
    BoardPackRepository,
    PackFindingRepository,
    PersonalDataNameRepository,
    PublishedPackLookupRepository,
    PacksService,
    PacksResolver,
    MeetingPackResolver,
    AnnualUpdateRepository,
    AnnualFactsRepository,
    AnnualUpdateService,
    AnnualUpdateResolver,
    PublicPacksService,
    PublicPacksResolver,
  ],
  exports: [PacksService],
})
export class PacksModule {}
