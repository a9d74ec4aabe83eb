/**
 * Issue 8, reminders planned through BullMQ: the api asks the worker to re-plan an action's
 * reminders whenever it changes; the worker keeps exactly the reminders for the action as it
 * is now, as delayed jobs with deterministic ids. Changing the due date twice leaves only the
 * final date's reminders; completing the action removes them; a stale job that survives sends
 * nothing; losing Redis's keys and running the reconcile job restores every planned reminder.
 *
 * Time is moved by the test, never waited for: a reminder's delayed job is promoted to run now.
 * The e-mail goes to a real SMTP server on loopback (smtp-server), and the test reads what it got.
 */
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { addDays, londonToday } from '@pbw/core';
import { RemindersService } from '@pbw/notifications';
import { JOBS, QUEUES, redisConnection } from '@pbw/queue';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  insertWorkPlan,
  signIn,
  startTestStack,
} from '@pbw/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders', () => {
  let stack: TestStack;
  let queue: Queue;
  let smtp: SMTPServer;
  const received: Array<{ to: string[]; data: string }> = [];
  let P: TestPartnership;
  let chair: GqlClient;
  let objectiveId: string;
  const today = londonToday();

  /** The reminder jobs still to run for an action, by id. */
  const planned = async (actionId: string): Promise<string[]> =>
    (await queue.getJobs(['delayed', 'waiting', 'prioritized', 'paused']))
      .map((j) => j.id ?? '')
      .filter((id) => id.startsWith(`action-due_${actionId}_`))
      .sort();
  const expectedFor = (actionId: string, due: string) =>
    [14, 3, 0]
      .filter((d) => addDays(due, -d) >= today)
      .map((d) => `action-due_${actionId}_${d}_${due}`)
      .sort();

  async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    let last: T = await read();
    while (!ok(last)) {
      if (Date.now() > end) {
        const failed = (await queue.getJobs(['failed'])).map((j) => `${j.name}: ${j.failedReason}`);
        throw new Error(
          `Timed out waiting for ${what}: last ${JSON.stringify(last)}; jobs ${JSON.stringify(await queue.getJobCounts())}; failed ${failed.join('; ')}`,
        );
      }
      await sleep(100);
      last = await read();
    }
    return last;
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const { port } = smtp.server.address() as AddressInfo;
    stack = await startTestStack({ worker: true, env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    queue = new Queue(QUEUES.REMINDERS, { connection: redisConnection(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    P = await createPartnership(stack.pg, 'Remindham');
    const plan = await insertWorkPlan(stack.pg, P, { status: 'ACTIVE' });
    objectiveId = plan.objectiveIds[0];
    chair = stack.client((await signIn(stack.client(), P.chair.email)).accessToken);
  });
  afterAll(async () => {
    await queue?.close();
    await stack?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  const create = async (title: string, dueDate: string) =>
    (
      await chair.ok<{ createAction: { id: string; version: number } }>(OPS.createAction, {
        input: { objectiveId, title, dueDate, ownerUserId: P.member.id, leadAgencyId: P.agencies.health },
      })
    ).createAction;

  it('plans the reminders of a new action; changing its due date twice leaves only the final date’s', async () => {
    const first = addDays(today, 20);
    const a = await create('Audit the personal education plans', first);
    await until(
      'the first plan',
      () => planned(a.id),
      (ids) => ids.join() === expectedFor(a.id, first).join(),
    );
    expect(expectedFor(a.id, first)).toHaveLength(3);

    const second = addDays(today, 30);
    const third = addDays(today, 45);
    const u1 = await chair.ok<{ updateAction: { version: number } }>(OPS.updateAction, {
      input: { id: a.id, version: a.version, dueDate: second },
    });
    await chair.ok(OPS.updateAction, { input: { id: a.id, version: u1.updateAction.version, dueDate: third } });
    const final = await until(
      'the final plan',
      () => planned(a.id),
      (ids) => ids.join() === expectedFor(a.id, third).join(),
    );
    expect(final.every((id) => id.endsWith(third))).toBe(true);
    // Each planned job runs at 08:00 London on its day.
    const job = await queue.getJob(final[0]);
    expect(job?.opts.delay).toBeGreaterThan(0);
  });

  it('a reminder sends once, by e-mail, to the owner; a stale one for an old date sends nothing', async () => {
    // Due in four days: the 3-days-before reminder is tomorrow's, still waiting.
    const due = addDays(today, 4);
    const a = await create('Chase the dental checks', due);
    const ids = await until(
      'the plan',
      () => planned(a.id),
      (x) => x.join() === expectedFor(a.id, due).join(),
    );
    // A job for a date the action is no longer due on, as if it had survived a re-plan.
    const stale = `action-due_${a.id}_3_${addDays(today, 99)}`;
    await queue.add(JOBS.SEND_REMINDER, { partnershipId: P.id, recordType: 'ACTION', recordId: a.id }, { jobId: stale, delay: 86_400_000 });

    // Time moves: the 3-days-before reminder and the stale one run now.
    const threeDays = ids.find((id) => id.startsWith(`action-due_${a.id}_3_`)) as string;
    for (const id of [threeDays, stale]) await (await queue.getJob(id))?.promote();
    const notes = await until(
      'the notification',
      async () =>
        (
          await stack.pg.query('SELECT dedupe_key, user_id, email_status FROM notifications WHERE dedupe_key LIKE $1', [
            `action-due_${a.id}_%`,
          ])
        ).rows,
      (rows) => rows.length === 1 && rows[0].email_status === 'SENT',
    );
    expect(notes).toEqual([{ dedupe_key: `${threeDays}:${P.member.id}`, user_id: P.member.id, email_status: 'SENT' }]);
    await until(
      'the stale job to finish',
      async () => (await queue.getJob(stale))?.finishedOn ?? 0,
      (t) => t > 0,
    );
    expect(await (await queue.getJob(stale))?.returnvalue).toBe('skipped');
    const mails = received.filter((m) => m.data.includes('Chase the dental checks'));
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual([P.member.email]);
    expect(mails[0].data).toContain('Subject: Action due in 3 days: Chase the dental checks');

    // Running the same reminder again (a retry) notifies and e-mails no one twice.
    expect(await stack.worker!.get(RemindersService).sendReminder(threeDays, P.id)).toBe('sent');
    expect(
      (await stack.pg.query('SELECT count(*)::int AS n FROM notifications WHERE dedupe_key LIKE $1', [`action-due_${a.id}_%`])).rows[0].n,
    ).toBe(1);
    expect(received.filter((m) => m.data.includes('Chase the dental checks'))).toHaveLength(1);
  });

  it('completing an action removes its reminders', async () => {
    const due = addDays(today, 25);
    const a = await create('Publish the leaving care guide', due);
    await until(
      'the plan',
      () => planned(a.id),
      (x) => x.length === 3,
    );
    await chair.ok(OPS.postActionUpdate, {
      input: { actionId: a.id, version: a.version, narrative: 'Published.', status: 'COMPLETE', rag: 'GREEN' },
    });
    await until(
      'no reminders',
      () => planned(a.id),
      (x) => x.length === 0,
    );
  });

  it('losing Redis’s keys and running the reconcile job restores every planned reminder, and doubles none', async () => {
    const dues = [addDays(today, 16), addDays(today, 40)];
    const actions = [await create('Review missing episodes', dues[0]), await create('Staying put review', dues[1])];
    for (const [i, a] of actions.entries())
      await until(
        'the plan',
        () => planned(a.id),
        (x) => x.join() === expectedFor(a.id, dues[i]).join(),
      );

    // FLUSHALL would wipe every other test's queues on this shared Redis: deleting this installation's keys is the same loss for it.
    const redis = new IORedis(stack.config.redisUrl);
    const keys = await redis.keys(`${stack.config.queuePrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    for (const a of actions) expect(await planned(a.id)).toEqual([]);

    await queue.add(JOBS.RECONCILE_REMINDERS, {}, { jobId: `reconcile-now-${Date.now()}` });
    for (const [i, a] of actions.entries()) {
      await until(
        'the rebuilt plan',
        () => planned(a.id),
        (x) => x.join() === expectedFor(a.id, dues[i]).join(),
      );
    }
    // A second reconcile adds nothing.
    await queue.add(JOBS.RECONCILE_REMINDERS, {}, { jobId: `reconcile-again-${Date.now()}` });
    await sleep(1500);
    for (const [i, a] of actions.entries()) expect(await planned(a.id)).toEqual(expectedFor(a.id, dues[i]));
  });
});
