export * from './boards.entities';
export * from './boards.dto';
export * from './boards.module';
export * from './boards.repositories';
export * from './boards.service';
export * from './boards.resolver';
