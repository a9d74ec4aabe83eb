import type { Queue } from 'bullmq';
import { londonToday } from '@pbw/core';
import { londonMorning } from '@pbw/notifications';
import { JOBS } from '@pbw/queue';

/**
 * Today's reminders go at 08:00 London: a test run before then (CI runs at any hour) would find
 * them waiting for the morning. Tests move time on instead: each reminder due by this morning
 * runs now. Only reminders: the hourly reconcile and the digests keep their own time.
 */
export async function morningComes(queue: Queue): Promise<void> {
  const morning = londonMorning(londonToday()).getTime();
  if (Date.now() >= morning) return;
  // BullMQ stamps a job a few milliseconds after its delay was worked out, so "due this morning"
  // is read as due before noon: reminders only ever go at 08:00, today's or a later day's.
  const noon = morning + 4 * 60 * 60 * 1000;
  for (const j of await queue.getJobs(['delayed'])) {
    // A job already taken by the worker or removed meanwhile is no longer ours to move.
    if (j.name === JOBS.SEND_REMINDER && j.timestamp + (j.opts.delay ?? 0) < noon) await j.promote().catch(() => undefined);
  }
}
