import type { TypedDocumentString } from '../gql/graphql';
import { clearSession, currentAccessToken, ensureAccessToken } from './session';

export interface FieldError {
  path: string;
  message: string;
}

/** An error the api answered with, in the shape DESIGN.md §6 gives. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GqlResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; fields?: FieldError[] } & Record<string, unknown> }>;
}

async function send<T>(query: string, variables: unknown, token: string | null): Promise<GqlResponse<T>> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResponse<T>;
}

/**
 * Runs a typed GraphQL document. An expired session is refreshed once and the call
 * retried; a second UNAUTHENTICATED signs the user out.
 */
export async function gql<TResult, TVariables>(
  doc: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const query = doc.toString();
  let body = await send<TResult>(query, variables, await ensureAccessToken());
  if (body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED' && currentAccessToken()) {
    body = await send<TResult>(query, variables, await ensureAccessToken());
  }
  const err = body.errors?.[0];
  if (err) {
    const code = err.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED' && !isPublicOperation(query)) clearSession();
    throw new ApiError(err.message, code, err.extensions?.fields ?? [], err.extensions ?? {});
  }
  if (!body.data) throw new ApiError('The service did not answer. Try again.', 'INTERNAL_SERVER_ERROR');
  return body.data;
}

function isPublicOperation(query: string): boolean {
  return /\b(signIn|acceptInvitation|resetPassword|requestPasswordReset|refreshSession)\s*\(/.test(query);
}
