import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { type AppConfig, loadConfig } from '@pbw/core';
import { startApi } from '../../../apps/api/src/bootstrap';
import { startWorker } from '../../../apps/worker/src/bootstrap';
import { createTestDatabase, type TestDatabase } from './test-database';
import { GqlClient } from './gql-client';

export interface TestStack {
  config: AppConfig;
  db: TestDatabase;
  /** A direct connection for arranging and asserting; the app under test never uses it. */
  pg: Client;
  api: INestApplication;
  url: string;
  worker?: INestApplicationContext;
  client(token?: string): GqlClient;
  startWorker(): Promise<INestApplicationContext>;
  close(): Promise<void>;
}

/** Boots the real api (and optionally the worker) against a fresh database and its own queue prefix. */
export async function startTestStack(opts: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestStack> {
  const db = await createTestDatabase();
  // Each stack keeps its uploads in its own temporary folder, removed on close, so tests never fill the checkout's.
  const ownStorage = opts.env?.FILE_STORAGE_DIR ? undefined : mkdtempSync(join(tmpdir(), 'pbw-stack-files-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `pbwtest${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...(ownStorage ? { FILE_STORAGE_DIR: ownStorage } : {}),
    ...opts.env,
  });
  const { app, url } = await startApi(config);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const stack: TestStack = {
    config,
    db,
    pg,
    api: app,
    url,
    client: (token?: string) => new GqlClient(`${url}/graphql`, token),
    startWorker: async () => {
      stack.worker = await startWorker(config, { schemaWaitMs: 10_000 });
      return stack.worker;
    },
    close: async () => {
      await stack.worker?.close();
      await app.close();
      await pg.end();
      await db.drop();
      if (ownStorage) rmSync(ownStorage, { recursive: true, force: true });
    },
  };
  if (opts.worker) await stack.startWorker();
  return stack;
}
