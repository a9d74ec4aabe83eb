import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig, fieldError, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import { PartnershipRepository } from '@pbw/identity';
import { JOBS, QUEUES, requestReconcile } from '@pbw/queue';
import { NotificationKind } from './notifications.entities';
import type { EmailPreviewType, FailedJobType, ReminderRuleType, SetReminderRuleInput } from './reminder-rules.dto';
import {
  DEFAULT_RULES,
  RULE_DESCRIPTIONS,
  RULE_FIELDS,
  RULE_KINDS,
  type ReminderRule,
  type RuleField,
  type RuleKind,
  parseReminderJobId,
} from './reminder-rules';
import { ReminderRuleRepository } from './reminder-rules.repository';
import { EXAMPLE_MESSAGES, KIND_LABELS, renderDigest, renderEmail } from './templates';

const FIELD_WORDS: Record<RuleField, string> = {
  daysBefore: 'days before',
  repeatEveryDays: 'a repeat',
  chairAfterDays: 'a point at which the chair hears',
  secretariatAfterDays: 'a point at which the secretariat hears',
};

const same = (a: ReminderRule, b: ReminderRule): boolean =>
  a.enabled === b.enabled &&
  a.daysBefore.join() === b.daysBefore.join() &&
  a.repeatEveryDays === b.repeatEveryDays &&
  a.chairAfterDays === b.chairAfterDays &&
  a.secretariatAfterDays === b.secretariatAfterDays;

/** The secretariat's side of reminders: the partnership's rules, e-mail previews, and reminder jobs that failed. */
@Injectable()
export class ReminderRulesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mutations: MutationRunner,
    private readonly rules: ReminderRuleRepository,
    private readonly partnerships: PartnershipRepository,
    // Absent where the service runs without queues; rule changes then wait for the hourly reconcile.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly queue?: Queue,
  ) {}

  private view(r: ReminderRule): ReminderRuleType {
    return {
      ...r,
      label: KIND_LABELS[r.kind],
      description: RULE_DESCRIPTIONS[r.kind],
      settings: [...RULE_FIELDS[r.kind]],
      isDefault: same(r, DEFAULT_RULES[r.kind]),
    };
  }

  async list(scope: Scope): Promise<ReminderRuleType[]> {
    const set = await this.rules.rules(scope);
    return RULE_KINDS.map((k) => this.view(set[k]));
  }

  /** Changes one rule; what is left out stays as it was. The partnership's reminders are then re-planned. */
  async set(scope: Scope, input: SetReminderRuleInput): Promise<ReminderRuleType> {
    AccessPolicy.assert(AccessPolicy.canAdminister(scope.actor), 'Only the board secretariat can change reminder rules.');
    if (!(RULE_KINDS as readonly NotificationKind[]).includes(input.kind)) {
      throw fieldError('input.kind', `${KIND_LABELS[input.kind]} always go at once; there is no rule to change.`);
    }
    const kind = input.kind as RuleKind;
    const has = RULE_FIELDS[kind];
    for (const f of ['daysBefore', 'repeatEveryDays', 'chairAfterDays', 'secretariatAfterDays'] as const) {
      if (input[f] !== undefined && input[f] !== null && !has.includes(f)) {
        throw fieldError(`input.${f}`, `This reminder has no ${FIELD_WORDS[f]} to set.`);
      }
    }
    if (input.daysBefore === null) throw fieldError('input.daysBefore', 'Give the days before, or leave them out to keep them.');
    const result = await this.mutations.run(scope, 'reminderRule.set', async (tx) => {
      const before = await this.rules.lockRule(tx, kind);
      const next: ReminderRule = {
        kind,
        enabled: input.enabled,
        daysBefore: input.daysBefore ? [...new Set(input.daysBefore)].sort((a, b) => b - a) : before.daysBefore,
        repeatEveryDays: input.repeatEveryDays === undefined ? before.repeatEveryDays : input.repeatEveryDays,
        chairAfterDays: input.chairAfterDays === undefined ? before.chairAfterDays : input.chairAfterDays,
        secretariatAfterDays: input.secretariatAfterDays === undefined ? before.secretariatAfterDays : input.secretariatAfterDays,
      };
      if (next.enabled && has.includes('daysBefore') && !next.daysBefore.length) {
        throw fieldError('input.daysBefore', 'Give at least one day before (0 is the day itself), or turn the reminder off.');
      }
      if (
        next.enabled &&
        kind === NotificationKind.ACTION_OVERDUE &&
        next.chairAfterDays !== null &&
        next.secretariatAfterDays !== null &&
        next.secretariatAfterDays < next.chairAfterDays
      ) {
        throw fieldError(
          'input.secretariatAfterDays',
          'The secretariat hears after the chair: give at least as many days as for the chair.',
        );
      }
      if (
        next.enabled &&
        kind === NotificationKind.ACTION_OVERDUE &&
        !next.repeatEveryDays &&
        !next.chairAfterDays &&
        !next.secretariatAfterDays
      ) {
        throw fieldError('input.repeatEveryDays', 'Say who hears about an overdue action and when, or turn the reminder off.');
      }
      await this.rules.put(tx, next);
      return {
        result: this.view(next),
        audit: same(before, next)
          ? []
          : { entityType: 'Partnership', entityId: tx.partnershipId, before: { reminderRule: before }, after: { reminderRule: next } },
        allowNoChange: true,
      };
    });
    await requestReconcile(this.queue, scope.partnershipId);
    return result;
  }

  /** An e-mail of this kind as it would go out, with example wording; in a digest with a second example, if asked. */
  async preview(scope: Scope, kind: NotificationKind, digest: 'DAILY' | 'WEEKLY' | null): Promise<EmailPreviewType> {
    AccessPolicy.assert(AccessPolicy.canAdminister(scope.actor), 'Only the board secretariat can preview e-mails.');
    const name = (await this.partnerships.current(scope))?.name ?? '';
    const example = EXAMPLE_MESSAGES[kind];
    if (!digest) return renderEmail(example, this.config.publicUrl, name);
    return renderDigest([example, EXAMPLE_MESSAGES[NotificationKind.ACTION_OVERDUE]], digest, this.config.publicUrl, name);
  }

  /** Reminder and e-mail jobs of this partnership that failed after their retries, newest first. */
  async failedJobs(scope: Scope): Promise<FailedJobType[]> {
    AccessPolicy.assert(AccessPolicy.canAdminister(scope.actor), 'Only the board secretariat can see failed jobs.');
    if (!this.queue) return [];
    const jobs = await this.queue.getJobs(['failed'], 0, 999, false);
    return jobs.filter((j) => this.ours(scope, j)).map((j) => this.describe(j));
  }

  async retry(scope: Scope, id: string): Promise<FailedJobType> {
    AccessPolicy.assert(AccessPolicy.canAdminister(scope.actor), 'Only the board secretariat can retry failed jobs.');
    const job = this.queue ? await this.queue.getJob(id) : undefined;
    if (!job || !this.ours(scope, job)) throw notFound('Failed job');
    if (!(await job.isFailed())) throw fieldError('input.id', 'This job has not failed: it is waiting, running or done.');
    return this.mutations.run(scope, 'failedJob.retry', async () => {
      await job.retry('failed');
      return {
        result: this.describe(job),
        audit: { entityType: 'Partnership', entityId: scope.partnershipId, before: { failedJob: id }, after: { retriedJob: id } },
      };
    });
  }

  private ours(scope: Scope, j: Job): boolean {
    return (j.data as { partnershipId?: string } | undefined)?.partnershipId === scope.partnershipId;
  }

  private describe(j: Job): FailedJobType {
    const p = parseReminderJobId(j.id ?? '');
    const description =
      j.name === JOBS.SEND_REMINDER && p
        ? `Reminder: ${KIND_LABELS[p.kind].toLowerCase()} (for ${p.anchor})`
        : j.name === JOBS.NOTIFY_EVENT
          ? 'Tell an author their evidence was returned'
          : j.name === JOBS.SEND_OUTBOX
            ? 'E-mail an invitation or password reset'
            : j.name === JOBS.REPLAN_REMINDERS
              ? 'Plan a record’s reminders'
              : j.name === JOBS.RECONCILE_REMINDERS
                ? 'Re-plan the partnership’s reminders'
                : j.name;
    return {
      id: j.id ?? '',
      name: j.name,
      description,
      failedReason: j.failedReason ?? null,
      attemptsMade: j.attemptsMade,
      failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
    };
  }
}
