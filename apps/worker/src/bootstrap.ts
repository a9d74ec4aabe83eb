import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { type AppConfig, createLogger, PinoNestLogger } from '@pbw/core';
import { createDataSource, migrationsCurrent } from '@pbw/db';
import { assertRedisNoEviction } from '@pbw/queue';
import { WorkerModule } from './worker.module';

/** Waits (up to a limit) for the api to have migrated, so jobs never run against an old schema. */
async function waitForSchema(config: AppConfig, timeoutMs: number): Promise<void> {
  const ds = createDataSource({ url: config.databaseUrl, applicationName: 'pbw-worker-check', poolSize: 1 });
  await ds.initialize();
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await migrationsCurrent(ds))) {
      if (Date.now() > deadline)
        throw new Error('The database schema is not current. Start the api (it migrates) or run npm run db:migrate.');
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await ds.destroy();
  }
}

export async function startWorker(config: AppConfig, opts: { schemaWaitMs?: number } = {}): Promise<INestApplicationContext> {
  const logger = createLogger(config.logLevel, 'pbw-worker');
  await assertRedisNoEviction(config.redisUrl);
  await waitForSchema(config, opts.schemaWaitMs ?? 60_000);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  logger.info('worker started');
  return app;
}
