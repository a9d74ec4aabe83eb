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
