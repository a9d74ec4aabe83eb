import IORedis from 'ioredis';
import { redisConnection } from './queue.module';

export class RedisPolicyError extends Error {}

/**
 * BullMQ keeps every queued job in Redis: a Redis that evicts keys under memory pressure would
 * silently drop reminders. Read from INFO (allowed where CONFIG is not, as on managed Redis).
 * Answers the policy found; throws when it is not noeviction.
 */
export async function assertRedisNoEviction(redisUrl: string): Promise<string> {
  const redis = new IORedis({ ...redisConnection(redisUrl), maxRetriesPerRequest: 3, lazyConnect: true });
  try {
    await redis.connect();
    const info = await redis.info('memory');
    const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
    if (policy !== 'noeviction') {
      throw new RedisPolicyError(
        `Redis at REDIS_URL has maxmemory-policy ${policy}; the queues need noeviction, or Redis may drop planned reminders. ` +
          'Set it in redis.conf (maxmemory-policy noeviction) or with: redis-cli CONFIG SET maxmemory-policy noeviction',
      );
    }
    return policy;
  } finally {
    redis.disconnect();
  }
}
