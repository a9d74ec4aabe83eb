/** Queue names and job contracts shared by the api (which enqueues) and the worker (which processes). */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
  FILES: 'files',
  REMINDERS: 'reminders',
  PACKS: 'packs',
} as const;

export const JOBS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
  PURGE_UNATTACHED_FILES: 'purge-unattached-files',
  /** Re-plan one record's reminders after it changed: its job id names the record and its version. */
  REPLAN_REMINDERS: 'replan-reminders',
  /** Send one planned reminder: its job id names the record, the rule and the date it is for. */
  SEND_REMINDER: 'send-reminder',
  /** Rebuild every planned reminder from PostgreSQL (after Redis lost them, or a missed re-plan). */
  RECONCILE_REMINDERS: 'reconcile-reminders',
  /** Tell people about something that happened (evidence returned, a pack published): at once, by rule. */
  NOTIFY_EVENT: 'notify-event',
  /** E-mail one security message (an invitation or a password reset) from the outbox. */
  SEND_OUTBOX: 'send-outbox',
  /** Gather each person's waiting notifications into their daily or weekly e-mail. */
  SEND_DIGESTS: 'send-digests',
  /** Compile one board pack version: its job id is the pack's, so a retry makes the same version. */
  COMPILE_PACK: 'compile-pack',
} as const;

/** Deterministic ids: re-planning replaces a job instead of adding a second one. */
export const SCHEDULER_IDS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
  PURGE_UNATTACHED_FILES: 'purge-unattached-files',
  RECONCILE_REMINDERS: 'reconcile-reminders',
  DAILY_DIGEST: 'daily-digest',
  WEEKLY_DIGEST: 'weekly-digest',
} as const;

/** A record whose reminders may have changed. Ids only: the worker reloads the record. */
export interface ReplanRemindersJob {
  partnershipId: string;
  recordType: ReminderRecordType;
  recordId: string;
}

export type ReminderRecordType = 'ACTION' | 'MEETING' | 'COMMITMENT' | 'VOICE_ITEM';

/** Ids only; which rule and date it is for are in the job id, so a re-plan for another date never matches it. */
export interface SendReminderJob {
  partnershipId: string;
  recordType: ReminderRecordType;
  recordId: string;
}

/** Reconcile one partnership (after its rules changed) or, with none, every partnership. */
export interface ReconcileRemindersJob {
  partnershipId?: string;
}

/** Something that happened to a record; the job id names the record and its version, so it is told once. */
export interface NotifyEventJob {
  partnershipId: string;
  event: 'EVIDENCE_RETURNED' | 'PACK_CONTRIBUTION_DUE' | 'PACK_PUBLISHED';
  recordId: string;
}

export interface SendOutboxJob {
  partnershipId: string;
  messageId: string;
}

export interface CompilePackJob {
  partnershipId: string;
  packId: string;
}

export interface SendDigestsJob {
  period: 'DAILY' | 'WEEKLY';
}

/** Job options the api and worker share for one-off notification jobs: retried with backoff, kept a while when they fail. */
export const NOTIFY_JOB_OPTS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 7 * 86_400, count: 5_000 },
  removeOnFail: { age: 30 * 86_400, count: 1_000 },
} as const;

export interface ExpireInvitationsJob {
  /** Expire invitations whose expiry is before this instant (ISO); defaults to when the job runs. */
  asOf?: string;
}

export interface ExpireInvitationsResult {
  expired: number;
  partnerships: number;
}

export interface PurgeUnattachedFilesJob {
  /** Delete files uploaded before this instant (ISO) and never attached; defaults to FILE_UNATTACHED_HOURS before the run. */
  uploadedBefore?: string;
}

export interface PurgeUnattachedFilesResult {
  deleted: number;
  partnerships: number;
}
