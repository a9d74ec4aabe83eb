/**
 * Issue 8, in-app notifications and delivery choices: a notification is made once per dedupe
 * key however often the job that makes it runs; a kind turned off makes none; a digest kind
 * waits for the digest; each person sees, counts and marks only their own; security e-mails
 * cannot be turned off; nothing crosses partnerships.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, Scope } from '@pbw/db';
import { ENTITIES } from '@pbw/platform';
import { NotificationKind, NotificationsService } from '@pbw/notifications';
import {
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

const LIST = `query($unreadOnly: Boolean, $first: Int) { notifications(unreadOnly: $unreadOnly, first: $first) {
  totalCount edges { node { id kind title body link readAt } } } unreadNotificationCount }`;
const MARK = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`;
const PREFS = `{ notificationPreferences { kind label mode canChange } }`;
const SET = `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { kind mode } }`;

describe('notifications', () => {
  let stack: TestStack;
  let ds: DataSource;
  let P: TestPartnership;
  let Q: TestPartnership;
  let service: NotificationsService;
  const tokens = {} as Record<'member' | 'secretariat' | 'q', string>;
  const as = (who: keyof typeof tokens): GqlClient => stack.client(tokens[who]);

  /** What the reminders worker does: tell one person something, in a transaction of the system's. */
  const notify = (p: TestPartnership, userId: string, kind: NotificationKind, dedupeKey: string, title = 'Action due in 3 days') =>
    Scope.system(p.id, ds).transaction((tx) =>
      service.notify(tx, { userId, kind, dedupeKey, message: { title, body: 'Check it is on track.', link: '/actions/1' } }),
    );

  beforeAll(async () => {
    stack = await startTestStack();
    ds = await createDataSource({ url: stack.db.url, entities: ENTITIES, poolSize: 2 }).initialize();
    service = stack.api.get(NotificationsService);
    P = await createPartnership(stack.pg, 'Notifyham');
    Q = await createPartnership(stack.pg, 'Quietborough');
    tokens.member = (await signIn(stack.client(), P.member.email)).accessToken;
    tokens.secretariat = (await signIn(stack.client(), P.secretariat.email)).accessToken;
    tokens.q = (await signIn(stack.client(), Q.secretariat.email)).accessToken;
  });
  afterAll(async () => {
    await ds?.destroy();
    await stack?.close();
  });

  it('makes one notification per dedupe key, however often the job runs, even at the same moment', async () => {
    const key = `action-due:${randomUUID()}:3`;
    const results = await Promise.all([1, 2, 3].map(() => notify(P, P.member.id, NotificationKind.ACTION_DUE, key)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await notify(P, P.member.id, NotificationKind.ACTION_DUE, key)).toBe(false);
    const rows = await stack.pg.query('SELECT user_id, kind, email_status FROM notifications WHERE dedupe_key = $1', [key]);
    expect(rows.rows).toEqual([{ user_id: P.member.id, kind: 'ACTION_DUE', email_status: 'PENDING' }]);
  });

  it('each person sees, counts and marks only their own', async () => {
    await notify(P, P.member.id, NotificationKind.REPORT_DEADLINE, `r:${randomUUID()}`, 'Report due');
    const theirs = await as('member').ok<{
      notifications: { totalCount: number; edges: Array<{ node: { id: string } }> };
      unreadNotificationCount: number;
    }>(LIST, { first: 50 });
    const count = (await stack.pg.query('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [P.member.id])).rows[0].n;
    expect(theirs.notifications.totalCount).toBe(count);
    expect(theirs.unreadNotificationCount).toBe(count);
    // The secretariat sees everything in the partnership, but not other people's notifications.
    const sec = await as('secretariat').ok<{ notifications: { totalCount: number }; unreadNotificationCount: number }>(LIST, { first: 50 });
    expect([sec.notifications.totalCount, sec.unreadNotificationCount]).toEqual([0, 0]);
    // Marking someone else's does nothing.
    const ids = theirs.notifications.edges.map((e) => e.node.id);
    expect((await as('secretariat').ok<{ markNotificationsRead: number }>(MARK, { input: { ids } })).markNotificationsRead).toBe(0);
    expect((await as('member').ok<{ unreadNotificationCount: number }>(LIST, {})).unreadNotificationCount).toBe(count);
    // One read, then all.
    expect((await as('member').ok<{ markNotificationsRead: number }>(MARK, { input: { ids: [ids[0]] } })).markNotificationsRead).toBe(1);
    const unread = await as('member').ok<{ notifications: { totalCount: number } }>(LIST, { unreadOnly: true, first: 50 });
    expect(unread.notifications.totalCount).toBe(count - 1);
    expect((await as('member').ok<{ markNotificationsRead: number }>(MARK, { input: {} })).markNotificationsRead).toBe(count - 1);
    expect((await as('member').ok<{ unreadNotificationCount: number }>(LIST, {})).unreadNotificationCount).toBe(0);
  });

  it('a kind turned off makes no notification; a digest kind waits for the digest; security e-mails cannot be turned off', async () => {
    const prefs = await as('member').ok<{ notificationPreferences: Array<{ kind: string; mode: string; canChange: boolean }> }>(PREFS);
    expect(prefs.notificationPreferences).toHaveLength(Object.keys(NotificationKind).length);
    expect(prefs.notificationPreferences.every((p) => p.mode === 'IMMEDIATE')).toBe(true);
    expect(
      prefs.notificationPreferences
        .filter((p) => !p.canChange)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['INVITATION', 'PASSWORD_RESET']);

    await as('member').ok(SET, { input: { kind: 'ACTION_OVERDUE', mode: 'OFF' } });
    await as('member').ok(SET, { input: { kind: 'EVIDENCE_RETURNED', mode: 'WEEKLY' } });
    expect(await notify(P, P.member.id, NotificationKind.ACTION_OVERDUE, `o:${randomUUID()}`)).toBe(false);
    const weekly = `e:${randomUUID()}`;
    expect(await notify(P, P.member.id, NotificationKind.EVIDENCE_RETURNED, weekly)).toBe(true);
    const row = await stack.pg.query('SELECT email_status FROM notifications WHERE dedupe_key = $1', [weekly]);
    expect(row.rows).toEqual([{ email_status: 'DIGEST' }]);
    const after = await as('member').ok<{ notificationPreferences: Array<{ kind: string; mode: string }> }>(PREFS);
    expect(after.notificationPreferences.filter((p) => p.mode !== 'IMMEDIATE').map((p) => [p.kind, p.mode])).toEqual([
      ['ACTION_OVERDUE', 'OFF'],
      ['EVIDENCE_RETURNED', 'WEEKLY'],
    ]);

    const before = await tenantSnapshot(stack.pg, P.id);
    const r = await as('member').request(SET, { input: { kind: 'PASSWORD_RESET', mode: 'OFF' } });
    expect(r.errors?.[0].extensions?.fields).toEqual([
      { path: 'input.mode', message: 'Security e-mails, such as invitations and password resets, always go at once.' },
    ]);
    const bad = await as('member').request(SET, { input: { kind: 'ACTION_DUE', mode: 'HOURLY' } });
    expect(bad.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    // A security notification is made even so.
    expect(await notify(P, P.member.id, NotificationKind.PASSWORD_RESET, `pw:${randomUUID()}`)).toBe(true);
  });

  it('nothing crosses partnerships', async () => {
    await notify(Q, Q.secretariat.id, NotificationKind.PACK_PUBLISHED, `pack:${randomUUID()}`, 'Quietborough pack');
    const mine = await as('q').ok<{ notifications: { edges: Array<{ node: { title: string } }> } }>(LIST, { first: 50 });
    expect(mine.notifications.edges.map((e) => e.node.title)).toEqual(['Quietborough pack']);
    // A dedupe key is per partnership: the same key in P is another notification.
    const key = `shared:${randomUUID()}`;
    expect(await notify(P, P.member.id, NotificationKind.ACTION_DUE, key)).toBe(true);
    expect(await notify(Q, Q.secretariat.id, NotificationKind.ACTION_DUE, key)).toBe(true);
    // P's member's notification ids mean nothing to Q's secretariat.
    const pIds = (await stack.pg.query<{ id: string }>('SELECT id FROM notifications WHERE partnership_id = $1', [P.id])).rows.map(
      (r) => r.id,
    );
    expect((await as('q').ok<{ markNotificationsRead: number }>(MARK, { input: { ids: pIds } })).markNotificationsRead).toBe(0);
  });
});
