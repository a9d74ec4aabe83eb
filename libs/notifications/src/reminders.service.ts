import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { addDays, londonTime, londonToday, longDate } from '@pbw/core';
import { Scope } from '@pbw/db';
import { JOBS, NOTIFY_JOB_OPTS, type NotifyEventJob, QUEUES, type SendReminderJob } from '@pbw/queue';
import { DeliveryService } from './delivery.service';
import { NotificationKind } from './notifications.entities';
import { NotificationRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { type Recipient, ReminderRecordsRepository, type ReminderSubject } from './reminder-records.repository';
import {
  KIND_RECORD,
  type PlannedReminder,
  REPEAT_HORIZON_DAYS,
  type ReminderRecordType,
  type RuleSet,
  SEND_AT,
  parseReminderJobId,
  planReminders,
} from './reminder-rules';
import { ReminderRuleRepository } from './reminder-rules.repository';
import { ReminderSourcesRepository } from './reminder-sources.repository';
import type { Message } from './templates';
import { EventSourcesRepository } from './event-sources.repository';

/** The instant a London day's reminders go out (08:00 London, winter or summer). */
export function londonMorning(day: string): Date {
  return londonTime(day, SEND_AT);
}

const PENDING_STATES = ['delayed', 'waiting', 'paused', 'prioritized'] as const;

interface Addressed {
  to: Recipient[];
  message: (r: Recipient) => Message;
}

const when = (days: number, unit = 'days'): string => (days === 0 ? 'today' : days === 1 ? `tomorrow` : `in ${days} ${unit}`);

/**
 * Reminders planned as BullMQ delayed jobs with deterministic ids, so planning again replaces
 * and never duplicates; re-planned from PostgreSQL whenever a record changes and by the
 * reconcile job, so losing Redis loses no reminder. A reminder that runs reloads its record and
 * the partnership's rules, and sends nothing if it no longer applies.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectQueue(QUEUES.REMINDERS) private readonly queue: Queue,
    private readonly ds: DataSource,
    private readonly records: ReminderRecordsRepository,
    private readonly rules: ReminderRuleRepository,
    private readonly notificationRows: NotificationRepository,
    private readonly notifications: NotificationsService,
    private readonly sources: ReminderSourcesRepository,
    private readonly events: EventSourcesRepository,
    private readonly delivery: DeliveryService,
  ) {}

  /** Every reminder job still to run, by id, with the partnership it is for. */
  private async plannedJobs(): Promise<Map<string, string | undefined>> {
    const jobs = await this.queue.getJobs([...PENDING_STATES]);
    return new Map(
      jobs
        .filter((j) => parseReminderJobId(j.id ?? '') !== null)
        .map((j) => [j.id as string, (j.data as SendReminderJob | undefined)?.partnershipId] as const),
    );
  }

  /** The ids of every reminder job still to run. */
  async plannedJobIds(): Promise<Set<string>> {
    return new Set((await this.plannedJobs()).keys());
  }

  private async subject(partnershipId: string, type: ReminderRecordType, id: string): Promise<ReminderSubject | null> {
    return this.records.subject(Scope.system(partnershipId, this.ds), type, id);
  }

  /** Brings one record's planned jobs in line with the record and the rules as they are now. */
  async replan(
    partnershipId: string,
    type: ReminderRecordType,
    recordId: string,
    known?: { planned: Set<string>; rules: RuleSet },
  ): Promise<{ added: number; removed: number }> {
    const rules = known?.rules ?? (await this.rules.rules(Scope.system(partnershipId, this.ds)));
    const rec = await this.subject(partnershipId, type, recordId);
    const today = londonToday();
    const wanted = rec ? planReminders(rec, rules, today, addDays(today, REPEAT_HORIZON_DAYS)) : [];
    const planned = known?.planned ?? (await this.plannedJobIds());
    const keep = new Set(wanted.map((w) => w.jobId));
    let removed = 0;
    for (const id of planned) {
      if (parseReminderJobId(id)?.recordId !== recordId || keep.has(id)) continue;
      await this.queue.remove(id);
      removed++;
    }
    let added = 0;
    for (const w of wanted) {
      if (planned.has(w.jobId)) continue;
      const job: SendReminderJob = { partnershipId, recordType: type, recordId };
      await this.queue.add(JOBS.SEND_REMINDER, job, {
        jobId: w.jobId,
        delay: Math.max(0, londonMorning(w.sendOn).getTime() - Date.now()),
        ...NOTIFY_JOB_OPTS,
      });
      added++;
    }
    return { added, removed };
  }

  /**
   * Rebuilds every planned reminder from PostgreSQL (of one partnership, or all): what Redis lost
   * comes back, nothing is doubled; then sends any e-mail that should have gone and has not.
   */
  async reconcile(partnershipId: string | null = null): Promise<{ records: number; added: number; removed: number; swept: number }> {
    const jobs = await this.plannedJobs();
    const planned = new Set(jobs.keys());
    const open = await this.sources.open(londonToday(), partnershipId);
    const rules = new Map<string, RuleSet>();
    let added = 0;
    let removed = 0;
    for (const r of open) {
      if (!rules.has(r.partnershipId)) rules.set(r.partnershipId, await this.rules.rules(Scope.system(r.partnershipId, this.ds)));
      const done = await this.replan(r.partnershipId, r.type, r.id, { planned, rules: rules.get(r.partnershipId) as RuleSet });
      added += done.added;
      removed += done.removed;
    }
    // Jobs of records no longer open (closed while Redis was away) are not in `open`: drop those too.
    const openIds = new Set(open.map((r) => r.id));
    for (const id of planned) {
      const p = parseReminderJobId(id);
      if (!p || openIds.has(p.recordId) || (partnershipId && jobs.get(id) !== partnershipId)) continue;
      await this.queue.remove(id);
      removed++;
    }
    const swept = partnershipId ? { notifications: 0, outbox: 0 } : await this.delivery.sweep();
    return { records: open.length, added, removed, swept: swept.notifications + swept.outbox };
  }

  /**
   * Sends one planned reminder, if it still applies under the record and the rules as they are
   * now. Each recipient's notification is unique by the job id and the person, so running this
   * twice notifies once; each e-mail goes in its own transaction, so a crash part-way leaves the
   * rest for the retry and resends none.
   */
  async sendReminder(jobId: string, partnershipId: string): Promise<'sent' | 'skipped'> {
    const p = parseReminderJobId(jobId);
    const type = p ? KIND_RECORD[p.kind] : undefined;
    if (!p || !type) return 'skipped';
    const scope = Scope.system(partnershipId, this.ds);
    const [rec, rules] = await Promise.all([this.subject(partnershipId, type, p.recordId), this.rules.rules(scope)]);
    const today = londonToday();
    const current = rec ? planReminders(rec, rules, '0000-01-01', addDays(today, REPEAT_HORIZON_DAYS)) : [];
    const planned = current.find((c) => c.jobId === jobId);
    if (!rec || !planned) return 'skipped';
    const addressed = await this.address(scope, rec, planned, today);
    if (!addressed?.to.length) return 'skipped';
    const sent = await this.notifyAll(partnershipId, jobId, planned.kind, addressed);
    // The next repeat of an overdue reminder is planned as this one goes.
    if (/^w\d+$/.test(planned.step)) await this.replan(partnershipId, type, p.recordId, { planned: await this.plannedJobIds(), rules });
    return sent;
  }

  /** Tells the people concerned about an event (evidence returned), once per record version. */
  async notifyEvent(jobId: string, job: NotifyEventJob): Promise<'sent' | 'skipped'> {
    const scope = Scope.system(job.partnershipId, this.ds);
    const rules = await this.rules.rules(scope);
    if (job.event === 'EVIDENCE_RETURNED') {
      if (!rules.EVIDENCE_RETURNED.enabled) return 'skipped';
      const e = await this.events.returnedEvidence(scope, job.recordId);
      if (!e) return 'skipped';
      const to = await this.records.activeUsers(scope, [e.authorUserId]);
      return this.notifyAll(job.partnershipId, jobId, NotificationKind.EVIDENCE_RETURNED, {
        to,
        message: () => ({
          title: `Evidence returned to you: ${e.title}`,
          body: `Your evidence was returned with this comment:\n\n${e.returnComment ?? ''}\n\nChange it and submit it again.`,
          link: `/evidence/${e.id}`,
        }),
      });
    }
    if (job.event === 'PACK_PUBLISHED') {
      if (!rules.PACK_PUBLISHED.enabled) return 'skipped';
      const p = await this.events.publishedPack(scope, job.recordId);
      if (!p) return 'skipped';
      return this.notifyAll(job.partnershipId, jobId, NotificationKind.PACK_PUBLISHED, {
        to: await this.records.withRole(scope, 'BOARD_MEMBER'),
        message: () =>
          p.supplement
            ? {
                title: `Supplement to the board pack: ${p.meetingTitle}`,
                body: `Version ${p.version} of the pack is published. What changed: ${p.changeNote ?? ''}`,
                link: `/meetings/${p.meetingId}`,
              }
            : {
                title: `Board pack published: ${p.meetingTitle}`,
                body: 'The pack for the meeting is ready to read.',
                link: `/meetings/${p.meetingId}`,
              },
      });
    }
    if (job.event === 'PACK_CONTRIBUTION_DUE') {
      const c = await this.events.outstandingContribution(scope, job.recordId);
      if (!c) return 'skipped';
      const to =
        c.kind === 'SUB_GROUP_REPORT' && c.subGroupId
          ? await this.records.chairs(scope, [c.subGroupId])
          : await this.records.activeUsers(scope, c.authorUserId ? [c.authorUserId] : []);
      const what = c.kind === 'PAPER' ? 'paper' : 'highlight report';
      const due = c.deadline < londonToday() ? 'was due' : 'is due';
      return this.notifyAll(job.partnershipId, jobId, NotificationKind.REPORT_DEADLINE, {
        to,
        message: () => ({
          title: `The board secretariat is waiting for your ${what}: ${c.title}`,
          body: `Your ${what} for ${c.meetingTitle} ${due} by ${longDate(c.deadline)}. It is not in yet.`,
          link: `/meetings/${c.meetingId}`,
        }),
      });
    }
    return 'skipped';
  }

  private async notifyAll(partnershipId: string, jobId: string, kind: NotificationKind, a: Addressed): Promise<'sent' | 'skipped'> {
    const scope = Scope.system(partnershipId, this.ds);
    const keys = a.to.map((r) => `${jobId}:${r.userId}`);
    await scope.transaction(async (tx) => {
      for (const [i, r] of a.to.entries()) {
        await this.notifications.notify(tx, { userId: r.userId, kind, dedupeKey: keys[i], message: a.message(r) });
      }
    });
    for (const n of await this.notificationRows.byDedupeKeys(scope, keys)) await this.delivery.deliver(partnershipId, n.id);
    return 'sent';
  }

  /** Who hears of this reminder, and what they are told. */
  private async address(scope: Scope, rec: ReminderSubject, r: PlannedReminder, today: string): Promise<Addressed | null> {
    const n = Number(r.step);
    switch (r.kind) {
      case 'ACTION_DUE':
        return {
          to: await this.records.activeUsers(scope, rec.ownerUserId ? [rec.ownerUserId] : []),
          message: () => ({
            title: `Action due ${when(n)}: ${rec.title}`,
            body: `This action you own is due on ${longDate(rec.date as string)}. Post an update to say where it is, or mark it complete.`,
            link: rec.link,
          }),
        };
      case 'ACTION_OVERDUE': {
        const late = Math.max(1, Math.round((Date.parse(today) - Date.parse(rec.date as string)) / 86_400_000));
        const to =
          r.step === 'chair'
            ? await this.records.chairs(scope, rec.subGroupId ? [rec.subGroupId] : [])
            : r.step === 'secretariat'
              ? await this.records.withRole(scope, 'SECRETARIAT')
              : await this.records.activeUsers(scope, rec.ownerUserId ? [rec.ownerUserId] : []);
        const whose =
          r.step === 'chair' ? 'An action in your sub-group’s work plan' : r.step === 'secretariat' ? 'An action' : 'This action you own';
        return {
          to,
          message: () => ({
            title: `Action overdue by ${late} ${late === 1 ? 'day' : 'days'}: ${rec.title}`,
            body: `${whose} was due on ${longDate(rec.date as string)} and is not complete. Post an update with where it is and a new date, or mark it complete.`,
            link: rec.link,
          }),
        };
      }
      case 'REPORT_DEADLINE':
      case 'REPORT_LATE': {
        const missing = await this.records.missingReports(scope, rec.id);
        if (!missing.length) return null;
        const names = new Map(missing.map((m) => [m.subGroupId, m.name]));
        const chairs = await this.records.chairs(scope, [...names.keys()]);
        const to = [...chairs];
        if (r.kind === 'REPORT_LATE') {
          for (const s of await this.records.withRole(scope, 'SECRETARIAT')) if (!to.some((t) => t.userId === s.userId)) to.push(s);
        }
        const chaired = (userId: string) =>
          chairs.filter((c) => c.userId === userId).map((c) => names.get(c.subGroupId as string) as string);
        return {
          to,
          message: (who) => {
            const groups = chaired(who.userId);
            const list = groups.length ? groups : [...names.values()];
            const theirs = groups.length ? `The highlight report from ${list.join(', ')}` : `Highlight reports from ${list.join(', ')}`;
            return r.kind === 'REPORT_DEADLINE'
              ? {
                  title: `Highlight report due ${when(n, 'working days')}: ${rec.title}`,
                  body: `${theirs} for ${rec.title} is due by ${longDate(rec.date as string)}. Submit it from the meeting’s page.`,
                  link: rec.link,
                }
              : {
                  title: `Highlight report late: ${rec.title}`,
                  body: `${theirs} for ${rec.title} ${list.length === 1 && groups.length ? 'was' : 'were'} due by ${longDate(rec.date as string)} and ${list.length === 1 && groups.length ? 'is' : 'are'} not in.`,
                  link: rec.link,
                };
          },
        };
      }
      case 'COMMITMENT_REVIEW_DUE':
        return {
          to: rec.agencyId ? await this.records.ofAgency(scope, rec.agencyId) : [],
          message: () => ({
            title: `Commitment review due ${when(n)}: ${rec.title}`,
            body: `Your agency’s commitment is due for review on ${longDate(rec.date as string)}. Post an update with the latest figure and where it stands.`,
            link: rec.link,
          }),
        };
      case 'VOICE_RESPONSE_DUE': {
        const to = rec.subGroupId
          ? await this.records.chairs(scope, [rec.subGroupId])
          : rec.agencyId
            ? await this.records.ofAgency(scope, rec.agencyId)
            : await this.records.withRole(scope, 'SECRETARIAT');
        const issue = rec.title.length > 80 ? `${rec.title.slice(0, 77)}…` : rec.title;
        return {
          to,
          message: () => ({
            title: `Answer to young people due ${when(n)}: ${issue}`,
            body: `The Children in Care Council raised this and is waiting for an answer by ${longDate(rec.date as string)}:\n\n${rec.title}`,
            link: rec.link,
          }),
        };
      }
      default:
        return null;
    }
  }
}
