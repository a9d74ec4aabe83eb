import type { Type } from '@nestjs/common';
import { PRINCIPLES_ENTITY_LIST } from './self-assessment.entities';
import { CoverageResolver, CoverageRowResolver, SelfAssessmentResolver } from './principles.resolver';

export * from './self-assessment.entities';
export * from './periods';
export * from './principles.dto';
export * from './self-assessment.repository';
export * from './coverage.repository';
export * from './principles.service';
export * from './principles.resolver';
export * from './principles.module';

/** Every entity of this context, for the data source. */
export const PRINCIPLES_ENTITIES: Type<unknown>[] = [...PRINCIPLES_ENTITY_LIST];
/** Every resolver of this context, for generating schema.graphql. */
export const PRINCIPLES_RESOLVERS: Type<unknown>[] = [SelfAssessmentResolver, CoverageResolver, CoverageRowResolver];
