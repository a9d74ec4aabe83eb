/**
 * Issue 4, "Queries": against a known data set (dates relative to today in Europe/London,
 * last-update and created times set back in the database), each action filter returns
 * exactly the actions it should, with the right totalCount; every sort field, each way,
 * pages through with cursors to the same order as sorting the data set by hand (ties by
 * id); the plan summary and the partnership dashboard give the expected counts and
 * percentage complete.
 */
import { addDays, londonToday } from '@pbw/core';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  type WorkPlanFixture,
  addAgency,
  addMembership,
  addSubGroup,
  addUser,
  createPartnership,
  insertAction,
  insertWorkPlan,
  principles,
  signIn,
  startTestStack,
} from '@pbw/testing';

type Status = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
type RagValue = 'RED' | 'AMBER' | 'GREEN';
type Owner = 'member' | 'chair' | 'edu';
type Lead = 'health' | 'education';

interface Spec {
  title: string;
  status: Status;
  rag: RagValue;
  /** Days from today. */
  due: number;
  owner: Owner;
  lead: Lead;
  items?: string[];
  objective: 0 | 1;
  /** Days ago the action was created (0: now). */
  createdDaysAgo?: number;
  /** Days ago its last update was posted (undefined: never). */
  lastUpdateDaysAgo?: number;
}

/** The active Health plan's actions. Stale is 30 days (ACTION_STALE_AFTER_DAYS's default); due soon is 14. */
const DATA: Record<string, Spec> = {
  a1: {
    title: 'Annual health assessments',
    status: 'NOT_STARTED',
    rag: 'GREEN',
    due: 30,
    owner: 'member',
    lead: 'health',
    items: ['CPP-A'],
    objective: 0,
  },
  a2: {
    title: 'Dental checks',
    status: 'IN_PROGRESS',
    rag: 'AMBER',
    due: -5,
    owner: 'chair',
    lead: 'health',
    items: ['CPP-A', 'P1'],
    objective: 0,
    createdDaysAgo: 100,
    lastUpdateDaysAgo: 40,
  },
  a3: {
    title: 'CAMHS waiting times',
    status: 'IN_PROGRESS',
    rag: 'RED',
    due: 7,
    owner: 'member',
    lead: 'education',
    items: ['CPP-D'],
    objective: 0,
    createdDaysAgo: 100,
    lastUpdateDaysAgo: 2,
  },
  a4: {
    title: 'Emotional wellbeing training',
    status: 'COMPLETE',
    rag: 'RED',
    due: -10,
    owner: 'edu',
    lead: 'education',
    objective: 0,
    createdDaysAgo: 100,
  },
  a5: {
    title: 'Health passports',
    status: 'CANCELLED',
    rag: 'AMBER',
    due: -20,
    owner: 'member',
    lead: 'health',
    objective: 1,
    createdDaysAgo: 100,
  },
  a6: {
    title: 'Immunisations catch-up',
    status: 'NOT_STARTED',
    rag: 'RED',
    due: 0,
    owner: 'edu',
    lead: 'health',
    objective: 1,
    createdDaysAgo: 31,
  },
  a7: {
    title: 'Sexual health advice',
    status: 'NOT_STARTED',
    rag: 'AMBER',
    due: 14,
    owner: 'chair',
    lead: 'education',
    items: ['P1'],
    objective: 1,
    createdDaysAgo: 29,
  },
  a8: {
    title: 'Substance misuse support',
    status: 'COMPLETE',
    rag: 'GREEN',
    due: 60,
    owner: 'member',
    lead: 'health',
    objective: 1,
    lastUpdateDaysAgo: 1,
  },
};
const KEYS = Object.keys(DATA);

describe('work plans: filters, sorting, pagination, summaries and the dashboard', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let plan: WorkPlanFixture;
  let oldPlan: WorkPlanFixture;
  let eduPlan: WorkPlanFixture;
  let eduSubGroup: string;
  let emptySubGroup: string;
  let education: string;
  let edu: TestUser;
  const ids: Record<string, string> = {};
  const itemIds: Record<string, string> = {};
  let oldAction: string;
  let eduAction: string;
  const today = londonToday();
  const tokens: Record<string, string> = {};
  const as = (who: string): GqlClient => stack.client(tokens[who]);

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Queryton');
    education = await addAgency(stack.pg, A, 'Queryton Virtual School', 'EDUCATION');
    edu = await addUser(stack.pg, A, 'edu', { agencyId: education });
    await addMembership(stack.pg, A, edu.id);
    eduSubGroup = await addSubGroup(stack.pg, A, 'Education', edu.id);
    emptySubGroup = await addSubGroup(stack.pg, A, 'Placements');
    Object.assign(itemIds, (await principles(stack.pg, A.id)).items);
    const promises = await stack.pg.query<{ id: string }>(
      "INSERT INTO frameworks (partnership_id, name, kind) VALUES ($1, 'Our promises', 'PROMISES') RETURNING id",
      [A.id],
    );
    itemIds.P1 = (
      await stack.pg.query<{ id: string }>(
        "INSERT INTO framework_items (partnership_id, framework_id, code, title, position) VALUES ($1, $2, 'P1', 'We will keep you healthy', 1) RETURNING id",
        [A.id, promises.rows[0].id],
      )
    ).rows[0].id;
    for (const [who, u] of [
      ['secretariat', A.secretariat],
      ['member', A.member],
      ['chair', A.chair],
      ['edu', edu],
    ] as const) {
      tokens[who] = (await signIn(stack.client(), u.email)).accessToken;
    }

    const owners: Record<Owner, string> = { member: A.member.id, chair: A.chair.id, edu: edu.id };
    const leads: Record<Lead, string> = { health: A.agencies.health, education };
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
    plan = await insertWorkPlan(stack.pg, A, { title: 'Health 2026/27', objectives: ['Physical health', 'Emotional health'] });
    for (const k of KEYS) {
      const s = DATA[k];
      ids[k] = await insertAction(stack.pg, A, plan, {
        objectiveId: plan.objectiveIds[s.objective],
        title: s.title,
        status: s.status,
        rag: s.rag,
        dueDate: addDays(today, s.due),
        ownerUserId: owners[s.owner],
        leadAgencyId: leads[s.lead],
        frameworkItemIds: (s.items ?? []).map((c) => itemIds[c]),
        createdAt: ago(s.createdDaysAgo ?? 0),
      });
      // Stale is measured from the last update (or creation): set back in the database, as time would.
      if (s.lastUpdateDaysAgo !== undefined)
        await stack.pg.query('UPDATE actions SET last_update_at = $2 WHERE id = $1', [ids[k], ago(s.lastUpdateDaysAgo)]);
    }
    // Last year's closed plan, with an overdue open action owned by the member.
    oldPlan = await insertWorkPlan(stack.pg, A, {
      title: 'Health 2025/26',
      status: 'CLOSED',
      periodStart: '2025-04-01',
      periodEnd: '2026-03-31',
    });
    oldAction = await insertAction(stack.pg, A, oldPlan, {
      title: 'Old plan action',
      status: 'IN_PROGRESS',
      dueDate: addDays(today, -100),
      ownerUserId: A.member.id,
      createdAt: ago(400),
    });
    // The Education sub-group's active plan: one action, led by the virtual school, owned by edu.
    eduPlan = await insertWorkPlan(stack.pg, A, { subGroupId: eduSubGroup, title: 'Education 2026/27' });
    eduAction = await insertAction(stack.pg, A, eduPlan, {
      title: 'School attendance',
      status: 'IN_PROGRESS',
      rag: 'GREEN',
      dueDate: addDays(today, 3),
      ownerUserId: edu.id,
      leadAgencyId: education,
    });
  });
  afterAll(() => stack?.close());

  type Conn = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; displayRag: string; isOverdue: boolean; isStale: boolean } }>;
  };
  const list = async (filter: Record<string, unknown>, who = 'secretariat'): Promise<Conn> =>
    (await as(who).ok<{ actions: Conn }>(OPS.actions, { filter, first: 100 })).actions;
  const keysOf = (conn: Conn) => {
    const byId = Object.fromEntries([...Object.entries(ids).map(([k, id]) => [id, k]), [oldAction, 'old'], [eduAction, 'edu']]);
    return conn.edges.map((e) => byId[e.node.id] ?? e.node.id).sort();
  };
  const inPlan = (filter: Record<string, unknown>) => ({ workPlanId: plan.id, ...filter });

  it('each filter returns exactly its actions, with the matching totalCount', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['whole plan', inPlan({}), KEYS],
      ['not started', inPlan({ statuses: ['NOT_STARTED'] }), ['a1', 'a6', 'a7']],
      ['open', inPlan({ statuses: ['NOT_STARTED', 'IN_PROGRESS'] }), ['a1', 'a2', 'a3', 'a6', 'a7']],
      ['complete', inPlan({ statuses: ['COMPLETE'] }), ['a4', 'a8']],
      ['cancelled', inPlan({ statuses: ['CANCELLED'] }), ['a5']],
      // RAG as the summary counts it: open actions by RAG, complete ones as blue, cancelled ones in neither.
      ['red', inPlan({ rags: ['RED'] }), ['a3', 'a6']],
      ['amber', inPlan({ rags: ['AMBER'] }), ['a2', 'a7']],
      ['green', inPlan({ rags: ['GREEN'] }), ['a1']],
      ['blue', inPlan({ rags: ['BLUE'] }), ['a4', 'a8']],
      ['red or blue', inPlan({ rags: ['RED', 'BLUE'] }), ['a3', 'a4', 'a6', 'a8']],
      ['amber with the cancelled status (none: cancelled has no RAG)', inPlan({ rags: ['AMBER'], statuses: ['CANCELLED'] }), []],
      ['owner', inPlan({ ownerUserId: A.member.id }), ['a1', 'a3', 'a5', 'a8']],
      ['lead agency', inPlan({ leadAgencyId: education }), ['a3', 'a4', 'a7']],
      ['framework item CPP-A', inPlan({ frameworkItemId: itemIds['CPP-A'] }), ['a1', 'a2']],
      ['framework item P1', inPlan({ frameworkItemId: itemIds.P1 }), ['a2', 'a7']],
      ['framework item CPP-G (untagged)', inPlan({ frameworkItemId: itemIds['CPP-G'] }), []],
      ['objective', inPlan({ objectiveId: plan.objectiveIds[1] }), ['a5', 'a6', 'a7', 'a8']],
      // Overdue: open and due before today (not due today; not complete or cancelled ones).
      ['overdue', inPlan({ overdue: true }), ['a2']],
      ['due within 0 days (today)', inPlan({ dueWithinDays: 0 }), ['a6']],
      ['due within 7 days', inPlan({ dueWithinDays: 7 }), ['a3', 'a6']],
      ['due within 14 days', inPlan({ dueWithinDays: 14 }), ['a3', 'a6', 'a7']],
      ['due within 13 days', inPlan({ dueWithinDays: 13 }), ['a3', 'a6']],
      // Stale: open, nothing posted (or created) for more than 30 days.
      ['stale', inPlan({ stale: true }), ['a2', 'a6']],
      ['combined', inPlan({ statuses: ['IN_PROGRESS'], leadAgencyId: education }), ['a3']],
      ['false flags filter nothing', inPlan({ overdue: false, stale: false, mine: false, myAgency: false }), KEYS],
      // Across plans and sub-groups.
      ['old plan', { workPlanId: oldPlan.id }, ['old']],
      ['sub-group', { subGroupId: eduSubGroup }, ['edu']],
      ['overdue anywhere', { overdue: true }, ['a2', 'old']],
      ['overdue in active plans', { overdue: true, activePlansOnly: true }, ['a2']],
      ['active plans', { activePlansOnly: true }, [...KEYS, 'edu']],
      ['everything', {}, [...KEYS, 'old', 'edu']],
    ];
    for (const [label, filter, expected] of cases) {
      const conn = await list(filter);
      expect({ label, keys: keysOf(conn), totalCount: conn.totalCount }).toEqual({
        label,
        keys: [...expected].sort(),
        totalCount: expected.length,
      });
    }
  });

  it('"my actions" and "my agency’s actions" are the caller’s own', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['member', { mine: true }, ['a1', 'a3', 'a5', 'a8', 'old']],
      ['member', { mine: true, activePlansOnly: true, statuses: ['NOT_STARTED', 'IN_PROGRESS'] }, ['a1', 'a3']],
      ['chair', { mine: true }, ['a2', 'a7']],
      ['edu', { mine: true }, ['a4', 'a6', 'edu']],
      ['edu', { myAgency: true }, ['a3', 'a4', 'a7', 'edu']],
      ['member', { myAgency: true }, ['a1', 'a2', 'a5', 'a6', 'a8', 'old']],
      ['secretariat', { mine: true }, []],
      ['edu', { mine: true, myAgency: true }, ['a4', 'edu']],
    ];
    for (const [who, filter, expected] of cases) {
      const conn = await list(filter, who);
      expect({ who, filter, keys: keysOf(conn), totalCount: conn.totalCount }).toEqual({
        who,
        filter,
        keys: [...expected].sort(),
        totalCount: expected.length,
      });
    }
  });

  it('each action shows its display RAG, overdue and stale flags', async () => {
    const d = await as('secretariat').ok<{ actions: Conn }>(OPS.actions, { filter: inPlan({}), first: 100 });
    const byId = new Map(d.actions.edges.map((e) => [e.node.id, e.node]));
    for (const k of KEYS) {
      const s = DATA[k];
      const open = s.status === 'NOT_STARTED' || s.status === 'IN_PROGRESS';
      const sinceDays = s.lastUpdateDaysAgo ?? s.createdDaysAgo ?? 0;
      expect({ k, ...pick(byId.get(ids[k])!) }).toEqual({
        k,
        displayRag: s.status === 'COMPLETE' ? 'BLUE' : s.rag,
        isOverdue: open && s.due < 0,
        isStale: open && sinceDays > 30,
      });
    }
  });
  const pick = (n: { displayRag: string; isOverdue: boolean; isStale: boolean }) => ({
    displayRag: n.displayRag,
    isOverdue: n.isOverdue,
    isStale: n.isStale,
  });

  it('sorts by every field, each way, and pages through with cursors to the same order', async () => {
    const rows = (
      await stack.pg.query<{ id: string; title: string; status: Status; rag: RagValue; due: string; last: Date | null }>(
        "SELECT id::text, title, status, rag, to_char(due_date, 'YYYY-MM-DD') AS due, last_update_at AS last FROM actions WHERE work_plan_id = $1",
        [plan.id],
      )
    ).rows;
    expect(rows).toHaveLength(KEYS.length);
    const statusIndex: Record<Status, number> = { NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETE: 2, CANCELLED: 3 };
    const ragIndex = (r: (typeof rows)[number]) => (r.status === 'COMPLETE' ? 3 : { RED: 0, AMBER: 1, GREEN: 2 }[r.rag]);
    const keyOf: Record<string, (r: (typeof rows)[number]) => string | number> = {
      DUE_DATE: (r) => r.due,
      TITLE: (r) => r.title.toLowerCase(),
      RAG: ragIndex,
      STATUS: (r) => statusIndex[r.status],
      LAST_UPDATE: (r) => (r.last ? r.last.getTime() : 0),
    };
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    for (const field of Object.keys(keyOf)) {
      for (const direction of ['ASC', 'DESC'] as const) {
        const sign = direction === 'ASC' ? 1 : -1;
        const expected = [...rows].sort((x, y) => sign * (cmp(keyOf[field](x), keyOf[field](y)) || cmp(x.id, y.id))).map((r) => r.id);
        const seen: string[] = [];
        let after: string | undefined;
        for (let page = 0; page < 5; page++) {
          const d = await as('secretariat').ok<{ actions: Conn }>(OPS.actions, {
            filter: inPlan({}),
            orderBy: { field, direction },
            first: 3,
            after,
          });
          const c = d.actions;
          expect(c.totalCount).toBe(KEYS.length);
          seen.push(...c.edges.map((e) => e.node.id));
          expect({ field, direction, page, hasNextPage: c.pageInfo.hasNextPage }).toEqual({
            field,
            direction,
            page,
            hasNextPage: seen.length < KEYS.length,
          });
          if (c.edges.length) expect(c.pageInfo.endCursor).toBe(c.edges[c.edges.length - 1].cursor);
          if (!c.pageInfo.hasNextPage) break;
          after = c.pageInfo.endCursor as string;
        }
        expect({ field, direction, order: seen }).toEqual({ field, direction, order: expected });
      }
    }
    // With no orderBy: by due date, soonest first.
    const d = await as('secretariat').ok<{ actions: Conn }>(OPS.actions, { filter: inPlan({}), first: 100 });
    expect(d.actions.edges.map((e) => e.node.id)).toEqual([...rows].sort((x, y) => cmp(x.due, y.due) || cmp(x.id, y.id)).map((r) => r.id));
  });

  const HEALTH_SUMMARY = {
    total: 8,
    // Open actions by RAG; complete ones as blue; the cancelled one in neither.
    rag: { red: 2, amber: 2, green: 1, blue: 2 },
    status: { notStarted: 3, inProgress: 2, complete: 2, cancelled: 1 },
    overdue: 1,
    dueSoon: 3,
    stale: 2,
    // 2 complete of the 7 not cancelled, rounded down.
    percentComplete: 28,
  };

  it('the plan summary counts by RAG and status, overdue, due soon, stale and percentage complete', async () => {
    const d = await as('secretariat').ok<{ workPlan: { summary: unknown } }>(OPS.workPlan, { id: plan.id });
    expect(d.workPlan.summary).toEqual(HEALTH_SUMMARY);
    // A plan with no actions, and one whose only action is cancelled, are 0% complete.
    const empty = await insertWorkPlan(stack.pg, A, { subGroupId: emptySubGroup, status: 'DRAFT' });
    const e = await as('secretariat').ok<{ workPlan: { summary: { total: number; percentComplete: number } } }>(OPS.workPlan, {
      id: empty.id,
    });
    expect(e.workPlan.summary).toMatchObject({ total: 0, percentComplete: 0, rag: { red: 0, amber: 0, green: 0, blue: 0 } });
    await insertAction(stack.pg, A, empty, { status: 'CANCELLED' });
    const c = await as('secretariat').ok<{ workPlan: { summary: { total: number; percentComplete: number } } }>(OPS.workPlan, {
      id: empty.id,
    });
    expect(c.workPlan.summary).toMatchObject({ total: 1, percentComplete: 0, status: { cancelled: 1 } });
    // The closed plan has its own summary.
    const o = await as('secretariat').ok<{ workPlan: { summary: unknown } }>(OPS.workPlan, { id: oldPlan.id });
    expect(o.workPlan.summary).toEqual({
      total: 1,
      rag: { red: 0, amber: 0, green: 1, blue: 0 },
      status: { notStarted: 0, inProgress: 1, complete: 0, cancelled: 0 },
      overdue: 1,
      dueSoon: 0,
      stale: 1,
      percentComplete: 0,
    });
  });

  it('the partnership dashboard gives each sub-group its active plan and counts (none for a sub-group without one)', async () => {
    for (const who of ['secretariat', 'member']) {
      const d = await as(who).ok<{
        partnershipDashboard: Array<{
          subGroupId: string;
          subGroup: { id: string };
          workPlan: { id: string; status: string } | null;
          summary: unknown;
        }>;
      }>(OPS.partnershipDashboard);
      const rows = Object.fromEntries(d.partnershipDashboard.map((r) => [r.subGroupId, r]));
      expect(Object.keys(rows).sort()).toEqual([A.subGroupId, eduSubGroup, emptySubGroup].sort());
      expect(rows[A.subGroupId]).toMatchObject({
        subGroup: { id: A.subGroupId },
        workPlan: { id: plan.id, status: 'ACTIVE' },
        summary: HEALTH_SUMMARY,
      });
      expect(rows[eduSubGroup]).toMatchObject({
        workPlan: { id: eduPlan.id },
        summary: {
          total: 1,
          rag: { red: 0, amber: 0, green: 1, blue: 0 },
          status: { notStarted: 0, inProgress: 1, complete: 0, cancelled: 0 },
          overdue: 0,
          dueSoon: 1,
          stale: 0,
          percentComplete: 0,
        },
      });
      // The Placements sub-group has only a draft plan: no active plan, no counts.
      expect(rows[emptySubGroup]).toMatchObject({ workPlan: null, summary: null });
    }
  });

  it('the counts follow a progress update: the dashboard shows the new RAG at once', async () => {
    const v = (await stack.pg.query('SELECT version FROM actions WHERE id = $1', [ids.a3])).rows[0].version;
    await as('member').ok(OPS.postActionUpdate, {
      input: { actionId: ids.a3, version: v, narrative: 'Waiting list down to six weeks.', status: 'COMPLETE', rag: 'GREEN' },
    });
    const d = await as('chair').ok<{ partnershipDashboard: Array<{ subGroupId: string; summary: unknown }> }>(OPS.partnershipDashboard);
    expect(d.partnershipDashboard.find((r) => r.subGroupId === A.subGroupId)?.summary).toEqual({
      ...HEALTH_SUMMARY,
      rag: { red: 1, amber: 2, green: 1, blue: 3 },
      status: { notStarted: 3, inProgress: 1, complete: 3, cancelled: 1 },
      dueSoon: 2,
      percentComplete: 42,
    });
    // ...and the filters agree: a3 is now blue, not red, and no longer due soon.
    expect(keysOf(await list(inPlan({ rags: ['BLUE'] })))).toEqual(['a3', 'a4', 'a8']);
    expect(keysOf(await list(inPlan({ dueWithinDays: 14 })))).toEqual(['a6', 'a7']);
  });
});
