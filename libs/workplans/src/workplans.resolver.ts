import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy, byKey, Ctx, CurrentScope, type GqlContext, grouped } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgencyRepository, AgencyType, type AgencyEntity, type UserEntity, UserRepository, UserType } from '@pbw/identity';
import { type SubGroupEntity, SubGroupRepository, SubGroupType } from '@pbw/boards';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType } from '@pbw/frameworks';
import {
  ActionConnection,
  ActionsArgs,
  ActionType,
  ActionUpdateType,
  CreateActionInput,
  CreateObjectiveInput,
  CreateWorkPlanInput,
  ObjectiveType,
  PostActionUpdateInput,
  RollForwardInput,
  SubGroupDashboardRowType,
  UpdateActionInput,
  UpdateObjectiveInput,
  UpdateWorkPlanInput,
  WorkPlanConnection,
  WorkPlanIdInput,
  WorkPlansArgs,
  WorkPlanSummaryType,
  WorkPlanType,
} from './workplans.dto';
import {
  type ActionEntity,
  type ActionUpdateEntity,
  ActionStatus,
  DisplayRag,
  type ObjectiveEntity,
  type WorkPlanEntity,
  WorkPlanStatus,
} from './workplans.entities';
import { ActionRepository, ActionUpdateRepository, ObjectiveRepository, WorkPlanRepository } from './workplans.repositories';
import { type WorkPlanSummary, WorkPlansService } from './workplans.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Record') });

/** The per-request loaders every work plan resolver uses, so a list asks once per relation. */
class Loaders {
  constructor(
    private readonly repos: {
      plans: WorkPlanRepository;
      objectives: ObjectiveRepository;
      actions: ActionRepository;
      updates: ActionUpdateRepository;
      users: UserRepository;
      agencies: AgencyRepository;
      subGroups: SubGroupRepository;
      items: FrameworkItemRepository;
      service: WorkPlansService;
    },
  ) {}

  plan = (c: GqlContext, s: Scope) =>
    c.loaders.get<WorkPlanEntity | null>('wp.plan', async (ids) => byKey(await this.repos.plans.findByIds(s, ids), (p) => p.id), null);
  objective = (c: GqlContext, s: Scope) =>
    c.loaders.get<ObjectiveEntity | null>(
      'wp.objective',
      async (ids) => byKey(await this.repos.objectives.findByIds(s, ids), (o) => o.id),
      null,
    );
  objectivesByPlan = (c: GqlContext, s: Scope) =>
    c.loaders.get<ObjectiveEntity[]>(
      'wp.objectivesByPlan',
      async (ids) => grouped(await this.repos.objectives.forPlans(s, ids), (o) => o.workPlanId),
      [],
    );
  actionsByObjective = (c: GqlContext, s: Scope) =>
    c.loaders.get<ActionEntity[]>(
      'wp.actionsByObjective',
      async (ids) => grouped(await this.repos.actions.forObjectives(s, ids), (a) => a.objectiveId),
      [],
    );
  updatesByAction = (c: GqlContext, s: Scope) =>
    c.loaders.get<ActionUpdateEntity[]>(
      'wp.updatesByAction',
      async (ids) => grouped(await this.repos.updates.forActions(s, ids), (u) => u.actionId),
      [],
    );
  user = (c: GqlContext, s: Scope) =>
    c.loaders.get<UserEntity | null>('userById', async (ids) => byKey(await this.repos.users.findByIds(s, ids), (u) => u.id), null);
  agency = (c: GqlContext, s: Scope) =>
    c.loaders.get<AgencyEntity | null>('agencyById', async (ids) => byKey(await this.repos.agencies.findByIds(s, ids), (a) => a.id), null);
  subGroup = (c: GqlContext, s: Scope) =>
    c.loaders.get<SubGroupEntity | null>(
      'subGroupById',
      async (ids) => byKey(await this.repos.subGroups.findByIds(s, ids), (g) => g.id),
      null,
    );
  supporting = (c: GqlContext, s: Scope) =>
    c.loaders.get<string[]>(
      'wp.supportingByAction',
      async (ids) => {
        const m = grouped(await this.repos.actions.supportingAgencies(s, ids), (l) => l.actionId);
        return new Map([...m].map(([k, v]) => [k, v.map((l) => l.agencyId)]));
      },
      [],
    );
  tags = (c: GqlContext, s: Scope) =>
    c.loaders.get<string[]>(
      'wp.itemsByAction',
      async (ids) => {
        const m = grouped(await this.repos.actions.frameworkItems(s, ids), (l) => l.actionId);
        return new Map([...m].map(([k, v]) => [k, v.map((l) => l.frameworkItemId)]));
      },
      [],
    );
  item = (c: GqlContext, s: Scope) =>
    c.loaders.get<FrameworkItemEntity | null>(
      'frameworkItemById',
      async (ids) => byKey(await this.repos.items.findByIds(s, ids), (i) => i.id),
      null,
    );
  summary = (c: GqlContext, s: Scope) =>
    c.loaders.get<WorkPlanSummary | null>('wp.summary', (ids) => this.repos.service.summaries(s, ids), null);
  activePlanBySubGroup = (c: GqlContext, s: Scope) =>
    c.loaders.get<WorkPlanEntity | null>(
      'wp.activeBySubGroup',
      async (ids) => byKey(await this.repos.plans.activeFor(s, ids), (p) => p.subGroupId),
      null,
    );
}

/** Decorated so its constructor's types are recorded for Nest to inject into every subclass. */
@Injectable()
abstract class WithLoaders {
  protected readonly l: Loaders;
  constructor(
    protected readonly service: WorkPlansService,
    plans: WorkPlanRepository,
    objectives: ObjectiveRepository,
    actions: ActionRepository,
    updates: ActionUpdateRepository,
    users: UserRepository,
    agencies: AgencyRepository,
    subGroups: SubGroupRepository,
    items: FrameworkItemRepository,
  ) {
    this.l = new Loaders({ plans, objectives, actions, updates, users, agencies, subGroups, items, service });
  }
}

@ObjectType()
export class PostActionUpdateResult {
  @Field(() => ActionType) action: ActionType;
  @Field(() => ActionUpdateType) update: ActionUpdateType;
}

@Resolver(() => WorkPlanType)
export class WorkPlanResolver extends WithLoaders {
  @Query(() => WorkPlanConnection, { description: 'Work plans, newest period first.' })
  workPlans(@CurrentScope() scope: Scope, @Args() args: WorkPlansArgs) {
    return this.service.listPlans(scope, args);
  }

  @Query(() => WorkPlanType)
  workPlan(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.plan(scope, id);
  }

  @Query(() => [SubGroupDashboardRowType], { description: 'Each sub-group’s active plan with its counts: the partnership dashboard.' })
  partnershipDashboard(@CurrentScope() scope: Scope) {
    return this.service.dashboard(scope);
  }

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() p: WorkPlanEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(p.subGroupId);
  }

  @ResolveField(() => [ObjectiveType], { description: 'In their order.' })
  objectives(@Parent() p: WorkPlanEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.objectivesByPlan(c, s).load(p.id);
  }

  @ResolveField(() => WorkPlanSummaryType)
  summary(@Parent() p: WorkPlanEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.summary(c, s).load(p.id);
  }

  @ResolveField(() => ActionConnection, {
    description: 'The plan’s actions with filters and sorting (the filter’s workPlanId is this plan).',
  })
  actions(@Parent() p: WorkPlanEntity, @CurrentScope() s: Scope, @Args() args: ActionsArgs) {
    return this.service.listActions(s, { ...args, filter: { ...args.filter, workPlanId: p.id } });
  }

  @ResolveField(() => Boolean, { description: 'Whether you may edit this plan (its objectives and actions).' })
  canEdit(@Parent() p: WorkPlanEntity, @CurrentScope() s: Scope) {
    return p.status !== WorkPlanStatus.CLOSED && AccessPolicy.canEditWorkPlan(s.actor, p.subGroupId);
  }

  @Mutation(() => WorkPlanType, { description: 'A new draft plan for a sub-group.' })
  createWorkPlan(@CurrentScope() scope: Scope, @Args('input') input: CreateWorkPlanInput) {
    return this.service.createPlan(scope, input);
  }

  @Mutation(() => WorkPlanType)
  updateWorkPlan(@CurrentScope() scope: Scope, @Args('input') input: UpdateWorkPlanInput) {
    return this.service.updatePlan(scope, input);
  }

  @Mutation(() => WorkPlanType, { description: 'Makes a draft plan the sub-group’s active plan (one at a time).' })
  activateWorkPlan(@CurrentScope() scope: Scope, @Args('input') input: WorkPlanIdInput) {
    return this.service.activatePlan(scope, input.workPlanId);
  }

  @Mutation(() => WorkPlanType)
  closeWorkPlan(@CurrentScope() scope: Scope, @Args('input') input: WorkPlanIdInput) {
    return this.service.closePlan(scope, input.workPlanId);
  }

  @Mutation(() => WorkPlanType, {
    description: 'Starts the next period’s plan with the open actions of this one, linked to their history.',
  })
  rollForwardWorkPlan(@CurrentScope() scope: Scope, @Args('input') input: RollForwardInput) {
    return this.service.rollForward(scope, input);
  }
}

@Resolver(() => ObjectiveType)
export class ObjectiveResolver extends WithLoaders {
  @ResolveField(() => [ActionType], { description: 'The objective’s actions you may see, by due date.' })
  actions(@Parent() o: ObjectiveEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.actionsByObjective(c, s).load(o.id);
  }

  @Mutation(() => ObjectiveType)
  createObjective(@CurrentScope() scope: Scope, @Args('input') input: CreateObjectiveInput) {
    return this.service.createObjective(scope, input);
  }

  @Mutation(() => ObjectiveType)
  updateObjective(@CurrentScope() scope: Scope, @Args('input') input: UpdateObjectiveInput) {
    return this.service.updateObjective(scope, input);
  }
}

@Resolver(() => ActionType)
export class ActionResolver extends WithLoaders {
  @Query(() => ActionConnection, {
    description: 'Actions across plans: filter for "my actions", "my agency’s actions", overdue, due soon, stale and more.',
  })
  actions(@CurrentScope() scope: Scope, @Args() args: ActionsArgs) {
    return this.service.listActions(scope, args);
  }

  @Query(() => ActionType)
  action(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.action(scope, id);
  }

  @ResolveField(() => DisplayRag, { description: 'The RAG to show: BLUE when complete.' })
  displayRag(@Parent() a: ActionEntity): DisplayRag {
    return a.status === ActionStatus.COMPLETE ? DisplayRag.BLUE : (a.rag as unknown as DisplayRag);
  }

  @ResolveField(() => Boolean, { description: 'Open and past its due date.' })
  isOverdue(@Parent() a: ActionEntity) {
    return this.service.isOverdue(a);
  }

  @ResolveField(() => Boolean, { description: 'Open with no progress update for the configured number of days.' })
  isStale(@Parent() a: ActionEntity) {
    return this.service.isStale(a);
  }

  @ResolveField(() => Boolean, { description: 'Whether you may edit the action’s details.' })
  async canEdit(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.service.permissions(s, a, (await this.l.plan(c, s).load(a.workPlanId)) ?? undefined).canEdit;
  }

  @ResolveField(() => Boolean, { description: 'Whether you may post a progress update.' })
  async canUpdate(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.service.permissions(s, a, (await this.l.plan(c, s).load(a.workPlanId)) ?? undefined).canUpdate;
  }

  @ResolveField(() => WorkPlanType)
  workPlan(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.plan(c, s).load(a.workPlanId);
  }

  @ResolveField(() => ObjectiveType)
  objective(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.objective(c, s).load(a.objectiveId);
  }

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(a.subGroupId);
  }

  @ResolveField(() => UserType)
  owner(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(c, s).load(a.ownerUserId);
  }

  @ResolveField(() => AgencyType)
  leadAgency(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.agency(c, s).load(a.leadAgencyId);
  }

  @ResolveField(() => [AgencyType])
  async supportingAgencies(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    const ids = await this.l.supporting(c, s).load(a.id);
    return (await this.l.agency(c, s).loadMany(ids)).filter((x): x is AgencyEntity => !!x && !(x instanceof Error));
  }

  @ResolveField(() => [FrameworkItemType])
  async frameworkItems(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    const ids = await this.l.tags(c, s).load(a.id);
    return (await this.l.item(c, s).loadMany(ids)).filter((x): x is FrameworkItemEntity => !!x && !(x instanceof Error));
  }

  @ResolveField(() => [ActionUpdateType], { description: 'Every progress update, oldest first.' })
  updates(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.updatesByAction(c, s).load(a.id);
  }

  @ResolveField(() => ActionUpdateType, { nullable: true })
  async latestUpdate(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    const all = await this.l.updatesByAction(c, s).load(a.id);
    return all.length ? all[all.length - 1] : null;
  }

  @ResolveField(() => [ActionUpdateType], {
    description: 'Updates from the earlier periods this action was rolled forward from, oldest first.',
  })
  async earlierUpdates(@Parent() a: ActionEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    if (!a.rolledFromActionId) return [];
    const chain = await this.service.ancestry(s, a);
    const lists = await this.l.updatesByAction(c, s).loadMany(chain.map((x) => x.id).reverse());
    return lists.flatMap((x) => (x instanceof Error ? [] : x));
  }

  @Mutation(() => ActionType)
  createAction(@CurrentScope() scope: Scope, @Args('input') input: CreateActionInput) {
    return this.service.createAction(scope, input);
  }

  @Mutation(() => ActionType, {
    description: 'Edits an action; send the version you read. A stale version answers CONFLICT with the current values.',
  })
  updateAction(@CurrentScope() scope: Scope, @Args('input') input: UpdateActionInput) {
    return this.service.updateAction(scope, input);
  }

  @Mutation(() => PostActionUpdateResult, { description: 'Posts a dated progress update, setting the action’s status and RAG.' })
  postActionUpdate(@CurrentScope() scope: Scope, @Args('input') input: PostActionUpdateInput) {
    return this.service.postUpdate(scope, input);
  }
}

@Resolver(() => ActionUpdateType)
export class ActionUpdateResolver extends WithLoaders {
  @ResolveField(() => UserType)
  author(@Parent() u: ActionUpdateEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(c, s).load(u.authorUserId);
  }
}

@Resolver(() => SubGroupType)
export class SubGroupWorkPlanResolver extends WithLoaders {
  @ResolveField(() => WorkPlanType, { nullable: true, description: 'The sub-group’s active work plan.' })
  activeWorkPlan(@Parent() g: SubGroupEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.activePlanBySubGroup(c, s).load(g.id);
  }
}

@Resolver(() => SubGroupDashboardRowType)
export class DashboardRowResolver extends WithLoaders {
  @ResolveField(() => SubGroupType)
  subGroup(@Parent() r: { subGroupId: string }, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return this.l.subGroup(c, s).load(r.subGroupId);
  }
}
