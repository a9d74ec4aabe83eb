import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, londonTime, londonToday } from '@pbw/core';
import { Scope, type TxScope } from '@pbw/db';
import { PartnershipRepository, UserRepository, UserStatus } from '@pbw/identity';
import { ActionRepository, WorkPlanRepository, WorkPlanStatus } from '@pbw/workplans';
import { JOBS, QUEUES, type SendReminderJob } from '@pbw/queue';
import type { Mailer } from './mailer';
import { EmailStatus, NotificationKind } from './notifications.entities';
import { NotificationRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SEND_AT, actionJobPrefix, actionReminderPlan, parseActionJobId } from './reminder-plan';
import { ReminderSourcesRepository } from './reminder-sources.repository';
import { renderEmail } from './templates';

export const MAILER = Symbol('MAILER');

/** The instant a London day's reminders go out (08:00 London, winter or summer). */
export function londonMorning(day: string): Date {
  return londonTime(day, SEND_AT);
}

const PENDING_STATES = ['delayed', 'waiting', 'paused', 'prioritized'] as const;

/**
 * Reminders planned as BullMQ delayed jobs with deterministic ids, so planning again replaces
 * and never duplicates; re-planned from PostgreSQL whenever a record changes and by the
 * reconcile job, so losing Redis loses no reminder. A reminder that runs reloads its record and
 * sends nothing if it no longer applies.
 */
@Injectable()
export class RemindersService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAILER) private readonly mailer: Mailer,
    @InjectQueue(QUEUES.REMINDERS) private readonly queue: Queue,
    private readonly ds: DataSource,
    private readonly actions: ActionRepository,
    private readonly plans: WorkPlanRepository,
    private readonly users: UserRepository,
    private readonly partnerships: PartnershipRepository,
    private readonly notificationRows: NotificationRepository,
    private readonly notifications: NotificationsService,
    private readonly sources: ReminderSourcesRepository,
  ) {}

  /** The ids of every reminder job still to run, optionally of one action. */
  async plannedJobIds(prefix = 'action-due_'): Promise<Set<string>> {
    const jobs = await this.queue.getJobs([...PENDING_STATES]);
    return new Set(jobs.map((j) => j.id ?? '').filter((id) => id.startsWith(prefix)));
  }

  /** Brings one action's planned jobs in line with the action as it is now; answers how many were added and removed. */
  async replanAction(partnershipId: string, actionId: string, planned?: Set<string>): Promise<{ added: number; removed: number }> {
    const scope = Scope.system(partnershipId, this.ds);
    const a = await this.actions.findById(scope, actionId);
    const plan = a ? await this.plans.findById(scope, a.workPlanId) : null;
    const wanted = a && plan?.status === WorkPlanStatus.ACTIVE ? actionReminderPlan(a, londonToday()) : [];
    const existing = planned ?? (await this.plannedJobIds(actionJobPrefix(actionId)));
    const keep = new Set(wanted.map((w) => w.jobId));
    let removed = 0;
    for (const id of existing) {
      if (!id.startsWith(actionJobPrefix(actionId)) || keep.has(id)) continue;
      await this.queue.remove(id);
      removed++;
    }
    let added = 0;
    for (const w of wanted) {
      if (existing.has(w.jobId)) continue;
      const job: SendReminderJob = { partnershipId, recordType: 'ACTION', recordId: actionId };
      await this.queue.add(JOBS.SEND_REMINDER, job, {
        jobId: w.jobId,
        delay: Math.max(0, londonMorning(w.sendOn).getTime() - Date.now()),
        removeOnComplete: { age: 30 * 86_400, count: 10_000 },
      });
      added++;
    }
    return { added, removed };
  }

  /** Rebuilds every planned reminder from PostgreSQL: what Redis lost comes back; nothing is doubled. */
  async reconcile(): Promise<{ actions: number; added: number; removed: number }> {
    const planned = await this.plannedJobIds();
    const open = await this.sources.openActions(londonToday());
    let added = 0;
    let removed = 0;
    for (const a of open) {
      const r = await this.replanAction(a.partnershipId, a.id, planned);
      added += r.added;
      removed += r.removed;
    }
    return { actions: open.length, added, removed };
  }

  /**
   * Sends one planned reminder, if it still applies: the action is open, in an active plan, and
   * still due on the date the reminder was planned for. The notification's dedupe key is the
   * job id and the recipient, so running this twice notifies once.
   */
  async sendReminder(jobId: string, partnershipId: string): Promise<'sent' | 'skipped'> {
    const parsed = parseActionJobId(jobId);
    if (!parsed) return 'skipped';
    const scope = Scope.system(partnershipId, this.ds);
    const a = await this.actions.findById(scope, parsed.actionId);
    const plan = a ? await this.plans.findById(scope, a.workPlanId) : null;
    if (
      !a ||
      plan?.status !== WorkPlanStatus.ACTIVE ||
      !['NOT_STARTED', 'IN_PROGRESS'].includes(a.status) ||
      a.dueDate !== parsed.dueDate
    ) {
      return 'skipped';
    }
    const owner = await this.users.findById(scope, a.ownerUserId);
    if (!owner || owner.status !== UserStatus.ACTIVE) return 'skipped';
    const dedupeKey = `${jobId}:${owner.id}`;
    const when = parsed.offset === 0 ? 'today' : `in ${parsed.offset} days`;
    await scope.transaction((tx) =>
      this.notifications.notify(tx, {
        userId: owner.id,
        kind: NotificationKind.ACTION_DUE,
        dedupeKey,
        message: {
          title: `Action due ${when}: ${a.title}`,
          body: `This action you own is due on ${a.dueDate}. Post an update to say where it is, or mark it complete.`,
          link: `/actions/${a.id}`,
        },
      }),
    );
    await scope.transaction((tx) => this.deliver(tx, dedupeKey));
    return 'sent';
  }

  /** E-mails a notification waiting to go at once, and marks it sent in the same transaction. */
  private async deliver(tx: TxScope, dedupeKey: string): Promise<void> {
    const n = await this.notificationRows.byDedupeKey(tx, dedupeKey);
    if (!n || n.emailStatus !== EmailStatus.PENDING) return;
    const [user, partnership] = await Promise.all([this.users.findById(tx, n.userId), this.partnerships.current(tx)]);
    if (!user) return;
    const mail = renderEmail({ title: n.title, body: n.body, link: n.link }, this.config.publicUrl, partnership?.name ?? '');
    // The Message-ID is the notification's own, so a resend after a crash is recognisably the same message.
    await this.mailer.send({ to: user.email, ...mail, messageId: `<${n.id}@pbw.notifications>` });
    n.emailStatus = EmailStatus.SENT;
    n.emailedAt = new Date();
    await this.notificationRows.save(tx, n);
  }
}
