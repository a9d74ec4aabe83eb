import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, type Logger } from '@pbw/core';
import { FILE_NOT_FOUND, FILE_STORAGE, type FileStorage, HttpAuthenticator, UploadRefused, sendStoredFile } from '@pbw/files';
import { AgendaPapersService } from './agenda-papers.service';

/**
 * GET /meetings/:meetingId/papers/:agendaItemId (DESIGN.md §6): an agenda item's paper, with
 * the bearer token or the item's download link. Anything refused after sign-in (not allowed,
 * another partnership's, no paper, not an id) is the same 404, so it never reveals a paper.
 */
@Controller('meetings')
export class AgendaPapersController {
  constructor(
    private readonly auth: HttpAuthenticator,
    private readonly papers: AgendaPapersService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':meetingId/papers/:agendaItemId')
  async download(
    @Param('meetingId') meetingId: string,
    @Param('agendaItemId') agendaItemId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      const scope = await this.auth.authenticate(req, agendaItemId);
      const found = await this.papers.find(scope, meetingId, agendaItemId);
      if (!found) {
        res.status(404).json(FILE_NOT_FOUND);
        return;
      }
      await sendStoredFile(res, this.storage, found.file, this.logger);
    } catch (e) {
      if (e instanceof UploadRefused) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(e.status).json(e.body);
        return;
      }
      this.logger.error({ err: e }, 'paper download failed');
      res.status(500).json({
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Something went wrong on our side. Try again, and if it keeps happening tell your board secretariat.',
      });
    }
  }
}
