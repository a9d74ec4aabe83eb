export * from './commitments.entities';
export * from './commitments.dto';
export * from './progress';
export * from './commitments.repository';
export * from './commitments.service';
export * from './commitments.resolver';
export * from './local-offer.controller';
export * from './commitments.module';
