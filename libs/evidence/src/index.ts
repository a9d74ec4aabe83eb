export * from './evidence.entities';
export * from './evidence.dto';
export * from './evidence.repository';
export * from './evidence.service';
export * from './evidence.resolver';
export * from './evidence-files.controller';
export * from './evidence.module';
