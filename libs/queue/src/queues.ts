/** Queue names and job contracts shared by the api (which enqueues) and the worker (which processes). */
export const QUEUES = {
  MAINTENANCE: 'maintenance',
} as const;

export const JOBS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
} as const;

/** Deterministic ids: re-planning replaces a job instead of adding a second one. */
export const SCHEDULER_IDS = {
  EXPIRE_INVITATIONS: 'expire-invitations',
} as const;

export interface ExpireInvitationsJob {
  /** Expire invitations whose expiry is before this instant (ISO); defaults to when the job runs. */
  asOf?: string;
}

export interface ExpireInvitationsResult {
  expired: number;
  partnerships: number;
}
