/**
 * Issue 9, pack readiness: for a meeting, each sub-group report and paper its agenda expects,
 * in agenda order, with its author and whether it is in (submitted, late, returned or missing);
 * a paper's author adds its file; the secretariat reminds those outstanding through the
 * reminders queue, and the worker tells them (once per reminder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, londonToday } from '@pbw/core';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  addSubGroup,
  createPartnership,
  eventually,
  signIn,
  startTestStack,
  tenantSnapshot,
  uploadOk,
} from '@pbw/testing';

interface Contribution {
  agendaItemId: string;
  number: string;
  title: string;
  kind: string;
  authorUserId: string | null;
  authorName: string | null;
  status: string;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 'x'), Buffer.from('\n%%EOF\n')]);

describe('pack readiness', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let secretariat: GqlClient;
  let chair: GqlClient;
  let member: GqlClient;
  let tokens: Record<'member' | 'chair', string>;
  let meetingId: string;
  const items = {} as Record<'education' | 'housing' | 'paper' | 'scorecard', string>;
  const outbox = mkdtempSync(join(tmpdir(), 'pbw-readiness-mail-'));
  const today = londonToday();

  const readiness = async (c: GqlClient = secretariat) =>
    (await c.ok<{ packReadiness: Contribution[] }>(OPS.packReadiness, { meetingId })).packReadiness;
  const add = async (input: Record<string, unknown>) =>
    (await secretariat.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, { input: { meetingId, ...input } })).addAgendaItem.id;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { MAIL_OUTBOX_DIR: outbox } });
    P = await createPartnership(stack.pg, 'Readyton');
    const housing = await addSubGroup(stack.pg, P, 'Housing', P.boardMember.id);
    const sessions = await Promise.all([P.secretariat, P.chair, P.member].map((u) => signIn(stack.client(), u.email)));
    [secretariat, chair, member] = sessions.map((s) => stack.client(s.accessToken));
    tokens = { chair: sessions[1].accessToken, member: sessions[2].accessToken };
    meetingId = (
      await secretariat.ok<{ createMeeting: { id: string; title: string } }>(OPS.createMeeting, {
        input: { title: 'Spring board', startsAt: `${addDays(today, 20)}T10:00:00Z`, reportDeadline: addDays(today, 6) },
      })
    ).createMeeting.id;
    items.scorecard = await add({ title: 'Performance scorecard', kind: 'SCORECARD' });
    items.education = await add({ title: 'Education report', kind: 'SUB_GROUP_REPORT', subGroupId: P.subGroupId });
    items.housing = await add({ title: 'Housing report', kind: 'SUB_GROUP_REPORT', subGroupId: housing });
    items.paper = await add({ title: 'Dental access paper', kind: 'PAPER', authorUserId: P.member.id });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('lists each expected report and paper in agenda order with its author, missing until it is in', async () => {
    expect((await readiness()).map((c) => [c.number, c.title, c.authorName, c.status])).toEqual([
      ['2', 'Education report', expect.any(String), 'MISSING'],
      ['3', 'Housing report', expect.any(String), 'MISSING'],
      ['4', 'Dental access paper', expect.any(String), 'MISSING'],
    ]);
    const r = await readiness(member);
    expect(r.map((c) => c.authorUserId)).toEqual([P.chair.id, P.boardMember.id, P.member.id]);
  });

  it('a submitted report and a paper added by its author count as in; a returned report shows returned', async () => {
    await stack.pg.query(
      `INSERT INTO highlight_reports (partnership_id, meeting_id, sub_group_id, created_by_user_id, status, snapshot, submitted_at, submitted_by_user_id)
       VALUES ($1, $2, $3, $4, 'SUBMITTED', '{}', now(), $4)`,
      [P.id, meetingId, P.subGroupId, P.chair.id],
    );
    const housing = (await readiness()).find((c) => c.title === 'Housing report')!;
    await stack.pg.query(
      `INSERT INTO highlight_reports (partnership_id, meeting_id, sub_group_id, created_by_user_id, status, snapshot, submitted_at, return_comment)
       VALUES ($1, $2, (SELECT sub_group_id FROM agenda_items WHERE id = $3), $4, 'RETURNED', '{}', now(), 'Add the figures.')`,
      [P.id, meetingId, housing.agendaItemId, P.boardMember.id],
    );
    // Someone other than the author may not add the paper; nor may the author add another's file.
    const chairs = await uploadOk(stack.url, tokens.chair, PDF, 'chair.pdf');
    expect(
      (await chair.request(OPS.attachAgendaPaper, { input: { agendaItemId: items.paper, fileId: chairs } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const stolen = await member.request(OPS.attachAgendaPaper, { input: { agendaItemId: items.paper, fileId: chairs } });
    expect(stolen.errors?.[0]?.extensions?.fields).toEqual([{ path: 'input.fileId', message: 'Choose a file you uploaded.' }]);
    const notPaper = await secretariat.request(OPS.attachAgendaPaper, { input: { agendaItemId: items.scorecard, fileId: chairs } });
    expect(notPaper.errors?.[0]?.extensions?.fields).toEqual([{ path: 'input.agendaItemId', message: 'Only a paper item takes a file.' }]);

    const mine = await uploadOk(stack.url, tokens.member, PDF, 'dental.pdf');
    const attached = await member.ok<{ attachAgendaPaper: { fileId: string; paperSubmittedAt: string } }>(OPS.attachAgendaPaper, {
      input: { agendaItemId: items.paper, fileId: mine },
    });
    expect(attached.attachAgendaPaper).toMatchObject({ fileId: mine, paperSubmittedAt: expect.any(String) });
    expect((await stack.pg.query('SELECT attached FROM files WHERE id = $1', [mine])).rows[0].attached).toBe(true);
    expect((await readiness()).map((c) => [c.title, c.status])).toEqual([
      ['Education report', 'SUBMITTED'],
      ['Housing report', 'RETURNED'],
      ['Dental access paper', 'SUBMITTED'],
    ]);
  });

  it('the secretariat reminds those outstanding, through the queue; others may not', async () => {
    const before = await tenantSnapshot(stack.pg, P.id);
    expect((await chair.request(OPS.remindPackContributors, { input: { meetingId } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    const n = await secretariat.ok<{ remindPackContributors: number }>(OPS.remindPackContributors, { input: { meetingId } });
    // Only the housing report is outstanding (returned): its chair hears.
    expect(n.remindPackContributors).toBe(1);
    const notes = await eventually(
      'the reminder',
      async () =>
        (await stack.pg.query("SELECT user_id, title FROM notifications WHERE dedupe_key LIKE 'pack-contribution-due_%'")).rows as Array<{
          user_id: string;
          title: string;
        }>,
      (rows) => rows.length === 1,
    );
    expect(notes[0]).toEqual({
      user_id: P.boardMember.id,
      title: 'The board secretariat is waiting for your highlight report: Housing report',
    });
    const named = await secretariat.request(OPS.remindPackContributors, { input: { meetingId, agendaItemIds: [items.education] } });
    expect(named.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.agendaItemIds', message: 'None of these is outstanding with someone to remind.' },
    ]);
  });
});
