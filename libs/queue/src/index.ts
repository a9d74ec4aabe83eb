export * from './queues';
export * from './queue.module';
export * from './requests';
export * from './redis-check';
export * from './configured-worker';
