import type { Queue } from 'bullmq';
import {
  JOBS,
  NOTIFY_JOB_OPTS,
  type NotifyEventJob,
  type ReconcileRemindersJob,
  type ReminderRecordType,
  type ReplanRemindersJob,
  type SendOutboxJob,
} from './queues';

/*
 * How the api asks the worker for reminders work, after its change has committed. Each is
 * best-effort: a failure to enqueue loses nothing, as the hourly reconcile job rebuilds plans
 * from PostgreSQL and sweeps unsent security e-mails. Queues are absent where a service runs
 * without them (the demo loader). BullMQ ids cannot hold a colon, hence the dashes.
 */

/** Re-plan one record's reminders; the job id names its version, so each change is planned once. */
export async function requestReplan(
  queue: Queue | undefined,
  partnershipId: string,
  recordType: ReminderRecordType,
  recordId: string,
  version: number,
): Promise<void> {
  if (!queue) return;
  const job: ReplanRemindersJob = { partnershipId, recordType, recordId };
  await queue
    .add(JOBS.REPLAN_REMINDERS, job, {
      jobId: `replan-${recordType.toLowerCase()}-${recordId}-v${version}`,
      removeOnComplete: true,
      removeOnFail: 1000,
    })
    .catch(() => undefined);
}

/** Tell the people concerned that something happened to a record (at this version). */
export async function requestEvent(queue: Queue | undefined, job: NotifyEventJob, version: number): Promise<void> {
  if (!queue) return;
  await queue
    .add(JOBS.NOTIFY_EVENT, job, { ...NOTIFY_JOB_OPTS, jobId: `${job.event.toLowerCase().replace(/_/g, '-')}_${job.recordId}_v${version}` })
    .catch(() => undefined);
}

/** Send a security e-mail now. */
export async function requestOutboxSend(queue: Queue | undefined, job: SendOutboxJob): Promise<void> {
  if (!queue) return;
  await queue.add(JOBS.SEND_OUTBOX, job, { ...NOTIFY_JOB_OPTS, jobId: `outbox_${job.messageId}` }).catch(() => undefined);
}

/** Re-plan a partnership's reminders soon, after its rules changed. */
export async function requestReconcile(queue: Queue | undefined, partnershipId: string): Promise<void> {
  if (!queue) return;
  const job: ReconcileRemindersJob = { partnershipId };
  await queue
    .add(JOBS.RECONCILE_REMINDERS, job, { jobId: `reconcile-${partnershipId}-${Date.now()}`, removeOnComplete: true, removeOnFail: 100 })
    .catch(() => undefined);
}

interface Replannable {
  partnershipId: string;
  id: string;
  version?: number;
  updatedAt?: Date;
}

/** Runs a change to a dated record and, once it has committed, asks for the record's reminders to be re-planned. */
export async function replanned<T extends Replannable>(queue: Queue | undefined, type: ReminderRecordType, change: Promise<T>): Promise<T> {
  const r = await change;
  await requestReplan(queue, r.partnershipId, type, r.id, r.version ?? r.updatedAt?.getTime() ?? Date.now());
  return r;
}

/** Runs a change that touches many records' reminders at once (a plan activated, closed, rolled forward or imported into), then re-plans the partnership. */
export async function reconciledAfter<T>(queue: Queue | undefined, partnershipId: string, change: Promise<T>): Promise<T> {
  const r = await change;
  await requestReconcile(queue, partnershipId);
  return r;
}
