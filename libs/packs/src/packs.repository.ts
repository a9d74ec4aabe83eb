import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository, ScopedRepository, isUuid, type Scope, type TxScope } from '@pbw/db';
import { BoardPackEntity, PackFindingEntity, PersonalDataNameEntity } from './packs.entities';

@Injectable()
export class BoardPackRepository extends ScopedRepository<BoardPackEntity> {
  protected readonly entity = BoardPackEntity;
  protected readonly alias = 'bp';

  forMeeting(scope: Scope, meetingId: string): Promise<BoardPackEntity[]> {
    return this.select(scope).andWhere('bp.meeting_id = :meetingId', { meetingId }).orderBy('bp.version', 'DESC').getMany();
  }

  /** Each meeting's latest published version, by meeting id. */
  async latestPublished(scope: Scope, meetingIds: readonly string[]): Promise<Map<string, BoardPackEntity>> {
    if (!meetingIds.length) return new Map();
    const rows = await this.select(scope)
      .andWhere('bp.meeting_id IN (:...meetingIds) AND bp.published_at IS NOT NULL', { meetingIds })
      .distinctOn(['bp.meeting_id'])
      .orderBy('bp.meeting_id')
      .addOrderBy('bp.version', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.meetingId, r]));
  }

  /** The next version number for a meeting; call with the meeting locked. */
  async nextVersion(tx: TxScope, meetingId: string): Promise<number> {
    const r = await this.select(tx)
      .select('COALESCE(MAX(bp.version), 0)', 'max')
      .andWhere('bp.meeting_id = :meetingId', { meetingId })
      .getRawOne<{ max: number }>();
    return Number(r?.max ?? 0) + 1;
  }
}

@Injectable()
export class PackFindingRepository extends ScopedRepository<PackFindingEntity> {
  protected readonly entity = PackFindingEntity;
  protected readonly alias = 'pf';

  /** How many findings of each pack are not yet cleared. */
  async openCounts(scope: Scope, packIds: readonly string[]): Promise<Map<string, number>> {
    if (!packIds.length) return new Map();
    const rows = await this.select(scope)
      .select('pf.pack_id', 'packId')
      .addSelect('count(*)::int', 'n')
      .andWhere('pf.pack_id IN (:...packIds) AND pf.cleared_at IS NULL', { packIds })
      .groupBy('pf.pack_id')
      .getRawMany<{ packId: string; n: number }>();
    return new Map(rows.map((r) => [r.packId, Number(r.n)]));
  }

  forPack(scope: Scope, packId: string): Promise<PackFindingEntity[]> {
    return this.select(scope).andWhere('pf.pack_id = :packId', { packId }).orderBy('pf.page').addOrderBy('pf.kind').getMany();
  }
}

@Injectable()
export class PersonalDataNameRepository extends ScopedRepository<PersonalDataNameEntity> {
  protected readonly entity = PersonalDataNameEntity;
  protected readonly alias = 'pn';

  all(scope: Scope): Promise<PersonalDataNameEntity[]> {
    return this.select(scope).orderBy('lower(pn.name)').getMany();
  }

  async replaceAll(tx: TxScope, names: readonly string[]): Promise<void> {
    for (const n of await this.select(tx).setLock('pessimistic_write').getMany()) await this.remove(tx, n);
    if (names.length)
      await this.insertMany(
        tx,
        names.map((name) => ({ name })),
      );
  }
}

/** The public address names a partnership by its slug: the latest published version of a meeting's pack, found before any scope is known. */
@Injectable()
export class PublishedPackLookupRepository extends CrossPartnershipRepository<BoardPackEntity> {
  protected readonly entity = BoardPackEntity;
  protected readonly alias = 'bp';

  constructor(ds: DataSource) {
    super(ds);
  }

  latestPublished(slug: string, meetingId: string): Promise<BoardPackEntity | null> {
    if (!isUuid(meetingId)) return Promise.resolve(null);
    return this.unscopedSelect()
      .innerJoin('partnerships', 'p', 'p.id = bp.partnership_id AND p.slug = :slug', { slug })
      .where('bp.meeting_id = :meetingId AND bp.published_at IS NOT NULL', { meetingId })
      .orderBy('bp.version', 'DESC')
      .getOne();
  }

  /**
   * For each meeting of the partnership with a published pack, the latest published version
   * (the one its public address serves), with the meeting and whether a version was published
   * before it. Unpublished versions, and anything but the public edition, never leave here.
   */
  async publishedFor(partnershipId: string): Promise<PublishedPackRow[]> {
    const rows = await this.unscopedSelect()
      .select('bp.meeting_id', 'meetingId')
      .addSelect('m.title', 'meetingTitle')
      .addSelect('m.starts_at', 'meetingStartsAt')
      .addSelect('bp.version', 'version')
      .addSelect('bp.published_at', 'publishedAt')
      .addSelect('bp.change_note', 'changeNote')
      .addSelect('bp.public_pages', 'pages')
      .addSelect(
        `EXISTS (SELECT 1 FROM board_packs o WHERE o.partnership_id = bp.partnership_id AND o.meeting_id = bp.meeting_id
           AND o.id <> bp.id AND o.published_at IS NOT NULL AND o.published_at < bp.published_at)`,
        'supplement',
      )
      .innerJoin('meetings', 'm', 'm.id = bp.meeting_id AND m.partnership_id = bp.partnership_id')
      .where('bp.partnership_id = :partnershipId', { partnershipId })
      .andWhere('bp.published_at IS NOT NULL AND bp.public_key IS NOT NULL AND bp.public_sha256 IS NOT NULL')
      .distinctOn(['bp.meeting_id'])
      .orderBy('bp.meeting_id')
      .addOrderBy('bp.version', 'DESC')
      .getRawMany<PublishedPackRow>();
    return rows
      .map((r) => ({ ...r, version: Number(r.version), pages: r.pages === null ? null : Number(r.pages) }))
      .sort((a, b) => b.meetingStartsAt.getTime() - a.meetingStartsAt.getTime() || a.meetingId.localeCompare(b.meetingId));
  }
}

/** One meeting's latest published pack, as publishedFor reads it. */
export interface PublishedPackRow {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  version: number;
  publishedAt: Date;
  changeNote: string | null;
  pages: number | null;
  supplement: boolean;
}
