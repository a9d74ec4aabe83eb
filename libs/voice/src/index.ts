import type { Type } from '@nestjs/common';
export * from './voice.module';

/** Every entity of this context, for the data source. */
export const VOICE_ENTITIES: Type<unknown>[] = [];
/** Every resolver of this context, for generating schema.graphql. */
export const VOICE_RESOLVERS: Type<unknown>[] = [];
