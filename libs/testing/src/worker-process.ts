import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { TestStack } from './stack';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The worker as its own process against a test stack, as in production, so a test can kill it
 * for real. Its queue locks are short, so a killed worker's job is taken back in seconds rather
 * than a minute. CRASH_LOG=info (or any level) shows its log.
 */
export function spawnWorker(stack: TestStack, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: stack.config.databaseUrl,
      REDIS_URL: stack.config.redisUrl,
      QUEUE_PREFIX: stack.config.queuePrefix,
      PUBLIC_URL: stack.config.publicUrl,
      LOG_LEVEL: process.env.CRASH_LOG ?? 'silent',
      QUEUE_LOCK_MS: '1500',
      ...env,
    },
    stdio: ['ignore', process.env.CRASH_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
}

/** SIGKILL, as a crash would, and wait until the process is gone (at once if it already is). */
export async function killHard(w: ChildProcess): Promise<void> {
  if (w.exitCode !== null || w.signalCode !== null) return;
  const gone = new Promise((r) => w.once('exit', r));
  w.kill('SIGKILL');
  await gone;
}
