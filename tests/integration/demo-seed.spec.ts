import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@pbw/db';
import { AgencySector, passwordProblem } from '@pbw/identity';
import { DEMO, DEMO_PASSWORD, ENTITIES, loadDemoPartnership, type DemoPartnershipResult } from '@pbw/platform';
import { createTestDatabase, type TestDatabase } from '@pbw/testing';

/**
 * People named in the council reports under shared/seeds. Demo and test data never use
 * real people: neither their full names nor their surnames may appear anywhere in the demo.
 */
const REAL_PEOPLE_IN_SEEDS = [
  'Tracey Coffey',
  "Aidan O'Reilly",
  'Lis Every',
  'Jane Moore',
  'Sharon Cooke',
  'Kelda Claire',
  'Nigel Moorhouse',
  'George Hayes',
  'Kerry Birtles',
  'Gill Betton',
];

/** Surnames that are also ordinary words ("every"): checked only as part of the full name. */
const ORDINARY_WORDS = new Set(['Every']);

const TABLES = ['partnerships', 'agencies', 'users', 'boards', 'sub_groups', 'sub_group_memberships', 'audit_events'];

describe('demo partnership loader', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let first: DemoPartnershipResult;
  let second: DemoPartnershipResult;
  let afterFirst: Record<string, string[]>;
  let afterSecond: Record<string, string[]>;

  /** Every row of every table the loader writes, in PostgreSQL's text form of the whole row. */
  async function snapshotRows(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const rows: Array<{ row: string }> = await ds.query(`SELECT t::text AS row FROM "${t}" t ORDER BY t.id`);
      out[t] = rows.map((r) => r.row);
    }
    return out;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.url, entities: ENTITIES, poolSize: 2 });
    await ds.initialize();
    first = await loadDemoPartnership(ds);
    afterFirst = await snapshotRows();
    second = await loadDemoPartnership(ds);
    afterSecond = await snapshotRows();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates the partnership, board, agencies, people and sub-groups the first time', () => {
    expect(first.created).toEqual({
      partnership: true,
      agencies: DEMO.agencies.length,
      users: DEMO.people.length,
      board: true,
      subGroups: 5,
      memberships: expect.any(Number),
    });
    expect(afterFirst.partnerships).toHaveLength(1);
    expect(afterFirst.boards).toHaveLength(1);
    expect(afterFirst.sub_groups).toHaveLength(5);
    expect(afterFirst.agencies.length).toBeGreaterThanOrEqual(10);
    expect(afterFirst.users.length).toBeGreaterThanOrEqual(20);
  });

  it('is idempotent: a second run adds, changes and audits nothing', () => {
    expect(second.partnershipId).toBe(first.partnershipId);
    expect(second.created).toEqual({ partnership: false, agencies: 0, users: 0, board: false, subGroups: 0, memberships: 0 });
    for (const t of TABLES) expect({ table: t, count: afterSecond[t].length }).toEqual({ table: t, count: afterFirst[t].length });
    expect(afterSecond).toEqual(afterFirst);
  });

  it('is the fictional Riverside partnership, chaired by the lead councillor', async () => {
    const [p] = await ds.query('SELECT slug, name, local_authority FROM partnerships');
    expect(p).toEqual({ slug: 'riverside', name: 'Riverside Children in Care Partnership', local_authority: 'Riverside Borough Council' });
    const [b] = await ds.query(
      'SELECT b.name, u.job_title FROM boards b JOIN users u ON u.id = b.chair_user_id AND u.partnership_id = b.partnership_id',
    );
    expect(b.name).toBe('Riverside Children in Care Partnership Board');
    expect(b.job_title).toMatch(/Councillor; Lead Member/);
  });

  it('has agencies in every sector', async () => {
    const rows: Array<{ sector: string }> = await ds.query('SELECT DISTINCT sector FROM agencies');
    expect(rows.map((r) => r.sector).sort()).toEqual(Object.values(AgencySector).sort());
  });

  it('covers every partnership role, with active accounts that the demo password opens', async () => {
    const users: Array<{ email: string; role: string; status: string; password_hash: string | null }> = await ds.query(
      'SELECT email, role, status, password_hash FROM users',
    );
    expect([...new Set(users.map((u) => u.role))].sort()).toEqual(['BOARD_MEMBER', 'MEMBER', 'SECRETARIAT']);
    for (const u of users) {
      expect(u.status).toBe('ACTIVE');
      expect(u.email).toMatch(/^[a-z.]+@riverside\.example$/);
    }
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
    // One argon2 check per role is enough to show the hashes are real (each costs ~50ms).
    for (const role of ['SECRETARIAT', 'BOARD_MEMBER', 'MEMBER']) {
      const u = users.find((x) => x.role === role);
      expect(await argon2.verify(u?.password_hash as string, DEMO_PASSWORD)).toBe(true);
    }
  });

  it('gives every sub-group a remit, one chair from a partner agency, and members', async () => {
    const rows: Array<{ name: string; remit: string; chairs: number; members: number; chair_agency: string | null }> = await ds.query(`
      SELECT sg.name, sg.remit,
             count(*) FILTER (WHERE m.role = 'CHAIR')::int AS chairs,
             count(*) FILTER (WHERE m.role = 'MEMBER')::int AS members,
             max(a.name) FILTER (WHERE m.role = 'CHAIR') AS chair_agency
        FROM sub_groups sg
        LEFT JOIN sub_group_memberships m ON m.sub_group_id = sg.id
        LEFT JOIN users u ON u.id = m.user_id
        LEFT JOIN agencies a ON a.id = u.agency_id
       GROUP BY sg.id ORDER BY sg.name`);
    expect(rows.map((r) => r.name).sort()).toEqual(
      ['Education', 'Employment and training', 'Health', 'Housing and support for care leavers', 'Placements'].sort(),
    );
    for (const r of rows) {
      expect({ name: r.name, chairs: r.chairs }).toEqual({ name: r.name, chairs: 1 });
      expect(r.members).toBeGreaterThanOrEqual(1);
      expect(r.chair_agency).toBeTruthy();
      expect(r.remit.length).toBeGreaterThan(100);
    }
    // Chairs come from across the partnership, not all from the council.
    expect(new Set(rows.map((r) => r.chair_agency)).size).toBe(5);
  });

  it('has people who sit on more than one sub-group', async () => {
    const [{ n }] = await ds.query(
      'SELECT count(*)::int AS n FROM (SELECT user_id FROM sub_group_memberships GROUP BY user_id HAVING count(*) > 1) x',
    );
    expect(n).toBeGreaterThan(0);
  });

  it('records who created what in the audit trail, as the system', async () => {
    const rows: Array<{ action: string; n: number; actors: number }> = await ds.query(
      'SELECT action, count(*)::int AS n, count(actor_user_id)::int AS actors FROM audit_events GROUP BY action ORDER BY action',
    );
    const by = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(by['partnership.create']).toBe(1);
    expect(by['agency.create']).toBe(DEMO.agencies.length);
    expect(by['user.create']).toBe(DEMO.people.length);
    expect(by['board.update']).toBe(1);
    expect(by['subGroup.create']).toBe(5);
    expect(rows.every((r) => r.actors === 0)).toBe(true);
    const leaked: Array<{ n: number }> = await ds.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE after ? 'passwordHash' OR after::text LIKE '%argon2%'",
    );
    expect(leaked[0].n).toBe(0);
  });

  it('returns sign-ins for real accounts, covering every role', async () => {
    expect(first.password).toBe(DEMO_PASSWORD);
    expect(new Set(first.signIns.map((s) => s.role))).toEqual(new Set(['SECRETARIAT', 'BOARD_MEMBER', 'MEMBER']));
    const emails: Array<{ email: string }> = await ds.query('SELECT email FROM users');
    const known = new Set(emails.map((e) => e.email));
    for (const s of first.signIns) {
      expect(known.has(s.email)).toBe(true);
      expect(s.note).toBeTruthy();
    }
  });

  it('uses no real person named in the source reports', async () => {
    const everything = JSON.stringify(afterSecond).toLowerCase() + JSON.stringify(DEMO).toLowerCase();
    for (const person of REAL_PEOPLE_IN_SEEDS) {
      const surname = person.split(' ').pop() as string;
      expect({ person, found: everything.includes(person.toLowerCase()) }).toEqual({ person, found: false });
      if (ORDINARY_WORDS.has(surname)) continue;
      expect({ surname, found: new RegExp(`\\b${surname.toLowerCase()}\\b`).test(everything) }).toEqual({ surname, found: false });
    }
  });
});

// The demo's work plans (issue 4, item 8). Imported here, below the first suite, so that suite stays as it was.
import { addDays, londonToday } from '@pbw/core';
import { DEMO_PROMISES, DEMO_WORK_PLANS, demoPlanPeriod } from '@pbw/platform';

describe('demo work plans', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let first: DemoPartnershipResult;
  let second: DemoPartnershipResult;
  let afterFirst: Record<string, string[]>;
  let afterSecond: Record<string, string[]>;
  const PLAN_TABLES = [
    'frameworks',
    'framework_items',
    'work_plans',
    'objectives',
    'actions',
    'action_supporting_agencies',
    'action_framework_items',
    'action_updates',
    'audit_events',
  ];

  async function snapshotRows(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const t of PLAN_TABLES) {
      const rows: Array<{ row: string }> = await ds.query(`SELECT t::text AS row FROM "${t}" t ORDER BY 1`);
      out[t] = rows.map((r) => r.row);
    }
    return out;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource({ url: db.url, entities: ENTITIES, poolSize: 2 });
    await ds.initialize();
    first = await loadDemoPartnership(ds);
    afterFirst = await snapshotRows();
    second = await loadDemoPartnership(ds);
    afterSecond = await snapshotRows();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('gives every sub-group one active plan for this financial year, with 2 or 3 objectives of 3 to 5 actions', async () => {
    const period = demoPlanPeriod(londonToday());
    const plans: Array<{ name: string; title: string; period_start: string; period_end: string; status: string }> = await ds.query(`
      SELECT sg.name, wp.title, wp.period_start::text, wp.period_end::text, wp.status
        FROM sub_groups sg JOIN work_plans wp ON wp.sub_group_id = sg.id ORDER BY sg.name`);
    expect(plans).toHaveLength(5);
    for (const p of plans) {
      expect(p).toEqual({
        name: p.name,
        title: period.title,
        period_start: period.periodStart,
        period_end: period.periodEnd,
        status: 'ACTIVE',
      });
    }
    expect(period.periodStart.slice(5)).toBe('04-01');
    expect(period.periodEnd.slice(5)).toBe('03-31');
    const objectives: Array<{ plan: string; n: number; min: number; max: number }> = await ds.query(`
      SELECT wp.id AS plan, count(*)::int AS n, min(c.n)::int AS min, max(c.n)::int AS max
        FROM work_plans wp JOIN objectives o ON o.work_plan_id = wp.id
        JOIN LATERAL (SELECT count(*) AS n FROM actions a WHERE a.objective_id = o.id) c ON true
       GROUP BY wp.id`);
    expect(objectives).toHaveLength(5);
    for (const o of objectives) {
      expect(o.n).toBeGreaterThanOrEqual(2);
      expect(o.n).toBeLessThanOrEqual(3);
      expect(o.min).toBeGreaterThanOrEqual(3);
      expect(o.max).toBeLessThanOrEqual(5);
    }
    expect(first.createdWorkPlans).toMatchObject({ frameworks: 1, frameworkItems: 6, workPlans: 5 });
  });

  it('shows every status and every display RAG, with some actions overdue, due soon and stale', async () => {
    const [row] = await ds.query(
      `
      SELECT array_agg(DISTINCT status ORDER BY status) AS statuses,
             array_agg(DISTINCT display ORDER BY display) AS display,
             array_agg(DISTINCT rag ORDER BY rag) FILTER (WHERE status IN ('NOT_STARTED','IN_PROGRESS')) AS open_rags,
             count(*) FILTER (WHERE status IN ('NOT_STARTED','IN_PROGRESS') AND due_date < $1::date)::int AS overdue,
             count(*) FILTER (WHERE status IN ('NOT_STARTED','IN_PROGRESS') AND due_date BETWEEN $1::date AND $1::date + 14)::int AS due_soon,
             count(*) FILTER (WHERE status IN ('NOT_STARTED','IN_PROGRESS')
                                AND coalesce(last_update_at, created_at) < now() - interval '30 days')::int AS stale,
             count(*) FILTER (WHERE status IN ('NOT_STARTED','IN_PROGRESS')
                                AND coalesce(last_update_at, created_at) >= now() - interval '30 days')::int AS fresh
        FROM (SELECT *, CASE WHEN status = 'COMPLETE' THEN 'BLUE' ELSE rag END AS display FROM actions) a`,
      [londonToday()],
    );
    expect(row.statuses).toEqual(['CANCELLED', 'COMPLETE', 'IN_PROGRESS', 'NOT_STARTED']);
    expect(row.display).toEqual(['AMBER', 'BLUE', 'GREEN', 'RED']);
    expect(row.open_rags).toEqual(['AMBER', 'GREEN', 'RED']);
    expect(row.due_soon).toBeGreaterThanOrEqual(2);
    expect(row.fresh).toBeGreaterThanOrEqual(3);
    // Dates are relative to the load but never before the plan starts, so in its first weeks nothing is overdue or stale yet.
    const period = demoPlanPeriod(londonToday());
    if (addDays(period.periodStart, 75) <= londonToday()) {
      expect(row.overdue).toBeGreaterThanOrEqual(3);
      expect(row.stale).toBeGreaterThanOrEqual(3);
    }
  });

  it('has 2 to 4 dated updates on every started action, by its owner, that set its status and RAG', async () => {
    const rows: Array<{
      status: string;
      rag: string;
      start_date: string | null;
      version: number;
      n: number;
      bad_author: number;
      future: number;
      early: number;
      last_status: string | null;
      last_rag: string | null;
    }> = await ds.query(
      `SELECT a.status, a.rag, a.start_date::text, a.version, count(u.id)::int AS n,
              count(u.id) FILTER (WHERE u.author_user_id <> a.owner_user_id)::int AS bad_author,
              count(u.id) FILTER (WHERE u.update_date > $1::date)::int AS future,
              count(u.id) FILTER (WHERE u.update_date < a.start_date)::int AS early,
              (array_agg(u.status ORDER BY u.update_date DESC, u.created_at DESC))[1] AS last_status,
              (array_agg(u.rag ORDER BY u.update_date DESC, u.created_at DESC))[1] AS last_rag
         FROM actions a LEFT JOIN action_updates u ON u.action_id = a.id
        GROUP BY a.id`,
      [londonToday()],
    );
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const r of rows) {
      if (r.status === 'NOT_STARTED') {
        expect(r.n).toBe(0);
        continue;
      }
      expect(r.n).toBeGreaterThanOrEqual(2);
      expect(r.n).toBeLessThanOrEqual(4);
      expect(r.start_date).not.toBeNull();
      expect({ bad_author: r.bad_author, future: r.future, early: r.early }).toEqual({ bad_author: 0, future: 0, early: 0 });
      expect([r.last_status, r.last_rag]).toEqual([r.status, r.rag]);
      expect(r.version).toBe(1 + r.n);
    }
    const [{ narratives }] = await ds.query('SELECT count(DISTINCT narrative)::int AS narratives, count(*)::int AS n FROM action_updates');
    expect(narratives).toBe(first.createdWorkPlans.updates);
  });

  it('has actions owned by the sub-group’s own chair and members, led by the owner’s agency', async () => {
    const [row] = await ds.query(`
      SELECT count(*)::int AS n,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM sub_group_memberships m WHERE m.sub_group_id = a.sub_group_id AND m.user_id = a.owner_user_id))::int AS outsiders,
             count(*) FILTER (WHERE a.lead_agency_id <> u.agency_id)::int AS other_agency,
             count(DISTINCT a.owner_user_id)::int AS owners
        FROM actions a JOIN users u ON u.id = a.owner_user_id`);
    expect(row.outsiders).toBe(0);
    expect(row.other_agency).toBe(0);
    expect(row.owners).toBeGreaterThanOrEqual(12);
  });

  it('tags every action to a statutory principle and to a promise in “Our promises to children in care”', async () => {
    const [fw] = await ds.query(`
      SELECT f.kind, f.built_in, array_agg(i.code ORDER BY i.position) AS codes
        FROM frameworks f JOIN framework_items i ON i.framework_id = f.id
       WHERE f.name = 'Our promises to children in care' GROUP BY f.id`);
    expect(fw).toEqual({ kind: 'PROMISES', built_in: false, codes: ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'] });
    const untagged: Array<{ title: string; principles: number; promises: number }> = await ds.query(`
      SELECT a.title,
             count(*) FILTER (WHERE f.built_in)::int AS principles,
             count(*) FILTER (WHERE f.kind = 'PROMISES')::int AS promises
        FROM actions a
        JOIN action_framework_items l ON l.action_id = a.id
        JOIN framework_items i ON i.id = l.framework_item_id
        JOIN frameworks f ON f.id = i.framework_id
       GROUP BY a.id HAVING count(*) FILTER (WHERE f.built_in) = 0 OR count(*) FILTER (WHERE f.kind = 'PROMISES') = 0`);
    expect(untagged).toEqual([]);
    const [{ principles }] = await ds.query(`
      SELECT count(DISTINCT i.code)::int AS principles FROM action_framework_items l
        JOIN framework_items i ON i.id = l.framework_item_id JOIN frameworks f ON f.id = i.framework_id WHERE f.built_in`);
    expect(principles).toBe(7);
  });

  it('records the plans, objectives, actions and updates in the audit trail, as the system', async () => {
    const rows: Array<{ action: string; n: number; actors: number }> = await ds.query(
      `SELECT action, count(*)::int AS n, count(actor_user_id)::int AS actors FROM audit_events
        WHERE action IN ('framework.create','frameworkItem.create','workPlan.create','workPlan.activate','objective.create','action.create','action.postUpdate','action.update')
        GROUP BY action`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    const c = first.createdWorkPlans;
    expect(by).toEqual({
      'framework.create': 1,
      'frameworkItem.create': 6,
      'workPlan.create': 5,
      'workPlan.activate': 5,
      'objective.create': c.objectives,
      'action.create': c.actions,
      'action.postUpdate': c.updates,
      'action.update': c.updates,
    });
    expect(rows.every((r) => r.actors === 0)).toBe(true);
  });

  it('is idempotent: a second run adds, changes and audits nothing', () => {
    expect(second.createdWorkPlans).toEqual({ frameworks: 0, frameworkItems: 0, workPlans: 0, objectives: 0, actions: 0, updates: 0 });
    for (const t of PLAN_TABLES) expect({ table: t, count: afterSecond[t].length }).toEqual({ table: t, count: afterFirst[t].length });
    expect(afterSecond).toEqual(afterFirst);
  });

  it('uses no real person named in the source reports', () => {
    const everything = (JSON.stringify(afterSecond) + JSON.stringify(DEMO_WORK_PLANS) + JSON.stringify(DEMO_PROMISES)).toLowerCase();
    for (const person of REAL_PEOPLE_IN_SEEDS) {
      const surname = person.split(' ').pop() as string;
      expect({ person, found: everything.includes(person.toLowerCase()) }).toEqual({ person, found: false });
      if (ORDINARY_WORDS.has(surname)) continue;
      expect({ surname, found: new RegExp(`\\b${surname.toLowerCase()}\\b`).test(everything) }).toEqual({ surname, found: false });
    }
  });
});
