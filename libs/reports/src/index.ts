export * from './reports.entities';
export * from './reports.dto';
export * from './reports.repository';
export * from './reports.service';
export * from './reports.resolver';
export * from './reports.module';
