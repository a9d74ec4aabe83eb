import type { Type } from '@nestjs/common';
import { MeetingPackResolver, PacksResolver } from './packs.resolver';
import { AnnualUpdateResolver } from './annual-update.resolver';
import { PublicPacksResolver } from './public-packs.resolver';

export * from './packs.entities';
export * from './packs.dto';
export * from './packs.repository';
export * from './packs.service';
export * from './packs.module';
export * from './pack-pdf';
export * from './pack-content';
export * from './pack-data.repository';
export * from './pack-compiler.service';
export * from './pdf-text';
export * from './packs.processor';

export * from './annual-update';
export * from './annual-update.dto';
export * from './annual-update.service';
export * from './public-packs.dto';

export const PACKS_RESOLVERS: Type<unknown>[] = [PacksResolver, MeetingPackResolver, AnnualUpdateResolver, PublicPacksResolver];
