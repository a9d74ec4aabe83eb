import type { Type } from '@nestjs/common';
export * from './principles.module';

/** Every entity of this context, for the data source. */
export const PRINCIPLES_ENTITIES: Type<unknown>[] = [];
/** Every resolver of this context, for generating schema.graphql. */
export const PRINCIPLES_RESOLVERS: Type<unknown>[] = [];
