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
