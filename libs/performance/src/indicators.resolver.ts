import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKey, Ctx, CurrentScope, type GqlContext, grouped, present } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { type SubGroupEntity, SubGroupRepository, SubGroupType } from '@pbw/boards';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType } from '@pbw/frameworks';
import {
  CreateIndicatorInput,
  ImportIndicatorValuesInput,
  IndicatorImportResultType,
  IndicatorPeriodType,
  IndicatorType,
  RecordIndicatorValueInput,
  ScorecardRowType,
  UpdateIndicatorInput,
} from './indicators.dto';
import type { IndicatorEntity } from './indicators.entities';
import { IndicatorsService } from './indicators.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Indicator') });
const optionalSubGroup = new ParseUUIDPipe({ optional: true, exceptionFactory: () => notFound('Sub-group') });

/** Relations of indicators, loaded once per request whatever the scorecard's length. */
@Injectable()
export class IndicatorLoaders {
  constructor(
    private readonly service: IndicatorsService,
    private readonly subGroups: SubGroupRepository,
    private readonly items: FrameworkItemRepository,
  ) {}

  subGroup = (c: GqlContext, s: Scope) =>
    c.loaders.get<SubGroupEntity | null>('subGroupById', async (ids) => byKey(await this.subGroups.findByIds(s, ids), (g) => g.id), null);
  item = (c: GqlContext, s: Scope) =>
    c.loaders.get<FrameworkItemEntity | null>(
      'frameworkItemById',
      async (ids) => byKey(await this.items.findByIds(s, ids), (i) => i.id),
      null,
    );
  itemIds = (c: GqlContext, s: Scope) =>
    c.loaders.get<string[]>(
      'ind.itemIds',
      async (ids) =>
        new Map(
          [...grouped(await this.service.frameworkItemLinks(s, ids), (l) => l.indicatorId)].map(([k, v]) => [
            k,
            v.map((l) => l.frameworkItemId),
          ]),
        ),
      [],
    );
}

@Resolver(() => IndicatorType)
export class IndicatorResolver {
  constructor(
    private readonly service: IndicatorsService,
    private readonly l: IndicatorLoaders,
  ) {}

  @Query(() => [IndicatorType], { description: 'The scorecard’s indicators in code order; retired ones only when asked.' })
  indicators(@CurrentScope() scope: Scope, @Args('includeRetired', { type: () => Boolean, nullable: true }) includeRetired?: boolean) {
    return this.service.list(scope, { includeRetired: includeRetired ?? false });
  }

  @Query(() => IndicatorType)
  indicator(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @Query(() => [ScorecardRowType], {
    description:
      'Each current indicator’s latest figure, RAG, trend and comparators, with its series for a chart; optionally one sub-group’s.',
  })
  scorecard(@CurrentScope() scope: Scope, @Args('subGroupId', { type: () => ID, nullable: true }, optionalSubGroup) subGroupId?: string) {
    return this.service.scorecard(scope, subGroupId ?? undefined);
  }

  @ResolveField(() => SubGroupType, { nullable: true, description: 'The sub-group that owns it.' })
  subGroup(@Parent() i: IndicatorEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return i.subGroupId ? this.l.subGroup(ctx, s).load(i.subGroupId) : null;
  }

  @ResolveField(() => [FrameworkItemType])
  async frameworkItems(@Parent() i: IndicatorEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.item(ctx, s).loadMany(await this.l.itemIds(ctx, s).load(i.id)));
  }

  @ResolveField(() => [IndicatorPeriodType], { description: 'Every period, oldest first.' })
  series(@Parent() i: IndicatorEntity, @CurrentScope() s: Scope) {
    return this.service.series(s, i);
  }

  @ResolveField(() => Boolean, { description: 'Whether you may record its figures and commentary.' })
  canRecord(@Parent() i: IndicatorEntity, @CurrentScope() s: Scope) {
    return IndicatorsService.canRecord(s.actor, i);
  }

  @Mutation(() => IndicatorType, { description: 'Adds an indicator to the scorecard (secretariat).' })
  createIndicator(@CurrentScope() scope: Scope, @Args('input') input: CreateIndicatorInput) {
    return this.service.create(scope, input);
  }

  @Mutation(() => IndicatorType, { description: 'Changes or retires an indicator (secretariat); send the version you read.' })
  updateIndicator(@CurrentScope() scope: Scope, @Args('input') input: UpdateIndicatorInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => IndicatorType, {
    description:
      'Records one figure (ours or a comparator’s) for one period, with commentary: the secretariat or the chair of its sub-group.',
  })
  recordIndicatorValue(@CurrentScope() scope: Scope, @Args('input') input: RecordIndicatorValueInput) {
    return this.service.recordValue(scope, input);
  }

  @Mutation(() => IndicatorImportResultType, {
    description:
      'Imports figures from CSV in the shape published statistics use (secretariat). A dry run (the default) checks every row and writes nothing; ' +
      'otherwise the figures are written, in one go, only when every row is valid. Suppression markers are stored as missing, never as zero.',
  })
  importIndicatorValues(@CurrentScope() scope: Scope, @Args('input') input: ImportIndicatorValuesInput) {
    return this.service.importValues(scope, input);
  }
}
