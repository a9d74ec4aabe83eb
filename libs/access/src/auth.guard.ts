import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { type Actor, unauthenticated } from '@pbw/core';
import { Scope } from '@pbw/db';
import { AccessTokenService } from './access-token.service';
import type { GqlContext } from './gql-context';
import { ACTOR_RESOLVER, type ActorResolver } from './tokens';

const PUBLIC = 'pbw:public';

/** Marks a resolver that may be called without signing in (sign-in itself, invitations, resets). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * Every GraphQL operation passes here. A valid bearer token is turned into the current
 * Actor, read fresh from the database so a deactivation takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly ds: DataSource,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    if (!ctx.actor) {
      const problem = await this.authenticate(ctx);
      // A stale token must not stop someone signing in again, so public operations ignore it.
      if (problem && !isPublic) throw unauthenticated(problem);
    }
    if (!ctx.actor && !isPublic) throw unauthenticated();
    return true;
  }

  /** Sets the actor from a bearer token; returns why not when a token was given but is no good. */
  private async authenticate(ctx: GqlContext): Promise<string | undefined> {
    const header = ctx.req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return undefined;
    const claims = this.tokens.verify(header.slice('Bearer '.length).trim());
    if (!claims) return 'Your session has expired. Sign in again.';
    const actor = await this.actors.resolve(claims.sub, claims.pid);
    if (!actor) return 'Your account is not active. Ask your board secretariat.';
    ctx.actor = actor;
    ctx.scope = Scope.forActor(actor, this.ds, ctx.requestId);
    return undefined;
  }
}

function gqlContext(context: ExecutionContext): GqlContext {
  return GqlExecutionContext.create(context).getContext<GqlContext>();
}

/** The signed-in user's partnership scope. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): Scope => {
  const scope = gqlContext(context).scope;
  if (!scope) throw unauthenticated();
  return scope;
});

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = gqlContext(context).actor;
  if (!actor) throw unauthenticated();
  return actor;
});

export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): GqlContext => gqlContext(context));
