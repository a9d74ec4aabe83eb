import type { Type } from '@nestjs/common';
import { IndicatorResolver } from './indicators.resolver';

export * from './indicators.entities';
export * from './indicators.dto';
export * from './scoring';
export * from './periods';
export * from './indicator-import';
export * from './indicators.repository';
export * from './indicators.service';
export * from './indicators.resolver';
export * from './performance.module';

/** Every resolver of this context, for generating schema.graphql. */
export const PERFORMANCE_RESOLVERS: Type<unknown>[] = [IndicatorResolver];
