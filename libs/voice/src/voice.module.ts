import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { IdentityModule } from '@pbw/identity';
import { VoiceItemRepository } from './voice.repository';
import { VoiceItemResolver, VoiceLoaders } from './voice.resolver';
import { VoiceService } from './voice.service';

@Module({
  imports: [AuditModule, IdentityModule, BoardsModule, FrameworksModule],
  providers: [VoiceItemRepository, VoiceService, VoiceLoaders, VoiceItemResolver],
  exports: [VoiceItemRepository, VoiceService],
})
export class VoiceModule {}
