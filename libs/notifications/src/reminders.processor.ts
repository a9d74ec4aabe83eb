import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { AuditModule } from '@pbw/audit';
import { PartnershipRepository, UserRepository } from '@pbw/identity';
import { ActionRepository, WorkPlanRepository } from '@pbw/workplans';
import { JOBS, QUEUES, SCHEDULER_IDS, type ReplanRemindersJob, type SendReminderJob } from '@pbw/queue';
import { createMailer } from './mailer';
import { NotificationRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReminderSourcesRepository } from './reminder-sources.repository';
import { MAILER, RemindersService } from './reminders.service';

/** How often the reconcile job rebuilds reminders from PostgreSQL. */
const RECONCILE_EVERY_MS = 60 * 60_000;

@Processor(QUEUES.REMINDERS)
export class RemindersProcessor extends WorkerHost {
  constructor(private readonly reminders: RemindersService) {
    super();
  }

  async process(job: Job<ReplanRemindersJob | SendReminderJob | Record<string, never>>): Promise<unknown> {
    switch (job.name) {
      case JOBS.REPLAN_REMINDERS: {
        const d = job.data as ReplanRemindersJob;
        return this.reminders.replanAction(d.partnershipId, d.recordId);
      }
      case JOBS.SEND_REMINDER:
        return this.reminders.sendReminder(job.id ?? '', (job.data as SendReminderJob).partnershipId);
      case JOBS.RECONCILE_REMINDERS:
        return this.reminders.reconcile();
      default:
        throw new Error(`Unknown reminders job ${job.name}`);
    }
  }
}

/** Registers the reconcile job under a fixed scheduler id when the worker starts: any number of workers upsert the same one. */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.REMINDERS) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_IDS.RECONCILE_REMINDERS,
      { every: RECONCILE_EVERY_MS, immediately: true },
      { name: JOBS.RECONCILE_REMINDERS, data: {}, opts: { removeOnComplete: 50, removeOnFail: 500 } },
    );
  }
}

/** The worker's side of reminders: planning, sending and reconciling. */
@Module({
  imports: [AuditModule],
  providers: [
    { provide: MAILER, useFactory: (config: AppConfig) => createMailer(config), inject: [APP_CONFIG] },
    ActionRepository,
    WorkPlanRepository,
    UserRepository,
    PartnershipRepository,
    NotificationRepository,
    NotificationsService,
    ReminderSourcesRepository,
    RemindersService,
    RemindersProcessor,
    RemindersScheduler,
  ],
  exports: [RemindersService],
})
export class RemindersWorkerModule {}
