import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@pbw/access';
import { LOGGER, type Logger } from '@pbw/core';
import { FILE_STORAGE, type FileStorage, HttpAuthenticator, UploadRefused, sendStored } from '@pbw/files';
import type { BoardPackEntity } from './packs.entities';
import { AnnualUpdateService } from './annual-update.service';
import { PacksService, downloadOf } from './packs.service';

type Edition = { pack: BoardPackEntity; key: string; sha256: string };

/**
 * Pack downloads (DESIGN.md §4: REST beside GraphQL). GET /packs/:id/members.pdf and
 * /packs/:id/public.pdf for people signed in, as PacksService.downloadable allows; and
 * GET /public/packs/:slug/:meetingId.pdf, the latest published public edition, for anyone.
 */
@Controller()
export class PacksController {
  constructor(
    private readonly auth: HttpAuthenticator,
    private readonly packs: PacksService,
    private readonly annual: AnnualUpdateService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private async send(res: Response, found: Edition | null, edition: string): Promise<void> {
    if (!found) {
      res.status(404).json({ code: 'NOT_FOUND', message: 'There is no such pack edition.' });
      return;
    }
    res.setHeader('X-Content-SHA256', found.sha256);
    await sendStored(
      res,
      this.storage,
      { key: found.key, contentType: 'application/pdf', name: `board-pack-v${found.pack.version}-${edition}.pdf` },
      this.logger,
    );
  }

  @Get('packs/:id/:file')
  async get(@Param('id') id: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const edition = file === 'members.pdf' ? 'members' : file === 'public.pdf' ? 'public' : null;
    try {
      if (!edition) {
        await this.send(res, null, '');
        return;
      }
      // A link from the page carries a token for this edition alone (a browser link cannot send the bearer header).
      const scope = await this.auth.authenticate(req, downloadOf(id, edition));
      await this.send(res, await this.packs.downloadable(scope, id, edition), edition);
    } catch (e) {
      if (e instanceof UploadRefused) {
        res.status(e.status).json(e.body);
        return;
      }
      throw e;
    }
  }

  /** GET /annual-updates/:id.pdf: the annual update as it stands (secretariat). */
  @Get('annual-updates/:file')
  async annualPdf(@Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const scope = await this.auth.authenticate(req);
      const made = file.endsWith('.pdf') ? await this.annual.pdf(scope, file.slice(0, -4)) : null;
      if (!made) {
        res.status(404).json({ code: 'NOT_FOUND', message: 'There is no such annual update.' });
        return;
      }
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="annual-update-${made.update.period}.pdf"`);
      res.send(made.pdf);
    } catch (e) {
      if (e instanceof UploadRefused) {
        res.status(e.status).json(e.body);
        return;
      }
      throw e;
    }
  }

  @Public()
  @Get('public/packs/:slug/:file')
  async getPublic(@Param('slug') slug: string, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const meetingId = file.endsWith('.pdf') ? file.slice(0, -4) : '';
    res.setHeader('Cache-Control', 'public, max-age=60');
    await this.send(res, await this.packs.publicEdition(slug, meetingId), 'public');
  }
}
