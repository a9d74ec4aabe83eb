/** Queue names and job contracts shared by the api (which enqueues) and the worker (which processes). */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
  FILES: 'files',
  REMINDERS: 'reminders',
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
} as const;

/** Deterministic ids: re-planning replaces a job instead of adding a second one. */
export const SCHEDULER_IDS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
  PURGE_UNATTACHED_FILES: 'purge-unattached-files',
  RECONCILE_REMINDERS: 'reconcile-reminders',
} as const;

/** A record whose reminders may have changed. Ids only: the worker reloads the record. */
export interface ReplanRemindersJob {
  partnershipId: string;
  recordType: 'ACTION';
  recordId: string;
}

/** Ids only; which rule and date it is for are in the job id, so a re-plan for another date never matches it. */
export interface SendReminderJob {
  partnershipId: string;
  recordType: 'ACTION';
  recordId: string;
}

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
