export * from './audit-event.entity';
export * from './audit.dto';
export * from './audit.module';
export * from './audit.repository';
export * from './mutation.runner';
export { default as GraphQLJSON } from './json.scalar';
export * from './audit.resolver';
