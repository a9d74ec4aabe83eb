/** Queue names and job contracts shared by the api (which enqueues) and the worker (which processes). */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
  FILES: 'files',
} as const;

export const JOBS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
  PURGE_UNATTACHED_FILES: 'purge-unattached-files',
} as const;

/** Deterministic ids: re-planning replaces a job instead of adding a second one. */
export const SCHEDULER_IDS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
  PURGE_UNATTACHED_FILES: 'purge-unattached-files',
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
