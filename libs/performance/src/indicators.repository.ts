import { Injectable } from '@nestjs/common';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { IndicatorEntity, IndicatorFrameworkItemEntity, IndicatorValueEntity } from './indicators.entities';

/** Indicators are partnership-wide: everyone in the partnership reads the scorecard (DESIGN.md §1). */
@Injectable()
export class IndicatorRepository extends ScopedRepository<IndicatorEntity> {
  protected readonly entity = IndicatorEntity;
  protected readonly alias = 'ind';

  /** In code order; retired ones only when asked. */
  list(scope: Scope, o: { includeRetired?: boolean; subGroupId?: string } = {}): Promise<IndicatorEntity[]> {
    const qb = this.select(scope);
    if (!o.includeRetired) qb.andWhere('ind.retired_at IS NULL');
    if (o.subGroupId) qb.andWhere('ind.sub_group_id = :sg', { sg: o.subGroupId });
    return qb.orderBy('lower(ind.code)').addOrderBy('ind.id').getMany();
  }

  /** Locked for the rest of the transaction, so two imports of the same figures serialise instead of colliding. */
  lockMany(tx: TxScope, ids: readonly string[]): Promise<IndicatorEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.select(tx).andWhere('ind.id IN (:...ids)', { ids }).orderBy('ind.id').setLock('pessimistic_write').getMany();
  }

  findByCode(scope: Scope, code: string): Promise<IndicatorEntity | null> {
    return this.select(scope).andWhere('lower(ind.code) = lower(:code)', { code }).getOne();
  }

  frameworkItems(scope: Scope, ids: readonly string[]): Promise<IndicatorFrameworkItemEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.selectLinks(scope, IndicatorFrameworkItemEntity, 'l').andWhere('l.indicator_id IN (:...ids)', { ids }).getMany();
  }

  setFrameworkItems(tx: TxScope, indicatorId: string, itemIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      IndicatorFrameworkItemEntity,
      'indicator_id',
      indicatorId,
      itemIds.map((frameworkItemId) => ({ indicatorId, frameworkItemId })),
    );
  }
}

@Injectable()
export class IndicatorValueRepository extends ScopedRepository<IndicatorValueEntity> {
  protected readonly entity = IndicatorValueEntity;
  protected readonly alias = 'iv';

  /** Oldest period first. */
  forIndicators(scope: Scope, ids: readonly string[]): Promise<IndicatorValueEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('iv.indicator_id IN (:...ids)', { ids })
      .orderBy('iv.period_start')
      .addOrderBy('iv.period_end')
      .addOrderBy('iv.area')
      .getMany();
  }
}
