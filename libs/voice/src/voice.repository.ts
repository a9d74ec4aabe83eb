import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { type ConnectionShape, type PageArgs, PartnershipRole, londonToday } from '@pbw/core';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { VoiceItemEntity, VoiceItemFrameworkItemEntity, type VoiceStatus } from './voice.entities';

export interface VoiceFilterValues {
  statuses?: VoiceStatus[];
  subGroupId?: string;
  agencyId?: string;
  frameworkItemId?: string;
  raisedFrom?: string;
  raisedTo?: string;
  /** Open, with a response due date before today. */
  responseOverdue?: boolean;
  /** Assigned to me: to a sub-group I belong to, or my agency. */
  mine?: boolean;
}

/**
 * Voice items, narrowed in SQL: the secretariat and board members see all; members of the
 * assigned sub-group and people of the assigned agency see what is assigned to them; nobody
 * else (what young people raise is shared with those who must answer it, not the whole
 * partnership).
 */
@Injectable()
export class VoiceItemRepository extends ScopedRepository<VoiceItemEntity> {
  protected readonly entity = VoiceItemEntity;
  protected readonly alias = 'vi';

  protected override visible(scope: Scope, qb: SelectQueryBuilder<VoiceItemEntity>): SelectQueryBuilder<VoiceItemEntity> {
    if (scope.isSecretariat || scope.actor.role === PartnershipRole.BOARD_MEMBER) return qb;
    return this.assignedToMe(scope, qb);
  }

  private assignedToMe(scope: Scope, qb: SelectQueryBuilder<VoiceItemEntity>): SelectQueryBuilder<VoiceItemEntity> {
    const groups = [...scope.actor.subGroups.keys()];
    return qb.andWhere(
      new Brackets((w) => {
        w.where('vi.assigned_agency_id = :__viAgency', { __viAgency: scope.actor.agencyId ?? '00000000-0000-0000-0000-000000000000' });
        if (groups.length) w.orWhere('vi.assigned_sub_group_id IN (:...__viGroups)', { __viGroups: groups });
      }),
    );
  }

  private filtered(scope: Scope, f: VoiceFilterValues | undefined): SelectQueryBuilder<VoiceItemEntity> {
    const qb = this.visible(scope, this.select(scope));
    if (f?.statuses?.length) qb.andWhere('vi.status IN (:...statuses)', { statuses: f.statuses });
    if (f?.subGroupId) qb.andWhere('vi.assigned_sub_group_id = :sg', { sg: f.subGroupId });
    if (f?.agencyId) qb.andWhere('vi.assigned_agency_id = :ag', { ag: f.agencyId });
    if (f?.raisedFrom) qb.andWhere('vi.raised_on >= :from', { from: f.raisedFrom });
    if (f?.raisedTo) qb.andWhere('vi.raised_on <= :to', { to: f.raisedTo });
    if (f?.responseOverdue) qb.andWhere("vi.status = 'OPEN' AND vi.response_due < :today", { today: londonToday() });
    if (f?.mine) this.assignedToMe(scope, qb);
    if (f?.frameworkItemId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM voice_item_framework_items l WHERE l.voice_item_id = vi.id AND l.partnership_id = vi.partnership_id AND l.framework_item_id = :itemId)',
        { itemId: f.frameworkItemId },
      );
    }
    return qb;
  }

  /** Newest raised first. */
  list(scope: Scope, f: VoiceFilterValues | undefined, page: PageArgs): Promise<ConnectionShape<VoiceItemEntity>> {
    return this.paginate(this.filtered(scope, f), page, {
      expression: 'vi.raised_on',
      read: (v: VoiceItemEntity) => v.raisedOn,
      direction: 'DESC',
    });
  }

  /** Raised in the period and answered, oldest first: "you said, we did". */
  answered(scope: Scope, from: string, to: string): Promise<VoiceItemEntity[]> {
    return this.visible(scope, this.select(scope))
      .andWhere("vi.status IN ('RESPONDED','CLOSED') AND vi.raised_on BETWEEN :from AND :to", { from, to })
      .orderBy('vi.raised_on')
      .addOrderBy('vi.created_at')
      .addOrderBy('vi.id')
      .getMany();
  }

  frameworkItems(scope: Scope, ids: readonly string[]): Promise<VoiceItemFrameworkItemEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.selectLinks(scope, VoiceItemFrameworkItemEntity, 'l').andWhere('l.voice_item_id IN (:...ids)', { ids }).getMany();
  }

  setFrameworkItems(tx: TxScope, id: string, itemIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      VoiceItemFrameworkItemEntity,
      'voice_item_id',
      id,
      itemIds.map((frameworkItemId) => ({ voiceItemId: id, frameworkItemId })),
    );
  }
}
