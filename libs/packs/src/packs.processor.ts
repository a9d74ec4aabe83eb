import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { FILE_STORAGE, LocalDiskFileStorage } from '@pbw/files';
import { UserRepository } from '@pbw/identity';
import { AgendaItemRepository, BoardActionRepository, MeetingRepository } from '@pbw/meetings';
import { CoverageRepository } from '@pbw/principles';
import { type CompilePackJob, JOBS, QUEUES, configuredWorker } from '@pbw/queue';
import { PackCompiler } from './pack-compiler.service';
import { PackDataRepository } from './pack-data.repository';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository } from './packs.repository';

/**
 * The packs queue's worker. A compile can take a while (papers to merge), so it has its own
 * queue and its own worker, one job at a time, with the configured lock; progress goes on the
 * job (for a live bar) and on the pack's row. A job that fails for good marks its pack failed.
 */
@Injectable()
export class PacksProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly compiler: PackCompiler,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = configuredWorker<CompilePackJob>(this.config, QUEUES.PACKS, (job) => this.process(job));
    this.worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        void this.compiler.fail(job.data.partnershipId, job.data.packId, err.message);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  process(job: Job<CompilePackJob>): Promise<unknown> {
    if (job.name !== JOBS.COMPILE_PACK) throw new Error(`Unknown packs job ${job.name}`);
    return this.compiler.compile(job.data.partnershipId, job.data.packId, (percent, step) => job.updateProgress({ percent, step }));
  }
}

@Module({
  providers: [
    { provide: FILE_STORAGE, useFactory: (config: AppConfig) => new LocalDiskFileStorage(config.fileStorageDir), inject: [APP_CONFIG] },
    BoardPackRepository,
    PackFindingRepository,
    PersonalDataNameRepository,
    PackDataRepository,
    MeetingRepository,
    AgendaItemRepository,
    BoardActionRepository,
    UserRepository,
    CoverageRepository,
    PackCompiler,
    PacksProcessor,
  ],
})
export class PacksWorkerModule {}
