import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { AuditModule } from '@pbw/audit';
import { OutboxRepository, PartnershipRepository, UserRepository } from '@pbw/identity';
import {
  JOBS,
  type NotifyEventJob,
  QUEUES,
  type ReconcileRemindersJob,
  type ReplanRemindersJob,
  SCHEDULER_IDS,
  configuredWorker,
  type SendDigestsJob,
  type SendOutboxJob,
  type SendReminderJob,
} from '@pbw/queue';
import { DeliverySourcesRepository } from './delivery-sources.repository';
import { DeliveryService, MAILER } from './delivery.service';
import { EventSourcesRepository } from './event-sources.repository';
import { createMailer } from './mailer';
import { NotificationRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReminderRecordsRepository } from './reminder-records.repository';
import { ReminderRuleRepository } from './reminder-rules.repository';
import { ReminderSourcesRepository } from './reminder-sources.repository';
import { RemindersService } from './reminders.service';

/** How often the reconcile job rebuilds reminders from PostgreSQL and sweeps unsent e-mail. */
const RECONCILE_EVERY_MS = 60 * 60_000;

type ReminderJobData = ReplanRemindersJob | SendReminderJob | ReconcileRemindersJob | NotifyEventJob | SendOutboxJob | SendDigestsJob;

/** The reminders queue's worker (see configuredWorker for why it is made by hand). */
@Injectable()
export class RemindersProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reminders: RemindersService,
    private readonly delivery: DeliveryService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = configuredWorker<ReminderJobData>(this.config, QUEUES.REMINDERS, (job) => this.process(job));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<ReminderJobData>): Promise<unknown> {
    switch (job.name) {
      case JOBS.REPLAN_REMINDERS: {
        const d = job.data as ReplanRemindersJob;
        return this.reminders.replan(d.partnershipId, d.recordType, d.recordId);
      }
      case JOBS.SEND_REMINDER:
        return this.reminders.sendReminder(job.id ?? '', (job.data as SendReminderJob).partnershipId);
      case JOBS.RECONCILE_REMINDERS:
        return this.reminders.reconcile((job.data as ReconcileRemindersJob).partnershipId ?? null);
      case JOBS.NOTIFY_EVENT:
        return this.reminders.notifyEvent(job.id ?? '', job.data as NotifyEventJob);
      case JOBS.SEND_OUTBOX: {
        const d = job.data as SendOutboxJob;
        return this.delivery.sendOutbox(d.partnershipId, d.messageId);
      }
      case JOBS.SEND_DIGESTS:
        return this.delivery.sendDigests((job.data as SendDigestsJob).period);
      default:
        throw new Error(`Unknown reminders job ${job.name}`);
    }
  }
}

/**
 * Registers the repeating jobs under fixed scheduler ids when the worker starts: any number of
 * workers upsert the same ones. Digests go at 07:30 London, the weekly one on Mondays.
 */
@Injectable()
export class RemindersScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QUEUES.REMINDERS) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const keep = { removeOnComplete: 50, removeOnFail: 500 };
    await this.queue.upsertJobScheduler(
      SCHEDULER_IDS.RECONCILE_REMINDERS,
      { every: RECONCILE_EVERY_MS },
      { name: JOBS.RECONCILE_REMINDERS, data: {}, opts: keep },
    );
    const digest = (period: SendDigestsJob['period']) => ({ name: JOBS.SEND_DIGESTS, data: { period }, opts: keep });
    await this.queue.upsertJobScheduler(SCHEDULER_IDS.DAILY_DIGEST, { pattern: '0 30 7 * * *', tz: 'Europe/London' }, digest('DAILY'));
    await this.queue.upsertJobScheduler(SCHEDULER_IDS.WEEKLY_DIGEST, { pattern: '0 30 7 * * 1', tz: 'Europe/London' }, digest('WEEKLY'));
  }
}

/** The worker's side of reminders: planning, sending, reconciling, digests and security e-mails. */
@Module({
  imports: [AuditModule],
  providers: [
    { provide: MAILER, useFactory: (config: AppConfig) => createMailer(config), inject: [APP_CONFIG] },
    UserRepository,
    PartnershipRepository,
    OutboxRepository,
    NotificationRepository,
    NotificationsService,
    ReminderRecordsRepository,
    ReminderRuleRepository,
    ReminderSourcesRepository,
    EventSourcesRepository,
    DeliverySourcesRepository,
    DeliveryService,
    RemindersService,
    RemindersProcessor,
    RemindersScheduler,
  ],
  exports: [RemindersService, DeliveryService],
})
export class RemindersWorkerModule {}
