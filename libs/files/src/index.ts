export * from './file-storage';
export * from './files.entities';
export * from './files.errors';
export * from './files.module';
export * from './files.repository';
export * from './files.service';
export * from './sniff';
export * from './http-auth';
