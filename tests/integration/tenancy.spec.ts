/**
 * DESIGN.md §3: "Another partnership's data: never, whatever the role. A denial does not
 * reveal whether the record exists." Signed in as partnership A's secretariat (the
 * strongest role), every query and mutation so far is pointed at partnership B's records.
 * Each must fail exactly as it does for an id that exists nowhere, leave both
 * partnerships untouched, and the same operation on A's own records must succeed (so the
 * failures are the tenancy rule, not a malformed request).
 */
import { randomUUID } from 'node:crypto';
import {
  OPS,
  type OpName,
  SESSION_MUTATIONS,
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addUser,
  auditCount,
  createPartnership,
  schemaOperations,
  signIn,
  startTestStack,
  tenantIds,
  tenantSnapshot,
} from '@pbw/testing';

type Expected = { code: 'NOT_FOUND'; message: string } | { code: 'BAD_USER_INPUT'; path: string; message: string };

interface CrossCase {
  /** What is pointed at B. */
  label: string;
  op: OpName;
  /** The variables naming B's real record(s). */
  b: () => Record<string, unknown>;
  /** The same variables with B's id(s) swapped for ids that exist nowhere. */
  fake: () => Record<string, unknown>;
  expected: Expected;
}

// Mutations that name no record by id, so have nothing to point at B: they are covered by
// showing they act on A's own partnership (last test) and leave B byte-for-byte unchanged.
const NO_REFERENCE_MUTATIONS = ['updatePartnership', 'createAgency'];

/** Every mutation this suite covers. A new mutation must be added here with a test, or the suite fails. */
const COVERED_MUTATIONS = [
  'updatePartnership',
  'createAgency',
  'updateAgency',
  'inviteUser',
  'updateUser',
  'deactivateUser',
  'reactivateUser',
  'resendInvitation',
  'issuePasswordReset',
  'updateBoard',
  'createSubGroup',
  'updateSubGroup',
  'addSubGroupMember',
  'removeSubGroupMember',
];

/** Every query this suite covers, by how. */
const BY_ID_QUERIES = ['agency', 'user', 'subGroup'];
const LIST_QUERIES = ['agencies', 'users', 'subGroups', 'subGroupMemberships', 'auditEvents'];
const OWN_QUERIES = ['partnership', 'board', 'me'];
const COVERED_QUERIES = [...BY_ID_QUERIES, ...LIST_QUERIES, ...OWN_QUERIES];

const notFound = (what: string): Expected => ({ code: 'NOT_FOUND', message: `${what} not found.` });
const badInput = (path: string, message: string): Expected => ({ code: 'BAD_USER_INPUT', path, message });

describe('tenancy: no read or write across partnerships', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  /** B's deactivated user, so reactivateUser has something that would succeed if it leaked. */
  let bGone: TestUser;
  /** A's deactivated user, for the matching own-record control. */
  let aGone: TestUser;
  let asA: GqlClient;
  let bBefore: Record<string, string[]>;
  let bAuditBefore: number;

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Alphashire');
    B = await createPartnership(stack.pg, 'Betaborough');
    bGone = await addUser(stack.pg, B, 'gone', { status: 'DEACTIVATED' });
    aGone = await addUser(stack.pg, A, 'gone', { status: 'DEACTIVATED' });
    const [a, b] = await Promise.all([signIn(stack.client(), A.secretariat.email), signIn(stack.client(), B.secretariat.email)]);
    asA = stack.client(a.accessToken);
    // Give both partnerships audit history, so the audit log has something to leak.
    const asB = stack.client(b.accessToken);
    await asB.ok(OPS.updatePartnership, { input: { description: 'Betaborough private notes' } });
    await asB.ok(OPS.updateAgency, { input: { id: B.agencies.health, name: 'Betaborough NHS Trust' } });
    await asA.ok(OPS.updatePartnership, { input: { description: 'Alphashire notes' } });
    bBefore = await tenantSnapshot(stack.pg, B.id);
    bAuditBefore = await auditCount(stack.pg, B.id);
  });
  afterAll(() => stack?.close());

  const crossCases = (): CrossCase[] => {
    const f1 = randomUUID();
    const f2 = randomUUID();
    const invite = (agencyId: string) => ({
      input: { email: `new.${randomUUID().slice(0, 8)}@example.test`, name: 'New Person', agencyId, role: 'MEMBER' },
    });
    return [
      {
        label: "updateAgency on B's agency",
        op: 'updateAgency',
        b: () => ({ input: { id: B.agencies.council, name: 'Taken over' } }),
        fake: () => ({ input: { id: f1, name: 'Taken over' } }),
        expected: notFound('Agency'),
      },
      {
        label: "inviteUser into B's agency",
        op: 'inviteUser',
        b: () => invite(B.agencies.council),
        fake: () => invite(f1),
        expected: badInput('input.agencyId', 'Choose an agency from this partnership.'),
      },
      {
        label: "updateUser on B's user",
        op: 'updateUser',
        b: () => ({ input: { id: B.member.id, name: 'Renamed' } }),
        fake: () => ({ input: { id: f1, name: 'Renamed' } }),
        expected: notFound('User'),
      },
      {
        label: "updateUser moving A's user into B's agency",
        op: 'updateUser',
        b: () => ({ input: { id: A.member.id, agencyId: B.agencies.health } }),
        fake: () => ({ input: { id: A.member.id, agencyId: f1 } }),
        expected: badInput('input.agencyId', 'Choose an agency from this partnership.'),
      },
      {
        label: "updateUser promoting B's user",
        op: 'updateUser',
        b: () => ({ input: { id: B.member.id, role: 'SECRETARIAT' } }),
        fake: () => ({ input: { id: f1, role: 'SECRETARIAT' } }),
        expected: notFound('User'),
      },
      {
        label: "deactivateUser on B's user",
        op: 'deactivateUser',
        b: () => ({ input: { userId: B.member.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "deactivateUser on B's secretariat",
        op: 'deactivateUser',
        b: () => ({ input: { userId: B.secretariat.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "reactivateUser on B's deactivated user",
        op: 'reactivateUser',
        b: () => ({ input: { userId: bGone.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "resendInvitation to B's invited user",
        op: 'resendInvitation',
        b: () => ({ input: { userId: B.invited.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "issuePasswordReset for B's user",
        op: 'issuePasswordReset',
        b: () => ({ input: { userId: B.member.id } }),
        fake: () => ({ input: { userId: f1 } }),
        expected: notFound('User'),
      },
      {
        label: "createSubGroup chaired by B's user",
        op: 'createSubGroup',
        b: () => ({ input: { name: 'Leaky group', chairUserId: B.chair.id } }),
        fake: () => ({ input: { name: 'Leaky group', chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
      {
        label: "updateSubGroup on B's sub-group",
        op: 'updateSubGroup',
        b: () => ({ input: { id: B.subGroupId, remit: 'Taken over' } }),
        fake: () => ({ input: { id: f1, remit: 'Taken over' } }),
        expected: notFound('Sub-group'),
      },
      {
        label: "addSubGroupMember: A's user into B's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: A.boardMember.id } }),
        fake: () => ({ input: { subGroupId: f1, userId: A.boardMember.id } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user into B's sub-group as chair",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.boardMember.id, role: 'CHAIR' } }),
        fake: () => ({ input: { subGroupId: f1, userId: f2, role: 'CHAIR' } }),
        expected: badInput('input.subGroupId', 'Choose a sub-group from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user into A's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: A.subGroupId, userId: B.boardMember.id } }),
        fake: () => ({ input: { subGroupId: A.subGroupId, userId: f1 } }),
        expected: badInput('input.userId', 'Choose a user from this partnership.'),
      },
      {
        label: "addSubGroupMember: B's user as chair of A's sub-group",
        op: 'addSubGroupMember',
        b: () => ({ input: { subGroupId: A.subGroupId, userId: B.boardMember.id, role: 'CHAIR' } }),
        fake: () => ({ input: { subGroupId: A.subGroupId, userId: f1, role: 'CHAIR' } }),
        expected: badInput('input.userId', 'Choose a user from this partnership.'),
      },
      {
        label: "removeSubGroupMember: B's member from B's sub-group",
        op: 'removeSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.member.id } }),
        fake: () => ({ input: { subGroupId: f1, userId: f2 } }),
        expected: notFound('Membership'),
      },
      {
        label: "removeSubGroupMember: B's chair from B's sub-group",
        op: 'removeSubGroupMember',
        b: () => ({ input: { subGroupId: B.subGroupId, userId: B.chair.id } }),
        fake: () => ({ input: { subGroupId: B.subGroupId, userId: f1 } }),
        expected: notFound('Membership'),
      },
      {
        label: "updateBoard chaired by B's user",
        op: 'updateBoard',
        b: () => ({ input: { chairUserId: B.boardMember.id } }),
        fake: () => ({ input: { chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
      {
        label: "updateBoard chaired by B's secretariat",
        op: 'updateBoard',
        b: () => ({ input: { name: 'Renamed board', chairUserId: B.secretariat.id } }),
        fake: () => ({ input: { name: 'Renamed board', chairUserId: f1 } }),
        expected: badInput('input.chairUserId', 'Choose a user from this partnership.'),
      },
    ];
  };

  const expectError = (r: GqlResult<unknown>, op: string, expected: Expected) => {
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const e = r.errors![0];
    expect(e.path).toEqual([op]);
    expect(e.message).toBe(expected.message);
    expect(e.extensions?.code).toBe(expected.code);
    if (expected.code === 'BAD_USER_INPUT') expect(e.extensions?.fields).toEqual([{ path: expected.path, message: expected.message }]);
  };

  it('covers every query and mutation the schema has (a new one without a tenancy test fails here)', async () => {
    const { queries, mutations } = await schemaOperations(stack.client());
    expect([...new Set([...COVERED_MUTATIONS, ...SESSION_MUTATIONS])].sort()).toEqual(mutations);
    expect([...COVERED_QUERIES].sort()).toEqual(queries);
    // The covered list is honest: each mutation in it is either pointed at B below or names no record.
    const crossOps = new Set(crossCases().map((c) => c.op));
    for (const m of COVERED_MUTATIONS) expect(crossOps.has(m as OpName) !== NO_REFERENCE_MUTATIONS.includes(m)).toBe(true);
    for (const q of COVERED_QUERIES) expect(OPS).toHaveProperty(q);
  });

  it("reads by id: B's records answer NOT_FOUND exactly as an id that exists nowhere", async () => {
    const reads: Array<[string, string, string]> = [
      ['agency', B.agencies.council, 'Agency'],
      ['agency', B.agencies.health, 'Agency'],
      ['user', B.secretariat.id, 'User'],
      ['user', B.member.id, 'User'],
      ['user', B.invited.id, 'User'],
      ['user', bGone.id, 'User'],
      ['subGroup', B.subGroupId, 'Sub-group'],
    ];
    for (const [op, id, what] of reads) {
      const real = await asA.request(OPS[op as OpName], { id });
      const fake = await asA.request(OPS[op as OpName], { id: randomUUID() });
      expectError(real, op, notFound(what));
      expect(real).toEqual(fake);
    }
    // The same queries do find A's own records.
    await expect(asA.ok(OPS.agency, { id: A.agencies.council })).resolves.toMatchObject({ agency: { id: A.agencies.council } });
    await expect(asA.ok(OPS.user, { id: A.member.id })).resolves.toMatchObject({
      user: { id: A.member.id, agency: { id: A.agencies.health } },
    });
    await expect(asA.ok(OPS.subGroup, { id: A.subGroupId })).resolves.toMatchObject({
      subGroup: { id: A.subGroupId, chair: { id: A.chair.id } },
    });
  });

  it("lists hold only A's rows, and totalCount counts only A's", async () => {
    const lists: Array<[string, string]> = [
      ['agencies', 'agencies'],
      ['users', 'users'],
      ['subGroups', 'sub_groups'],
      ['subGroupMemberships', 'sub_group_memberships'],
      ['auditEvents', 'audit_events'],
    ];
    for (const [op, table] of lists) {
      const aIds = await tenantIds(stack.pg, table, A.id);
      const bIds = await tenantIds(stack.pg, table, B.id);
      expect(aIds.length).toBeGreaterThan(0);
      expect(bIds.length).toBeGreaterThan(0); // so "none of B's" is a real test
      const data = await asA.ok<Record<string, { totalCount: number; edges: Array<{ node: { id: string } }> }>>(OPS[op as OpName], {
        first: 100,
      });
      const ids = data[op].edges.map((e) => e.node.id).sort();
      expect(ids).toEqual(aIds);
      expect(ids.filter((id) => bIds.includes(id))).toEqual([]);
      expect(data[op].totalCount).toBe(aIds.length);
    }

    // Filters that name B's records find nothing, rather than B's rows.
    const empty: Array<[OpName, Record<string, unknown>]> = [
      ['users', { filter: { agencyId: B.agencies.council } }],
      ['users', { filter: { search: 'Betaborough' } }],
      ['agencies', { filter: { search: 'Betaborough' } }],
      ['subGroups', { filter: { memberUserId: B.member.id } }],
      ['subGroupMemberships', { filter: { subGroupId: B.subGroupId } }],
      ['subGroupMemberships', { filter: { userId: B.chair.id } }],
      ['auditEvents', { filter: { actorUserId: B.secretariat.id } }],
      ['auditEvents', { filter: { entityId: B.agencies.health } }],
      ['auditEvents', { filter: { entityType: 'Partnership', entityId: B.id } }],
    ];
    for (const [op, vars] of empty) {
      const data = await asA.ok<Record<string, { totalCount: number; edges: unknown[] }>>(OPS[op], vars);
      expect({ op, vars, totalCount: data[op].totalCount, edges: data[op].edges }).toEqual({ op, vars, totalCount: 0, edges: [] });
    }
    // ...while the same filters on A's records do find them.
    const own = await asA.ok<{ subGroupMemberships: { totalCount: number } }>(OPS.subGroupMemberships, {
      filter: { subGroupId: A.subGroupId },
    });
    expect(own.subGroupMemberships.totalCount).toBe(2);
    const ownAudit = await asA.ok<{ auditEvents: { totalCount: number } }>(OPS.auditEvents, { filter: { actorUserId: A.secretariat.id } });
    expect(ownAudit.auditEvents.totalCount).toBe(await auditCount(stack.pg, A.id));
  });

  it("partnership, board and me are A's own", async () => {
    const data = await asA.ok<{
      partnership: { id: string; description: string };
      board: { id: string; chairUserId: string; chair: { id: string }; subGroups: Array<{ id: string }> };
      me: { id: string; agency: { id: string } };
    }>(`{ partnership { id description } board { id chairUserId chair { id } subGroups { id } } me { id agency { id } } }`);
    expect(data.partnership).toEqual({ id: A.id, description: 'Alphashire notes' });
    expect(data.board).toEqual({
      id: A.boardId,
      chairUserId: A.boardMember.id,
      chair: { id: A.boardMember.id },
      subGroups: [{ id: A.subGroupId }],
    });
    expect(data.me).toEqual({ id: A.secretariat.id, agency: { id: A.agencies.council } });
  });

  it("writes naming B's records fail exactly as for an id that exists nowhere, and change nothing in A either", async () => {
    const aBefore = await tenantSnapshot(stack.pg, A.id);
    for (const c of crossCases()) {
      const real = await asA.request(OPS[c.op], c.b());
      const fake = await asA.request(OPS[c.op], c.fake());
      try {
        expectError(real, c.op, c.expected);
        expect(real).toEqual(fake);
      } catch (e) {
        throw new Error(`${c.label}: ${(e as Error).message}`);
      }
    }
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(aBefore);
  });

  it("the same writes on A's own records succeed (so the failures above are the tenancy rule)", async () => {
    const ok = <T = Record<string, unknown>>(op: OpName, input: Record<string, unknown>) => asA.ok<T>(OPS[op], { input });
    const audits = await auditCount(stack.pg, A.id);
    await expect(ok('updateAgency', { id: A.agencies.council, name: 'Alphashire Children First' })).resolves.toMatchObject({
      updateAgency: { id: A.agencies.council, name: 'Alphashire Children First' },
    });
    await expect(
      ok('inviteUser', { email: 'new.one@example.test', name: 'New One', agencyId: A.agencies.council, role: 'MEMBER' }),
    ).resolves.toMatchObject({
      inviteUser: { user: { agencyId: A.agencies.council, status: 'INVITED' } },
    });
    await expect(ok('updateUser', { id: A.member.id, agencyId: A.agencies.council, name: 'Renamed' })).resolves.toMatchObject({
      updateUser: { id: A.member.id, agencyId: A.agencies.council, name: 'Renamed' },
    });
    await expect(ok('issuePasswordReset', { userId: A.member.id })).resolves.toMatchObject({
      issuePasswordReset: { user: { id: A.member.id } },
    });
    await expect(ok('deactivateUser', { userId: A.member.id })).resolves.toMatchObject({ deactivateUser: { status: 'DEACTIVATED' } });
    await expect(ok('reactivateUser', { userId: aGone.id })).resolves.toMatchObject({ reactivateUser: { id: aGone.id, status: 'ACTIVE' } });
    await expect(ok('resendInvitation', { userId: A.invited.id })).resolves.toMatchObject({
      resendInvitation: { user: { id: A.invited.id } },
    });
    await expect(ok('createSubGroup', { name: 'Education', chairUserId: A.boardMember.id })).resolves.toMatchObject({
      createSubGroup: { name: 'Education', chair: { id: A.boardMember.id } },
    });
    await expect(ok('updateSubGroup', { id: A.subGroupId, remit: 'Health, CAMHS and dental' })).resolves.toMatchObject({
      updateSubGroup: { id: A.subGroupId, remit: 'Health, CAMHS and dental' },
    });
    await expect(ok('addSubGroupMember', { subGroupId: A.subGroupId, userId: A.boardMember.id })).resolves.toMatchObject({
      addSubGroupMember: { subGroupId: A.subGroupId, userId: A.boardMember.id, role: 'MEMBER' },
    });
    await expect(ok('removeSubGroupMember', { subGroupId: A.subGroupId, userId: A.boardMember.id })).resolves.toMatchObject({
      removeSubGroupMember: { subGroupId: A.subGroupId, userId: A.boardMember.id },
    });
    await expect(ok('updateBoard', { chairUserId: A.secretariat.id })).resolves.toMatchObject({
      updateBoard: { id: A.boardId, chairUserId: A.secretariat.id },
    });
    // The two that name no record act on A's own partnership.
    await expect(ok('updatePartnership', { name: 'Alphashire Corporate Parenting' })).resolves.toMatchObject({
      updatePartnership: { id: A.id, name: 'Alphashire Corporate Parenting' },
    });
    const created = await ok<{ createAgency: { id: string } }>('createAgency', {
      name: "Betaborough Council Children's Services",
      sector: 'LOCAL_AUTHORITY',
    });
    const row = await stack.pg.query('SELECT partnership_id FROM agencies WHERE id = $1', [created.createAgency.id]);
    expect(row.rows).toEqual([{ partnership_id: A.id }]);
    // createSubGroup writes the sub-group and its chair's membership.
    expect(await auditCount(stack.pg, A.id)).toBe(audits + 15);
  });

  it('leaves B byte-for-byte unchanged, with no audit rows about B anywhere', async () => {
    expect(await tenantSnapshot(stack.pg, B.id)).toEqual(bBefore);
    expect(await auditCount(stack.pg, B.id)).toBe(bAuditBefore);
    const bUsers = await tenantIds(stack.pg, 'users', B.id);
    const aUsers = await tenantIds(stack.pg, 'users', A.id);
    const bRecords = [
      B.id,
      ...bUsers,
      ...(await tenantIds(stack.pg, 'agencies', B.id)),
      ...(await tenantIds(stack.pg, 'sub_groups', B.id)),
      ...(await tenantIds(stack.pg, 'sub_group_memberships', B.id)),
      B.boardId,
    ];
    // Nothing A did was recorded in B's log, and A's log records nothing of B's.
    const byA = await stack.pg.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id = $1 AND actor_user_id = ANY($2::uuid[])',
      [B.id, aUsers],
    );
    expect(byA.rows[0].n).toBe(0);
    const aboutB = await stack.pg.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE partnership_id <> $1 AND entity_id = ANY($2::uuid[])',
      [B.id, bRecords],
    );
    expect(aboutB.rows[0].n).toBe(0);
  });
});
