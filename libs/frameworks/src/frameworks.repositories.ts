import { Injectable } from '@nestjs/common';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { FrameworkEntity, FrameworkItemEntity } from './frameworks.entities';

@Injectable()
export class FrameworkRepository extends ScopedRepository<FrameworkEntity> {
  protected readonly entity = FrameworkEntity;
  protected readonly alias = 'fw';

  list(scope: Scope, includeRetired: boolean, page: PageArgs): Promise<ConnectionShape<FrameworkEntity>> {
    const qb = this.select(scope);
    if (!includeRetired) qb.andWhere('fw.retired_at IS NULL');
    // The statutory principles first, then the partnership's own by name.
    return this.paginate(qb, page, {
      expression: "(CASE WHEN fw.built_in THEN '0' ELSE '1' END || lower(fw.name))",
      read: (f: FrameworkEntity) => `${f.builtIn ? '0' : '1'}${f.name.toLowerCase()}`,
    });
  }

  findByName(scope: Scope, name: string): Promise<FrameworkEntity | null> {
    return this.select(scope).andWhere('lower(fw.name) = lower(:name)', { name }).getOne();
  }
}

@Injectable()
export class FrameworkItemRepository extends ScopedRepository<FrameworkItemEntity> {
  protected readonly entity = FrameworkItemEntity;
  protected readonly alias = 'fi';

  forFrameworks(scope: Scope, frameworkIds: readonly string[], includeRetired = true): Promise<FrameworkItemEntity[]> {
    if (!frameworkIds.length) return Promise.resolve([]);
    const qb = this.select(scope).andWhere('fi.framework_id IN (:...frameworkIds)', { frameworkIds });
    if (!includeRetired) qb.andWhere('fi.retired_at IS NULL');
    return qb.orderBy('fi.position').addOrderBy('fi.code').getMany();
  }

  findByCode(scope: Scope, frameworkId: string, code: string): Promise<FrameworkItemEntity | null> {
    return this.select(scope).andWhere('fi.framework_id = :frameworkId AND lower(fi.code) = lower(:code)', { frameworkId, code }).getOne();
  }

  /** Items by code across the partnership's frameworks, for imports ("CPP-A", "P3"). */
  findByCodes(scope: Scope, codes: readonly string[]): Promise<FrameworkItemEntity[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('lower(fi.code) IN (:...codes)', { codes: codes.map((c) => c.toLowerCase()) })
      .getMany();
  }

  async nextPosition(tx: TxScope, frameworkId: string): Promise<number> {
    const row = await this.select(tx)
      .select('coalesce(max(fi.position), 0) + 1', 'next')
      .andWhere('fi.framework_id = :frameworkId', { frameworkId })
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 1);
  }

  /** Of the given items, those whose framework has been retired: like retired items, they cannot be newly chosen. */
  inRetiredFrameworks(scope: Scope, itemIds: readonly string[]): Promise<FrameworkItemEntity[]> {
    if (!itemIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('fi.id IN (:...itemIds)', { itemIds })
      .andWhere(
        'EXISTS (SELECT 1 FROM frameworks fw WHERE fw.id = fi.framework_id AND fw.partnership_id = fi.partnership_id AND fw.retired_at IS NOT NULL)',
      )
      .getMany();
  }

  /** Whether anything links to the item (then it is retired, never deleted). */
  async inUse(scope: Scope, itemId: string): Promise<boolean> {
    const n = await this.select(scope)
      .andWhere('fi.id = :itemId', { itemId })
      .andWhere(
        `(EXISTS (SELECT 1 FROM action_framework_items afi WHERE afi.framework_item_id = fi.id AND afi.partnership_id = fi.partnership_id)
          OR EXISTS (SELECT 1 FROM evidence_framework_items efi WHERE efi.framework_item_id = fi.id AND efi.partnership_id = fi.partnership_id)
          OR EXISTS (SELECT 1 FROM commitment_framework_items cfi WHERE cfi.framework_item_id = fi.id AND cfi.partnership_id = fi.partnership_id)
          OR EXISTS (SELECT 1 FROM indicator_framework_items ifi WHERE ifi.framework_item_id = fi.id AND ifi.partnership_id = fi.partnership_id)
          OR EXISTS (SELECT 1 FROM voice_item_framework_items vfi WHERE vfi.framework_item_id = fi.id AND vfi.partnership_id = fi.partnership_id)
          OR EXISTS (SELECT 1 FROM self_assessments sa WHERE sa.framework_item_id = fi.id AND sa.partnership_id = fi.partnership_id))`,
      )
      .getCount();
    return n > 0;
  }
}
