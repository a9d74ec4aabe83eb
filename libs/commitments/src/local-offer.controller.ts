import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { Public } from '@pbw/access';
import { CommitmentsService } from './commitments.service';

/**
 * GET /public/local-offer/:slug (DESIGN.md §4: REST beside GraphQL): a partnership's
 * published local offer as a JSON document, for anyone, with no sign-in. Only what was
 * published: the latest version, or ?version=N.
 */
@Controller('public/local-offer')
export class LocalOfferController {
  constructor(private readonly service: CommitmentsService) {}

  @Public()
  @Get(':slug')
  async get(@Param('slug') slug: string, @Query('version') version: string | undefined, @Res() res: Response): Promise<void> {
    const n = version === undefined ? undefined : /^[1-9]\d{0,8}$/.test(version) ? Number(version) : NaN;
    if (Number.isNaN(n)) {
      res.status(400).json({
        code: 'BAD_USER_INPUT',
        message: 'version must be a whole number from 1.',
        fields: [{ path: 'version', message: 'version must be a whole number from 1.' }],
      });
      return;
    }
    try {
      const offer = await this.service.publicOffer(slug, n);
      res.setHeader('Cache-Control', 'public, max-age=60');
      res.status(200).json({
        partnership: offer.partnershipName,
        localAuthority: offer.localAuthority,
        version: offer.version.number,
        publishedAt: offer.version.publishedAt.toISOString(),
        introduction: offer.version.introduction,
        areas: offer.version.areas,
        changes: offer.version.changes,
        versions: offer.versions,
      });
    } catch (e) {
      if (e instanceof GraphQLError && e.extensions?.code === 'NOT_FOUND') {
        res.status(404).json({ code: 'NOT_FOUND', message: 'There is no published local offer here.' });
        return;
      }
      throw e;
    }
  }
}
