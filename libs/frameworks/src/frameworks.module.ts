import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { FrameworkItemRepository, FrameworkRepository } from './frameworks.repositories';
import { FrameworkItemResolver, FrameworkResolver } from './frameworks.resolver';
import { FrameworksService } from './frameworks.service';

@Module({
  imports: [AuditModule],
  providers: [FrameworkRepository, FrameworkItemRepository, FrameworksService, FrameworkResolver, FrameworkItemResolver],
  exports: [FrameworkRepository, FrameworkItemRepository, FrameworksService],
})
export class FrameworksModule {}
