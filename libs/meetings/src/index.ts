export * from './meetings.entities';
export * from './meetings.dto';
export * from './meetings.module';
export * from './meetings.repositories';
export * from './meetings.resolver';
export * from './meetings.service';
