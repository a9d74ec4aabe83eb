import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AccessTokenService, ACTOR_RESOLVER, type ActorResolver } from '@pbw/access';
import { Scope } from '@pbw/db';
import { UploadRefused } from './files.errors';

/**
 * The REST routes' sign-in check, the same as GraphQL's AuthGuard: a valid bearer token
 * for an active user. A download may instead carry a download token for that one file.
 */
@Injectable()
export class HttpAuthenticator {
  constructor(
    private readonly tokens: AccessTokenService,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    private readonly ds: DataSource,
  ) {}

  async authenticate(req: Request, downloadOf?: string): Promise<Scope> {
    const header = req.headers.authorization;
    const link = typeof req.query.token === 'string' ? req.query.token : undefined;
    let claims: { sub: string; pid: string } | null;
    if (header?.startsWith('Bearer ')) claims = this.tokens.verify(header.slice('Bearer '.length).trim());
    else if (downloadOf && link) claims = this.tokens.verifyDownload(link, downloadOf);
    else throw UploadRefused.unauthenticated();
    if (!claims) throw UploadRefused.unauthenticated('Your session has expired. Sign in again.');
    const actor = await this.actors.resolve(claims.sub, claims.pid);
    if (!actor) throw UploadRefused.unauthenticated('Your account is not active. Ask your board secretariat.');
    return Scope.forActor(actor, this.ds, (req as { requestId?: string }).requestId);
  }
}
