// npm run db:migrate — applies pending TypeORM migrations to DATABASE_URL. Without
// DATABASE_URL it starts (or reuses) the checkout's private PostgreSQL and Redis
// (scripts/services.mjs) and migrates that database.
import 'reflect-metadata';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDataSource, migrate } from '@pbw/db';

interface ServicesCore {
  ensureServices(): Promise<{ databaseUrl: string; redisUrl: string }>;
}

// A real dynamic import (not compiled to require): services-core is an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<ServicesCore>;

/** DATABASE_URL when given; otherwise the private services, started if need be (and exported to this process). */
export async function resolveDatabaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const core = await importEsm(pathToFileURL(join(__dirname, 'lib', 'services-core.mjs')).href);
  const { databaseUrl, redisUrl } = await core.ensureServices();
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL ||= redisUrl;
  return databaseUrl;
}

/** Applies pending migrations and returns their names (empty when the schema was current). */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource({ url, applicationName: 'pbw-migrate', poolSize: 1 });
  await ds.initialize();
  try {
    return await migrate(ds);
  } finally {
    await ds.destroy();
  }
}

/** The database URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

async function main(): Promise<void> {
  const url = await resolveDatabaseUrl();
  const applied = await runMigrations(url);
  if (applied.length) {
    process.stdout.write(`Applied ${applied.length} migration(s) to ${redact(url)}:\n${applied.map((n) => `  ${n}\n`).join('')}`);
  } else {
    process.stdout.write(`No pending migrations: ${redact(url)} is up to date.\n`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`db:migrate failed: ${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  });
}
