import type { Queue } from 'bullmq';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads until the answer is right, for work a queue does in the background. On timeout the
 * error says what was awaited, the last answer, and the queue's state, so a failure explains itself.
 */
export async function eventually<T>(
  what: string,
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  opts: { ms?: number; queue?: () => Queue } = {},
): Promise<T> {
  const end = Date.now() + (opts.ms ?? 15_000);
  let last = await read();
  while (!ok(last)) {
    if (Date.now() > end) {
      const q = opts.queue?.();
      const state = q
        ? `; jobs ${JSON.stringify(await q.getJobCounts())}; failed ${(await q.getJobs(['failed'])).map((j) => `${j.id}: ${j.failedReason}`).join('; ')}`
        : '';
      throw new Error(`Timed out waiting for ${what}: last ${JSON.stringify(last)}${state}`);
    }
    await sleep(100);
    last = await read();
  }
  return last;
}
