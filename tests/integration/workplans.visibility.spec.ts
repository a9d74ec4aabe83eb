/**
 * DESIGN.md §3 record visibility on actions: sub-group (its members plus the secretariat),
 * agency (the lead agency plus the secretariat), restricted (named people plus the
 * secretariat). Someone outside an action's visibility gets exactly what they would for an
 * id that exists nowhere (NOT_FOUND, whether reading or writing), and lists, counts,
 * summaries, the dashboard and the CSV export leave it out, in SQL.
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  type WorkPlanFixture,
  addAgency,
  addMembership,
  addUser,
  auditCount,
  createPartnership,
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';

type Viewer = 'secretariat' | 'chair' | 'member' | 'edu' | 'boardMember' | 'outsider' | 'named';
type Key = 'pub' | 'sg' | 'ag' | 'rs';
const VIEWERS: Viewer[] = ['secretariat', 'chair', 'member', 'edu', 'boardMember', 'outsider', 'named'];

/** Who sees which action. */
const SEES: Record<Viewer, Key[]> = {
  secretariat: ['pub', 'sg', 'ag', 'rs'],
  chair: ['pub', 'sg'],
  member: ['pub', 'sg'],
  edu: ['pub', 'sg', 'ag'],
  boardMember: ['pub'],
  outsider: ['pub'],
  named: ['pub', 'rs'],
};

type Summary = {
  total: number;
  rag: { red: number; amber: number; green: number; blue: number };
  status: { notStarted: number; inProgress: number; complete: number; cancelled: number };
  overdue: number;
  dueSoon: number;
  stale: number;
  percentComplete: number;
};

describe('work plans: visibility narrows what each person sees', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let plan: WorkPlanFixture;
  let education: string;
  let cppB: string;
  const users = {} as Record<Viewer, TestUser>;
  const tokens = {} as Record<Viewer, string>;
  const as = (who: Viewer): GqlClient => stack.client(tokens[who]);
  const ids = {} as Record<Key, string>;
  const titles: Record<Key, string> = {
    pub: 'Annual health assessments for every child',
    sg: 'Sub-group only: dental registration audit',
    ag: 'Agency only: virtual school health data',
    rs: 'Restricted: an individual child’s case',
  };

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Seeford');
    education = await addAgency(stack.pg, A, 'Seeford Virtual School', 'EDUCATION');
    const police = await addAgency(stack.pg, A, 'Seeford Police', 'POLICE');
    const edu = await addUser(stack.pg, A, 'edu', { agencyId: education });
    await addMembership(stack.pg, A, edu.id);
    const outsider = await addUser(stack.pg, A, 'outsider', { agencyId: A.agencies.council });
    const named = await addUser(stack.pg, A, 'named', { agencyId: police });
    Object.assign(users, {
      secretariat: A.secretariat,
      chair: A.chair,
      member: A.member,
      edu,
      boardMember: A.boardMember,
      outsider,
      named,
    });
    const sessions = await Promise.all(VIEWERS.map((w) => signIn(stack.client(), users[w].email)));
    VIEWERS.forEach((w, i) => (tokens[w] = sessions[i].accessToken));
    cppB = (await principles(stack.pg, A.id)).items['CPP-B'];

    plan = await insertWorkPlan(stack.pg, A, { title: 'Seeford health plan' });
    const old = new Date(Date.now() - 90 * 86_400_000);
    // Distinct counts per action, so each summary says exactly which ones it counted.
    ids.pub = await insertAction(stack.pg, A, plan, { title: titles.pub, status: 'NOT_STARTED', rag: 'GREEN', frameworkItemIds: [cppB] });
    ids.sg = await insertAction(stack.pg, A, plan, {
      title: titles.sg,
      visibility: 'SUB_GROUP',
      status: 'IN_PROGRESS',
      rag: 'AMBER',
      dueDate: '2020-01-31',
      frameworkItemIds: [cppB],
    });
    ids.ag = await insertAction(stack.pg, A, plan, {
      title: titles.ag,
      visibility: 'AGENCY',
      leadAgencyId: education,
      ownerUserId: edu.id,
      status: 'IN_PROGRESS',
      rag: 'RED',
      createdAt: old,
      frameworkItemIds: [cppB],
    });
    ids.rs = await insertAction(stack.pg, A, plan, {
      title: titles.rs,
      visibility: 'RESTRICTED',
      restrictedUserIds: [named.id],
      ownerUserId: named.id,
      status: 'COMPLETE',
      rag: 'GREEN',
      frameworkItemIds: [cppB],
    });
  });
  afterAll(() => stack?.close());

  const summaryOf = (keys: Key[]): Summary => {
    const has = (k: Key) => (keys.includes(k) ? 1 : 0);
    const notCancelled = keys.length;
    return {
      total: keys.length,
      rag: { red: has('ag'), amber: has('sg'), green: has('pub'), blue: has('rs') },
      status: { notStarted: has('pub'), inProgress: has('sg') + has('ag'), complete: has('rs'), cancelled: 0 },
      overdue: has('sg'),
      dueSoon: 0,
      stale: has('ag'),
      percentComplete: Math.floor((has('rs') * 100) / notCancelled),
    };
  };
  const hidden = (who: Viewer) => (Object.keys(ids) as Key[]).filter((k) => !SEES[who].includes(k));

  it.each(VIEWERS)('%s: a hidden action answers exactly as a random id does; a visible one reads', async (who) => {
    for (const k of hidden(who)) {
      const real = await as(who).request(OPS.action, { id: ids[k] });
      const fake = await as(who).request(OPS.action, { id: randomUUID() });
      expect({ k, real }).toEqual({ k, real: fake });
      expect(real.errors?.[0]).toMatchObject({ message: 'Action not found.', extensions: { code: 'NOT_FOUND' }, path: ['action'] });
    }
    for (const k of SEES[who]) {
      await expect(as(who).ok(OPS.action, { id: ids[k] })).resolves.toMatchObject({ action: { id: ids[k], title: titles[k] } });
    }
  });

  it.each(VIEWERS)('%s: lists, counts, objectives, summaries and the dashboard hold only what they may see', async (who) => {
    const c = as(who);
    const expected = SEES[who].map((k) => ids[k]).sort();
    type Conn = { totalCount: number; edges: Array<{ node: { id: string } }> };
    const idsOf = (conn: Conn) => conn.edges.map((e) => e.node.id).sort();
    for (const filter of [
      undefined,
      { workPlanId: plan.id },
      { subGroupId: A.subGroupId },
      { frameworkItemId: cppB },
      { activePlansOnly: true },
    ]) {
      const d = await c.ok<{ actions: Conn }>(OPS.actions, { filter, first: 100 });
      expect({ filter, ids: idsOf(d.actions), totalCount: d.actions.totalCount }).toEqual({
        filter,
        ids: expected,
        totalCount: expected.length,
      });
    }
    // Filters that pick out one hidden action find nothing, rather than revealing it.
    for (const k of hidden(who)) {
      const row = (await stack.pg.query('SELECT owner_user_id, lead_agency_id, status FROM actions WHERE id = $1', [ids[k]])).rows[0];
      const d = await c.ok<{ actions: Conn }>(OPS.actions, {
        filter: { ownerUserId: row.owner_user_id, leadAgencyId: row.lead_agency_id, statuses: [row.status] },
      });
      expect(idsOf(d.actions).filter((id) => id === ids[k])).toEqual([]);
    }
    const p = await c.ok<{
      workPlan: { objectives: Array<{ actions: Array<{ id: string }> }>; summary: Summary };
    }>(OPS.workPlan, { id: plan.id });
    expect(p.workPlan.objectives[0].actions.map((a) => a.id).sort()).toEqual(expected);
    expect(p.workPlan.summary).toEqual(summaryOf(SEES[who]));
    const nested = await c.ok<{ workPlan: { actions: Conn } }>(
      'query($id: ID!) { workPlan(id: $id) { actions(first: 100) { totalCount edges { node { id } } } } }',
      { id: plan.id },
    );
    expect([idsOf(nested.workPlan.actions), nested.workPlan.actions.totalCount]).toEqual([expected, expected.length]);
    const dash = await c.ok<{ partnershipDashboard: Array<{ subGroupId: string; summary: Summary }> }>(OPS.partnershipDashboard);
    expect(dash.partnershipDashboard.find((r) => r.subGroupId === A.subGroupId)?.summary).toEqual(summaryOf(SEES[who]));
    const active = await c.ok<{ subGroup: { activeWorkPlan: { summary: Summary } } }>(
      'query($id: ID!) { subGroup(id: $id) { activeWorkPlan { summary { total rag { red amber green blue } status { notStarted inProgress complete cancelled } overdue dueSoon stale percentComplete } } } }',
      { id: A.subGroupId },
    );
    expect(active.subGroup.activeWorkPlan.summary).toEqual(summaryOf(SEES[who]));
    // The CSV export is the same list: a hidden action's title appears nowhere in it.
    const csv = (await c.ok<{ workPlanCsv: string }>(OPS.workPlanCsv, { id: plan.id })).workPlanCsv;
    for (const k of Object.keys(ids) as Key[]) expect({ k, inCsv: csv.includes(titles[k]) }).toEqual({ k, inCsv: SEES[who].includes(k) });
  });

  it('writes naming a hidden action fail exactly as for a random id, even for the chair who edits the rest of the plan', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const audits = await auditCount(stack.pg, A.id);
    for (const who of ['chair', 'edu', 'named'] as const) {
      for (const k of hidden(who)) {
        const f = randomUUID();
        const pairs: Array<[keyof typeof OPS, Record<string, unknown>, Record<string, unknown>]> = [
          ['updateAction', { id: ids[k], version: 1, title: 'Overwritten' }, { id: f, version: 1, title: 'Overwritten' }],
          [
            'postActionUpdate',
            { actionId: ids[k], version: 1, narrative: 'Seen it', status: 'COMPLETE', rag: 'GREEN' },
            { actionId: f, version: 1, narrative: 'Seen it', status: 'COMPLETE', rag: 'GREEN' },
          ],
        ];
        for (const [op, real, fake] of pairs) {
          const r = await as(who).request(OPS[op], { input: real });
          expect({ who, k, op, r }).toEqual({ who, k, op, r: await as(who).request(OPS[op], { input: fake }) });
          expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
        }
      }
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
    expect(await auditCount(stack.pg, A.id)).toBe(audits);
  });

  it('a named person, and the agency’s people, may post progress on what they can see; narrowing an action hides it at once', async () => {
    const post = (who: Viewer, k: Key, version: number) =>
      as(who).ok(OPS.postActionUpdate, {
        input: { actionId: ids[k], version, narrative: `${who} on ${k}`, status: 'IN_PROGRESS', rag: 'AMBER' },
      });
    await expect(post('named', 'rs', 1)).resolves.toMatchObject({ postActionUpdate: { action: { id: ids.rs, version: 2 } } });
    await expect(post('edu', 'ag', 1)).resolves.toMatchObject({ postActionUpdate: { action: { id: ids.ag, version: 2 } } });
    // The chair narrows the open action to the agency: the board member, who saw it a moment ago, no longer does.
    await expect(as('boardMember').ok(OPS.action, { id: ids.pub })).resolves.toBeTruthy();
    await as('chair').ok(OPS.updateAction, {
      input: { id: ids.pub, version: 1, visibility: 'RESTRICTED', restrictedUserIds: [users.member.id] },
    });
    const r = await as('boardMember').request(OPS.action, { id: ids.pub });
    expect(r.errors?.[0]).toMatchObject({ message: 'Action not found.', extensions: { code: 'NOT_FOUND' } });
    // ...and the chair, not named, has narrowed it out of their own sight too; the named member still sees it.
    expect((await as('chair').request(OPS.action, { id: ids.pub })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await expect(as('member').ok(OPS.action, { id: ids.pub })).resolves.toMatchObject({ action: { visibility: 'RESTRICTED' } });
    // A restricted action must name someone.
    const bad = await as('secretariat').request(OPS.updateAction, { input: { id: ids.pub, version: 2, restrictedUserIds: [] } });
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.restrictedUserIds', message: 'Name at least one person who can see a restricted action.' }],
    });
  });
});
