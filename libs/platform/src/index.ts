export * from './entities';
export * from './resolvers';
export * from './schema-file';
export * from './demo/demo-partnership';
export * from './demo/demo-work-plans';
export * from './demo/demo-agenda';
