import { ConfigError, loadConfig } from './config';

const BASE = { DATABASE_URL: 'postgres://u:p@localhost:5432/pbw', REDIS_URL: 'redis://localhost:6379' };

/** The problems loadConfig reports for an environment (none → []). */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('loadConfig', () => {
  it('fills in defaults for everything but the two service URLs', () => {
    const c = loadConfig({ ...BASE });
    expect(c).toEqual({
      nodeEnv: 'development',
      databaseUrl: BASE.DATABASE_URL,
      redisUrl: BASE.REDIS_URL,
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      jwtSecret: expect.any(String),
      accessTokenTtlSeconds: 900,
      refreshTokenTtlDays: 30,
      invitationTtlDays: 7,
      passwordResetTtlMinutes: 60,
      logLevel: 'info',
      graphqlMaxDepth: 10,
      graphqlMaxComplexity: 2000,
      queuePrefix: 'pbw',
      invitationExpiryEveryMinutes: 60,
      signInMaxFailuresPerAccount: 5,
      signInMaxFailuresPerAddress: 30,
      signInWindowMinutes: 15,
      actionStaleAfterDays: 30,
      webDistDir: expect.stringMatching(/dist[/\\]web$/),
      fileStorageDir: expect.stringMatching(/\.data[/\\]files$/),
      fileMaxBytes: 26214400,
      fileUnattachedHours: 24,
      filePurgeEveryMinutes: 60,
      smtpUrl: null,
      mailFrom: 'Partnership Board Workspace <no-reply@localhost>',
      mailOutboxDir: expect.stringMatching(/\.data[/\\]outbox$/),
      queueLockMs: 60000,
    });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads every value it is given', () => {
    const c = loadConfig({
      ...BASE,
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://board.example.org',
      JWT_SECRET: 'x'.repeat(40),
      ACCESS_TOKEN_TTL_SECONDS: '60',
      REFRESH_TOKEN_TTL_DAYS: '7',
      INVITATION_TTL_DAYS: '14',
      PASSWORD_RESET_TTL_MINUTES: '30',
      LOG_LEVEL: 'warn',
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_COMPLEXITY: '500',
      QUEUE_PREFIX: 'prod',
      INVITATION_EXPIRY_EVERY_MINUTES: '5',
      SIGNIN_MAX_FAILURES_PER_ACCOUNT: '3',
      SIGNIN_MAX_FAILURES_PER_ADDRESS: '50',
      SIGNIN_WINDOW_MINUTES: '10',
      FILE_STORAGE_DIR: '/var/lib/pbw/files',
      FILE_MAX_BYTES: '1048576',
      FILE_UNATTACHED_HOURS: '48',
      FILE_PURGE_EVERY_MINUTES: '15',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.org:465',
      MAIL_FROM: 'Riverside Board <board@riverside.example>',
      MAIL_OUTBOX_DIR: '/var/lib/pbw/outbox',
      QUEUE_LOCK_MS: '120000',
    });
    expect(c).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://board.example.org',
      jwtSecret: 'x'.repeat(40),
      accessTokenTtlSeconds: 60,
      refreshTokenTtlDays: 7,
      invitationTtlDays: 14,
      passwordResetTtlMinutes: 30,
      logLevel: 'warn',
      graphqlMaxDepth: 8,
      graphqlMaxComplexity: 500,
      queuePrefix: 'prod',
      invitationExpiryEveryMinutes: 5,
      signInMaxFailuresPerAccount: 3,
      signInMaxFailuresPerAddress: 50,
      signInWindowMinutes: 10,
      fileStorageDir: '/var/lib/pbw/files',
      fileMaxBytes: 1048576,
      fileUnattachedHours: 48,
      filePurgeEveryMinutes: 15,
      smtpUrl: 'smtps://mailer:secret@smtp.example.org:465',
      mailFrom: 'Riverside Board <board@riverside.example>',
      mailOutboxDir: '/var/lib/pbw/outbox',
      queueLockMs: 120000,
    });
  });

  it('refuses an SMTP_URL that is not smtp or smtps, a MAIL_FROM that is not an address, and a relative outbox', () => {
    expect(() => loadConfig({ ...BASE, SMTP_URL: 'http://mail.example.org' })).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(() => loadConfig({ ...BASE, MAIL_FROM: 'the board' })).toThrow(/MAIL_FROM must be an e-mail address/);
    expect(() => loadConfig({ ...BASE, MAIL_OUTBOX_DIR: 'outbox' })).toThrow(/MAIL_OUTBOX_DIR must be an absolute path/);
    expect(loadConfig({ ...BASE, MAIL_FROM: 'board@riverside.example' }).mailFrom).toBe('board@riverside.example');
  });

  it('the public URL defaults to the port given', () => {
    expect(loadConfig({ ...BASE, PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ ...BASE, PORT: '', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is required/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/pbw' }, /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    ['REDIS_URL', { REDIS_URL: '' }, /REDIS_URL is required/],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }, /REDIS_URL must start with redis:\/\/ or rediss:\/\//],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://example.org' }, /PUBLIC_URL must start with http:\/\/ or https:\/\//],
    ['NODE_ENV', { NODE_ENV: 'staging' }, /NODE_ENV must be one of development, test, production, got "staging"/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    ['PORT', { PORT: 'eighty' }, /PORT must be a whole number, got "eighty"/],
    ['PORT', { PORT: '70000' }, /PORT must be between 0 and 65535, got 70000/],
    ['PORT', { PORT: '-1' }, /PORT must be a whole number/],
    ['PORT', { PORT: '80.5' }, /PORT must be a whole number/],
    ['JWT_SECRET', { JWT_SECRET: 'too-short' }, /JWT_SECRET must be at least 32 characters/],
    ['ACCESS_TOKEN_TTL_SECONDS', { ACCESS_TOKEN_TTL_SECONDS: '5' }, /ACCESS_TOKEN_TTL_SECONDS must be between 30 and 86400/],
    ['REFRESH_TOKEN_TTL_DAYS', { REFRESH_TOKEN_TTL_DAYS: '0' }, /REFRESH_TOKEN_TTL_DAYS must be between 1 and 365/],
    ['INVITATION_TTL_DAYS', { INVITATION_TTL_DAYS: '91' }, /INVITATION_TTL_DAYS must be between 1 and 90/],
    ['PASSWORD_RESET_TTL_MINUTES', { PASSWORD_RESET_TTL_MINUTES: '1' }, /PASSWORD_RESET_TTL_MINUTES must be between 5 and 1440/],
    ['GRAPHQL_MAX_DEPTH', { GRAPHQL_MAX_DEPTH: '1' }, /GRAPHQL_MAX_DEPTH must be between 2 and 50/],
    ['GRAPHQL_MAX_COMPLEXITY', { GRAPHQL_MAX_COMPLEXITY: 'lots' }, /GRAPHQL_MAX_COMPLEXITY must be a whole number/],
    [
      'INVITATION_EXPIRY_EVERY_MINUTES',
      { INVITATION_EXPIRY_EVERY_MINUTES: '0' },
      /INVITATION_EXPIRY_EVERY_MINUTES must be between 1 and 10080/,
    ],
    [
      'SIGNIN_MAX_FAILURES_PER_ACCOUNT',
      { SIGNIN_MAX_FAILURES_PER_ACCOUNT: '0' },
      /SIGNIN_MAX_FAILURES_PER_ACCOUNT must be between 1 and 1000/,
    ],
    ['SIGNIN_MAX_FAILURES_PER_ADDRESS', { SIGNIN_MAX_FAILURES_PER_ADDRESS: 'x' }, /SIGNIN_MAX_FAILURES_PER_ADDRESS must be a whole number/],
    ['SIGNIN_WINDOW_MINUTES', { SIGNIN_WINDOW_MINUTES: '1441' }, /SIGNIN_WINDOW_MINUTES must be between 1 and 1440/],
    ['FILE_MAX_BYTES', { FILE_MAX_BYTES: '0' }, /FILE_MAX_BYTES must be between 1 and 1073741824/],
    ['FILE_MAX_BYTES', { FILE_MAX_BYTES: '25MB' }, /FILE_MAX_BYTES must be a whole number/],
    ['FILE_STORAGE_DIR', { FILE_STORAGE_DIR: 'relative/files' }, /FILE_STORAGE_DIR must be an absolute path/],
  ])('names %s when it is bad', (name, override, message) => {
    const found = problems({ ...BASE, ...override });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
    expect(found[0].startsWith(name)).toBe(true);
    // The thrown message lists it too, for the operator reading the crash.
    expect(() => loadConfig({ ...BASE, ...override })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*${name}`));
  });

  it('reports every problem at once, not just the first', () => {
    const found = problems({ DATABASE_URL: 'mysql://x', PORT: 'x', LOG_LEVEL: 'loud', GRAPHQL_MAX_DEPTH: '99' });
    expect(found.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'GRAPHQL_MAX_DEPTH', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('requires JWT_SECRET in production and gives a development default otherwise', () => {
    expect(problems({ ...BASE, NODE_ENV: 'production' })).toEqual(['JWT_SECRET is required but not set']);
    expect(problems({ ...BASE, NODE_ENV: 'test' })).toEqual([]);
  });

  it('never echoes a secret in its messages', () => {
    const found = problems({ ...BASE, JWT_SECRET: 'hunter2-secret' });
    expect(found.join('\n')).not.toContain('hunter2-secret');
    const urls = problems({ DATABASE_URL: 'mysql://admin:s3cret-pw@db.internal/pbw', REDIS_URL: 'http://:r3dis-pw@cache:6379' });
    expect(urls).toHaveLength(2);
    expect(urls.join('\n')).not.toMatch(/s3cret-pw|r3dis-pw/);
    expect(problems({ ...BASE, SMTP_URL: 'http://mailer:sm7p-pw@mail.example.org' }).join('\n')).not.toContain('sm7p-pw');
  });
});
