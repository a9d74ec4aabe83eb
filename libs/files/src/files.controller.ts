import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AccessTokenService, ACTOR_RESOLVER, type ActorResolver } from '@pbw/access';
import { LOGGER, type Logger } from '@pbw/core';
import { Scope } from '@pbw/db';
import { UploadRefused } from './files.errors';
import { FilesService } from './files.service';

/**
 * POST /files (DESIGN.md §6): files go up beside GraphQL, with the same bearer token, and
 * come back as an id to attach through GraphQL. There is deliberately no download route
 * yet: a file is only fetched through the record it is attached to.
 */
@Controller('files')
export class FilesController {
  constructor(
    private readonly tokens: AccessTokenService,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    private readonly ds: DataSource,
    private readonly files: FilesService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const scope = await this.authenticate(req);
      res.status(201).json(await this.files.upload(scope, req));
    } catch (e) {
      // Anything unread is dropped; close the connection rather than wait for it.
      res.setHeader('Connection', 'close');
      if (e instanceof UploadRefused) {
        if (e.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(e.status).json(e.body);
        return;
      }
      this.logger.error({ err: e }, 'file upload failed');
      res.status(500).json({
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Something went wrong on our side. Try again, and if it keeps happening tell your board secretariat.',
      });
    }
  }

  /** The same check as GraphQL's AuthGuard: a valid bearer token for an active user. */
  private async authenticate(req: Request): Promise<Scope> {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) throw UploadRefused.unauthenticated();
    const claims = this.tokens.verify(header.slice('Bearer '.length).trim());
    if (!claims) throw UploadRefused.unauthenticated('Your session has expired. Sign in again.');
    const actor = await this.actors.resolve(claims.sub, claims.pid);
    if (!actor) throw UploadRefused.unauthenticated('Your account is not active. Ask your board secretariat.');
    return Scope.forActor(actor, this.ds, (req as { requestId?: string }).requestId);
  }
}
