import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { hashPassword } from '@pbw/identity';

export const TEST_PASSWORD = 'tidy-orange-lantern-47';

let cachedHash: Promise<string> | undefined;
/** One argon2 hash shared by every factory user: hashing is deliberately slow. */
function passwordHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

export interface TestUser {
  id: string;
  email: string;
  role: 'SECRETARIAT' | 'BOARD_MEMBER' | 'MEMBER';
  agencyId: string;
}

export interface TestPartnership {
  id: string;
  slug: string;
  boardId: string;
  agencies: { council: string; health: string };
  subGroupId: string;
  secretariat: TestUser;
  boardMember: TestUser;
  chair: TestUser;
  member: TestUser;
  invited: TestUser;
}

/**
 * A small partnership written straight to the database: a board, two agencies, one
 * sub-group, and one user of each role (all ACTIVE with TEST_PASSWORD, except `invited`).
 */
export async function createPartnership(pg: Client, label: string): Promise<TestPartnership> {
  const id = randomUUID();
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${id.slice(0, 6)}`;
  await pg.query('INSERT INTO partnerships (id, name, slug, local_authority) VALUES ($1, $2, $3, $4)', [
    id,
    `${label} Children in Care Partnership`,
    slug,
    `${label} Council`,
  ]);
  const council = randomUUID();
  const health = randomUUID();
  await pg.query(`INSERT INTO agencies (id, partnership_id, name, sector) VALUES ($1, $3, $4, 'LOCAL_AUTHORITY'), ($2, $3, $5, 'HEALTH')`, [
    council,
    health,
    id,
    `${label} Council Children's Services`,
    `${label} Integrated Care Board`,
  ]);
  const hash = await passwordHash();
  const user = async (key: string, role: TestUser['role'], agencyId: string, status = 'ACTIVE'): Promise<TestUser> => {
    const u: TestUser = { id: randomUUID(), email: `${key}.${slug}@example.test`, role, agencyId };
    await pg.query(
      `INSERT INTO users (id, partnership_id, agency_id, email, name, role, status, password_hash, activated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7 = 'ACTIVE' THEN now() END)`,
      [u.id, id, agencyId, u.email, `${label} ${key}`, role, status, status === 'ACTIVE' ? hash : null],
    );
    return u;
  };
  const secretariat = await user('secretariat', 'SECRETARIAT', council);
  const boardMember = await user('boardmember', 'BOARD_MEMBER', council);
  const chair = await user('chair', 'MEMBER', health);
  const member = await user('member', 'MEMBER', health);
  const invited = await user('invited', 'MEMBER', council, 'INVITED');
  const boardId = randomUUID();
  await pg.query('INSERT INTO boards (id, partnership_id, name, chair_user_id) VALUES ($1, $2, $3, $4)', [
    boardId,
    id,
    `${label} Children in Care Partnership Board`,
    boardMember.id,
  ]);
  const subGroupId = randomUUID();
  await pg.query('INSERT INTO sub_groups (id, partnership_id, board_id, name, remit) VALUES ($1, $2, $3, $4, $5)', [
    subGroupId,
    id,
    boardId,
    'Health',
    'Health and wellbeing of children in care',
  ]);
  await pg.query(
    `INSERT INTO sub_group_memberships (partnership_id, sub_group_id, user_id, role) VALUES ($1, $2, $3, 'CHAIR'), ($1, $2, $4, 'MEMBER')`,
    [id, subGroupId, chair.id, member.id],
  );
  return { id, slug, boardId, agencies: { council, health }, subGroupId, secretariat, boardMember, chair, member, invited };
}

export async function auditCount(pg: Client, partnershipId: string, action?: string): Promise<number> {
  const r = await pg.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id = $1 AND ($2::text IS NULL OR action = $2)',
    [partnershipId, action ?? null],
  );
  return r.rows[0].n;
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
}

/** Signs in through the public API, as the web app does. */
export async function signIn(client: import('./gql-client').GqlClient, email: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const data = await client.ok<{ signIn: SignedIn }>(
    'mutation($input: SignInInput!) { signIn(input: $input) { accessToken refreshToken } }',
    { input: { email, password } },
  );
  return data.signIn;
}

// ---- work plans and frameworks (issue 4) -----------------------------------------------
// Written straight to the database, with no audit rows, for arranging a known data set
// (including what the api would never write, such as a date in the past for created_at).

/** Another agency in a factory partnership; returns its id. */
export async function addAgency(pg: Client, p: TestPartnership, name: string, sector = 'OTHER'): Promise<string> {
  const id = randomUUID();
  await pg.query('INSERT INTO agencies (id, partnership_id, name, sector) VALUES ($1, $2, $3, $4)', [id, p.id, name, sector]);
  return id;
}

/** Another sub-group of the factory board, optionally with a chair; returns its id. */
export async function addSubGroup(pg: Client, p: TestPartnership, name: string, chairUserId?: string): Promise<string> {
  const id = randomUUID();
  await pg.query('INSERT INTO sub_groups (id, partnership_id, board_id, name, remit) VALUES ($1, $2, $3, $4, $5)', [
    id,
    p.id,
    p.boardId,
    name,
    `${name} remit`,
  ]);
  if (chairUserId) await addMembership(pg, p, chairUserId, 'CHAIR', id);
  return id;
}

/** Puts a user in a sub-group (the factory's Health sub-group unless another is named). */
export async function addMembership(
  pg: Client,
  p: TestPartnership,
  userId: string,
  role: 'CHAIR' | 'MEMBER' = 'MEMBER',
  subGroupId = p.subGroupId,
): Promise<void> {
  await pg.query('INSERT INTO sub_group_memberships (partnership_id, sub_group_id, user_id, role) VALUES ($1, $2, $3, $4)', [
    p.id,
    subGroupId,
    userId,
    role,
  ]);
}

/** The partnership's statutory principles (the built-in framework): its id and its items' ids by code (CPP-A ... CPP-G). */
export async function principles(pg: Client, partnershipId: string): Promise<{ frameworkId: string; items: Record<string, string> }> {
  const r = await pg.query<{ framework_id: string; id: string; code: string }>(
    `SELECT i.framework_id, i.id, i.code FROM framework_items i JOIN frameworks f ON f.id = i.framework_id
      WHERE f.partnership_id = $1 AND f.built_in ORDER BY i.position`,
    [partnershipId],
  );
  if (!r.rows.length) throw new Error(`Partnership ${partnershipId} has no statutory principles`);
  return { frameworkId: r.rows[0].framework_id, items: Object.fromEntries(r.rows.map((row) => [row.code, row.id])) };
}

export interface WorkPlanFixture {
  id: string;
  subGroupId: string;
  /** In their order in the plan. */
  objectiveIds: string[];
}

/** A work plan with objectives (titled as given, in that order); ACTIVE for 2026/27 unless told. */
export async function insertWorkPlan(
  pg: Client,
  p: TestPartnership,
  opts: {
    subGroupId?: string;
    title?: string;
    status?: 'DRAFT' | 'ACTIVE' | 'CLOSED';
    periodStart?: string;
    periodEnd?: string;
    objectives?: string[];
  } = {},
): Promise<WorkPlanFixture> {
  const id = randomUUID();
  const subGroupId = opts.subGroupId ?? p.subGroupId;
  await pg.query(
    'INSERT INTO work_plans (id, partnership_id, sub_group_id, title, period_start, period_end, status) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      id,
      p.id,
      subGroupId,
      opts.title ?? 'Work plan 2026/27',
      opts.periodStart ?? '2026-04-01',
      opts.periodEnd ?? '2027-03-31',
      opts.status ?? 'ACTIVE',
    ],
  );
  const objectiveIds: string[] = [];
  for (const [i, title] of (opts.objectives ?? ['Objective one']).entries()) {
    const oid = randomUUID();
    await pg.query('INSERT INTO objectives (id, partnership_id, work_plan_id, title, position) VALUES ($1, $2, $3, $4, $5)', [
      oid,
      p.id,
      id,
      title,
      i + 1,
    ]);
    objectiveIds.push(oid);
  }
  return { id, subGroupId, objectiveIds };
}

export interface ActionFixtureOptions {
  objectiveId?: string;
  title?: string;
  ownerUserId?: string;
  leadAgencyId?: string;
  supportingAgencyIds?: string[];
  frameworkItemIds?: string[];
  startDate?: string | null;
  dueDate?: string;
  status?: 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETE' | 'CANCELLED';
  rag?: 'RED' | 'AMBER' | 'GREEN';
  visibility?: 'PARTNERSHIP' | 'SUB_GROUP' | 'AGENCY' | 'RESTRICTED';
  restrictedUserIds?: string[];
  /** Defaults to now. */
  createdAt?: Date;
  lastUpdateAt?: Date | null;
}

/** An action in a plan (under its first objective unless told), owned by the factory member and led by health unless told. */
export async function insertAction(
  pg: Client,
  p: TestPartnership,
  plan: WorkPlanFixture,
  opts: ActionFixtureOptions = {},
): Promise<string> {
  const id = randomUUID();
  await pg.query(
    `INSERT INTO actions (id, partnership_id, work_plan_id, objective_id, sub_group_id, title, owner_user_id, lead_agency_id,
                          start_date, due_date, status, rag, visibility, restricted_user_ids, last_update_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      p.id,
      plan.id,
      opts.objectiveId ?? plan.objectiveIds[0],
      plan.subGroupId,
      opts.title ?? `Action ${id.slice(0, 8)}`,
      opts.ownerUserId ?? p.member.id,
      opts.leadAgencyId ?? p.agencies.health,
      opts.startDate ?? null,
      opts.dueDate ?? '2099-12-31',
      opts.status ?? 'NOT_STARTED',
      opts.rag ?? 'GREEN',
      opts.visibility ?? 'PARTNERSHIP',
      opts.restrictedUserIds ?? [],
      opts.lastUpdateAt ?? null,
      opts.createdAt ?? new Date(),
    ],
  );
  for (const agencyId of opts.supportingAgencyIds ?? []) {
    await pg.query('INSERT INTO action_supporting_agencies (partnership_id, action_id, agency_id) VALUES ($1, $2, $3)', [
      p.id,
      id,
      agencyId,
    ]);
  }
  for (const itemId of opts.frameworkItemIds ?? []) {
    await pg.query('INSERT INTO action_framework_items (partnership_id, action_id, framework_item_id) VALUES ($1, $2, $3)', [
      p.id,
      id,
      itemId,
    ]);
  }
  return id;
}
