import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { migrationsCurrent } from '@pbw/db';
import { QUEUES } from '@pbw/queue';

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

@Controller()
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    @InjectQueue(QUEUES.MAINTENANCE) private readonly queue: Queue,
  ) {}

  /** The process is up. */
  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  /** PostgreSQL and Redis answer and the schema is current: ready for traffic. */
  @Get('readyz')
  async readyz(@Res() res: Response) {
    const checks: Record<string, string> = {};
    try {
      await within(2000, this.ds.query('SELECT 1'));
      checks.postgres = 'ok';
      checks.migrations = (await within(2000, migrationsCurrent(this.ds))) ? 'ok' : 'pending';
    } catch (e) {
      checks.postgres = `unreachable: ${(e as Error).message}`;
      checks.migrations = 'unknown';
    }
    try {
      // BullMQ's client interface hides ioredis' commands; the client underneath is ioredis.
      const client = (await within(2000, this.queue.client)) as unknown as Redis;
      checks.redis = (await within(2000, client.ping())) === 'PONG' ? 'ok' : 'unexpected reply';
    } catch (e) {
      checks.redis = `unreachable: ${(e as Error).message}`;
    }
    const ready = Object.values(checks).every((v) => v === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  }
}
