import { Injectable } from '@nestjs/common';
import { notFound } from '@pbw/core';
import { PartnershipRepository } from '@pbw/identity';
import type { PublishedBoardPacksType } from './public-packs.dto';
import { PublishedPackLookupRepository } from './packs.repository';

/**
 * The published packs page, for anyone: the slug names the partnership, since there is no
 * sign-in to scope by. Only what the public address already serves is listed.
 */
@Injectable()
export class PublicPacksService {
  constructor(
    private readonly partnerships: PartnershipRepository,
    private readonly published: PublishedPackLookupRepository,
  ) {}

  async list(slug: string): Promise<PublishedBoardPacksType> {
    const p = await this.partnerships.findBySlug(slug);
    if (!p) throw notFound('Partnership');
    const rows = await this.published.publishedFor(p.id);
    return {
      partnershipName: p.name,
      localAuthority: p.localAuthority,
      packs: rows.map((r) => ({
        ...r,
        // Compiles record the page count with the edition; a published edition without one would be a bug, shown as none.
        pages: r.pages ?? 0,
        changeNote: r.supplement ? r.changeNote : null,
        downloadPath: `/public/packs/${encodeURIComponent(p.slug)}/${r.meetingId}.pdf`,
      })),
    };
  }
}
