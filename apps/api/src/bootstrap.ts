import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig, createLogger, type Logger, PinoNestLogger } from '@pbw/core';
import { createDataSource, migrate } from '@pbw/db';
import { assertRedisNoEviction } from '@pbw/queue';
import { AppModule } from './app.module';
import { serveWebApp } from './web-assets';

export interface StartedApi {
  app: INestApplication;
  url: string;
  logger: Logger;
}

/**
 * Migrates, then starts the api. A failed migration throws before anything listens, so a
 * half-migrated server can never report itself healthy.
 */
export async function startApi(config: AppConfig, opts: { listen?: boolean } = {}): Promise<StartedApi> {
  const logger = createLogger(config.logLevel, 'pbw-api');
  await assertRedisNoEviction(config.redisUrl);
  const ds = createDataSource({ url: config.databaseUrl, applicationName: 'pbw-api-migrate', poolSize: 1 });
  await ds.initialize();
  try {
    const applied = await migrate(ds);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  } finally {
    await ds.destroy();
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  // A work plan's CSV import travels inside a GraphQL request (up to 2 MB of text).
  app.useBodyParser('json', { limit: '3mb' });
  app.enableShutdownHooks();
  // Behind a proxy, the client's address is in X-Forwarded-For; sign-in throttling needs it.
  (app.getHttpAdapter().getInstance() as { set(k: string, v: unknown): void }).set('trust proxy', 'loopback');
  if (serveWebApp(app, config.webDistDir)) logger.info({ dir: config.webDistDir }, 'serving the web app');
  if (opts.listen === false) {
    await app.init();
    return { app, url: '', logger };
  }
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port}`;
  logger.info({ url }, 'api listening');
  return { app, url, logger };
}
