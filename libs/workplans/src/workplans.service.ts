import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, reconciledAfter, requestReplan } from '@pbw/queue';
import { APP_CONFIG, type AppConfig, type ConnectionShape, conflict, fieldError, forbidden, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot, type AuditRecord } from '@pbw/audit';
import { Visibility, type Scope, type TxScope } from '@pbw/db';
import { AgencyRepository, UserRepository, UserStatus } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, assertChoosableItems } from '@pbw/frameworks';
import type {
  ActionFieldsInput,
  ActionsArgs,
  CreateActionInput,
  CreateObjectiveInput,
  CreateWorkPlanInput,
  PostActionUpdateInput,
  RollForwardInput,
  UpdateActionInput,
  UpdateObjectiveInput,
  UpdateWorkPlanInput,
  WorkPlansArgs,
} from './workplans.dto';
import {
  type ActionEntity,
  ActionStatus,
  type ActionUpdateEntity,
  type ObjectiveEntity,
  Rag,
  type WorkPlanEntity,
  WorkPlanStatus,
} from './workplans.entities';
import {
  ActionRepository,
  type ActionSummaryRow,
  ActionUpdateRepository,
  ObjectiveRepository,
  WorkPlanRepository,
} from './workplans.repositories';

export const DUE_SOON_DAYS = 14;

export interface WorkPlanSummary {
  total: number;
  rag: { red: number; amber: number; green: number; blue: number };
  status: { notStarted: number; inProgress: number; complete: number; cancelled: number };
  overdue: number;
  dueSoon: number;
  stale: number;
  percentComplete: number;
}

export function toSummary(row: ActionSummaryRow | undefined): WorkPlanSummary {
  const r = row ?? {
    total: 0,
    notStarted: 0,
    inProgress: 0,
    complete: 0,
    cancelled: 0,
    red: 0,
    amber: 0,
    green: 0,
    overdue: 0,
    dueSoon: 0,
    stale: 0,
  };
  const countable = r.total - r.cancelled;
  return {
    total: r.total,
    rag: { red: r.red, amber: r.amber, green: r.green, blue: r.complete },
    status: { notStarted: r.notStarted, inProgress: r.inProgress, complete: r.complete, cancelled: r.cancelled },
    overdue: r.overdue,
    dueSoon: r.dueSoon,
    stale: r.stale,
    percentComplete: countable > 0 ? Math.floor((r.complete * 100) / countable) : 0,
  };
}

/** What an action looks like in an audit row or a conflict answer: its fields and its links. */
async function actionSnapshot(actions: ActionRepository, scope: Scope, a: ActionEntity): Promise<Record<string, unknown>> {
  // One after another: inside a transaction the queries share one connection.
  const supporting = await actions.supportingAgencies(scope, [a.id]);
  const items = await actions.frameworkItems(scope, [a.id]);
  return {
    ...snapshot(a),
    supportingAgencyIds: supporting.map((s) => s.agencyId).sort(),
    frameworkItemIds: items.map((i) => i.frameworkItemId).sort(),
  };
}

/**
 * Sub-group work plans. The chair (or the secretariat) edits the plan; action owners and
 * the lead agency's people post progress; everyone else reads what visibility lets them.
 */
@Injectable()
export class WorkPlansService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mutations: MutationRunner,
    private readonly plans: WorkPlanRepository,
    private readonly objectives: ObjectiveRepository,
    private readonly actions: ActionRepository,
    private readonly updates: ActionUpdateRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly frameworkItems: FrameworkItemRepository,
    // Absent where the service runs without queues (the demo loader); the reminders' reconcile job catches up there.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  /** Asks the worker to re-plan an action's reminders once the change has committed. */
  private replanReminders(a: ActionEntity): Promise<void> {
    return requestReplan(this.reminders, a.partnershipId, 'ACTION', a.id, a.version);
  }

  get staleAfterDays(): number {
    return this.config.actionStaleAfterDays;
  }

  // ---- reads --------------------------------------------------------------------------

  listPlans(scope: Scope, args: WorkPlansArgs): Promise<ConnectionShape<WorkPlanEntity>> {
    return this.plans.list(scope, args.filter, args);
  }

  async plan(scope: Scope, id: string): Promise<WorkPlanEntity> {
    const p = await this.plans.findById(scope, id);
    if (!p) throw notFound('Work plan');
    return p;
  }

  listActions(scope: Scope, args: ActionsArgs): Promise<ConnectionShape<ActionEntity>> {
    const order = args.orderBy ?? { field: 'DUE_DATE', direction: 'ASC' };
    return this.actions.list(scope, args.filter, { field: order.field, direction: order.direction }, args, this.staleAfterDays);
  }

  async action(scope: Scope, id: string): Promise<ActionEntity> {
    const a = await this.actions.findById(scope, id);
    if (!a) throw notFound('Action');
    return a;
  }

  async summaries(scope: Scope, planIds: readonly string[]): Promise<Map<string, WorkPlanSummary>> {
    const rows = await this.actions.summaries(scope, planIds, this.staleAfterDays, DUE_SOON_DAYS);
    const byPlan = new Map(rows.map((r) => [r.workPlanId, r]));
    return new Map(planIds.map((id) => [id, toSummary(byPlan.get(id))]));
  }

  /** Each sub-group's active plan and its summary, for the partnership dashboard. */
  async dashboard(scope: Scope): Promise<Array<{ subGroupId: string; workPlan: WorkPlanEntity | null; summary: WorkPlanSummary | null }>> {
    const groups = (await this.subGroups.list(scope, undefined, { first: 100 })).edges.map((e) => e.node);
    const active = await this.plans.activeFor(
      scope,
      groups.map((g) => g.id),
    );
    const bySubGroup = new Map(active.map((p) => [p.subGroupId, p]));
    const summaries = await this.summaries(
      scope,
      active.map((p) => p.id),
    );
    return groups.map((g) => {
      const plan = bySubGroup.get(g.id) ?? null;
      return { subGroupId: g.id, workPlan: plan, summary: plan ? (summaries.get(plan.id) ?? null) : null };
    });
  }

  /** The actions this one was rolled forward from, newest first. */
  ancestry(scope: Scope, a: ActionEntity): Promise<ActionEntity[]> {
    return this.actions.ancestry(scope, a);
  }

  isStale(a: ActionEntity): boolean {
    if (a.status !== ActionStatus.NOT_STARTED && a.status !== ActionStatus.IN_PROGRESS) return false;
    const last = (a.lastUpdateAt ?? a.createdAt).getTime();
    return Date.now() - last > this.staleAfterDays * 86_400_000;
  }

  isOverdue(a: ActionEntity): boolean {
    return (a.status === ActionStatus.NOT_STARTED || a.status === ActionStatus.IN_PROGRESS) && a.dueDate < londonToday();
  }

  /** What the caller may do with an action, for the pages to show only the controls that will work. */
  permissions(scope: Scope, a: ActionEntity, plan: WorkPlanEntity | undefined): { canEdit: boolean; canUpdate: boolean } {
    const open = plan ? plan.status !== WorkPlanStatus.CLOSED : true;
    return {
      canEdit: open && AccessPolicy.canEditWorkPlan(scope.actor, a.subGroupId),
      canUpdate: open && AccessPolicy.canUpdateAction(scope.actor, a),
    };
  }

  // ---- plans --------------------------------------------------------------------------

  createPlan(scope: Scope, input: CreateWorkPlanInput): Promise<WorkPlanEntity> {
    return this.mutations.run(scope, 'workPlan.create', async (tx) => {
      const sg = await this.subGroups.findById(tx, input.subGroupId);
      if (!sg) throw fieldError('input.subGroupId', 'Choose a sub-group from this partnership.');
      AccessPolicy.assert(
        AccessPolicy.canEditWorkPlan(tx.actor, sg.id),
        'Only the sub-group’s chair or the board secretariat can create its work plan.',
      );
      assertPeriod(input.periodStart, input.periodEnd);
      const p = await this.plans.insert(tx, {
        subGroupId: sg.id,
        title: input.title,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        status: WorkPlanStatus.DRAFT,
        rolledFromPlanId: null,
      });
      return { result: p, audit: { entityType: 'WorkPlan', entityId: p.id, before: null, after: snapshot(p) } };
    });
  }

  updatePlan(scope: Scope, input: UpdateWorkPlanInput): Promise<WorkPlanEntity> {
    return this.mutations.run(scope, 'workPlan.update', async (tx) => {
      const p = await this.editablePlan(tx, input.id);
      const before = snapshot(p);
      if (input.title !== undefined) p.title = input.title;
      if (input.periodStart !== undefined) p.periodStart = input.periodStart;
      if (input.periodEnd !== undefined) p.periodEnd = input.periodEnd;
      assertPeriod(p.periodStart, p.periodEnd);
      const saved = await this.plans.save(tx, p);
      return { result: saved, audit: { entityType: 'WorkPlan', entityId: p.id, before, after: snapshot(saved) } };
    });
  }

  activatePlan(scope: Scope, id: string): Promise<WorkPlanEntity> {
    return reconciledAfter(
      this.reminders,
      scope.partnershipId,
      this.mutations.run(scope, 'workPlan.activate', async (tx) => {
        const p = await this.editablePlan(tx, id);
        if (p.status !== WorkPlanStatus.DRAFT) throw fieldError('input.workPlanId', 'Only a draft plan can be made active.');
        await this.subGroups.lockById(tx, p.subGroupId);
        const [current] = await this.plans.activeFor(tx, [p.subGroupId]);
        if (current) {
          throw fieldError(
            'input.workPlanId',
            `“${current.title}” is already the active plan for this sub-group. Close it, or roll it forward, first.`,
          );
        }
        const before = snapshot(p);
        p.status = WorkPlanStatus.ACTIVE;
        const saved = await this.plans.save(tx, p);
        return { result: saved, audit: { entityType: 'WorkPlan', entityId: p.id, before, after: snapshot(saved) } };
      }),
    );
  }

  closePlan(scope: Scope, id: string): Promise<WorkPlanEntity> {
    return reconciledAfter(
      this.reminders,
      scope.partnershipId,
      this.mutations.run(scope, 'workPlan.close', async (tx) => {
        const p = await this.editablePlan(tx, id);
        const before = snapshot(p);
        p.status = WorkPlanStatus.CLOSED;
        const saved = await this.plans.save(tx, p);
        return { result: saved, audit: { entityType: 'WorkPlan', entityId: p.id, before, after: snapshot(saved) } };
      }),
    );
  }

  /**
   * A new period's plan that starts with the old plan's open actions (and the objectives
   * they sit under). Each carried action links back to the one it came from, so its
   * history stays whole; the old plan keeps its record as it was.
   */
  rollForward(scope: Scope, input: RollForwardInput): Promise<WorkPlanEntity> {
    return reconciledAfter(
      this.reminders,
      scope.partnershipId,
      this.mutations.run(scope, 'workPlan.rollForward', async (tx) => {
        const old = await this.plans.lockById(tx, input.fromWorkPlanId);
        if (!old) throw notFound('Work plan');
        AccessPolicy.assert(
          AccessPolicy.canEditWorkPlan(tx.actor, old.subGroupId),
          'Only the sub-group’s chair or the board secretariat can roll its plan forward.',
        );
        if (old.status === WorkPlanStatus.DRAFT)
          throw fieldError('input.fromWorkPlanId', 'A draft plan cannot be rolled forward: edit it instead.');
        assertPeriod(input.periodStart, input.periodEnd);
        if (input.periodStart <= old.periodStart)
          throw fieldError('input.periodStart', 'The new period must start after the old one started.');
        const audit: AuditRecord[] = [];
        if (input.activate && old.status === WorkPlanStatus.ACTIVE) {
          const before = snapshot(old);
          old.status = WorkPlanStatus.CLOSED;
          await this.plans.save(tx, old);
          audit.push({ action: 'workPlan.close', entityType: 'WorkPlan', entityId: old.id, before, after: snapshot(old) });
        } else if (input.activate) {
          const [current] = await this.plans.activeFor(tx, [old.subGroupId]);
          if (current)
            throw fieldError(
              'input.activate',
              `“${current.title}” is already active. Roll that plan forward instead, or leave the new plan as a draft.`,
            );
        }
        const plan = await this.plans.insert(tx, {
          subGroupId: old.subGroupId,
          title: input.title,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          status: input.activate ? WorkPlanStatus.ACTIVE : WorkPlanStatus.DRAFT,
          rolledFromPlanId: old.id,
        });
        audit.unshift({ entityType: 'WorkPlan', entityId: plan.id, before: null, after: snapshot(plan) });
        const open = await this.actions.openInPlan(tx, old.id);
        const oldObjectives = await this.objectives.forPlans(tx, [old.id]);
        const objectiveMap = new Map<string, ObjectiveEntity>();
        for (const o of oldObjectives) {
          if (!open.some((a) => a.objectiveId === o.id)) continue;
          const copy = await this.objectives.insert(tx, {
            workPlanId: plan.id,
            title: o.title,
            description: o.description,
            position: objectiveMap.size + 1,
          });
          objectiveMap.set(o.id, copy);
          audit.push({ action: 'objective.create', entityType: 'Objective', entityId: copy.id, before: null, after: snapshot(copy) });
        }
        const supporting = await this.actions.supportingAgencies(
          tx,
          open.map((a) => a.id),
        );
        const tags = await this.actions.frameworkItems(
          tx,
          open.map((a) => a.id),
        );
        for (const a of open) {
          const carried = await this.actions.insert(tx, {
            workPlanId: plan.id,
            objectiveId: (objectiveMap.get(a.objectiveId) as ObjectiveEntity).id,
            subGroupId: a.subGroupId,
            title: a.title,
            description: a.description,
            ownerUserId: a.ownerUserId,
            leadAgencyId: a.leadAgencyId,
            startDate: a.startDate,
            dueDate: a.dueDate,
            status: a.status,
            rag: a.rag,
            successMeasure: a.successMeasure,
            visibility: a.visibility,
            restrictedUserIds: a.restrictedUserIds,
            version: 1,
            rolledFromActionId: a.id,
            lastUpdateAt: a.lastUpdateAt,
          });
          await this.actions.setSupportingAgencies(
            tx,
            carried.id,
            supporting.filter((s) => s.actionId === a.id).map((s) => s.agencyId),
          );
          await this.actions.setFrameworkItems(
            tx,
            carried.id,
            tags.filter((t) => t.actionId === a.id).map((t) => t.frameworkItemId),
          );
          audit.push({
            action: 'action.rollForward',
            entityType: 'Action',
            entityId: carried.id,
            before: null,
            after: await actionSnapshot(this.actions, tx, carried),
          });
        }
        return { result: plan, audit };
      }),
    );
  }

  // ---- objectives ---------------------------------------------------------------------

  createObjective(scope: Scope, input: CreateObjectiveInput): Promise<ObjectiveEntity> {
    return this.mutations.run(scope, 'objective.create', async (tx) => {
      const p = await this.editablePlan(tx, input.workPlanId, 'input.workPlanId');
      const { objective, audit } = await this.insertObjective(tx, p, input.title, input.description ?? '');
      return { result: objective, audit };
    });
  }

  /**
   * Adds an objective at the end of a plan already checked with editablePlan. Internal: for
   * createObjective and the CSV import, which record the audit entry it returns.
   */
  async insertObjective(
    tx: TxScope,
    plan: WorkPlanEntity,
    title: string,
    description: string,
  ): Promise<{ objective: ObjectiveEntity; audit: AuditRecord }> {
    const o = await this.objectives.insert(tx, {
      workPlanId: plan.id,
      title,
      description,
      position: await this.objectives.nextPosition(tx, plan.id),
    });
    return { objective: o, audit: { entityType: 'Objective', entityId: o.id, before: null, after: snapshot(o) } };
  }

  updateObjective(scope: Scope, input: UpdateObjectiveInput): Promise<ObjectiveEntity> {
    return this.mutations.run(scope, 'objective.update', async (tx) => {
      const o = await this.objectives.lockById(tx, input.id);
      if (!o) throw notFound('Objective');
      await this.editablePlan(tx, o.workPlanId);
      const before = snapshot(o);
      if (input.title !== undefined) o.title = input.title;
      if (input.description !== undefined) o.description = input.description;
      const audit: AuditRecord[] = [];
      if (input.position !== undefined && input.position !== o.position) {
        // Renumber the plan's objectives 1..n with this one at its new place.
        const siblings = (await this.objectives.forPlans(tx, [o.workPlanId])).filter((s) => s.id !== o.id);
        const at = Math.min(input.position, siblings.length + 1) - 1;
        siblings.splice(at, 0, o);
        for (const [i, s] of siblings.entries()) {
          if (s.id === o.id) continue;
          if (s.position !== i + 1) {
            const b = snapshot(s);
            s.position = i + 1;
            await this.objectives.save(tx, s);
            audit.push({ entityType: 'Objective', entityId: s.id, before: b, after: snapshot(s) });
          }
        }
        o.position = at + 1;
      }
      const saved = await this.objectives.save(tx, o);
      audit.unshift({ entityType: 'Objective', entityId: o.id, before, after: snapshot(saved) });
      return { result: saved, audit };
    });
  }

  // ---- actions ------------------------------------------------------------------------

  async createAction(scope: Scope, input: CreateActionInput): Promise<ActionEntity> {
    const a = await this.mutations.run(scope, 'action.create', async (tx) => {
      const o = await this.objectives.findById(tx, input.objectiveId);
      if (!o) throw fieldError('input.objectiveId', 'Choose an objective from this partnership.');
      const plan = await this.editablePlan(tx, o.workPlanId, 'input.objectiveId');
      const { action, audit } = await this.insertAction(tx, plan, o, input);
      return { result: action, audit };
    });
    await this.replanReminders(a);
    return a;
  }

  /**
   * Adds an action (with its supporting agencies and framework items) to an objective of a
   * plan already checked with editablePlan, after checking every record it names. Internal:
   * for createAction and the CSV import, which record the audit entry it returns.
   */
  async insertAction(
    tx: TxScope,
    plan: WorkPlanEntity,
    o: ObjectiveEntity,
    input: ActionFieldsInput,
  ): Promise<{ action: ActionEntity; audit: AuditRecord }> {
    const missing: Array<[keyof ActionFieldsInput, string]> = [
      ['title', 'Enter the action.'],
      ['ownerUserId', 'Choose an owner.'],
      ['leadAgencyId', 'Choose a lead agency.'],
      ['dueDate', 'Enter a due date.'],
    ];
    const blank = missing.filter(([k]) => input[k] === undefined || input[k] === null);
    if (blank.length) throw fieldError(`input.${blank[0][0]}`, blank[0][1]);
    await this.checkReferences(tx, input, null);
    assertDates(input.startDate ?? null, input.dueDate as string);
    const a = await this.actions.insert(tx, {
      workPlanId: plan.id,
      objectiveId: o.id,
      subGroupId: plan.subGroupId,
      title: input.title as string,
      description: input.description ?? '',
      ownerUserId: input.ownerUserId as string,
      leadAgencyId: input.leadAgencyId as string,
      startDate: input.startDate ?? null,
      dueDate: input.dueDate as string,
      status: input.status ?? ActionStatus.NOT_STARTED,
      rag: input.rag ?? Rag.GREEN,
      successMeasure: input.successMeasure ?? '',
      visibility: input.visibility ?? Visibility.PARTNERSHIP,
      restrictedUserIds: input.restrictedUserIds ?? [],
      version: 1,
      rolledFromActionId: null,
      lastUpdateAt: null,
    });
    await this.actions.setSupportingAgencies(tx, a.id, dedupe(input.supportingAgencyIds ?? []));
    await this.actions.setFrameworkItems(tx, a.id, dedupe(input.frameworkItemIds ?? []));
    return { action: a, audit: { entityType: 'Action', entityId: a.id, before: null, after: await actionSnapshot(this.actions, tx, a) } };
  }

  async updateAction(scope: Scope, input: UpdateActionInput): Promise<ActionEntity> {
    const a = await this.mutations.run(scope, 'action.update', async (tx) => {
      const a = await this.actions.lockById(tx, input.id);
      if (!a) throw notFound('Action');
      const plan = await this.plans.findById(tx, a.workPlanId);
      AccessPolicy.assert(
        AccessPolicy.canEditWorkPlan(tx.actor, a.subGroupId),
        'Only the sub-group’s chair or the board secretariat can edit this action. You can add a progress update if it is yours or your agency leads it.',
      );
      assertOpenPlan(plan);
      const before = await actionSnapshot(this.actions, tx, a);
      if (input.version !== a.version)
        throw conflict(
          'Someone else changed this action since you opened it. Check the current details and make your change again.',
          before,
        );
      if (input.objectiveId !== undefined && input.objectiveId !== a.objectiveId) {
        const o = await this.objectives.findById(tx, input.objectiveId);
        if (!o || o.workPlanId !== a.workPlanId) throw fieldError('input.objectiveId', 'Choose an objective from the same plan.');
        a.objectiveId = o.id;
      }
      await this.checkReferences(tx, input, a);
      if (input.title !== undefined) a.title = input.title;
      if (input.description !== undefined) a.description = input.description;
      if (input.ownerUserId !== undefined) a.ownerUserId = input.ownerUserId;
      if (input.leadAgencyId !== undefined) a.leadAgencyId = input.leadAgencyId;
      if (input.startDate !== undefined) a.startDate = input.startDate;
      if (input.dueDate !== undefined) a.dueDate = input.dueDate;
      if (input.status !== undefined) a.status = input.status;
      if (input.rag !== undefined) a.rag = input.rag;
      if (input.successMeasure !== undefined) a.successMeasure = input.successMeasure;
      if (input.visibility !== undefined) a.visibility = input.visibility;
      if (input.restrictedUserIds !== undefined) a.restrictedUserIds = dedupe(input.restrictedUserIds);
      assertDates(a.startDate, a.dueDate);
      a.version += 1;
      const saved = await this.actions.save(tx, a);
      if (input.supportingAgencyIds !== undefined) await this.actions.setSupportingAgencies(tx, a.id, dedupe(input.supportingAgencyIds));
      if (input.frameworkItemIds !== undefined) await this.actions.setFrameworkItems(tx, a.id, dedupe(input.frameworkItemIds));
      return {
        result: saved,
        audit: { entityType: 'Action', entityId: a.id, before, after: await actionSnapshot(this.actions, tx, saved) },
      };
    });
    await this.replanReminders(a);
    return a;
  }

  async postUpdate(scope: Scope, input: PostActionUpdateInput): Promise<{ action: ActionEntity; update: ActionUpdateEntity }> {
    const r = await this.mutations.run(scope, 'action.postUpdate', async (tx) => {
      const a = await this.actions.lockById(tx, input.actionId);
      if (!a) throw notFound('Action');
      AccessPolicy.assert(
        AccessPolicy.canUpdateAction(tx.actor, a),
        'Only the action’s owner, its lead agency, the sub-group’s chair or the board secretariat can update it.',
      );
      assertOpenPlan(await this.plans.findById(tx, a.workPlanId));
      const before = await actionSnapshot(this.actions, tx, a);
      if (input.version !== a.version)
        throw conflict('Someone else updated this action since you opened it. Check the latest update and post yours again.', before);
      const today = londonToday();
      const updateDate = input.updateDate ?? today;
      if (updateDate > today) throw fieldError('input.updateDate', 'The date of the update must be today or in the past.');
      const update = await this.updates.insert(tx, {
        actionId: a.id,
        authorUserId: tx.actor.userId as string,
        updateDate,
        narrative: input.narrative,
        status: input.status,
        rag: input.rag,
      });
      a.status = input.status;
      a.rag = input.rag;
      a.lastUpdateAt = new Date();
      a.version += 1;
      const saved = await this.actions.save(tx, a);
      return {
        result: { action: saved, update },
        audit: [
          { entityType: 'ActionUpdate', entityId: update.id, before: null, after: snapshot(update) },
          { action: 'action.update', entityType: 'Action', entityId: a.id, before, after: await actionSnapshot(this.actions, tx, saved) },
        ],
      };
    });
    await this.replanReminders(r.action);
    return r;
  }

  // ---- helpers ------------------------------------------------------------------------

  /** A plan the caller may edit and that is not closed, locked for the rest of the transaction. */
  async editablePlan(tx: TxScope, id: string, path?: string): Promise<WorkPlanEntity> {
    const p = await this.plans.lockById(tx, id);
    if (!p) {
      if (path) throw fieldError(path, 'Choose a work plan from this partnership.');
      throw notFound('Work plan');
    }
    AccessPolicy.assert(
      AccessPolicy.canEditWorkPlan(tx.actor, p.subGroupId),
      'Only the sub-group’s chair or the board secretariat can change its work plan.',
    );
    assertOpenPlan(p);
    return p;
  }

  /** Every id an action names must be a live record of this partnership. */
  private async checkReferences(tx: TxScope, input: ActionFieldsInput, current: ActionEntity | null): Promise<void> {
    if (input.ownerUserId !== undefined && input.ownerUserId !== current?.ownerUserId) {
      const u = await this.users.findById(tx, input.ownerUserId);
      if (!u) throw fieldError('input.ownerUserId', 'Choose an owner from this partnership.');
      if (u.status === UserStatus.DEACTIVATED) throw fieldError('input.ownerUserId', `${u.name} is deactivated: choose someone else.`);
    }
    const agencyIds = dedupe([...(input.leadAgencyId ? [input.leadAgencyId] : []), ...(input.supportingAgencyIds ?? [])]);
    if (agencyIds.length) {
      const found = new Set((await this.agencies.findByIds(tx, agencyIds)).map((a) => a.id));
      if (input.leadAgencyId && !found.has(input.leadAgencyId))
        throw fieldError('input.leadAgencyId', 'Choose a lead agency from this partnership.');
      if (agencyIds.some((id) => !found.has(id)))
        throw fieldError('input.supportingAgencyIds', 'Choose supporting agencies from this partnership.');
    }
    if (input.frameworkItemIds?.length) {
      const ids = dedupe(input.frameworkItemIds);
      const already = current ? (await this.actions.frameworkItems(tx, [current.id])).map((l) => l.frameworkItemId) : [];
      await assertChoosableItems(
        this.frameworkItems,
        tx,
        ids,
        already,
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );
    }
    if (input.restrictedUserIds?.length) {
      const ids = dedupe(input.restrictedUserIds);
      if ((await this.users.findByIds(tx, ids)).length !== ids.length)
        throw fieldError('input.restrictedUserIds', 'Choose people from this partnership.');
    }
    const visibility = input.visibility ?? current?.visibility;
    const restricted = input.restrictedUserIds ?? current?.restrictedUserIds ?? [];
    if (visibility === Visibility.RESTRICTED && !restricted.length) {
      throw fieldError('input.restrictedUserIds', 'Name at least one person who can see a restricted action.');
    }
  }
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function assertPeriod(start: string, end: string): void {
  if (end < start) throw fieldError('input.periodEnd', 'The end of the period must be the same as or after its start.');
}

function assertDates(start: string | null, due: string): void {
  if (start && due < start) throw fieldError('input.dueDate', 'The due date must be the same as or after the start date.');
}

function assertOpenPlan(plan: WorkPlanEntity | null): void {
  if (plan?.status === WorkPlanStatus.CLOSED)
    throw forbidden('This work plan is closed. Its record stays as it was; roll it forward to carry on the work.');
}
