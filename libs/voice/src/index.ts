import type { Type } from '@nestjs/common';
import { VoiceItemEntity, VoiceItemFrameworkItemEntity } from './voice.entities';
import { VoiceItemResolver } from './voice.resolver';

export * from './voice.entities';
export * from './voice.dto';
export * from './voice.repository';
export * from './voice.service';
export * from './voice.resolver';
export * from './voice.module';

/** Every entity of this context, for the data source. */
export const VOICE_ENTITIES: Type<unknown>[] = [VoiceItemEntity, VoiceItemFrameworkItemEntity];
/** Every resolver of this context, for generating schema.graphql. */
export const VOICE_RESOLVERS: Type<unknown>[] = [VoiceItemResolver];
