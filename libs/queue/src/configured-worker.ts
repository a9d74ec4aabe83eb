import { Logger } from '@nestjs/common';
import { type Job, Worker } from 'bullmq';
import type { AppConfig } from '@pbw/core';
import { redisConnection } from './queue.module';

/**
 * A BullMQ worker made by hand rather than by @Processor, so its lock duration (and with it how
 * soon a crashed worker's job is taken back) comes from the configuration (QUEUE_LOCK_MS). One
 * job at a time: the jobs on these queues must not interleave (two re-plans of one record, two
 * compiles). The worker's own trouble (Redis going away) is logged; job failures stay on the job.
 */
export function configuredWorker<T>(config: AppConfig, queue: string, process: (job: Job<T>) => Promise<unknown>): Worker<T> {
  const log = new Logger(`${queue} worker`);
  const worker = new Worker<T>(queue, process, {
    connection: redisConnection(config.redisUrl),
    prefix: config.queuePrefix,
    lockDuration: config.queueLockMs,
    stalledInterval: config.queueLockMs,
    concurrency: 1,
  });
  worker.on('error', (err) => log.error(err.message));
  return worker;
}
