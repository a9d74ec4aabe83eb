import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGGER, type Logger } from '@pbw/core';
import { isUuid } from '@pbw/db';
import { FILE_STORAGE, type FileStorage, FileRepository, HttpAuthenticator, UploadRefused } from '@pbw/files';
import { EvidenceRepository } from './evidence.repository';

/** Every refusal after sign-in looks like this, so a download never reveals that a file exists. */
const MISSING = { code: 'NOT_FOUND', message: 'File not found.' };

/** An ASCII stand-in for the filename parameter; the exact name goes in filename*. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
}

/** The exact name for filename* (RFC 8187): encodeURIComponent leaves ' ( ) * bare, which that value may not carry. */
function extValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

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
        res.status(404).json(MISSING);
        return;
      }
      const stream = await this.storage.open(file.storageKey);
      res.status(200);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Length', String(file.sizeBytes));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${asciiName(file.originalName)}"; filename*=UTF-8''${extValue(file.originalName)}`,
      );
      stream.on('error', (err) => {
        this.logger.error({ err, fileId: file.id }, 'file download failed part-way');
        res.destroy(err);
      });
      stream.pipe(res);
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
