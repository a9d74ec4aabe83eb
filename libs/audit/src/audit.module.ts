import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditResolver } from './audit.resolver';
import { MutationRunner } from './mutation.runner';

@Module({
  providers: [AuditRepository, MutationRunner, AuditResolver],
  exports: [AuditRepository, MutationRunner],
})
export class AuditModule {}
