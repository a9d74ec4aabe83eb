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
  addSubGroup,
  createPartnership,
  eventually,
  insertWorkPlan,
  morningComes,
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
  let secretariat: GqlClient;
  let member: GqlClient;
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

  const until = <T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean) =>
    eventually(
      what,
      async () => {
        await morningComes(queue);
        return read();
      },
      ok,
      { queue: () => queue },
    );

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
    secretariat = stack.client((await signIn(stack.client(), P.secretariat.email)).accessToken);
    member = stack.client((await signIn(stack.client(), P.member.email)).accessToken);
  });
  afterAll(async () => {
    await queue?.close();
    await stack?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  /** Every reminder job still to run whose id names this record. */
  const jobsOf = async (recordId: string): Promise<string[]> =>
    (await queue.getJobs(['delayed', 'waiting', 'prioritized', 'paused']))
      .map((j) => j.id ?? '')
      .filter((id) => id.includes(`_${recordId}_`))
      .sort();
  const notes = async (like: string) =>
    (
      await stack.pg.query<{ user_id: string; kind: string; title: string; email_status: string }>(
        'SELECT user_id, kind, title, email_status FROM notifications WHERE dedupe_key LIKE $1 ORDER BY user_id',
        [like],
      )
    ).rows;
  const mailsAbout = (words: string) => received.filter((m) => m.data.includes(words));

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

  it('the secretariat’s rule change re-plans: days before changed to 10 leaves only the 10-day reminder', async () => {
    const due = addDays(today, 40);
    const a = await create('Refresh the sufficiency strategy', due);
    await until(
      'the default plan',
      () => planned(a.id),
      (x) => x.join() === expectedFor(a.id, due).join(),
    );
    const r = await secretariat.ok<{ setReminderRule: { daysBefore: number[]; isDefault: boolean } }>(OPS.setReminderRule, {
      input: { kind: 'ACTION_DUE', enabled: true, daysBefore: [10] },
    });
    expect(r.setReminderRule).toEqual(expect.objectContaining({ daysBefore: [10], isDefault: false }));
    await until(
      'the new plan',
      () => planned(a.id),
      (x) => x.join() === `action-due_${a.id}_10_${due}`,
    );
    // Turned off: none.
    await secretariat.ok(OPS.setReminderRule, { input: { kind: 'ACTION_DUE', enabled: false } });
    await until(
      'no reminders',
      () => planned(a.id),
      (x) => x.length === 0,
    );
    await secretariat.ok(OPS.setReminderRule, { input: { kind: 'ACTION_DUE', enabled: true, daysBefore: [14, 3, 0] } });
    await until(
      'the default plan again',
      () => planned(a.id),
      (x) => x.join() === expectedFor(a.id, due).join(),
    );
  });

  it('bad rule input names the field and changes nothing; only the secretariat may change rules', async () => {
    const before = (await stack.pg.query('SELECT * FROM reminder_rules WHERE partnership_id = $1 ORDER BY kind', [P.id])).rows;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ kind: 'REPORT_LATE', enabled: true, daysBefore: [3] }, 'input.daysBefore', 'This reminder has no days before to set.'],
      [
        { kind: 'ACTION_DUE', enabled: true, daysBefore: [] },
        'input.daysBefore',
        'Give at least one day before (0 is the day itself), or turn the reminder off.',
      ],
      [
        { kind: 'ACTION_OVERDUE', enabled: true, chairAfterDays: 20, secretariatAfterDays: 10 },
        'input.secretariatAfterDays',
        'The secretariat hears after the chair: give at least as many days as for the chair.',
      ],
      [{ kind: 'INVITATION', enabled: false }, 'input.kind', 'Invitations to the workspace always go at once; there is no rule to change.'],
      [{ kind: 'ACTION_DUE', enabled: true, daysBefore: [-1] }, 'input.daysBefore', 'Days before cannot be negative.'],
    ];
    for (const [input, path, message] of cases) {
      const r = await secretariat.request(OPS.setReminderRule, { input });
      expect({ input, fields: r.errors?.[0]?.extensions?.fields }).toEqual({ input, fields: [{ path, message }] });
    }
    const refused = await chair.request(OPS.setReminderRule, { input: { kind: 'ACTION_DUE', enabled: false } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.pg.query('SELECT * FROM reminder_rules WHERE partnership_id = $1 ORDER BY kind', [P.id])).rows).toEqual(before);
    // The preview escapes what it shows.
    const preview = await secretariat.ok<{ emailPreview: { subject: string; html: string; text: string } }>(OPS.emailPreview, {
      kind: 'EVIDENCE_RETURNED',
    });
    expect(preview.emailPreview.subject).toBe('Evidence returned to you: Care leavers’ council tax exemption');
    expect(preview.emailPreview.html).toContain('<a href="http');
    const digest = await secretariat.ok<{ emailPreview: { subject: string } }>(OPS.emailPreview, { kind: 'ACTION_DUE', digest: 'WEEKLY' });
    expect(digest.emailPreview.subject).toBe('Your weekly summary: 2 updates');
  });

  it('an overdue action: the owner hears weekly, the chair after 14 days; each once', async () => {
    const due = addDays(today, -14);
    const a = await create('Review the placement stability plan', due);
    // Fourteen days overdue today: the second weekly reminder and the chair's go now; the secretariat's waits.
    const sent = await until(
      'the overdue notifications',
      () => notes(`action-overdue_${a.id}_%`),
      (rows) => rows.length === 2 && rows.every((r) => r.email_status === 'SENT'),
    );
    expect(sent.map((r) => r.user_id).sort()).toEqual([P.chair.id, P.member.id].sort());
    expect(sent.every((r) => r.title === 'Action overdue by 14 days: Review the placement stability plan')).toBe(true);
    expect(await jobsOf(a.id)).toEqual(
      [
        `action-overdue_${a.id}_secretariat_${due}`,
        `action-overdue_${a.id}_w3_${due}`,
        `action-overdue_${a.id}_w4_${due}`,
        `action-overdue_${a.id}_w5_${due}`,
        `action-overdue_${a.id}_w6_${due}`,
        `action-overdue_${a.id}_w7_${due}`,
      ].sort(),
    );
    const mails = mailsAbout('Review the placement stability plan');
    expect(mails.map((m) => m.to[0]).sort()).toEqual([P.chair.email, P.member.email].sort());
  });

  it('a report deadline reminds the chairs whose report is not in; late, the chair and the secretariat hear', async () => {
    const m = await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
      input: { title: 'Winter board', startsAt: `${addDays(today, 10)}T10:00:00Z`, reportDeadline: today },
    });
    const id = m.createMeeting.id;
    const due = await until(
      'the deadline reminder',
      () => notes(`report-deadline_${id}_%`),
      (rows) => rows.length === 1 && rows[0].email_status === 'SENT',
    );
    expect(due).toEqual([expect.objectContaining({ user_id: P.chair.id, title: 'Highlight report due today: Winter board' })]);
    const lateJob = (await jobsOf(id)).find((j) => j.startsWith('report-late_')) as string;
    expect(lateJob).toBe(`report-late_${id}_late_${today}`);
    await (await queue.getJob(lateJob))?.promote();
    const late = await until(
      'the late reminder',
      () => notes(`report-late_${id}_%`),
      (rows) => rows.length === 2,
    );
    expect(late.map((r) => r.user_id).sort()).toEqual([P.chair.id, P.secretariat.id].sort());
  });

  it('returned evidence tells its author, once, by e-mail too', async () => {
    const e = await stack.pg.query<{ id: string }>(
      `INSERT INTO evidence (partnership_id, sub_group_id, agency_id, created_by_user_id, title, kind, status, visibility, submitted_at, submitted_by_user_id)
       VALUES ($1, $2, $3, $4, 'Leaving care survey results', 'DATA', 'SUBMITTED', 'PARTNERSHIP', now(), $4) RETURNING id`,
      [P.id, P.subGroupId, P.agencies.health, P.member.id],
    );
    await chair.ok(OPS.returnEvidence, { input: { id: e.rows[0].id, comment: 'Please add <this year’s> response rate.' } });
    const rows = await until(
      'the notification',
      () => notes(`evidence-returned_${e.rows[0].id}_%`),
      (r) => r.length === 1 && r[0].email_status === 'SENT',
    );
    expect(rows[0]).toMatchObject({
      user_id: P.member.id,
      kind: 'EVIDENCE_RETURNED',
      title: 'Evidence returned to you: Leaving care survey results',
    });
    const mail = mailsAbout('Leaving care survey results');
    expect(mail).toHaveLength(1);
    expect(mail[0].data).toContain('&lt;this year');
  });

  it('an invitation is e-mailed at once, and the stored copy keeps no link', async () => {
    await secretariat.ok(OPS.inviteUser, {
      input: { email: 'new.nurse@example.test', name: 'Nia Newcome', agencyId: P.agencies.health, role: 'MEMBER' },
    });
    await until(
      'the invitation e-mail',
      async () => received.filter((m) => m.to.includes('new.nurse@example.test')).length,
      (n) => n === 1,
    );
    const mail = received.find((m) => m.to.includes('new.nurse@example.test'))!;
    const link = /accept-invitation\?token=([A-Za-z0-9_-]+)/.exec(mail.data.replace(/=\r?\n/g, ''));
    expect(link).not.toBeNull();
    const row = await until(
      'the outbox row to be marked sent',
      async () =>
        (await stack.pg.query('SELECT sent_at, link, body FROM outbox_messages WHERE to_email = $1', ['new.nurse@example.test'])).rows[0],
      (r) => r.sent_at !== null,
    );
    expect(row.link).toBeNull();
    expect(row.body).not.toContain(link![1]);
  });

  it('a digest gathers what waited and sends once; a kind turned off makes nothing', async () => {
    await member.ok(OPS.setNotificationPreference, { input: { kind: 'ACTION_DUE', mode: 'DAILY' } });
    await member.ok(OPS.setNotificationPreference, { input: { kind: 'ACTION_OVERDUE', mode: 'OFF' } });
    const soon = await create('Digest: check the health assessments', addDays(today, 3));
    const three = `action-due_${soon.id}_3_${addDays(today, 3)}`;
    // Three days before is today: it goes at once, into the digest.
    await until(
      'the digest notification',
      () => notes(`${three}:%`),
      (r) => r.length === 1 && r[0].email_status === 'DIGEST',
    );
    const late = await create('Digest: overdue and turned off', addDays(today, -7));
    // The chair still hears (after 14 days, not yet); the owner turned overdue reminders off: the weekly one makes nothing.
    await until(
      'the overdue job to run',
      async () => (await queue.getJob(`action-overdue_${late.id}_w1_${addDays(today, -7)}`))?.finishedOn ?? 0,
      (t) => t > 0,
    );
    expect(await notes(`action-overdue_${late.id}_%`)).toEqual([]);
    expect(mailsAbout('Digest: check the health assessments')).toEqual([]);

    for (const n of [1, 2]) await queue.add(JOBS.SEND_DIGESTS, { period: 'DAILY' }, { jobId: `digest-test-${n}-${Date.now()}` });
    await until(
      'the digest e-mail',
      async () => mailsAbout('Digest: check the health assessments').length,
      (n) => n >= 1,
    );
    await sleep(1000);
    const digests = mailsAbout('Digest: check the health assessments');
    expect(digests).toHaveLength(1);
    expect(digests[0].to).toEqual([P.member.email]);
    expect(digests[0].data).toContain('Subject: Your daily summary: 1 update');
    expect(await notes(`${three}:%`)).toEqual([expect.objectContaining({ email_status: 'SENT' })]);
    await member.ok(OPS.setNotificationPreference, { input: { kind: 'ACTION_DUE', mode: 'IMMEDIATE' } });
    await member.ok(OPS.setNotificationPreference, { input: { kind: 'ACTION_OVERDUE', mode: 'IMMEDIATE' } });
  });

  it('a failed job is kept and shown to its partnership’s secretariat, who may retry it; no one else may', async () => {
    const O = await createPartnership(stack.pg, 'Otherham');
    const other = stack.client((await signIn(stack.client(), O.secretariat.email)).accessToken);
    const job = await queue.add('mystery-job', { partnershipId: P.id }, { jobId: `mystery_${Date.now()}`, attempts: 1 });
    await until(
      'the job to fail',
      async () => (await job.isFailed()) as boolean,
      (f) => f,
    );
    const list = await secretariat.ok<{ failedJobs: Array<{ id: string; failedReason: string; attemptsMade: number }> }>(OPS.failedJobs);
    expect(list.failedJobs).toEqual([
      expect.objectContaining({ id: job.id, failedReason: 'Unknown reminders job mystery-job', attemptsMade: 1 }),
    ]);
    expect((await other.ok<{ failedJobs: unknown[] }>(OPS.failedJobs)).failedJobs).toEqual([]);
    const foreign = await other.request(OPS.retryFailedJob, { input: { id: job.id } });
    expect(foreign.errors?.[0]).toMatchObject({ message: 'Failed job not found.', extensions: { code: 'NOT_FOUND' } });
    const byChair = await chair.request(OPS.retryFailedJob, { input: { id: job.id } });
    expect(byChair.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await chair.request(OPS.failedJobs)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await secretariat.ok(OPS.retryFailedJob, { input: { id: job.id } });
    await until(
      'the retry to fail again',
      async () => (await queue.getJob(job.id as string))?.attemptsMade ?? 0,
      (n) => n >= 2,
    );
    const audits = await stack.pg.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE partnership_id = $1 AND action = 'failedJob.retry'",
      [P.id],
    );
    expect(audits.rows[0].n).toBe(1);
  });

  it('closing a work plan removes its actions’ reminders (the partnership is re-planned)', async () => {
    const sg = await addSubGroup(stack.pg, P, 'Health reminders', P.chair.id);
    const plan = await insertWorkPlan(stack.pg, P, { status: 'ACTIVE', subGroupId: sg });
    const due = addDays(today, 30);
    const a = (
      await chair.ok<{ createAction: { id: string } }>(OPS.createAction, {
        input: {
          objectiveId: plan.objectiveIds[0],
          title: 'Closed with its plan',
          dueDate: due,
          ownerUserId: P.member.id,
          leadAgencyId: P.agencies.health,
        },
      })
    ).createAction;
    await until(
      'the plan',
      () => planned(a.id),
      (x) => x.join() === expectedFor(a.id, due).join(),
    );
    await chair.ok(OPS.closeWorkPlan, { input: { workPlanId: plan.id } });
    await until(
      'no reminders',
      () => planned(a.id),
      (x) => x.length === 0,
    );
  });
});
