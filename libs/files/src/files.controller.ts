import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, type Logger } from '@pbw/core';
import { UploadRefused } from './files.errors';
import { FilesService } from './files.service';
import { HttpAuthenticator } from './http-auth';

/**
 * POST /files (DESIGN.md §6): files go up beside GraphQL, with the same bearer token, and
 * come back as an id to attach through GraphQL. Downloads (GET /files/:id) live with the
 * records files are attached to, which decide who may fetch them.
 */
@Controller('files')
export class FilesController {
  constructor(
    private readonly auth: HttpAuthenticator,
    private readonly files: FilesService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async upload(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const scope = await this.auth.authenticate(req);
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
}
