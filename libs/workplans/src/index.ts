export * from './workplans.entities';
export * from './workplans.dto';
export * from './workplans.module';
export * from './workplans.repositories';
export * from './workplans.resolver';
export * from './workplans.service';
