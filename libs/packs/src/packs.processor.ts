import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { type Job, type Queue, UnrecoverableError, type Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { FILE_STORAGE, LocalDiskFileStorage } from '@pbw/files';
import { CrossPartnershipRepository } from '@pbw/db';
import { UserRepository } from '@pbw/identity';
import { AgendaItemRepository, BoardActionRepository, MeetingRepository } from '@pbw/meetings';
import { CoverageRepository } from '@pbw/principles';
import { type CompilePackJob, JOBS, QUEUES, configuredWorker } from '@pbw/queue';
import { PackCompiler } from './pack-compiler.service';
import { PackDataRepository } from './pack-data.repository';
import { BoardPackEntity, PackStatus } from './packs.entities';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository } from './packs.repository';
import { compileJobId, enqueueCompile } from './packs.service';

/** How often the worker looks for packs left without a job; a minute is soon enough for a person waiting on a compile. */
const SWEEP_EVERY_MS = 60_000;

/** The sweep's questions span partnerships: which packs are unfinished, and which ended with editions still recorded. */
@Injectable()
export class UnfinishedPacksRepository extends CrossPartnershipRepository<BoardPackEntity> {
  protected readonly entity = BoardPackEntity;
  protected readonly alias = 'bp';

  constructor(ds: DataSource) {
    super(ds);
  }

  waiting(): Promise<BoardPackEntity[]> {
    return this.unscopedSelect()
      .where('bp.status IN (:...s)', { s: [PackStatus.QUEUED, PackStatus.RUNNING] })
      .orderBy('bp.created_at')
      .getMany();
  }

  endedWithEditions(): Promise<BoardPackEntity[]> {
    return this.unscopedSelect()
      .where('bp.status IN (:...s) AND (bp.members_key IS NOT NULL OR bp.public_key IS NOT NULL)', {
        s: [PackStatus.CANCELLED, PackStatus.FAILED],
      })
      .getMany();
  }
}

/**
 * The packs queue's worker. A compile can take a while (papers to merge), so it has its own
 * queue and its own worker, one job at a time, with the configured lock; progress goes on the
 * job (for a live bar) and on the pack's row. A job that fails for good marks its pack failed.
 * At its start and every minute it sweeps: a pack QUEUED or RUNNING with no job (the api
 * committed the row but Redis never took the job, or Redis lost it) is enqueued again under
 * its own job id, and editions left recorded on a cancelled or failed pack are deleted.
 */
@Injectable()
export class PacksProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('packs sweep');
  private worker?: Worker;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly compiler: PackCompiler,
    private readonly unfinished: UnfinishedPacksRepository,
    @InjectQueue(QUEUES.PACKS) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = configuredWorker<CompilePackJob>(this.config, QUEUES.PACKS, (job) => this.process(job));
    this.worker.on('failed', (job, err) => {
      // finishedOn is set only when the job has failed for good: out of attempts, or unrecoverable.
      const final = job && (job.finishedOn || err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1));
      if (job && final) void this.compiler.fail(job.data.partnershipId, job.data.packId, this.reason(err, job));
    });
    this.sweeping = this.sweep();
    this.timer = setInterval(() => {
      this.sweeping = (this.sweeping ?? Promise.resolve()).then(() => this.sweep());
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
    await this.worker?.close();
  }

  process(job: Job<CompilePackJob>): Promise<unknown> {
    if (job.name !== JOBS.COMPILE_PACK) throw new Error(`Unknown packs job ${job.name}`);
    return this.compiler.compile(job.data.partnershipId, job.data.packId, (percent, step) => job.updateProgress({ percent, step }));
  }

  /** What the secretariat reads: an unrecoverable error already says what to do; anything else says it was tried. */
  private reason(err: Error, job: Job<CompilePackJob>): string {
    if (err instanceof UnrecoverableError || err.name === 'UnrecoverableError') return err.message;
    const tries = job.attemptsMade === 1 ? 'once' : `${job.attemptsMade} times`;
    return `The compile failed (tried ${tries}): ${err.message}. Compile again; if it fails again, tell the workspace's support.`;
  }

  /** Never throws: a sweep that cannot reach PostgreSQL or Redis tries again next time. */
  async sweep(): Promise<void> {
    try {
      for (const p of await this.unfinished.waiting()) {
        if (!(await this.queue.getJob(compileJobId(p.id)))) {
          this.log.warn(`Board pack ${p.id} (${p.status}) had no compile job; queued it again.`);
          await enqueueCompile(this.queue, p);
        }
      }
      for (const p of await this.unfinished.endedWithEditions()) await this.compiler.discardUnfinished(p.partnershipId, p.id);
    } catch (err) {
      this.log.error(`The sweep for packs without a job failed: ${err instanceof Error ? err.message : String(err)}`);
    }
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
    UnfinishedPacksRepository,
    PacksProcessor,
  ],
})
export class PacksWorkerModule {}
