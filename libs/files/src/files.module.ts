import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { IdentityModule } from '@pbw/identity';
import { FILE_STORAGE, LocalDiskFileStorage } from './file-storage';
import { FilesController } from './files.controller';
import { FileRepository } from './files.repository';
import { FilesService } from './files.service';
import { HttpAuthenticator } from './http-auth';

@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [FilesController],
  providers: [
    { provide: FILE_STORAGE, useFactory: (config: AppConfig) => new LocalDiskFileStorage(config.fileStorageDir), inject: [APP_CONFIG] },
    FileRepository,
    FilesService,
    HttpAuthenticator,
  ],
  exports: [FILE_STORAGE, FileRepository, FilesService, HttpAuthenticator],
})
export class FilesModule {}
