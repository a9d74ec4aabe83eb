import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Client } from 'pg';
import { loadConfig } from '@pbw/core';
import { MIGRATIONS } from '@pbw/db';
import { type TestStack, createEmptyDatabase, startTestStack } from '@pbw/testing';
import { startApi } from '../../apps/api/src/bootstrap';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function configFor(databaseUrl: string, port: number) {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `pbwtest${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
  });
}

async function withDb<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('boot and health', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('/healthz answers 200', async () => {
    const res = await fetch(`${stack.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when PostgreSQL, Redis and the schema are all fine', async () => {
    const res = await fetch(`${stack.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } });
  });

  it('/readyz answers 503 "pending" when a migration has not been applied', async () => {
    const saved = await stack.pg.query('SELECT * FROM schema_migrations WHERE name = $1', [MIGRATIONS[MIGRATIONS.length - 1].name]);
    expect(saved.rowCount).toBe(1);
    await stack.pg.query('DELETE FROM schema_migrations WHERE name = $1', [saved.rows[0].name]);
    try {
      const res = await fetch(`${stack.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('not ready');
      expect(body.checks).toMatchObject({ postgres: 'ok', redis: 'ok', migrations: 'pending' });
      // Liveness is not readiness: the process is still up.
      expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    } finally {
      const r = saved.rows[0];
      await stack.pg.query('INSERT INTO schema_migrations (id, "timestamp", name) VALUES ($1, $2, $3)', [r.id, r.timestamp, r.name]);
    }
    expect((await fetch(`${stack.url}/readyz`)).status).toBe(200);
  });

  describe('X-Request-Id', () => {
    it('every response carries one, a fresh id when the caller sent none', async () => {
      const a = await fetch(`${stack.url}/healthz`);
      const b = await fetch(`${stack.url}/healthz`);
      expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(b.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
      const gql = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(gql.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      // POST: a GET for an unknown path is the web app's (it serves index.html for its own routes).
      const missing = await fetch(`${stack.url}/no-such-route`, { method: 'POST' });
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-request-id')).toBeTruthy();
    });

    it("echoes the caller's id when it is safe, and replaces one that is not", async () => {
      const given = 'lb-7f3a9c2e-0001';
      const echoed = await fetch(`${stack.url}/readyz`, { headers: { 'x-request-id': given } });
      expect(echoed.headers.get('x-request-id')).toBe(given);
      for (const unsafe of ['short', 'has spaces in it', '<script>alert(1)</script>', 'x'.repeat(101)]) {
        const res = await fetch(`${stack.url}/healthz`, { headers: { 'x-request-id': unsafe } });
        expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  });

  describe('startApi migrates before it listens', () => {
    it('migrates an empty database, then serves and is ready', async () => {
      const db = await createEmptyDatabase();
      try {
        const { app, url } = await startApi(configFor(db.url, 0));
        try {
          const res = await fetch(`${url}/readyz`);
          expect(res.status).toBe(200);
          const applied = await withDb(db.url, (c) => c.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id'));
          expect(applied.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
        } finally {
          await app.close();
        }
      } finally {
        await db.drop();
      }
    });

    it('a migration that fails stops the boot with its error, rolls back, and nothing listens', async () => {
      const db = await createEmptyDatabase();
      try {
        // A table in the way of the first migration.
        await withDb(db.url, (c) => c.query('CREATE TABLE partnerships (id integer PRIMARY KEY)'));
        const port = await freePort();
        // TypeORM prints the failed migration with console.log; keep the test output clean.
        const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
        let outcome: Error | 'started';
        try {
          outcome = await startApi(configFor(db.url, port)).then(
            async (started) => {
              await started.app.close(); // it should not have started; do not leave it running
              return 'started' as const;
            },
            (e: Error) => e,
          );
        } finally {
          quiet.mockRestore();
        }
        expect(outcome).toBeInstanceOf(Error);
        expect((outcome as Error).message).toMatch(/relation "partnerships" already exists/);
        expect(await listening(port)).toBe(false);
        await withDb(db.url, async (c) => {
          // The failed migration left nothing behind: no tables of its own, no record of having run.
          const tables = await c.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
          );
          expect(tables.rows.map((r) => r.table_name)).toEqual(['partnerships', 'schema_migrations']);
          expect((await c.query('SELECT 1 FROM schema_migrations')).rowCount).toBe(0);
        });
      } finally {
        await db.drop();
      }
    });
  });
});
