export * from './frameworks.entities';
export * from './frameworks.dto';
export * from './frameworks.module';
export * from './frameworks.repositories';
export * from './frameworks.resolver';
export * from './frameworks.service';
export * from './choosable';
