import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { type ConnectionShape, type PageArgs, addDays, londonToday } from '@pbw/core';
import { ScopedRepository, applyVisibility, type Scope, type SortKey, type TxScope } from '@pbw/db';
import {
  ActionEntity,
  ActionFrameworkItemEntity,
  ActionStatus,
  ActionSupportingAgencyEntity,
  ActionUpdateEntity,
  DisplayRag,
  ObjectiveEntity,
  WorkPlanEntity,
  type WorkPlanStatus,
} from './workplans.entities';

@Injectable()
export class WorkPlanRepository extends ScopedRepository<WorkPlanEntity> {
  protected readonly entity = WorkPlanEntity;
  protected readonly alias = 'wp';

  list(
    scope: Scope,
    filter: { subGroupId?: string; status?: WorkPlanStatus } | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<WorkPlanEntity>> {
    const qb = this.select(scope);
    if (filter?.subGroupId) qb.andWhere('wp.sub_group_id = :sg', { sg: filter.subGroupId });
    if (filter?.status) qb.andWhere('wp.status = :status', { status: filter.status });
    return this.paginate(qb, page, { expression: 'wp.period_start', read: (p: WorkPlanEntity) => p.periodStart, direction: 'DESC' });
  }

  activeFor(scope: Scope, subGroupIds: readonly string[]): Promise<WorkPlanEntity[]> {
    if (!subGroupIds.length) return Promise.resolve([]);
    return this.select(scope).andWhere("wp.status = 'ACTIVE' AND wp.sub_group_id IN (:...ids)", { ids: subGroupIds }).getMany();
  }

  allActive(scope: Scope): Promise<WorkPlanEntity[]> {
    return this.select(scope).andWhere("wp.status = 'ACTIVE'").getMany();
  }
}

@Injectable()
export class ObjectiveRepository extends ScopedRepository<ObjectiveEntity> {
  protected readonly entity = ObjectiveEntity;
  protected readonly alias = 'ob';

  forPlans(scope: Scope, planIds: readonly string[]): Promise<ObjectiveEntity[]> {
    if (!planIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('ob.work_plan_id IN (:...planIds)', { planIds })
      .orderBy('ob.position')
      .addOrderBy('ob.created_at')
      .getMany();
  }

  async nextPosition(tx: TxScope, planId: string): Promise<number> {
    const row = await this.select(tx)
      .select('coalesce(max(ob.position), 0) + 1', 'next')
      .andWhere('ob.work_plan_id = :planId', { planId })
      .getRawOne<{ next: number }>();
    return Number(row?.next ?? 1);
  }

  findByTitle(scope: Scope, planId: string, title: string): Promise<ObjectiveEntity | null> {
    return this.select(scope).andWhere('ob.work_plan_id = :planId AND lower(ob.title) = lower(:title)', { planId, title }).getOne();
  }
}

export interface ActionFilter {
  workPlanId?: string;
  subGroupId?: string;
  objectiveId?: string;
  statuses?: ActionStatus[];
  rags?: DisplayRag[];
  ownerUserId?: string;
  leadAgencyId?: string;
  frameworkItemId?: string;
  overdue?: boolean;
  dueWithinDays?: number;
  stale?: boolean;
  /** Only the caller's own actions. */
  mine?: boolean;
  /** Only actions the caller's agency leads. */
  myAgency?: boolean;
  /** Only actions in active plans. */
  activePlansOnly?: boolean;
}

export type ActionSortKey = 'DUE_DATE' | 'TITLE' | 'RAG' | 'STATUS' | 'LAST_UPDATE';

export interface ActionSummaryRow {
  workPlanId: string;
  total: number;
  notStarted: number;
  inProgress: number;
  complete: number;
  cancelled: number;
  red: number;
  amber: number;
  green: number;
  overdue: number;
  dueSoon: number;
  stale: number;
}

const OPEN = `('NOT_STARTED','IN_PROGRESS')`;

/** Order of RAG severity for sorting: red first, blue (complete) last. */
const RAG_ORDER = `(CASE WHEN a.status = 'COMPLETE' THEN 3 WHEN a.rag = 'RED' THEN 0 WHEN a.rag = 'AMBER' THEN 1 ELSE 2 END)`;
const STATUS_ORDER = `(CASE a.status WHEN 'NOT_STARTED' THEN 0 WHEN 'IN_PROGRESS' THEN 1 WHEN 'COMPLETE' THEN 2 ELSE 3 END)`;

function ragOrder(a: ActionEntity): number {
  return a.status === ActionStatus.COMPLETE ? 3 : { RED: 0, AMBER: 1, GREEN: 2 }[a.rag];
}

const STATUS_INDEX: Record<ActionStatus, number> = { NOT_STARTED: 0, IN_PROGRESS: 1, COMPLETE: 2, CANCELLED: 3 };

/** Actions, always narrowed in SQL to what the caller may see (DESIGN.md §3). */
@Injectable()
export class ActionRepository extends ScopedRepository<ActionEntity> {
  protected readonly entity = ActionEntity;
  protected readonly alias = 'a';

  protected override visible(scope: Scope, qb: SelectQueryBuilder<ActionEntity>): SelectQueryBuilder<ActionEntity> {
    return applyVisibility(qb, this.alias, scope);
  }

  private filtered(scope: Scope, f: ActionFilter | undefined, staleDays: number): SelectQueryBuilder<ActionEntity> {
    const qb = this.visible(scope, this.select(scope));
    const today = londonToday();
    if (f?.workPlanId) qb.andWhere('a.work_plan_id = :workPlanId', { workPlanId: f.workPlanId });
    if (f?.subGroupId) qb.andWhere('a.sub_group_id = :subGroupId', { subGroupId: f.subGroupId });
    if (f?.objectiveId) qb.andWhere('a.objective_id = :objectiveId', { objectiveId: f.objectiveId });
    if (f?.statuses?.length) qb.andWhere('a.status IN (:...statuses)', { statuses: f.statuses });
    if (f?.rags?.length) {
      qb.andWhere(
        new Brackets((w) => {
          if (f.rags?.includes(DisplayRag.BLUE)) w.orWhere("a.status = 'COMPLETE'");
          const plain = f.rags?.filter((r) => r !== DisplayRag.BLUE) ?? [];
          // Counted as the summary counts them: open actions by RAG, complete ones as blue, cancelled ones in neither.
          if (plain.length) w.orWhere(`(a.status IN ${OPEN} AND a.rag IN (:...rags))`, { rags: plain });
        }),
      );
    }
    if (f?.ownerUserId) qb.andWhere('a.owner_user_id = :ownerUserId', { ownerUserId: f.ownerUserId });
    if (f?.leadAgencyId) qb.andWhere('a.lead_agency_id = :leadAgencyId', { leadAgencyId: f.leadAgencyId });
    if (f?.mine) qb.andWhere('a.owner_user_id = :me', { me: scope.actor.userId });
    if (f?.myAgency) qb.andWhere('a.lead_agency_id = :myAgency', { myAgency: scope.actor.agencyId });
    if (f?.frameworkItemId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM action_framework_items afi WHERE afi.action_id = a.id AND afi.partnership_id = a.partnership_id AND afi.framework_item_id = :frameworkItemId)',
        { frameworkItemId: f.frameworkItemId },
      );
    }
    if (f?.overdue) qb.andWhere(`a.status IN ${OPEN} AND a.due_date < :today`, { today });
    if (f?.dueWithinDays !== undefined) {
      qb.andWhere(`a.status IN ${OPEN} AND a.due_date >= :today AND a.due_date <= :dueBy`, {
        today,
        dueBy: addDays(today, f.dueWithinDays),
      });
    }
    if (f?.stale)
      qb.andWhere(`a.status IN ${OPEN} AND coalesce(a.last_update_at, a.created_at) < now() - make_interval(days => :staleDays)`, {
        staleDays,
      });
    if (f?.activePlansOnly) {
      qb.andWhere(
        "EXISTS (SELECT 1 FROM work_plans wp WHERE wp.id = a.work_plan_id AND wp.partnership_id = a.partnership_id AND wp.status = 'ACTIVE')",
      );
    }
    return qb;
  }

  list(
    scope: Scope,
    filter: ActionFilter | undefined,
    sort: { field: ActionSortKey; direction: 'ASC' | 'DESC' },
    page: PageArgs,
    staleDays: number,
  ): Promise<ConnectionShape<ActionEntity>> {
    const keys: Record<ActionSortKey, SortKey> = {
      DUE_DATE: { expression: 'a.due_date', read: (a: ActionEntity) => a.dueDate },
      TITLE: { expression: 'lower(a.title)', read: (a: ActionEntity) => a.title.toLowerCase() },
      RAG: { expression: RAG_ORDER, read: ragOrder },
      STATUS: { expression: STATUS_ORDER, read: (a: ActionEntity) => STATUS_INDEX[a.status] },
      LAST_UPDATE: {
        expression: "coalesce(a.last_update_at, 'epoch'::timestamptz)",
        read: (a: ActionEntity) => (a.lastUpdateAt ?? new Date(0)).toISOString(),
      },
    };
    const key = { ...keys[sort.field], direction: sort.direction };
    return this.paginate(this.filtered(scope, filter, staleDays), page, key);
  }

  /** Counts by status and RAG (complete as blue), overdue, due soon and stale, per plan, over what the caller may see. */
  async summaries(scope: Scope, planIds: readonly string[], staleDays: number, dueSoonDays: number): Promise<ActionSummaryRow[]> {
    if (!planIds.length) return [];
    const today = londonToday();
    const rows = await this.visible(scope, this.select(scope))
      .select('a.work_plan_id', 'workPlanId')
      .addSelect('count(*)::int', 'total')
      .addSelect("count(*) FILTER (WHERE a.status = 'NOT_STARTED')::int", 'notStarted')
      .addSelect("count(*) FILTER (WHERE a.status = 'IN_PROGRESS')::int", 'inProgress')
      .addSelect("count(*) FILTER (WHERE a.status = 'COMPLETE')::int", 'complete')
      .addSelect("count(*) FILTER (WHERE a.status = 'CANCELLED')::int", 'cancelled')
      .addSelect(`count(*) FILTER (WHERE a.status IN ${OPEN} AND a.rag = 'RED')::int`, 'red')
      .addSelect(`count(*) FILTER (WHERE a.status IN ${OPEN} AND a.rag = 'AMBER')::int`, 'amber')
      .addSelect(`count(*) FILTER (WHERE a.status IN ${OPEN} AND a.rag = 'GREEN')::int`, 'green')
      .addSelect(`count(*) FILTER (WHERE a.status IN ${OPEN} AND a.due_date < :today)::int`, 'overdue')
      .addSelect(`count(*) FILTER (WHERE a.status IN ${OPEN} AND a.due_date >= :today AND a.due_date <= :dueBy)::int`, 'dueSoon')
      .addSelect(
        `count(*) FILTER (WHERE a.status IN ${OPEN} AND coalesce(a.last_update_at, a.created_at) < now() - make_interval(days => :staleDays))::int`,
        'stale',
      )
      .andWhere('a.work_plan_id IN (:...planIds)', { planIds })
      .setParameters({ today, dueBy: addDays(today, dueSoonDays), staleDays })
      .groupBy('a.work_plan_id')
      .getRawMany<ActionSummaryRow>();
    return rows;
  }

  /** The visible actions of several objectives in one query, by due date (as the plan page lists them). */
  forObjectives(scope: Scope, objectiveIds: readonly string[]): Promise<ActionEntity[]> {
    if (!objectiveIds.length) return Promise.resolve([]);
    return this.visible(scope, this.select(scope))
      .andWhere('a.objective_id IN (:...objectiveIds)', { objectiveIds })
      .orderBy('a.due_date', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  /** Open actions of a plan that are red or past their due date, by due date: a report's list of concerns. */
  redOrOverdue(scope: Scope, planId: string): Promise<ActionEntity[]> {
    return this.visible(scope, this.select(scope))
      .andWhere(`a.work_plan_id = :planId AND a.status IN ${OPEN} AND (a.rag = 'RED' OR a.due_date < :today)`, {
        planId,
        today: londonToday(),
      })
      .orderBy('a.due_date', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  openInPlan(tx: TxScope, planId: string): Promise<ActionEntity[]> {
    return this.select(tx).andWhere(`a.work_plan_id = :planId AND a.status IN ${OPEN}`, { planId }).orderBy('a.created_at').getMany();
  }

  supportingAgencies(scope: Scope, actionIds: readonly string[]): Promise<ActionSupportingAgencyEntity[]> {
    if (!actionIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, ActionSupportingAgencyEntity, 'l').andWhere('l.action_id IN (:...ids)', { ids: actionIds }).getMany();
  }

  frameworkItems(scope: Scope, actionIds: readonly string[]): Promise<ActionFrameworkItemEntity[]> {
    if (!actionIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, ActionFrameworkItemEntity, 'l').andWhere('l.action_id IN (:...ids)', { ids: actionIds }).getMany();
  }

  setSupportingAgencies(tx: TxScope, actionId: string, agencyIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      ActionSupportingAgencyEntity,
      'action_id',
      actionId,
      agencyIds.map((agencyId) => ({ actionId, agencyId })),
    );
  }

  setFrameworkItems(tx: TxScope, actionId: string, itemIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      ActionFrameworkItemEntity,
      'action_id',
      actionId,
      itemIds.map((frameworkItemId) => ({ actionId, frameworkItemId })),
    );
  }

  /** The chain of actions this one was rolled forward from, newest first. */
  async ancestry(scope: Scope, action: ActionEntity): Promise<ActionEntity[]> {
    const out: ActionEntity[] = [];
    let next = action.rolledFromActionId;
    while (next && out.length < 50) {
      // Each earlier period's action keeps its own visibility.
      const prev = await this.visible(scope, this.select(scope)).andWhere('a.id = :id', { id: next }).getOne();
      if (!prev) break;
      out.push(prev);
      next = prev.rolledFromActionId;
    }
    return out;
  }
}

@Injectable()
export class ActionUpdateRepository extends ScopedRepository<ActionUpdateEntity> {
  protected readonly entity = ActionUpdateEntity;
  protected readonly alias = 'au';

  /** Updates in the order they happened: by their date, then by when they were posted. */
  forActions(scope: Scope, actionIds: readonly string[]): Promise<ActionUpdateEntity[]> {
    if (!actionIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('au.action_id IN (:...actionIds)', { actionIds })
      .orderBy('au.update_date', 'ASC')
      .addOrderBy('au.created_at', 'ASC')
      .addOrderBy('au.id', 'ASC')
      .getMany();
  }
}
