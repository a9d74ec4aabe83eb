import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { FILE_STORAGE, type FileStorage, HttpAuthenticator, UploadRefused } from '@pbw/files';
import { PacksService } from './packs.service';

/** GET /packs/:id/members.pdf and /packs/:id/public.pdf: a finished pack version's editions (secretariat, until publishing is built). */
@Controller('packs')
export class PacksController {
  constructor(
    private readonly auth: HttpAuthenticator,
    private readonly packs: PacksService,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  @Get(':id/:file')
  async get(@Param('id') id: string, @Param('file') file: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const edition = file === 'members.pdf' ? 'members' : file === 'public.pdf' ? 'public' : null;
    try {
      const scope = await this.auth.authenticate(req);
      const pack = edition ? await this.packs.pack(scope, id).catch(() => null) : null;
      const key = pack ? (edition === 'members' ? pack.membersKey : pack.publicKey) : null;
      if (!pack || !key) {
        res.status(404).json({ code: 'NOT_FOUND', message: 'There is no such pack edition.' });
        return;
      }
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="board-pack-v${pack.version}-${edition}.pdf"`);
      res.setHeader('X-Content-SHA256', (edition === 'members' ? pack.membersSha256 : pack.publicSha256) ?? '');
      (await this.storage.open(key)).pipe(res);
    } catch (e) {
      if (e instanceof UploadRefused) {
        res.status(e.status).json(e.body);
        return;
      }
      if (e instanceof GraphQLError) {
        res.status(403).json({ code: e.extensions?.code, message: e.message });
        return;
      }
      throw e;
    }
  }
}
