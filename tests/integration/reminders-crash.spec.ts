/**
 * Issue 8: a worker killed with SIGKILL in the middle of sending results in exactly one e-mail
 * per recipient after restart. The worker runs as its own process; the test's SMTP server holds
 * one recipient's message open (as a slow server would) and the test kills the worker while it
 * waits. That message was never accepted, so its transaction rolled back with the dead
 * connection; the restarted worker takes the stalled job back and sends what is left, once.
 * Time is moved by the test: the lock is short (QUEUE_LOCK_MS) rather than waited out.
 */
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { QUEUES, redisConnection } from '@pbw/queue';
import { addDays, londonToday } from '@pbw/core';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addUser,
  createPartnership,
  eventually,
  insertWorkPlan,
  killHard,
  morningComes,
  signIn,
  spawnWorker,
  startTestStack,
} from '@pbw/testing';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('reminders: a worker killed mid-send', () => {
  let stack: TestStack;
  let smtp: SMTPServer;
  let P: TestPartnership;
  let chair: GqlClient;
  let objectiveId: string;
  let slowSecretariat: TestUser;
  let otherSecretariat: TestUser;
  const received: Array<{ to: string; subject: string }> = [];
  /** While set, a message to this address is held open and never accepted. */
  let holdFor: string | null = null;
  let held: SMTPServerDataStream | null = null;
  let onHeld: (() => void) | null = null;
  const workers: ChildProcess[] = [];
  let queue: Queue | undefined;

  const startWorker = (): ChildProcess => {
    const { port } = smtp.server.address() as AddressInfo;
    const child = spawnWorker(stack, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    workers.push(child);
    return child;
  };

  const reminders = (): Queue =>
    (queue ??= new Queue(QUEUES.REMINDERS, { connection: redisConnection(stack.config.redisUrl), prefix: stack.config.queuePrefix }));
  // Today's reminders are made to run now whatever the hour (see morningComes).
  const until = <T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean) =>
    eventually(
      what,
      async () => {
        await morningComes(reminders());
        return read();
      },
      ok,
      { ms: 60_000, queue: reminders },
    );

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        const to = session.envelope.rcptTo.map((r) => r.address);
        if (holdFor && to.includes(holdFor)) {
          // Read the message but never answer: the sender waits, mid-send, until it is killed.
          held = stream;
          stream.resume();
          onHeld?.();
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const subject = /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
          for (const t of to) received.push({ to: t, subject });
          done();
        });
      },
    });
    // The killed worker's connection ends abruptly: expected here, not a failure.
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Crashford');
    slowSecretariat = await addUser(stack.pg, P, 'slow', { role: 'SECRETARIAT' });
    otherSecretariat = await addUser(stack.pg, P, 'zed', { role: 'SECRETARIAT' });
    objectiveId = (await insertWorkPlan(stack.pg, P, { status: 'ACTIVE' })).objectiveIds[0];
    chair = stack.client((await signIn(stack.client(), P.chair.email)).accessToken);
  });
  afterAll(async () => {
    for (const w of workers) await killHard(w);
    await queue?.close();
    await stack?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('sends exactly one e-mail to each recipient after the restart', async () => {
    const first = startWorker();
    holdFor = slowSecretariat.email;
    const holding = new Promise<void>((resolve) => (onHeld = resolve));
    // Due 28 days ago: today the secretariat (three people) and the owner hear.
    const due = addDays(londonToday(), -28);
    const a = await chair.ok<{ createAction: { id: string } }>(OPS.createAction, {
      input: { objectiveId, title: 'Crash-proof the reminders', dueDate: due, ownerUserId: P.member.id, leadAgencyId: P.agencies.health },
    });
    let isHeld = false;
    void holding.then(() => (isHeld = true));
    await until(
      'the slow recipient’s e-mail to be held mid-send',
      async () => isHeld,
      (h) => h,
    );
    await killHard(first);
    (held as SMTPServerDataStream | null)?.destroy();
    holdFor = null;

    // Mid-send: the slow recipient's notification is still unsent.
    const pending = await stack.pg.query('SELECT email_status FROM notifications WHERE dedupe_key LIKE $1 AND user_id = $2', [
      `action-overdue_${a.createAction.id}_secretariat_%`,
      slowSecretariat.id,
    ]);
    expect(pending.rows).toEqual([{ email_status: 'PENDING' }]);

    startWorker();
    const expected = [P.secretariat.email, slowSecretariat.email, otherSecretariat.email].sort();
    await until(
      'every notification sent',
      async () =>
        (
          await stack.pg.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM notifications WHERE dedupe_key LIKE $1 AND email_status = 'SENT'",
            [`action-overdue_${a.createAction.id}_%`],
          )
        ).rows[0].n,
      // Three of the secretariat and the owner (the chair's, 14 days after the due date, was due two weeks ago).
      (n) => n === 4,
    );
    await sleep(1000);
    const secretariatMails = received.filter((m) => m.subject.includes('Crash-proof the reminders') && expected.includes(m.to));
    expect(secretariatMails.map((m) => m.to).sort()).toEqual(expected);
    const all = received
      .filter((m) => m.subject.includes('Crash-proof the reminders'))
      .map((m) => m.to)
      .sort();
    expect(all).toEqual([...expected, P.member.email].sort());
  }, 120_000);
});
