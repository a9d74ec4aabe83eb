import { randomUUID } from 'node:crypto';
import { GqlClient, type TestPartnership, type TestStack, auditCount, createPartnership, signIn, startTestStack } from '@pbw/testing';

const CREATE_AGENCY = 'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name sector } }';
const UPDATE_AGENCY = 'mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { id name sector } }';
const AUDIT_EVENTS = `query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id actorUserId action entityType entityId before after requestId occurredAt } }
  }
}`;

interface AuditNode {
  id: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  occurredAt: string;
}
interface AuditPage {
  auditEvents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: AuditNode }>;
  };
}

describe('audit trail', () => {
  let stack: TestStack;
  let p: TestPartnership;
  let admin: GqlClient;

  beforeAll(async () => {
    stack = await startTestStack();
    p = await createPartnership(stack.pg, 'Auditham');
    admin = stack.client((await signIn(stack.client(), p.secretariat.email)).accessToken);
  });
  afterAll(() => stack?.close());

  const rowsFor = async (entityId: string) =>
    (
      await stack.pg.query(
        'SELECT partnership_id, actor_user_id, action, entity_type, entity_id, before, after, request_id FROM audit_events WHERE entity_id = $1 ORDER BY occurred_at',
        [entityId],
      )
    ).rows;

  it('writes one row per mutation with actor, partnership, action, record, before/after and the request id', async () => {
    const requestId = `req-create-${randomUUID()}`;
    const before = await auditCount(stack.pg, p.id);
    const created = await admin
      .withHeaders({ 'x-request-id': requestId })
      .ok<{ createAgency: { id: string } }>(CREATE_AGENCY, { input: { name: 'Virtual School', sector: 'EDUCATION' } });
    expect(await auditCount(stack.pg, p.id)).toBe(before + 1);
    const id = created.createAgency.id;
    const [row] = await rowsFor(id);
    expect(row).toMatchObject({
      partnership_id: p.id,
      actor_user_id: p.secretariat.id,
      action: 'agency.create',
      entity_type: 'Agency',
      entity_id: id,
      before: null,
      request_id: requestId,
    });
    expect(row.after).toMatchObject({ id, name: 'Virtual School', sector: 'EDUCATION', partnershipId: p.id });

    const updateId = `req-update-${randomUUID()}`;
    await admin.withHeaders({ 'x-request-id': updateId }).ok(UPDATE_AGENCY, { input: { id, name: 'Virtual School Team' } });
    expect(await auditCount(stack.pg, p.id)).toBe(before + 2);
    const rows = await rowsFor(id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ action: 'agency.update', actor_user_id: p.secretariat.id, request_id: updateId });
    expect(rows[1].before).toMatchObject({ name: 'Virtual School' });
    expect(rows[1].after).toMatchObject({ name: 'Virtual School Team' });
  });

  it('the request id stored is the one the api answered with when the caller sent none', async () => {
    const res = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${(await signIn(stack.client(), p.secretariat.email)).accessToken}`,
      },
      body: JSON.stringify({ query: CREATE_AGENCY, variables: { input: { name: 'Youth Offending Service', sector: 'YOUTH_JUSTICE' } } }),
    });
    const body = (await res.json()) as { data: { createAgency: { id: string } } };
    const answered = res.headers.get('x-request-id');
    expect(answered).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await rowsFor(body.data.createAgency.id);
    expect(row.request_id).toBe(answered);
  });

  it('a mutation refused by validation leaves no audit row', async () => {
    const before = await auditCount(stack.pg, p.id);
    const err = await admin.fails(CREATE_AGENCY, { input: { name: '   ', sector: 'HEALTH' } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.extensions?.fields).toEqual([{ path: 'input.name', message: 'Enter the agency name.' }]);
    expect(await auditCount(stack.pg, p.id)).toBe(before);
  });

  it('a mutation refused inside its transaction (duplicate name) leaves no audit row and no record', async () => {
    const before = await auditCount(stack.pg, p.id);
    const agencies = (await stack.pg.query('SELECT count(*)::int AS n FROM agencies WHERE partnership_id = $1', [p.id])).rows[0].n;
    const err = await admin.fails(CREATE_AGENCY, { input: { name: 'virtual school team', sector: 'HEALTH' } });
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.extensions?.fields?.[0].path).toBe('input.name');
    expect(await auditCount(stack.pg, p.id)).toBe(before);
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM agencies WHERE partnership_id = $1', [p.id])).rows[0].n).toBe(agencies);
  });

  it('a FORBIDDEN mutation leaves no audit row and changes nothing', async () => {
    const member = stack.client((await signIn(stack.client(), p.member.email)).accessToken);
    const before = await auditCount(stack.pg, p.id);
    const err = await member.fails(CREATE_AGENCY, { input: { name: 'Sneaky Agency', sector: 'OTHER' } });
    expect(err.extensions?.code).toBe('FORBIDDEN');
    const err2 = await member.fails(UPDATE_AGENCY, { input: { id: p.agencies.council, name: 'Renamed' } });
    expect(err2.extensions?.code).toBe('FORBIDDEN');
    // Signing in wrote one audit row of its own, before the count was taken; nothing since.
    expect(await auditCount(stack.pg, p.id)).toBe(before);
    expect((await stack.pg.query("SELECT 1 FROM agencies WHERE name = 'Sneaky Agency'")).rowCount).toBe(0);
    expect((await stack.pg.query('SELECT name FROM agencies WHERE id = $1', [p.agencies.council])).rows[0].name).not.toBe('Renamed');
  });

  it('the change and its audit row commit together: when the audit insert fails, the change is rolled back', async () => {
    await stack.pg.query(`
      CREATE FUNCTION test_fail_doomed_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'agency.create' AND NEW.after->>'name' = 'Doomed Agency' THEN
          RAISE EXCEPTION 'audit write refused by test';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_fail_doomed_audit BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION test_fail_doomed_audit();
    `);
    try {
      const before = await auditCount(stack.pg, p.id);
      const r = await admin.request<{ createAgency: { id: string } | null }>(CREATE_AGENCY, {
        input: { name: 'Doomed Agency', sector: 'HOUSING' },
      });
      expect(r.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(r.errors?.[0].message).not.toContain('audit write refused'); // internals are not shown to the user
      expect(r.data?.createAgency ?? null).toBeNull();
      expect((await stack.pg.query("SELECT 1 FROM agencies WHERE name = 'Doomed Agency'")).rowCount).toBe(0);
      expect(await auditCount(stack.pg, p.id)).toBe(before);
      // The trigger is specific: another agency is created and audited as normal.
      await admin.ok(CREATE_AGENCY, { input: { name: 'Lucky Agency', sector: 'HOUSING' } });
      expect(await auditCount(stack.pg, p.id)).toBe(before + 1);
    } finally {
      await stack.pg.query('DROP TRIGGER test_fail_doomed_audit ON audit_events; DROP FUNCTION test_fail_doomed_audit();');
    }
  });

  it('audit rows cannot be updated or deleted', async () => {
    const [row] = (await stack.pg.query<{ id: string }>('SELECT id FROM audit_events WHERE partnership_id = $1 LIMIT 1', [p.id])).rows;
    await expect(stack.pg.query("UPDATE audit_events SET action = 'tampered' WHERE id = $1", [row.id])).rejects.toThrow(/append-only/);
    await expect(stack.pg.query('DELETE FROM audit_events WHERE id = $1', [row.id])).rejects.toThrow(/append-only/);
    await expect(stack.pg.query('DELETE FROM audit_events WHERE partnership_id = $1', [p.id])).rejects.toThrow(/append-only/);
    const after = await stack.pg.query('SELECT action FROM audit_events WHERE id = $1', [row.id]);
    expect(after.rows[0].action).not.toBe('tampered');
  });

  describe('auditEvents query', () => {
    let q: TestPartnership;
    let qAdmin: GqlClient;
    let agencyIds: string[];
    const all = async (client: GqlClient, filter: Record<string, unknown> = {}) =>
      (await client.ok<AuditPage>(AUDIT_EVENTS, { filter, first: 100 })).auditEvents;

    beforeAll(async () => {
      q = await createPartnership(stack.pg, 'Filterford');
      qAdmin = stack.client((await signIn(stack.client(), q.secretariat.email)).accessToken);
      agencyIds = [];
      for (const name of ['Alpha Agency', 'Bravo Agency', 'Charlie Agency']) {
        agencyIds.push(
          (await qAdmin.ok<{ createAgency: { id: string } }>(CREATE_AGENCY, { input: { name, sector: 'OTHER' } })).createAgency.id,
        );
      }
      await qAdmin.ok(UPDATE_AGENCY, { input: { id: agencyIds[0], name: 'Alpha Agency Renamed' } });
      await signIn(stack.client(), q.member.email);
    });

    it('lists newest first, only its own partnership', async () => {
      const page = await all(qAdmin);
      const actions = page.edges.map((e) => e.node.action);
      // secretariat sign-in, 3 creates, 1 update, member sign-in
      expect(actions).toEqual(['session.signIn', 'agency.update', 'agency.create', 'agency.create', 'agency.create', 'session.signIn']);
      expect(page.totalCount).toBe(6);
      const times = page.edges.map((e) => Date.parse(e.node.occurredAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const otherPartnership = (
        await stack.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events WHERE partnership_id <> $1', [q.id])
      ).rows[0].n;
      expect(otherPartnership).toBeGreaterThan(0);
    });

    it('filters by entity type, entity id and actor', async () => {
      const agencies = await all(qAdmin, { entityType: 'Agency' });
      expect(agencies.totalCount).toBe(4);
      expect(agencies.edges.every((e) => e.node.entityType === 'Agency')).toBe(true);

      const one = await all(qAdmin, { entityId: agencyIds[0] });
      expect(one.edges.map((e) => e.node.action)).toEqual(['agency.update', 'agency.create']);
      expect(one.edges[0].node.before).toMatchObject({ name: 'Alpha Agency' });
      expect(one.edges[0].node.after).toMatchObject({ name: 'Alpha Agency Renamed' });

      const byMember = await all(qAdmin, { actorUserId: q.member.id });
      expect(byMember.edges.map((e) => [e.node.action, e.node.entityId])).toEqual([['session.signIn', q.member.id]]);
      const bySecretariat = await all(qAdmin, { actorUserId: q.secretariat.id });
      expect(bySecretariat.totalCount).toBe(5);

      const combined = await all(qAdmin, { entityType: 'Agency', actorUserId: q.member.id });
      expect(combined.totalCount).toBe(0);
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const events = (await all(qAdmin)).edges.map((e) => e.node); // newest first
      const oldestCreate = events[4]; // first agency.create
      const update = events[1];
      const window = await all(qAdmin, { from: oldestCreate.occurredAt, to: update.occurredAt });
      expect(window.edges.map((e) => e.node.id)).toEqual([events[2].id, events[3].id, events[4].id]);
      const fromOnly = await all(qAdmin, { from: update.occurredAt });
      expect(fromOnly.edges.map((e) => e.node.id)).toEqual([events[0].id, events[1].id]);
      const toOnly = await all(qAdmin, { to: oldestCreate.occurredAt });
      expect(toOnly.edges.map((e) => e.node.id)).toEqual([events[5].id]);
    });

    it('the time window is exact at its edges', async () => {
      // Events at whole seconds, so the edges are hit exactly.
      const r = await createPartnership(stack.pg, 'Edgeley');
      await stack.pg.query(
        `INSERT INTO audit_events (partnership_id, actor_user_id, action, entity_type, entity_id, occurred_at)
         SELECT $1, NULL, 'test.edge', 'User', $2, timestamptz '2030-01-01T00:00:00Z' + n * interval '1 second'
         FROM generate_series(0, 3) AS n`,
        [r.id, r.member.id],
      );
      const rAdmin = stack.client((await signIn(stack.client(), r.secretariat.email)).accessToken);
      const window = await all(rAdmin, { entityId: r.member.id, from: '2030-01-01T00:00:01.000Z', to: '2030-01-01T00:00:03.000Z' });
      expect(window.edges.map((e) => e.node.occurredAt)).toEqual(['2030-01-01T00:00:02.000Z', '2030-01-01T00:00:01.000Z']);
    });

    it('paginates with cursors, each event once, in order', async () => {
      const everything = (await all(qAdmin)).edges.map((e) => e.node.id);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const page: AuditPage['auditEvents'] = (await qAdmin.ok<AuditPage>(AUDIT_EVENTS, { first: 4, after })).auditEvents;
        expect(page.totalCount).toBe(6);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(everything);
    });

    it('paginates correctly through events written within the same millisecond', async () => {
      // One statement: the rows share a millisecond but differ in their microseconds.
      const r = await createPartnership(stack.pg, 'Burstwick');
      await stack.pg.query(
        `INSERT INTO audit_events (partnership_id, actor_user_id, action, entity_type, entity_id, before, after)
         SELECT $1, NULL, 'invitation.expire', 'User', $2, NULL, jsonb_build_object('n', n) FROM generate_series(1, 9) AS n`,
        [r.id, r.member.id],
      );
      const same = await stack.pg.query<{ ms: number }>(
        "SELECT count(DISTINCT date_trunc('milliseconds', occurred_at))::int AS ms FROM audit_events WHERE partnership_id = $1",
        [r.id],
      );
      expect(same.rows[0].ms).toBeLessThanOrEqual(2);
      const rAdmin = stack.client((await signIn(stack.client(), r.secretariat.email)).accessToken);
      const filter = { entityId: r.member.id };
      const everything = (await rAdmin.ok<AuditPage>(AUDIT_EVENTS, { filter, first: 100 })).auditEvents.edges.map((e) => e.node.id);
      expect(everything).toHaveLength(9);
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: AuditPage['auditEvents'] = (await rAdmin.ok<AuditPage>(AUDIT_EVENTS, { filter, first: 2, after })).auditEvents;
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(everything);
    });

    it('is for the secretariat only', async () => {
      const member = stack.client((await signIn(stack.client(), q.chair.email)).accessToken);
      const err = await member.fails(AUDIT_EVENTS, { first: 5 });
      expect(err.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a bad filter with field paths', async () => {
      const err = await qAdmin.fails(AUDIT_EVENTS, { filter: { entityId: 'not-an-id', entityType: 'Agency; DROP' } });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      const paths = (err.extensions?.fields ?? []).map((f) => f.path).sort();
      expect(paths).toEqual(['filter.entityId', 'filter.entityType']);
    });
  });
});
