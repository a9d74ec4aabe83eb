import { isAbsolute, join } from 'node:path';

/**
 * Every environment variable the apps read, validated once at boot. A bad value stops
 * the process with a message naming the variable, so a misconfigured deploy fails
 * loudly instead of half-working.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  databaseUrl: string;
  redisUrl: string;
  host: string;
  port: number;
  publicUrl: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  invitationTtlDays: number;
  passwordResetTtlMinutes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  queuePrefix: string;
  invitationExpiryEveryMinutes: number;
  signInMaxFailuresPerAccount: number;
  signInMaxFailuresPerAddress: number;
  signInWindowMinutes: number;
  /** An open action with no progress update for this many days is flagged stale. */
  actionStaleAfterDays: number;
  /** The built web app the api serves; absent means the api runs alone. */
  webDistDir: string;
  /** Where uploaded files are kept on disk (the local-disk FileStorage). */
  fileStorageDir: string;
  /** The largest upload accepted, in bytes. */
  fileMaxBytes: number;
  /** An uploaded file never attached to a record is deleted after this many hours. */
  fileUnattachedHours: number;
  filePurgeEveryMinutes: number;
  /** SMTP server for e-mail (smtp:// or smtps://); none means e-mails are written to mailOutboxDir as .eml files. */
  smtpUrl: string | null;
  /** The From address of every e-mail. */
  mailFrom: string;
  /** Where e-mails go as .eml files when no SMTP server is configured. */
  mailOutboxDir: string;
  /**
   * How long a worker holds a job before others may take it back (it renews the hold while it
   * lives): long enough for the longest job step, an SMTP send at its timeouts; short enough
   * that a crashed worker's job is picked up again soon. Also how often stalled jobs are checked.
   */
  queueLockMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

interface Reader {
  problems: string[];
  env: Env;
}

function str(r: Reader, name: string, fallback?: string): string {
  const v = r.env[name];
  if (v === undefined || v === '') {
    if (fallback !== undefined) return fallback;
    r.problems.push(`${name} is required but not set`);
    return '';
  }
  return v;
}

function int(r: Reader, name: string, fallback: number, min: number, max: number): number {
  const raw = r.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    r.problems.push(`${name} must be a whole number, got "${raw}"`);
    return fallback;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    r.problems.push(`${name} must be between ${min} and ${max}, got ${n}`);
    return fallback;
  }
  return n;
}

function url(r: Reader, name: string, protocols: string[], fallback?: string): string {
  const v = str(r, name, fallback);
  if (!v) return v;
  try {
    const u = new URL(v);
    if (!protocols.includes(u.protocol)) {
      r.problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got "${u.protocol}//..."`);
    }
  } catch {
    r.problems.push(`${name} is not a valid URL`);
  }
  return v;
}

function oneOf<T extends string>(r: Reader, name: string, allowed: readonly T[], fallback: T): T {
  const v = r.env[name];
  if (v === undefined || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    r.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${v}"`);
    return fallback;
  }
  return v as T;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const r: Reader = { problems: [], env };
  const nodeEnv = oneOf(r, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const port = int(r, 'PORT', 3000, 0, 65535);
  const jwtSecret = str(r, 'JWT_SECRET', nodeEnv === 'production' ? undefined : 'dev-only-secret-change-me-0123456789abcdef');
  if (jwtSecret && jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters');
  const config: AppConfig = {
    nodeEnv,
    databaseUrl: url(r, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(r, 'REDIS_URL', ['redis:', 'rediss:']),
    host: str(r, 'HOST', '127.0.0.1'),
    port,
    publicUrl: url(r, 'PUBLIC_URL', ['http:', 'https:'], `http://localhost:${port}`),
    jwtSecret,
    accessTokenTtlSeconds: int(r, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86400),
    refreshTokenTtlDays: int(r, 'REFRESH_TOKEN_TTL_DAYS', 30, 1, 365),
    invitationTtlDays: int(r, 'INVITATION_TTL_DAYS', 7, 1, 90),
    passwordResetTtlMinutes: int(r, 'PASSWORD_RESET_TTL_MINUTES', 60, 5, 1440),
    logLevel: oneOf(r, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'silent'] as const, 'info'),
    graphqlMaxDepth: int(r, 'GRAPHQL_MAX_DEPTH', 10, 2, 50),
    graphqlMaxComplexity: int(r, 'GRAPHQL_MAX_COMPLEXITY', 2000, 10, 1000000),
    queuePrefix: str(r, 'QUEUE_PREFIX', 'pbw'),
    invitationExpiryEveryMinutes: int(r, 'INVITATION_EXPIRY_EVERY_MINUTES', 60, 1, 10080),
    signInMaxFailuresPerAccount: int(r, 'SIGNIN_MAX_FAILURES_PER_ACCOUNT', 5, 1, 1000),
    signInMaxFailuresPerAddress: int(r, 'SIGNIN_MAX_FAILURES_PER_ADDRESS', 30, 1, 100000),
    signInWindowMinutes: int(r, 'SIGNIN_WINDOW_MINUTES', 15, 1, 1440),
    actionStaleAfterDays: int(r, 'ACTION_STALE_AFTER_DAYS', 30, 1, 365),
    webDistDir: str(r, 'WEB_DIST_DIR', join(__dirname, '../../../dist/web')),
    fileStorageDir: str(r, 'FILE_STORAGE_DIR', join(__dirname, '../../../.data/files')),
    fileMaxBytes: int(r, 'FILE_MAX_BYTES', 26214400, 1, 1073741824),
    fileUnattachedHours: int(r, 'FILE_UNATTACHED_HOURS', 24, 1, 720),
    filePurgeEveryMinutes: int(r, 'FILE_PURGE_EVERY_MINUTES', 60, 1, 10080),
    smtpUrl: r.env.SMTP_URL ? url(r, 'SMTP_URL', ['smtp:', 'smtps:']) : null,
    mailFrom: str(r, 'MAIL_FROM', 'Partnership Board Workspace <no-reply@localhost>'),
    mailOutboxDir: str(r, 'MAIL_OUTBOX_DIR', join(__dirname, '../../../.data/outbox')),
    queueLockMs: int(r, 'QUEUE_LOCK_MS', 60000, 1000, 600000),
  };
  if (!isAbsolute(config.mailOutboxDir)) r.problems.push(`MAIL_OUTBOX_DIR must be an absolute path, got "${config.mailOutboxDir}"`);
  if (!/^[^<>]*<[^<>@\s]+@[^<>\s]+>$|^[^<>@\s]+@[^<>\s]+$/.test(config.mailFrom)) {
    r.problems.push(`MAIL_FROM must be an e-mail address, optionally with a name ("Name <address>"), got "${config.mailFrom}"`);
  }
  if (!isAbsolute(config.fileStorageDir)) r.problems.push(`FILE_STORAGE_DIR must be an absolute path, got "${config.fileStorageDir}"`);
  if (r.problems.length) throw new ConfigError(r.problems);
  return config;
}

/** Nest injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
