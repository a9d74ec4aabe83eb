/**
 * Issue 5, "Meetings" (the schedule only): the secretariat schedules board meetings (title,
 * start time in UTC, place or link, report deadline as a London calendar day on or before
 * the meeting's London day) and moves them between PLANNED, HELD and CANCELLED; every
 * change is audited. Everyone signed in reads them, earliest first, filtered by time and
 * status, a page at a time. Nobody else changes them (FORBIDDEN, nothing written).
 */
import {
  OPS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  auditCount,
  createPartnership,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const ADMIN_DENIED = 'Only the board secretariat can change the partnership set-up.';

type Meeting = {
  id: string;
  title: string;
  startsAt: string;
  location: string | null;
  reportDeadline: string;
  status: string;
  createdAt: string;
  updatedAt: string;
};
type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: Meeting }> };

describe('meetings: the board’s schedule', () => {
  let stack: TestStack;
  let A: TestPartnership;
  const tokens: Record<string, string> = {};
  const as = (who: string): GqlClient => stack.client(tokens[who]);

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Meetham');
    for (const who of ['secretariat', 'boardMember', 'chair', 'member'] as const) {
      tokens[who] = (await signIn(stack.client(), A[who].email)).accessToken;
    }
  });
  afterAll(() => stack?.close());

  const expectOnlyError = (r: GqlResult<unknown>, op: string, code: string, message?: string) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0].path).toEqual([op]);
    expect(r.errors![0].extensions?.code).toBe(code);
    if (message !== undefined) expect(r.errors![0].message).toBe(message);
  };
  const expectFields = (r: GqlResult<unknown>, op: string, fields: Array<{ path: string; message: unknown }>) => {
    expectOnlyError(r, op, 'BAD_USER_INPUT');
    expect(r.errors![0].extensions?.fields).toEqual(fields);
  };
  const create = async (input: Record<string, unknown>): Promise<Meeting> =>
    (await as('secretariat').ok<{ createMeeting: Meeting }>(OPS.createMeeting, { input })).createMeeting;
  const audits = (entityId: string) =>
    stack.pg
      .query<{
        action: string;
        actor_user_id: string;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
      }>(
        'SELECT action, actor_user_id, before, after FROM audit_events WHERE partnership_id = $1 AND entity_id = $2 ORDER BY occurred_at, id',
        [A.id, entityId],
      )
      .then((r) => r.rows);

  it('the secretariat schedules, changes and holds a meeting, each change audited', async () => {
    const m = await create({ startsAt: '2026-12-03T10:00:00Z', reportDeadline: '2026-11-19', location: '  Council chamber  ' });
    expect(m).toMatchObject({
      title: 'Partnership board meeting',
      startsAt: '2026-12-03T10:00:00.000Z',
      location: 'Council chamber',
      reportDeadline: '2026-11-19',
      status: 'PLANNED',
    });
    const upd = await as('secretariat').ok<{ updateMeeting: Meeting }>(OPS.updateMeeting, {
      input: { id: m.id, title: 'December board', startsAt: '2026-12-10T14:00:00Z', location: null, reportDeadline: '2026-11-26' },
    });
    expect(upd.updateMeeting).toMatchObject({
      id: m.id,
      title: 'December board',
      startsAt: '2026-12-10T14:00:00.000Z',
      location: null,
      reportDeadline: '2026-11-26',
      status: 'PLANNED',
    });
    const held = await as('secretariat').ok<{ setMeetingStatus: Meeting }>(OPS.setMeetingStatus, { input: { id: m.id, status: 'HELD' } });
    expect(held.setMeetingStatus.status).toBe('HELD');
    const rows = await audits(m.id);
    expect(rows.map((r) => r.action)).toEqual(['meeting.create', 'meeting.update', 'meeting.setStatus']);
    expect(rows.every((r) => r.actor_user_id === A.secretariat.id)).toBe(true);
    expect(rows[0].before).toBeNull();
    expect(rows[0].after).toMatchObject({ title: 'Partnership board meeting', location: 'Council chamber', status: 'PLANNED' });
    expect(rows[1].before).toMatchObject({ title: 'Partnership board meeting', reportDeadline: '2026-11-19' });
    expect(rows[1].after).toMatchObject({ title: 'December board', location: null, reportDeadline: '2026-11-26' });
    expect([rows[2].before?.status, rows[2].after?.status]).toEqual(['PLANNED', 'HELD']);
    const read = await as('member').ok<{ meeting: Meeting }>(OPS.meeting, { id: m.id });
    expect(read.meeting).toEqual(held.setMeetingStatus);
  });

  it('status moves PLANNED to HELD or CANCELLED and CANCELLED back to PLANNED; nothing else', async () => {
    const m = await create({ title: 'Spring board', startsAt: '2027-03-04T10:00:00Z', reportDeadline: '2027-02-18' });
    const set = (status: string) =>
      as('secretariat').request<{ setMeetingStatus: Meeting }>(OPS.setMeetingStatus, { input: { id: m.id, status } });
    const refused = async (status: string, message: string) => {
      const before = await tenantSnapshot(stack.pg, A.id);
      expectFields(await set(status), 'setMeetingStatus', [{ path: 'input.status', message }]);
      expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    };
    await refused('PLANNED', 'This meeting is already planned.');
    expect((await set('CANCELLED')).data?.setMeetingStatus.status).toBe('CANCELLED');
    await refused('HELD', 'A cancelled meeting cannot be marked held.');
    await refused('CANCELLED', 'This meeting is already cancelled.');
    expect((await set('PLANNED')).data?.setMeetingStatus.status).toBe('PLANNED');
    expect((await set('HELD')).data?.setMeetingStatus.status).toBe('HELD');
    await refused('PLANNED', 'A held meeting cannot be marked planned.');
    await refused('CANCELLED', 'A held meeting cannot be marked cancelled.');
    expect((await audits(m.id)).map((r) => r.action)).toEqual([
      'meeting.create',
      'meeting.setStatus',
      'meeting.setStatus',
      'meeting.setStatus',
    ]);
  });

  it('the report deadline must be a real date on or before the meeting’s day in London', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const c = (input: Record<string, unknown>) => as('secretariat').request(OPS.createMeeting, { input });
    expectFields(await c({ startsAt: '2026-12-03T10:00:00Z', reportDeadline: '2026-12-04' }), 'createMeeting', [
      { path: 'input.reportDeadline', message: 'The report deadline must be on or before the day of the meeting (2026-12-03).' },
    ]);
    // 23:30 UTC on 1 December is still 1 December in London (GMT)...
    expectFields(await c({ startsAt: '2026-12-01T23:30:00Z', reportDeadline: '2026-12-02' }), 'createMeeting', [
      { path: 'input.reportDeadline', message: expect.stringContaining('(2026-12-01)') },
    ]);
    expectFields(await c({ startsAt: '2026-12-03T10:00:00Z', reportDeadline: '2026-02-30' }), 'createMeeting', [
      { path: 'input.reportDeadline', message: 'Report deadline must be a real date.' },
    ]);
    expectFields(await c({ startsAt: '2026-12-03T10:00:00Z', reportDeadline: '03/12/2026' }), 'createMeeting', [
      { path: 'input.reportDeadline', message: 'Report deadline must be a date like 2026-03-31.' },
      { path: 'input.reportDeadline', message: 'Report deadline must be a real date.' },
    ]);
    expectFields(
      await c({ title: '   ', startsAt: '2026-12-03T10:00:00Z', reportDeadline: '2026-11-19', location: 'x'.repeat(501) }),
      'createMeeting',
      [
        { path: 'input.title', message: 'Enter a title for the meeting.' },
        { path: 'input.location', message: 'Place or link must be 500 characters or fewer.' },
      ],
    );
    const bad = await c({ startsAt: 'next Tuesday', reportDeadline: '2026-11-19' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);

    // ...while 23:30 UTC on 1 June is 2 June in London (BST), so a 2 June deadline is allowed.
    const june = await create({ startsAt: '2026-06-01T23:30:00Z', reportDeadline: '2026-06-02' });
    expect(june.reportDeadline).toBe('2026-06-02');
    // An update is checked against the meeting as it would be: moving it earlier than its deadline is refused.
    const snap = await tenantSnapshot(stack.pg, A.id);
    expectFields(
      await as('secretariat').request(OPS.updateMeeting, { input: { id: june.id, startsAt: '2026-05-31T09:00:00Z' } }),
      'updateMeeting',
      [{ path: 'input.reportDeadline', message: 'The report deadline must be on or before the day of the meeting (2026-05-31).' }],
    );
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(snap);
    // And the database holds the same rule.
    await expect(
      stack.pg.query(
        "INSERT INTO meetings (partnership_id, starts_at, report_deadline) VALUES ($1, '2026-12-01T23:30:00Z', '2026-12-02')",
        [A.id],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it.each(['boardMember', 'member', 'chair'])('%s may read meetings but not change them (FORBIDDEN, nothing written)', async (who) => {
    const m = await create({ startsAt: '2027-06-03T10:00:00Z', reportDeadline: '2027-05-20' });
    const before = await tenantSnapshot(stack.pg, A.id);
    const count = await auditCount(stack.pg, A.id);
    const tries: Array<[keyof typeof OPS, Record<string, unknown>]> = [
      ['createMeeting', { startsAt: '2027-09-02T10:00:00Z', reportDeadline: '2027-08-19' }],
      ['updateMeeting', { id: m.id, title: 'Taken over' }],
      ['setMeetingStatus', { id: m.id, status: 'CANCELLED' }],
      ['setMeetingStatus', { id: m.id, status: 'HELD' }],
    ];
    for (const [op, input] of tries) expectOnlyError(await as(who).request(OPS[op], { input }), op, 'FORBIDDEN', ADMIN_DENIED);
    expect(await auditCount(stack.pg, A.id)).toBe(count);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    await expect(as(who).ok(OPS.meeting, { id: m.id })).resolves.toMatchObject({ meeting: { id: m.id, status: 'PLANNED' } });
  });

  it('lists meetings by start time, filtered by time and status, a page at a time', async () => {
    const all = (
      await as('boardMember').ok<{ meetings: Conn }>(OPS.meetings, {
        first: 100,
      })
    ).meetings;
    const ids = (await stack.pg.query<{ id: string }>('SELECT id FROM meetings WHERE partnership_id = $1', [A.id])).rows.map((r) => r.id);
    expect(all.totalCount).toBe(ids.length);
    expect(all.edges.map((e) => e.node.id).sort()).toEqual(ids.sort());
    const starts = all.edges.map((e) => e.node.startsAt);
    expect(starts).toEqual([...starts].sort());

    // Two meetings at the same moment still page in a stable order.
    await create({ title: 'Twin 1', startsAt: '2028-01-13T10:00:00Z', reportDeadline: '2027-12-30' });
    await create({ title: 'Twin 2', startsAt: '2028-01-13T10:00:00Z', reportDeadline: '2027-12-30' });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Conn = (await as('member').ok<{ meetings: Conn }>(OPS.meetings, { first: 2, after })).meetings;
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.totalCount).toBe(ids.length + 2);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(ids.length + 2);
    expect(new Set(seen).size).toBe(ids.length + 2);
    const full = (await as('member').ok<{ meetings: Conn }>(OPS.meetings, { first: 100 })).meetings;
    expect(seen).toEqual(full.edges.map((e) => e.node.id));

    // From and to bound the start time, both inclusive; status narrows further.
    const window = async (filter: Record<string, unknown>) =>
      (await as('chair').ok<{ meetings: Conn }>(OPS.meetings, { first: 100, filter })).meetings.edges.map((e) => e.node);
    const inWindow = await window({ from: '2027-03-04T10:00:00Z', to: '2028-01-13T10:00:00Z' });
    expect(inWindow.map((m) => m.startsAt)).toEqual([
      '2027-03-04T10:00:00.000Z',
      ...inWindow.slice(1, -2).map((m) => m.startsAt),
      '2028-01-13T10:00:00.000Z',
      '2028-01-13T10:00:00.000Z',
    ]);
    expect(inWindow.every((m) => m.startsAt >= '2027-03-04T10:00:00.000Z' && m.startsAt <= '2028-01-13T10:00:00.000Z')).toBe(true);
    const heldOnes = await window({ status: 'HELD' });
    expect(heldOnes.length).toBeGreaterThan(0);
    expect(heldOnes.every((m) => m.status === 'HELD')).toBe(true);
    expect(await window({ status: 'CANCELLED', from: '2030-01-01T00:00:00Z' })).toEqual([]);
    const future = await window({ from: '2028-01-01T00:00:00Z', status: 'PLANNED' });
    expect(future.map((m) => m.title)).toEqual(expect.arrayContaining(['Twin 1', 'Twin 2']));
    expect(future).toHaveLength(2);

    // A bad cursor is a field error.
    expectFields(await as('member').request(OPS.meetings, { first: 2, after: 'nonsense' }), 'meetings', [
      { path: 'after', message: 'This cursor is not valid. Use the endCursor of a previous page.' },
    ]);
  });

  it('an unknown or malformed meeting id is NOT_FOUND', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expectOnlyError(await as('member').request(OPS.meeting, { id }), 'meeting', 'NOT_FOUND', 'Meeting not found.');
    }
    expectOnlyError(
      await as('secretariat').request(OPS.updateMeeting, { input: { id: '00000000-0000-4000-8000-000000000000', title: 'x' } }),
      'updateMeeting',
      'NOT_FOUND',
      'Meeting not found.',
    );
  });
});
