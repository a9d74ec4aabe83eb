import { DataSource } from 'typeorm';
import { type GqlClient, type TestPartnership, type TestStack, createPartnership, signIn, startTestStack } from '@pbw/testing';

/** Small limits so the tests reach them; the queries below are sized against these. */
const MAX_DEPTH = 6;
const MAX_COMPLEXITY = 300;

const INVITE = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { id } } }';
const CREATE_AGENCY = 'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name } }';
const AGENCIES = `query($first: Int, $after: String) {
  agencies(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } }
}`;
const USERS_WITH_RELATIONS = `query($first: Int) {
  users(first: $first) {
    totalCount
    edges { node { id name agency { name } subGroupMemberships { role subGroup { name } } } }
  }
}`;

interface AgencyPage {
  agencies: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string; name: string } }>;
  };
}

describe('graphql conventions', () => {
  let stack: TestStack;
  let p: TestPartnership;
  let admin: GqlClient;

  beforeAll(async () => {
    stack = await startTestStack({ env: { GRAPHQL_MAX_DEPTH: String(MAX_DEPTH), GRAPHQL_MAX_COMPLEXITY: String(MAX_COMPLEXITY) } });
    p = await createPartnership(stack.pg, 'Graphton');
    admin = stack.client((await signIn(stack.client(), p.secretariat.email)).accessToken);
  });
  afterAll(() => stack?.close());

  describe('validation errors', () => {
    it('answer BAD_USER_INPUT with one field per problem, named by its path in the input', async () => {
      const err = await admin.fails(INVITE, {
        input: { email: 'not-an-email', name: 'Someone', agencyId: p.agencies.council, role: 'MEMBER' },
      });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err.extensions?.fields).toEqual([
        { path: 'input.email', message: 'Enter an email address in the correct format, like name@example.org.' },
      ]);
      expect(err.message).toBe('Enter an email address in the correct format, like name@example.org.');

      const two = await admin.fails(INVITE, { input: { email: 'bad', name: '  ', agencyId: 'nope', role: 'MEMBER' } });
      expect((two.extensions?.fields ?? []).map((f) => f.path).sort()).toEqual(['input.agencyId', 'input.email', 'input.name']);
      expect(two.extensions?.fields?.find((f) => f.path === 'input.name')?.message).toBe('Enter their full name.');
      // Nothing was created.
      expect((await stack.pg.query("SELECT 1 FROM users WHERE email = 'not-an-email' OR email = 'bad'")).rowCount).toBe(0);
    });

    it('name nested argument fields by their path: filter.entityId, and top-level page arguments by name', async () => {
      const nested = await admin.fails('query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }', { f: { entityId: 'x' } });
      expect(nested.extensions?.code).toBe('BAD_USER_INPUT');
      expect(nested.extensions?.fields).toEqual([{ path: 'filter.entityId', message: 'Entity id must be an id.' }]);

      const userFilter = await admin.fails('{ users(filter: { agencyId: "x" }) { totalCount } }');
      expect(userFilter.extensions?.fields).toEqual([{ path: 'filter.agencyId', message: 'Agency must be an id.' }]);

      const first = await admin.fails('{ agencies(first: 0) { totalCount } }');
      expect(first.extensions?.code).toBe('BAD_USER_INPUT');
      expect(first.extensions?.fields).toEqual([{ path: 'first', message: expect.stringMatching(/^First must not be less than 1\.?$/) }]);
      const tooMany = await admin.fails('{ agencies(first: 101) { totalCount } }');
      expect(tooMany.extensions?.fields?.[0].path).toBe('first');
    });

    it('answer BAD_USER_INPUT (not an internal error) for variables that do not fit the operation, and run nothing', async () => {
      const unknownField = await admin.fails(CREATE_AGENCY, { input: { name: 'X Agency', sector: 'HEALTH', extra: 1 } });
      expect(unknownField.extensions?.code).toBe('BAD_USER_INPUT');
      expect(unknownField.message).toContain('extra');
      const badEnum = await admin.fails(CREATE_AGENCY, { input: { name: 'X Agency', sector: 'SPACE' } });
      expect(badEnum.extensions?.code).toBe('BAD_USER_INPUT');
      const missing = await admin.fails(CREATE_AGENCY, {});
      expect(missing.extensions?.code).toBe('BAD_USER_INPUT');
      const wrongType = await admin.fails(AGENCIES, { first: 'many' });
      expect(wrongType.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await stack.pg.query("SELECT 1 FROM agencies WHERE name = 'X Agency'")).rowCount).toBe(0);
    });
  });

  describe('query limits', () => {
    const deepViaFields = '{ me { subGroupMemberships { subGroup { members { user { agency { name } } } } } } }'; // 7
    const atLimit = '{ me { subGroupMemberships { subGroup { members { user { name } } } } } }'; // 6

    it(`refuses a query nested deeper than ${MAX_DEPTH} with QUERY_TOO_DEEP`, async () => {
      const r = await admin.request(deepViaFields);
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 7, maxDepth: MAX_DEPTH });
      // One level less is fine.
      await admin.ok(atLimit);
    });

    it('counts depth through fragments, named and inline', async () => {
      const viaFragments = `
        query Deep { me { ...Memberships } }
        fragment Memberships on User { subGroupMemberships { subGroup { ...Members } } }
        fragment Members on SubGroup { members { user { ... on User { agency { name } } } } }`;
      const err = await admin.fails(viaFragments);
      expect(err.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 7 });
      const fine = `
        query Fine { me { ...Memberships } }
        fragment Memberships on User { subGroupMemberships { subGroup { members { user { name } } } } }`;
      await admin.ok(fine);
    });

    it('refuses a too-deep mutation before it runs', async () => {
      const email = `deep.${p.slug}@example.test`;
      const err = await admin.fails(
        `mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { subGroupMemberships { subGroup { members { user { agency { name } } } } } } } }`,
        { input: { email, name: 'Deep Diver', agencyId: p.agencies.council, role: 'MEMBER' } },
      );
      expect(err.extensions?.code).toBe('QUERY_TOO_DEEP');
      expect((await stack.pg.query('SELECT 1 FROM users WHERE email = $1', [email])).rowCount).toBe(0);
    });

    it(`refuses a query costing more than ${MAX_COMPLEXITY} with QUERY_TOO_COMPLEX; page size drives the cost`, async () => {
      const costly = '{ users(first: 100) { edges { node { agency { name } subGroupMemberships { subGroup { name } } } } } }';
      const err = await admin.fails(costly);
      expect(err.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(err.extensions?.complexity).toBeGreaterThan(MAX_COMPLEXITY);
      expect(err.extensions?.maxComplexity).toBe(MAX_COMPLEXITY);
      // The same shape with a small page is allowed, and so is a variable-sized one within budget.
      await admin.ok(costly.replace('first: 100', 'first: 10'));
      const viaVariable = await admin.fails(USERS_WITH_RELATIONS, { first: 100 });
      expect(viaVariable.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    });
  });

  describe('cursor pagination', () => {
    it('pages through every agency once, in order, with a stable totalCount', async () => {
      const q = await createPartnership(stack.pg, 'Pageham');
      const qAdmin = stack.client((await signIn(stack.client(), q.secretariat.email)).accessToken);
      const names = [
        'zulu Trust',
        'Alpha Services',
        'bravo Academy',
        'Charlie Police',
        'delta Housing',
        'Echo Probation',
        'foxtrot Voluntary',
      ];
      for (const name of names) await qAdmin.ok(CREATE_AGENCY, { input: { name, sector: 'OTHER' } });
      const total = names.length + 2; // and the partnership's two agencies

      const whole = (await qAdmin.ok<AgencyPage>(AGENCIES, { first: 20 })).agencies;
      expect(whole.totalCount).toBe(total);
      expect(whole.pageInfo.hasNextPage).toBe(false);
      const mine = whole.edges.map((e) => e.node.name).filter((n) => names.includes(n));
      expect(mine).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));

      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: AgencyPage['agencies'] = (await qAdmin.ok<AgencyPage>(AGENCIES, { first: 3, after })).agencies;
        pages += 1;
        expect(page.totalCount).toBe(total);
        expect(page.edges.length).toBeLessThanOrEqual(3);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null);
        seen.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        expect(pages).toBeLessThan(10);
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(whole.edges.map((e) => e.node.id));
      expect(new Set(seen).size).toBe(total);
    });

    it('is stable when a record is added before the cursor between pages', async () => {
      const q = await createPartnership(stack.pg, 'Stableford');
      const qAdmin = stack.client((await signIn(stack.client(), q.secretariat.email)).accessToken);
      for (const name of ['Kilo Agency', 'Lima Agency', 'Mike Agency'])
        await qAdmin.ok(CREATE_AGENCY, { input: { name, sector: 'OTHER' } });
      const first = (await qAdmin.ok<AgencyPage>(AGENCIES, { first: 2 })).agencies;
      await qAdmin.ok(CREATE_AGENCY, { input: { name: 'Aardvark Agency', sector: 'OTHER' } }); // sorts first
      const rest: string[] = [];
      let after = first.pageInfo.endCursor;
      for (let i = 0; i < 10 && after; i++) {
        const page: AgencyPage['agencies'] = (await qAdmin.ok<AgencyPage>(AGENCIES, { first: 2, after })).agencies;
        rest.push(...page.edges.map((e) => e.node.name));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
      const seen = [...first.edges.map((e) => e.node.name), ...rest];
      expect(seen).not.toContain('Aardvark Agency');
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toHaveLength(5);
    });

    it('pages through rows that share a timestamp (sub-group memberships made together)', async () => {
      // createPartnership adds the chair and a member in one statement: the same created_at.
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 6; i++) {
        const page: {
          subGroupMemberships: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: Array<{ node: { id: string } }>;
          };
        } = await admin.ok(
          'query($after: String) { subGroupMemberships(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
          {
            after,
          },
        );
        expect(page.subGroupMemberships.totalCount).toBe(2);
        seen.push(...page.subGroupMemberships.edges.map((e) => e.node.id));
        if (!page.subGroupMemberships.pageInfo.hasNextPage) break;
        after = page.subGroupMemberships.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(2);
      expect(new Set(seen).size).toBe(2);
    });

    it.each([
      ['not base64 JSON', 'garbage!!'],
      ['JSON of the wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
      ['a non-uuid id', Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url')],
    ])('refuses a bad cursor (%s) with BAD_USER_INPUT at path "after"', async (_label, after) => {
      const err = await admin.fails(AGENCIES, { first: 2, after });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err.extensions?.fields).toEqual([{ path: 'after', message: expect.stringContaining('cursor is not valid') }]);
    });
  });

  describe('batched loading', () => {
    it('a list with nested relations costs the same number of SQL queries for 5 users as for 20', async () => {
      const q = await createPartnership(stack.pg, 'Loaderby');
      // 20 more users across both agencies, each in the sub-group, half also in a second one.
      const sg2 = (
        await stack.pg.query<{ id: string }>(
          "INSERT INTO sub_groups (partnership_id, board_id, name) VALUES ($1, $2, 'Education') RETURNING id",
          [q.id, q.boardId],
        )
      ).rows[0].id;
      const users = await stack.pg.query<{ id: string }>(
        `INSERT INTO users (partnership_id, agency_id, email, name, role, status)
         SELECT $1, CASE WHEN n % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'bulk' || n || '@loaderby.example.test', 'Bulk User ' || lpad(n::text, 2, '0'), 'MEMBER', 'INVITED'
         FROM generate_series(1, 20) AS n RETURNING id`,
        [q.id, q.agencies.council, q.agencies.health],
      );
      const ids = users.rows.map((r) => r.id);
      await stack.pg.query(
        `INSERT INTO sub_group_memberships (partnership_id, sub_group_id, user_id, role) SELECT $1, $2, u, 'MEMBER' FROM unnest($3::uuid[]) AS u`,
        [q.id, q.subGroupId, ids],
      );
      await stack.pg.query(
        `INSERT INTO sub_group_memberships (partnership_id, sub_group_id, user_id, role) SELECT $1, $2, u, 'MEMBER' FROM unnest($3::uuid[]) AS u`,
        [q.id, sg2, ids.slice(0, 10)],
      );
      const qAdmin = stack.client((await signIn(stack.client(), q.secretariat.email)).accessToken);

      const ds = stack.api.get(DataSource, { strict: false });
      const spy = jest.spyOn(ds.logger, 'logQuery');
      type UsersResult = {
        users: {
          totalCount: number;
          edges: Array<{ node: { agency: { name: string }; subGroupMemberships: Array<{ subGroup: { name: string } }> } }>;
        };
      };
      const measure = async (first: number) => {
        spy.mockClear();
        const data = await qAdmin.ok<UsersResult>(USERS_WITH_RELATIONS, { first });
        return { data, queries: spy.mock.calls.map((c) => String(c[0])) };
      };
      try {
        const five = await measure(5);
        const twenty = await measure(20);
        expect(five.data.users.edges).toHaveLength(5);
        expect(twenty.data.users.edges).toHaveLength(20);
        expect(twenty.data.users.totalCount).toBe(25);
        // The relations really were loaded.
        const nodes = twenty.data.users.edges.map((e) => e.node);
        expect(new Set(nodes.map((n) => n.agency.name)).size).toBe(2);
        expect(nodes.filter((n) => n.subGroupMemberships.some((m) => m.subGroup.name === 'Education')).length).toBeGreaterThanOrEqual(5);
        expect(nodes.every((n) => n.subGroupMemberships.length > 0 || n.agency.name !== '')).toBe(true);

        expect(five.queries.length).toBeGreaterThan(0);
        expect(twenty.queries.length).toBe(five.queries.length);
        // Sign-in check (user, memberships), count, page, agencies, memberships, sub-groups.
        expect(twenty.queries.length).toBeLessThanOrEqual(8);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('request size', () => {
    it('accepts a request of a few hundred kilobytes (a CSV import travels in one) and validates it', async () => {
      const big = 'x'.repeat(500_000);
      const err = await stack.client().fails('mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
        input: { email: 'someone@example.org', password: big },
      });
      expect(err.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err.extensions?.fields?.[0].path).toBe('input.password');
    });
  });
});
