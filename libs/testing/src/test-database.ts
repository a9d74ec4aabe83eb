import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { MIGRATIONS, createDataSource, migrate } from '@pbw/db';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run tests through jest (its global setup starts the services).');
  return withDatabase(url, 'postgres');
}

/** The template's name changes whenever a migration's code does, so a stale template is never reused. */
function templateName(): string {
  const hash = createHash('sha256')
    .update(MIGRATIONS.map((m) => `${m.name}:${m.prototype.up.toString()}`).join(','))
    .digest('hex')
    .slice(0, 12);
  return `pbw_tpl_${hash}`;
}

async function ensureTemplate(admin: Client): Promise<string> {
  const name = templateName();
  // One test file builds the template; the rest wait on the lock and then find it.
  await admin.query('SELECT pg_advisory_lock(727001)');
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!found.rowCount) {
      const building = `${name}_build_${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE "${building}"`);
      const ds = createDataSource({ url: withDatabase(adminUrl(), building), poolSize: 1 });
      await ds.initialize();
      try {
        await migrate(ds);
      } finally {
        await ds.destroy();
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(727001)');
  }
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database of this test file's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const template = await ensureTemplate(admin);
    const name = `pbw_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    // CREATE DATABASE ... TEMPLATE needs nobody connected to the template; retry briefly if a sibling is copying.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
    return {
      name,
      url: withDatabase(adminUrl(), name),
      drop: () => dropDatabase(name),
    };
  } finally {
    await admin.end();
  }
}

/** An empty database (no migrations) for tests of the migration path itself. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  const name = `pbw_empty_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl(), name),
    drop: () => dropDatabase(name),
  };
}
