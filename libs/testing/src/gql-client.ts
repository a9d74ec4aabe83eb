export interface GqlErrorShape {
  message: string;
  path?: string[];
  extensions?: { code?: string; fields?: Array<{ path: string; message: string }>; [k: string]: unknown };
}

export interface GqlResult<T = Record<string, unknown>> {
  data: T | null;
  errors?: GqlErrorShape[];
  status: number;
}

/** A plain HTTP GraphQL client, so tests exercise the api exactly as a browser would. */
export class GqlClient {
  constructor(
    private readonly endpoint: string,
    private readonly token?: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  withHeaders(headers: Record<string, string>): GqlClient {
    return new GqlClient(this.endpoint, this.token, { ...this.headers, ...headers });
  }

  async request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T | null; errors?: GqlErrorShape[] };
    return { data: body.data ?? null, errors: body.errors, status: res.status };
  }

  /** Runs the operation and fails loudly if it answered with errors. */
  async ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const r = await this.request<T>(query, variables);
    if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data;
  }

  /** Runs the operation expecting exactly one error, and returns it. */
  async fails(query: string, variables?: Record<string, unknown>): Promise<GqlErrorShape> {
    const r = await this.request(query, variables);
    if (!r.errors?.length) throw new Error(`Expected an error, got ${JSON.stringify(r.data)}`);
    return r.errors[0];
  }
}
