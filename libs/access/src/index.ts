export * from './access.policy';
export * from './access-token.service';
export * from './auth.guard';
export * from './gql-context';
export * from './loaders';
export * from './tokens';
