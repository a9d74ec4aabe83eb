/**
 * Issue 8, the calendar feed: each person may make a secret address their calendar program
 * reads (board meetings, report deadlines and their own open actions' due dates), make a new
 * one (the old stops at once) or turn it off. Only the token's hash is stored.
 */
import { addDays, londonToday } from '@pbw/core';
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

describe('calendar feed', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let secretariat: GqlClient;
  let chair: GqlClient;
  let member: GqlClient;
  const today = londonToday();

  /** Fetches a feed address from this test's api, whatever public address it was made with. */
  const get = (url: string) => fetch(url.replace(/^https?:\/\/[^/]+/, stack.url));

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Calendon');
    const [s, c, m] = await Promise.all([P.secretariat, P.chair, P.member].map((u) => signIn(stack.client(), u.email)));
    secretariat = stack.client(s.accessToken);
    chair = stack.client(c.accessToken);
    member = stack.client(m.accessToken);
    const plan = await insertWorkPlan(stack.pg, P, { status: 'ACTIVE' });
    await secretariat.ok(OPS.createMeeting, {
      input: {
        title: 'Board, spring; with partners',
        startsAt: `${addDays(today, 30)}T09:30:00Z`,
        reportDeadline: addDays(today, 16),
        location: 'Town Hall, Room 2',
      },
    });
    for (const [title, owner] of [
      ['Audit the personal education plans', P.member.id],
      ['Someone else’s action', P.chair.id],
    ] as const) {
      await chair.ok(OPS.createAction, {
        input: {
          objectiveId: plan.objectiveIds[0],
          title,
          dueDate: addDays(today, 20),
          ownerUserId: owner,
          leadAgencyId: P.agencies.health,
        },
      });
    }
  });
  afterAll(() => stack?.close());

  it('shows meetings, report deadlines and the person’s own actions; a new link stops the old; turning it off stops it', async () => {
    expect((await member.ok<{ calendarFeed: unknown }>(OPS.calendarFeed)).calendarFeed).toBeNull();
    const first = (await member.ok<{ createCalendarFeed: { url: string; createdAt: string } }>(OPS.createCalendarFeed)).createCalendarFeed;
    expect(first.url).toMatch(/\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
    const token = /\/calendar\/([^/.]+)\.ics$/.exec(first.url)![1];
    // Only the hash is kept.
    const stored = await stack.pg.query('SELECT token_hash FROM calendar_feeds WHERE user_id = $1', [P.member.id]);
    expect(stored.rows[0].token_hash).not.toContain(token);

    const res = await get(first.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('SUMMARY:Board\\, spring\\; with partners');
    expect(ics).toContain('LOCATION:Town Hall\\, Room 2');
    expect(ics).toContain(`DTSTART:${addDays(today, 30).replace(/-/g, '')}T093000Z`);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${addDays(today, 16).replace(/-/g, '')}`);
    expect(ics).toContain('SUMMARY:Highlight reports due: Board\\, spring\\; with partners');
    expect(ics).toContain('SUMMARY:Action due: Audit the personal education plans');
    expect(ics).not.toContain('Someone else');
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);

    // Its address is not shown again; when it was last used is.
    const shown = (await member.ok<{ calendarFeed: { url: string | null; lastUsedAt: string | null } }>(OPS.calendarFeed)).calendarFeed;
    expect(shown).toMatchObject({ url: null, lastUsedAt: expect.any(String) });

    const second = (await member.ok<{ createCalendarFeed: { url: string } }>(OPS.createCalendarFeed)).createCalendarFeed;
    expect(second.url).not.toBe(first.url);
    expect((await get(first.url)).status).toBe(404);
    expect((await get(second.url)).status).toBe(200);

    expect((await member.ok<{ revokeCalendarFeed: boolean }>(OPS.revokeCalendarFeed)).revokeCalendarFeed).toBe(true);
    expect((await get(second.url)).status).toBe(404);
    expect((await member.ok<{ revokeCalendarFeed: boolean }>(OPS.revokeCalendarFeed)).revokeCalendarFeed).toBe(false);
    expect((await member.ok<{ calendarFeed: unknown }>(OPS.calendarFeed)).calendarFeed).toBeNull();
    // Each change is audited as the person's own.
    const audits = await stack.pg.query(
      "SELECT action FROM audit_events WHERE actor_user_id = $1 AND action LIKE 'calendarFeed.%' ORDER BY occurred_at",
      [P.member.id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['calendarFeed.create', 'calendarFeed.create', 'calendarFeed.revoke']);
  });

  it('a made-up address, and the feed of someone deactivated, answer 404', async () => {
    expect((await fetch(`${stack.url}/calendar/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await fetch(`${stack.url}/calendar/short.ics`)).status).toBe(404);
    const feed = (await chair.ok<{ createCalendarFeed: { url: string } }>(OPS.createCalendarFeed)).createCalendarFeed;
    expect((await get(feed.url)).status).toBe(200);
    await stack.pg.query("UPDATE users SET status = 'DEACTIVATED' WHERE id = $1", [P.chair.id]);
    expect((await get(feed.url)).status).toBe(404);
    await stack.pg.query("UPDATE users SET status = 'ACTIVE' WHERE id = $1", [P.chair.id]);
  });
});
