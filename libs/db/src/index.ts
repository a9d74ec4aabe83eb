export * from './data-source';
export * from './scoped/scope';
export * from './scoped/scoped.repository';
export * from './scoped/visibility';
export * from './scoped/cross-partnership';
export { MIGRATIONS } from './migrations';
