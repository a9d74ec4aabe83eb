export * from './actor';
export * from './config';
export * from './errors';
export * from './logger';
export * from './pagination';
export * from './request-context';
export * from './validation';
export * from './text';
