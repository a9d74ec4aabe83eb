import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { AuditModule } from '@pbw/audit';
import { JOBS, QUEUES, SCHEDULER_IDS, type PurgeUnattachedFilesJob, type PurgeUnattachedFilesResult } from '@pbw/queue';
import { FILE_STORAGE, LocalDiskFileStorage } from './file-storage';
import { UnattachedFilesRepository } from './file-cleanup.repository';
import { FileCleanupService } from './file-cleanup.service';
import { FileRepository } from './files.repository';

@Processor(QUEUES.FILES)
export class FilesProcessor extends WorkerHost {
  constructor(private readonly cleanup: FileCleanupService) {
    super();
  }

  async process(job: Job<PurgeUnattachedFilesJob>): Promise<PurgeUnattachedFilesResult> {
    if (job.name === JOBS.PURGE_UNATTACHED_FILES) {
      return this.cleanup.purge(job.data.uploadedBefore ? new Date(job.data.uploadedBefore) : undefined);
    }
    throw new Error(`Unknown files job ${job.name}`);
  }
}

/** The api plans the sweep under a fixed scheduler id, so every replica upserts the same schedule. */
@Injectable()
export class FilesScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.FILES) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_IDS.PURGE_UNATTACHED_FILES,
      { every: this.config.filePurgeEveryMinutes * 60_000 },
      { name: JOBS.PURGE_UNATTACHED_FILES, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
  }
}

/** The worker's side: runs the clean-up. */
@Module({
  imports: [AuditModule],
  providers: [
    { provide: FILE_STORAGE, useFactory: (config: AppConfig) => new LocalDiskFileStorage(config.fileStorageDir), inject: [APP_CONFIG] },
    FileRepository,
    UnattachedFilesRepository,
    FileCleanupService,
    FilesProcessor,
  ],
  exports: [FileCleanupService],
})
export class FilesWorkerModule {}

/** The api's side: plans it. */
@Module({ providers: [FilesScheduler] })
export class FilesSchedulerModule {}
