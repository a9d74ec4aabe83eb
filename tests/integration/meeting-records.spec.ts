/**
 * Issue 9, after the meeting: attendance by agency, minutes and decisions per agenda item, and
 * board actions that carry from meeting to meeting until closed (the action log). The
 * secretariat keeps the record; an action's owner says where it stands; everyone reads it.
 */
import { addDays, londonToday } from '@pbw/core';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

interface Action {
  id: string;
  title: string;
  status: string;
  overdue: boolean;
  version: number;
  closedAt: string | null;
  ownerName: string;
  note: string;
}

describe('meeting records', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let O: TestPartnership;
  let secretariat: GqlClient;
  let chair: GqlClient;
  let member: GqlClient;
  const today = londonToday();
  const meetings = {} as Record<'last' | 'next' | 'after', string>;

  const meeting = async (startsOn: string) =>
    (
      await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: { startsAt: `${startsOn}T10:00:00Z`, reportDeadline: addDays(startsOn, -14) },
      })
    ).createMeeting.id;

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Minuteham');
    O = await createPartnership(stack.pg, 'Elsewhere');
    [secretariat, chair, member] = await Promise.all(
      [P.secretariat, P.chair, P.member].map(async (u) => stack.client((await signIn(stack.client(), u.email)).accessToken)),
    );
    meetings.last = await meeting(addDays(today, -30));
    meetings.next = await meeting(addDays(today, 30));
    meetings.after = await meeting(addDays(today, 120));
  });
  afterAll(() => stack?.close());

  it('records attendance by agency; a duplicate or a stranger is named and nothing changes; only the secretariat records it', async () => {
    const set = await secretariat.ok<{ setAttendance: Array<{ name: string; agencyName: string; status: string }> }>(OPS.setAttendance, {
      input: {
        meetingId: meetings.last,
        entries: [
          { userId: P.member.id, status: 'PRESENT' },
          { userId: P.chair.id, status: 'APOLOGIES' },
          { userId: P.boardMember.id, status: 'ABSENT' },
        ],
      },
    });
    expect(set.setAttendance.map((a) => a.status).sort()).toEqual(['ABSENT', 'APOLOGIES', 'PRESENT']);
    // Sorted by agency, then name.
    const names = set.setAttendance.map((a) => `${a.agencyName}/${a.name}`);
    expect(names).toEqual([...names].sort());
    const before = await tenantSnapshot(stack.pg, P.id);
    const dup = await secretariat.request(OPS.setAttendance, {
      input: {
        meetingId: meetings.last,
        entries: [
          { userId: P.member.id, status: 'PRESENT' },
          { userId: P.member.id, status: 'ABSENT' },
        ],
      },
    });
    expect(dup.errors?.[0]?.extensions?.fields?.[0]?.path).toBe('input.entries[1].userId');
    const stranger = await secretariat.request(OPS.setAttendance, {
      input: { meetingId: meetings.last, entries: [{ userId: O.member.id, status: 'PRESENT' }] },
    });
    expect(stranger.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.entries[0].userId', message: 'Choose a person in this partnership.' },
    ]);
    const refused = await chair.request(OPS.setAttendance, { input: { meetingId: meetings.last, entries: [] } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    const read = await member.ok<{ meeting: { attendance: unknown[] } }>(OPS.attendance, { id: meetings.last });
    expect(read.meeting.attendance).toHaveLength(3);
  });

  it('records minutes and decisions per agenda item, at the version read', async () => {
    const item = (
      await secretariat.ok<{ addAgendaItem: { id: string; version: number } }>(OPS.addAgendaItem, {
        input: { meetingId: meetings.last, title: 'Performance scorecard', kind: 'SCORECARD' },
      })
    ).addAgendaItem;
    const r = await secretariat.ok<{ recordMinutes: { minutes: string; decisions: string; version: number } }>(OPS.recordMinutes, {
      input: {
        agendaItemId: item.id,
        version: item.version,
        minutes: 'The board noted the fall in <b>stability</b>.',
        decisions: 'Ask Health for a deep dive.',
      },
    });
    expect(r.recordMinutes).toMatchObject({
      minutes: 'The board noted the fall in <b>stability</b>.',
      decisions: 'Ask Health for a deep dive.',
      version: item.version + 1,
    });
    const stale = await secretariat.request(OPS.recordMinutes, {
      input: { agendaItemId: item.id, version: item.version, minutes: 'Late' },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('board actions carry to the next meeting’s log until closed; the owner closes theirs; others may not', async () => {
    const created = await secretariat.ok<{ createBoardAction: Action }>(OPS.createBoardAction, {
      input: { meetingId: meetings.last, title: 'Bring the dental access figures', ownerUserId: P.member.id, dueDate: addDays(today, -2) },
    });
    const a = created.createBoardAction;
    expect(a).toMatchObject({ status: 'OPEN', overdue: true, closedAt: null });
    // Raised at the last meeting and open: on the next meeting's log.
    const log = async (id: string) =>
      (await member.ok<{ actionLog: Action[] }>(OPS.actionLog, { meetingId: id })).actionLog.map((x) => x.id);
    expect(await log(meetings.next)).toEqual([a.id]);
    expect(await log(meetings.last)).toEqual([]);

    // Someone else may not touch it; the owner may not move its date.
    expect(
      (await chair.request(OPS.updateBoardAction, { input: { id: a.id, version: a.version, status: 'COMPLETE' } })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const moved = await member.request(OPS.updateBoardAction, { input: { id: a.id, version: a.version, dueDate: addDays(today, 30) } });
    expect(moved.errors?.[0]?.message).toBe('Only the board secretariat can change an action’s wording, owner or due date.');

    const done = await member.ok<{ updateBoardAction: Action }>(OPS.updateBoardAction, {
      input: { id: a.id, version: a.version, status: 'COMPLETE', note: 'Figures sent to the secretariat.' },
    });
    expect(done.updateBoardAction).toMatchObject({
      status: 'COMPLETE',
      overdue: false,
      closedAt: expect.any(String),
      note: 'Figures sent to the secretariat.',
    });
    // Closed since the last meeting: still on the next meeting's log (as done); gone from the one after.
    expect(await log(meetings.next)).toEqual([a.id]);
    expect(await log(meetings.after)).toEqual([]);
    expect((await secretariat.ok<{ boardActions: Action[] }>(OPS.boardActions, { status: 'OPEN' })).boardActions).toEqual([]);
  });

  it('an action names an item of its own meeting and an active owner', async () => {
    const other = (
      await secretariat.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, {
        input: { meetingId: meetings.next, title: 'AOB', kind: 'OTHER' },
      })
    ).addAgendaItem;
    const wrongItem = await secretariat.request(OPS.createBoardAction, {
      input: { meetingId: meetings.last, agendaItemId: other.id, title: 'X', ownerUserId: P.member.id, dueDate: today },
    });
    expect(wrongItem.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.agendaItemId', message: 'Choose an item of this meeting’s agenda.' },
    ]);
    const stranger = await secretariat.request(OPS.createBoardAction, {
      input: { meetingId: meetings.last, title: 'X', ownerUserId: O.member.id, dueDate: today },
    });
    expect(stranger.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.ownerUserId', message: 'Choose an active person in this partnership.' },
    ]);
    const byChair = await chair.request(OPS.createBoardAction, {
      input: { meetingId: meetings.last, title: 'X', ownerUserId: P.member.id, dueDate: today },
    });
    expect(byChair.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
