export * from './search.dto';
export * from './search.repository';
export * from './search.service';
export * from './search.resolver';
export * from './search.module';
