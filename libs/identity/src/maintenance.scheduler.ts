import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { JOBS, QUEUES, SCHEDULER_IDS } from '@pbw/queue';

/**
 * The api plans the maintenance jobs; the worker runs them. The scheduler id is fixed, so
 * every api replica upserts the same schedule instead of adding its own.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.MAINTENANCE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_IDS.EXPIRE_INVITATIONS,
      { every: this.config.invitationExpiryEveryMinutes * 60_000 },
      { name: JOBS.EXPIRE_INVITATIONS, data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
    );
  }
}
