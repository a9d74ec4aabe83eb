import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKey, Ctx, CurrentScope, type GqlContext, grouped, present } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { type UserEntity, UserRepository, UserType } from '@pbw/identity';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType, FrameworkRepository, FrameworkType } from '@pbw/frameworks';
import { type EvidenceEntity, EvidenceRepository, EvidenceType } from '@pbw/evidence';
import { type ActionEntity, ActionRepository, ActionType } from '@pbw/workplans';
import { type CommitmentEntity, CommitmentRepository, CommitmentType } from '@pbw/commitments';
import { type IndicatorEntity, IndicatorRepository, IndicatorType } from '@pbw/performance';
import {
  CoverageArgs,
  CoverageRowType,
  CoverageType,
  SaveSelfAssessmentInput,
  SelfAssessmentsArgs,
  SelfAssessmentType,
} from './principles.dto';
import { PrinciplesService } from './principles.service';
import type { SelfAssessmentEntity } from './self-assessment.entities';
import { type LinkKind, SelfAssessmentRepository } from './self-assessment.repository';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Self-assessment') });

/** Links and relations of self-assessments, each kind loaded once per request through the reader's own visibility. */
@Injectable()
export class PrinciplesLoaders {
  constructor(
    private readonly service: PrinciplesService,
    private readonly users: UserRepository,
    private readonly items: FrameworkItemRepository,
    private readonly evidence: EvidenceRepository,
    private readonly actions: ActionRepository,
    private readonly commitments: CommitmentRepository,
    private readonly indicators: IndicatorRepository,
    private readonly assessments: SelfAssessmentRepository,
  ) {}

  user = (c: GqlContext, s: Scope) =>
    c.loaders.get<UserEntity | null>('userById', async (ids) => byKey(await this.users.findByIds(s, ids), (u) => u.id), null);
  item = (c: GqlContext, s: Scope) =>
    c.loaders.get<FrameworkItemEntity | null>(
      'frameworkItemById',
      async (ids) => byKey(await this.items.findByIds(s, ids), (i) => i.id),
      null,
    );
  assessment = (c: GqlContext, s: Scope) =>
    c.loaders.get<SelfAssessmentEntity | null>(
      'selfAssessmentById',
      async (ids) => byKey(await this.assessments.findByIds(s, ids), (a) => a.id),
      null,
    );
  links = (c: GqlContext, s: Scope, kind: LinkKind) =>
    c.loaders.get<string[]>(
      `sa.${kind}`,
      async (ids) =>
        new Map([...grouped(await this.service.linked(s, kind, ids), (l) => l.selfAssessmentId)].map(([k, v]) => [k, v.map((l) => l.id)])),
      [],
    );
  evidenceById = (c: GqlContext, s: Scope) =>
    c.loaders.get<EvidenceEntity | null>('sa.evidenceById', async (ids) => byKey(await this.evidence.findByIds(s, ids), (e) => e.id), null);
  actionById = (c: GqlContext, s: Scope) =>
    c.loaders.get<ActionEntity | null>('sa.actionById', async (ids) => byKey(await this.actions.findByIds(s, ids), (a) => a.id), null);
  commitmentById = (c: GqlContext, s: Scope) =>
    c.loaders.get<CommitmentEntity | null>(
      'sa.commitmentById',
      async (ids) => byKey(await this.commitments.findByIds(s, ids), (x) => x.id),
      null,
    );
  indicatorById = (c: GqlContext, s: Scope) =>
    c.loaders.get<IndicatorEntity | null>(
      'sa.indicatorById',
      async (ids) => byKey(await this.indicators.findByIds(s, ids), (x) => x.id),
      null,
    );
}

@Resolver(() => SelfAssessmentType)
export class SelfAssessmentResolver {
  constructor(
    private readonly service: PrinciplesService,
    private readonly l: PrinciplesLoaders,
  ) {}

  @Query(() => [SelfAssessmentType], { description: 'The self-assessments of a financial year, optionally of one framework’s items.' })
  selfAssessments(@CurrentScope() scope: Scope, @Args() args: SelfAssessmentsArgs) {
    return this.service.list(scope, args.period, args.frameworkId ?? undefined);
  }

  @Query(() => SelfAssessmentType)
  selfAssessment(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @Mutation(() => SelfAssessmentType, {
    description: 'Writes the self-assessment of a principle for a financial year (secretariat): new, or changed with the version read.',
  })
  saveSelfAssessment(@CurrentScope() scope: Scope, @Args('input') input: SaveSelfAssessmentInput) {
    return this.service.save(scope, input);
  }

  @ResolveField(() => FrameworkItemType, { description: 'The principle (or framework item) assessed.' })
  frameworkItem(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.item(ctx, s).load(a.frameworkItemId);
  }

  @ResolveField(() => UserType)
  updatedBy(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(ctx, s).load(a.updatedByUserId);
  }

  @ResolveField(() => [EvidenceType], { description: 'The evidence behind it that you may see.' })
  async evidence(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.evidenceById(ctx, s).loadMany(await this.l.links(ctx, s, 'evidence').load(a.id)));
  }

  @ResolveField(() => [ActionType], { description: 'The actions behind it that you may see.' })
  async actions(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.actionById(ctx, s).loadMany(await this.l.links(ctx, s, 'actions').load(a.id)));
  }

  @ResolveField(() => [CommitmentType], { description: 'The commitments behind it that you may see.' })
  async commitments(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.commitmentById(ctx, s).loadMany(await this.l.links(ctx, s, 'commitments').load(a.id)));
  }

  @ResolveField(() => [IndicatorType], { description: 'The indicators behind it.' })
  async indicators(@Parent() a: SelfAssessmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.indicatorById(ctx, s).loadMany(await this.l.links(ctx, s, 'indicators').load(a.id)));
  }
}

@Resolver(() => CoverageType)
export class CoverageResolver {
  constructor(
    private readonly service: PrinciplesService,
    private readonly frameworks: FrameworkRepository,
  ) {}

  @Query(() => CoverageType, {
    description:
      'Each item of a framework (the statutory principles unless another is named) against the active actions by RAG, the commitments, ' +
      'the evidence submitted in the financial year (or from..to, London days) and the indicators; an item with no active action or no evidence is flagged. Counts are of what you may see.',
  })
  coverage(@CurrentScope() scope: Scope, @Args() args: CoverageArgs) {
    return this.service.coverage(scope, args);
  }

  @ResolveField(() => FrameworkType)
  framework(@Parent() c: CoverageType, @CurrentScope() s: Scope) {
    return this.frameworks.findById(s, c.frameworkId);
  }
}

@Resolver(() => CoverageRowType)
export class CoverageRowResolver {
  constructor(private readonly l: PrinciplesLoaders) {}

  @ResolveField(() => FrameworkItemType)
  frameworkItem(@Parent() r: CoverageRowType, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.item(ctx, s).load(r.frameworkItemId);
  }

  @ResolveField(() => SelfAssessmentType, { nullable: true, description: 'The year’s self-assessment of this item, if written.' })
  selfAssessment(@Parent() r: CoverageRowType, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return r.selfAssessmentId ? this.l.assessment(ctx, s).load(r.selfAssessmentId) : null;
  }
}
