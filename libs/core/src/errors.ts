import { GraphQLError } from 'graphql';

/** Error codes from DESIGN.md §6; every error a client sees carries one. */
export type ErrorCode = 'UNAUTHENTICATED' | 'NOT_FOUND' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT' | 'RATE_LIMITED';

export interface FieldError {
  path: string;
  message: string;
}

export function unauthenticated(message = 'Sign in to continue.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

/** Also used for records the caller may not see, so a denial never reveals existence. */
export function notFound(what: string): GraphQLError {
  return new GraphQLError(`${what} not found.`, { extensions: { code: 'NOT_FOUND' } });
}

export function forbidden(message = 'You do not have permission to do that.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function badInput(fields: FieldError[], message?: string): GraphQLError {
  return new GraphQLError(message ?? fields.map((f) => f.message).join(' '), {
    extensions: { code: 'BAD_USER_INPUT', fields },
  });
}

export function fieldError(path: string, message: string): GraphQLError {
  return badInput([{ path, message }]);
}

export function conflict(message: string, current: unknown): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', current } });
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, retryAt: new Date(Date.now() + retryAfterSeconds * 1000).toISOString() },
  });
}
