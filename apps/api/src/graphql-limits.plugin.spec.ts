import type { GraphQLRequestContextDidResolveOperation, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, buildSchema, parse } from 'graphql';
import { limitsPlugin, queryDepth } from './graphql-limits.plugin';

const schema = buildSchema(`
  type Query { users(first: Int, after: String): UserConnection!  me: User! }
  type UserConnection { totalCount: Int! edges: [UserEdge!]! }
  type UserEdge { node: User! }
  type User { id: ID! name: String! agency: Agency! friends(first: Int): UserConnection! }
  type Agency { id: ID! name: String! }
  input UserInput { name: String! }
  type Mutation { rename(input: UserInput!): User! }
`);

describe('queryDepth', () => {
  const depth = (q: string, op?: string) => queryDepth(parse(q), op);

  it('counts nested fields; a leaf is one level', () => {
    expect(depth('{ me { id } }')).toBe(2);
    expect(depth('{ me { agency { name } } }')).toBe(3);
    expect(depth('{ me { id agency { name } } }')).toBe(3);
    expect(depth('{ users { edges { node { agency { name } } } } }')).toBe(5);
  });

  it('takes the deepest branch', () => {
    expect(depth('{ me { id } users { edges { node { id } } } }')).toBe(4);
  });

  it('counts through named fragments, also nested ones', () => {
    const q = `
      { me { ...A } }
      fragment A on User { friends { ...B } }
      fragment B on UserConnection { edges { node { agency { name } } } }`;
    expect(depth(q)).toBe(depth('{ me { friends { edges { node { agency { name } } } } } }'));
    expect(depth(q)).toBe(6);
  });

  it('a fragment spread adds no level of its own, and neither does an inline fragment', () => {
    expect(depth('{ me { ...F } } fragment F on User { id }')).toBe(2);
    expect(depth('{ me { ... on User { agency { name } } } }')).toBe(3);
  });

  it('does not loop on fragments that spread each other', () => {
    const q = `{ me { ...A } } fragment A on User { friends { edges { node { ...B } } } } fragment B on User { ...A }`;
    // me > friends > edges > node, where the cycle back to A stops.
    expect(depth(q)).toBe(4);
  });

  it('ignores introspection meta fields', () => {
    expect(depth('{ __typename me { __typename id } }')).toBe(2);
  });

  it('measures only the operation asked for when a document has several', () => {
    const q = 'query Shallow { me { id } } query Deep { users { edges { node { agency { name } } } } }';
    expect(depth(q, 'Shallow')).toBe(2);
    expect(depth(q, 'Deep')).toBe(5);
    expect(depth(q)).toBe(5);
  });

  it('a spread of an unknown fragment counts as nothing (validation reports it)', () => {
    expect(depth('{ me { ...Missing } }')).toBe(1);
  });
});

describe('limitsPlugin', () => {
  async function check(
    plugin: ReturnType<typeof limitsPlugin>,
    query: string,
    variables: Record<string, unknown> = {},
    operationName?: string,
  ) {
    const listener = (await plugin.requestDidStart!({} as never)) as GraphQLRequestListener<never>;
    const ctx = {
      request: { query, variables, operationName },
      document: parse(query),
      schema,
    } as unknown as GraphQLRequestContextDidResolveOperation<never>;
    return listener.didResolveOperation!(ctx);
  }

  async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
    try {
      await promise;
    } catch (e) {
      expect(e).toBeInstanceOf(GraphQLError);
      return e as GraphQLError;
    }
    throw new Error('expected the query to be refused');
  }

  it('lets a query at the depth limit through and refuses one level more with QUERY_TOO_DEEP', async () => {
    const plugin = limitsPlugin(3, 1000);
    await expect(check(plugin, '{ me { agency { name } } }')).resolves.toBeUndefined();
    const e = await refusal(check(plugin, '{ users { edges { node { id } } } }'));
    expect(e.extensions).toEqual({ code: 'QUERY_TOO_DEEP', depth: 4, maxDepth: 3 });
    expect(e.message).toMatch(/nested 4 levels deep; the limit is 3/);
  });

  it('refuses depth hidden in fragments', async () => {
    const e = await refusal(check(limitsPlugin(3, 1000), '{ me { ...F } } fragment F on User { friends { edges { node { id } } } }'));
    expect(e.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('prices a connection by the page asked for, from literals or variables', async () => {
    const plugin = limitsPlugin(10, 100);
    // users(first: 10) { edges { node { id } } } = 1 + 10 * (1 + (1 + 1)) = 31
    await expect(check(plugin, '{ users(first: 10) { edges { node { id } } } }')).resolves.toBeUndefined();
    const literal = await refusal(check(plugin, '{ users(first: 50) { edges { node { id } } } }'));
    expect(literal.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', complexity: 151, maxComplexity: 100 });
    const viaVariable = await refusal(check(plugin, 'query($n: Int) { users(first: $n) { edges { node { id } } } }', { n: 50 }));
    expect(viaVariable.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('multiplies nested pages', async () => {
    // 1 + 10 * (edges 1 + node (1 + friends (1 + 10 * (edges 1 + node (1 + id 1))))) = 1 + 10 * (1 + 1 + 31) = 331
    const e = await refusal(
      check(limitsPlugin(10, 300), '{ users(first: 10) { edges { node { friends(first: 10) { edges { node { id } } } } } } }'),
    );
    expect(e.extensions?.complexity).toBe(331);
  });

  it('leaves variables that do not fit the operation to execution, which refuses them as BAD_USER_INPUT', async () => {
    const plugin = limitsPlugin(10, 100);
    await expect(
      check(plugin, 'mutation($input: UserInput!) { rename(input: $input) { id } }', { input: { name: 'x', extra: 1 } }),
    ).resolves.toBeUndefined();
    await expect(check(plugin, 'query($n: Int) { users(first: $n) { totalCount } }', { n: 'lots' })).resolves.toBeUndefined();
  });
});
