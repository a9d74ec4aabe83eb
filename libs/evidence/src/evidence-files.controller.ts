import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, type Logger } from '@pbw/core';
import { isUuid } from '@pbw/db';
import {
  FILE_NOT_FOUND,
  FILE_STORAGE,
  type FileStorage,
  FileRepository,
  HttpAuthenticator,
  UploadRefused,
  sendStoredFile,
} from '@pbw/files';
import { EvidenceRepository } from './evidence.repository';

/**
 * GET /files/:id (DESIGN.md §6). A file comes down only through the record it is attached
 * to, with that record's access check; a file not yet attached only to the person who
 * uploaded it. Always as a download, with the type we decided from its content.
 */
@Controller('files')
export class EvidenceFilesController {
  constructor(
    private readonly auth: HttpAuthenticator,
    private readonly files: FileRepository,
    private readonly evidence: EvidenceRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':id')
  async download(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'private, no-store');
    try {
      const scope = await this.auth.authenticate(req, id);
      const file = isUuid(id) ? await this.files.findById(scope, id) : null;
      const allowed =
        file !== null &&
        (file.attached ? (await this.evidence.withFile(scope, file.id)) !== null : file.uploadedByUserId === scope.actor.userId);
      if (!file || !allowed) {
        res.status(404).json(FILE_NOT_FOUND);
        return;
      }
      await sendStoredFile(res, this.storage, file, this.logger);
    } catch (e) {
      if (e instanceof UploadRefused) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        res.status(e.status).json(e.body);
        return;
      }
      this.logger.error({ err: e }, 'file download failed');
      res.status(500).json({
        code: 'INTERNAL_SERVER_ERROR',
        message: 'Something went wrong on our side. Try again, and if it keeps happening tell your board secretariat.',
      });
    }
  }
}
