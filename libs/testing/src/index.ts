export * from './factories';
export * from './gql-client';
export * from './stack';
export * from './test-database';
export * from './ops';
export * from './eventually';
export * from './reminders-time';
export * from './worker-process';
