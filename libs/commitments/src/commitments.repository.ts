import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { type ConnectionShape, type PageArgs, addDays, londonToday } from '@pbw/core';
import { ScopedRepository, applyVisibility, type Scope, type SortKey, type TxScope } from '@pbw/db';
import {
  CommitmentEntity,
  CommitmentFrameworkItemEntity,
  CommitmentUpdateEntity,
  LocalOfferVersionEntity,
  type OfferArea,
} from './commitments.entities';

export interface CommitmentFilterValues {
  agencyId?: string;
  offerArea?: OfferArea;
  frameworkItemId?: string;
  statuses?: string[];
  rags?: string[];
  inLocalOffer?: boolean;
  /** Open, with a review date before today. */
  reviewOverdue?: boolean;
  /** Open, due between today and this many days ahead. */
  dueWithinDays?: number;
  /** Only the caller's own agency's. */
  myAgency?: boolean;
}

export type CommitmentSortKey = 'TITLE' | 'DUE_DATE' | 'REVIEW_DATE' | 'UPDATED';

export interface AgencySummaryRow {
  agencyId: string;
  total: number;
  notStarted: number;
  inProgress: number;
  complete: number;
  cancelled: number;
  red: number;
  amber: number;
  green: number;
  reviewOverdue: number;
  inLocalOffer: number;
}

const OPEN = `('NOT_STARTED','IN_PROGRESS')`;

/** Commitments, narrowed in SQL to what the caller may see (DESIGN.md §3). */
@Injectable()
export class CommitmentRepository extends ScopedRepository<CommitmentEntity> {
  protected readonly entity = CommitmentEntity;
  protected readonly alias = 'c';

  protected override visible(scope: Scope, qb: SelectQueryBuilder<CommitmentEntity>): SelectQueryBuilder<CommitmentEntity> {
    return applyVisibility(qb, this.alias, scope);
  }

  private filtered(scope: Scope, f: CommitmentFilterValues | undefined): SelectQueryBuilder<CommitmentEntity> {
    const qb = this.visible(scope, this.select(scope));
    const today = londonToday();
    if (f?.agencyId) qb.andWhere('c.agency_id = :agencyId', { agencyId: f.agencyId });
    if (f?.myAgency) qb.andWhere('c.agency_id = :myAgency', { myAgency: scope.actor.agencyId });
    if (f?.offerArea) qb.andWhere('c.offer_area = :offerArea', { offerArea: f.offerArea });
    if (f?.statuses?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: f.statuses });
    if (f?.rags?.length) qb.andWhere(`c.status IN ${OPEN} AND c.rag IN (:...rags)`, { rags: f.rags });
    if (f?.inLocalOffer !== undefined) qb.andWhere('c.in_local_offer = :inOffer', { inOffer: f.inLocalOffer });
    if (f?.reviewOverdue) qb.andWhere(`c.status IN ${OPEN} AND c.review_date < :today`, { today });
    if (f?.dueWithinDays !== undefined) {
      qb.andWhere(`c.status IN ${OPEN} AND c.due_date >= :today AND c.due_date <= :dueBy`, {
        today,
        dueBy: addDays(today, f.dueWithinDays),
      });
    }
    if (f?.frameworkItemId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM commitment_framework_items cfi WHERE cfi.commitment_id = c.id AND cfi.partnership_id = c.partnership_id AND cfi.framework_item_id = :itemId)',
        { itemId: f.frameworkItemId },
      );
    }
    return qb;
  }

  list(
    scope: Scope,
    filter: CommitmentFilterValues | undefined,
    sort: { field: CommitmentSortKey; direction: 'ASC' | 'DESC' },
    page: PageArgs,
  ): Promise<ConnectionShape<CommitmentEntity>> {
    const keys: Record<CommitmentSortKey, SortKey> = {
      TITLE: { expression: 'lower(c.title)', read: (c: CommitmentEntity) => c.title.toLowerCase() },
      DUE_DATE: { expression: "coalesce(c.due_date, '9999-12-31')", read: (c: CommitmentEntity) => c.dueDate ?? '9999-12-31' },
      REVIEW_DATE: { expression: "coalesce(c.review_date, '9999-12-31')", read: (c: CommitmentEntity) => c.reviewDate ?? '9999-12-31' },
      UPDATED: { expression: 'c.updated_at', read: (c: CommitmentEntity) => c.updatedAt.toISOString() },
    };
    return this.paginate(this.filtered(scope, filter), page, { ...keys[sort.field], direction: sort.direction });
  }

  /** Counts per owning agency over what the caller may see. */
  summaryByAgency(scope: Scope): Promise<AgencySummaryRow[]> {
    return this.visible(scope, this.select(scope))
      .select('c.agency_id', 'agencyId')
      .addSelect('count(*)::int', 'total')
      .addSelect("count(*) FILTER (WHERE c.status = 'NOT_STARTED')::int", 'notStarted')
      .addSelect("count(*) FILTER (WHERE c.status = 'IN_PROGRESS')::int", 'inProgress')
      .addSelect("count(*) FILTER (WHERE c.status = 'COMPLETE')::int", 'complete')
      .addSelect("count(*) FILTER (WHERE c.status = 'CANCELLED')::int", 'cancelled')
      .addSelect(`count(*) FILTER (WHERE c.status IN ${OPEN} AND c.rag = 'RED')::int`, 'red')
      .addSelect(`count(*) FILTER (WHERE c.status IN ${OPEN} AND c.rag = 'AMBER')::int`, 'amber')
      .addSelect(`count(*) FILTER (WHERE c.status IN ${OPEN} AND c.rag = 'GREEN')::int`, 'green')
      .addSelect(`count(*) FILTER (WHERE c.status IN ${OPEN} AND c.review_date < :today)::int`, 'reviewOverdue')
      .addSelect('count(*) FILTER (WHERE c.in_local_offer)::int', 'inLocalOffer')
      .setParameters({ today: londonToday() })
      .groupBy('c.agency_id')
      .getRawMany<AgencySummaryRow>();
  }

  /** Every commitment in the local offer and not cancelled, whoever may see it: publication is the secretariat's act. */
  inOffer(scope: Scope): Promise<CommitmentEntity[]> {
    return this.select(scope)
      .andWhere("c.in_local_offer AND c.status <> 'CANCELLED'")
      .orderBy('c.offer_area')
      .addOrderBy('lower(c.title)')
      .addOrderBy('c.id')
      .getMany();
  }

  frameworkItems(scope: Scope, ids: readonly string[]): Promise<CommitmentFrameworkItemEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.selectLinks(scope, CommitmentFrameworkItemEntity, 'l').andWhere('l.commitment_id IN (:...ids)', { ids }).getMany();
  }

  setFrameworkItems(tx: TxScope, commitmentId: string, itemIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      CommitmentFrameworkItemEntity,
      'commitment_id',
      commitmentId,
      itemIds.map((frameworkItemId) => ({ commitmentId, frameworkItemId })),
    );
  }
}

@Injectable()
export class CommitmentUpdateRepository extends ScopedRepository<CommitmentUpdateEntity> {
  protected readonly entity = CommitmentUpdateEntity;
  protected readonly alias = 'cu';

  /** In the order they happened; the caller has already been shown the commitments. */
  forCommitments(scope: Scope, ids: readonly string[]): Promise<CommitmentUpdateEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('cu.commitment_id IN (:...ids)', { ids })
      .orderBy('cu.update_date')
      .addOrderBy('cu.created_at')
      .addOrderBy('cu.id')
      .getMany();
  }
}

@Injectable()
export class LocalOfferVersionRepository extends ScopedRepository<LocalOfferVersionEntity> {
  protected readonly entity = LocalOfferVersionEntity;
  protected readonly alias = 'lo';

  latest(scope: Scope): Promise<LocalOfferVersionEntity | null> {
    return this.select(scope).orderBy('lo.number', 'DESC').limit(1).getOne();
  }

  byNumber(scope: Scope, n: number): Promise<LocalOfferVersionEntity | null> {
    return this.select(scope).andWhere('lo.number = :n', { n }).getOne();
  }

  /** Newest first. */
  all(scope: Scope): Promise<LocalOfferVersionEntity[]> {
    return this.select(scope).orderBy('lo.number', 'DESC').getMany();
  }
}
