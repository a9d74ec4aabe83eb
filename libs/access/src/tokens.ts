import type { Actor } from '@pbw/core';

/** Implemented by the identity context: turns a verified access token into a current Actor. */
export interface ActorResolver {
  /** null when the user no longer exists or is not active. */
  resolve(userId: string, partnershipId: string): Promise<Actor | null>;
}

export const ACTOR_RESOLVER = Symbol('ACTOR_RESOLVER');

export interface AccessTokenClaims {
  sub: string;
  pid: string;
  typ: 'access';
}
