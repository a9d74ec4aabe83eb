import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, Field, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKey, Ctx, CurrentScope, type GqlContext, grouped, present, Public } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgencyRepository, AgencyType, type AgencyEntity, type UserEntity, UserRepository, UserType } from '@pbw/identity';
import { type SubGroupEntity, SubGroupRepository, SubGroupType } from '@pbw/boards';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType } from '@pbw/frameworks';
import {
  AgencyCommitmentSummaryType,
  CommitmentConnection,
  CommitmentsArgs,
  CommitmentType,
  CommitmentUpdateType,
  CreateCommitmentInput,
  LocalOfferPreviewType,
  LocalOfferVersionType,
  PostCommitmentUpdateInput,
  ProgressType,
  PublicLocalOfferType,
  PublishLocalOfferInput,
  UpdateCommitmentInput,
} from './commitments.dto';
import { type CommitmentEntity, type CommitmentUpdateEntity } from './commitments.entities';
import { CommitmentsService } from './commitments.service';
import { progressOf } from './progress';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Commitment') });

/** Relations of commitments, loaded once per request whatever the list's length. */
@Injectable()
export class CommitmentLoaders {
  constructor(
    private readonly service: CommitmentsService,
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly items: FrameworkItemRepository,
  ) {}

  user = (c: GqlContext, s: Scope) =>
    c.loaders.get<UserEntity | null>('userById', async (ids) => byKey(await this.users.findByIds(s, ids), (u) => u.id), null);
  agency = (c: GqlContext, s: Scope) =>
    c.loaders.get<AgencyEntity | null>('agencyById', async (ids) => byKey(await this.agencies.findByIds(s, ids), (a) => a.id), null);
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
      'cm.itemIds',
      async (ids) =>
        new Map(
          [...grouped(await this.service.frameworkItemIds(s, ids), (l) => l.commitmentId)].map(([k, v]) => [
            k,
            v.map((l) => l.frameworkItemId),
          ]),
        ),
      [],
    );
  updates = (c: GqlContext, s: Scope) =>
    c.loaders.get<CommitmentUpdateEntity[]>(
      'cm.updates',
      async (ids) => grouped(await this.service.updatesFor(s, ids), (u) => u.commitmentId),
      [],
    );
}

@ObjectType()
export class PostCommitmentUpdateResult {
  @Field(() => CommitmentType) commitment: CommitmentType;
  @Field(() => CommitmentUpdateType) update: CommitmentUpdateType;
}

@Resolver(() => CommitmentType)
export class CommitmentResolver {
  constructor(
    private readonly service: CommitmentsService,
    private readonly l: CommitmentLoaders,
  ) {}

  @Query(() => CommitmentConnection, {
    description: 'Commitments you may see: by agency, local offer area, principle, review overdue, due soon.',
  })
  commitments(@CurrentScope() scope: Scope, @Args() args: CommitmentsArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => CommitmentType)
  commitment(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @Query(() => [AgencyCommitmentSummaryType], { description: 'Per agency, the commitments you may see counted by RAG and status.' })
  commitmentSummary(@CurrentScope() scope: Scope) {
    return this.service.summaryByAgency(scope);
  }

  @ResolveField(() => AgencyType, { description: 'The owning agency.' })
  agency(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.agency(ctx, s).load(c.agencyId);
  }

  @ResolveField(() => SubGroupType, { nullable: true, description: 'For SUB_GROUP visibility: who may see it.' })
  subGroup(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return c.subGroupId ? this.l.subGroup(ctx, s).load(c.subGroupId) : null;
  }

  @ResolveField(() => UserType)
  createdBy(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(ctx, s).load(c.createdByUserId);
  }

  @ResolveField(() => [UserType])
  async restrictedUsers(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.user(ctx, s).loadMany(c.restrictedUserIds));
  }

  @ResolveField(() => [FrameworkItemType])
  async frameworkItems(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.item(ctx, s).loadMany(await this.l.itemIds(ctx, s).load(c.id)));
  }

  @ResolveField(() => ProgressType, { nullable: true, description: 'Null until there is a baseline, a target and a value.' })
  progress(@Parent() c: CommitmentEntity) {
    return progressOf(c);
  }

  @ResolveField(() => [CommitmentUpdateType], { description: 'Oldest first.' })
  updates(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.updates(ctx, s).load(c.id);
  }

  @ResolveField(() => CommitmentUpdateType, { nullable: true })
  async latestUpdate(@Parent() c: CommitmentEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    const all = await this.l.updates(ctx, s).load(c.id);
    return all.length ? all[all.length - 1] : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether you may change it and post progress.' })
  canEdit(@Parent() c: CommitmentEntity, @CurrentScope() s: Scope) {
    return CommitmentsService.canManage(s.actor, c.agencyId);
  }

  @ResolveField(() => Boolean, { description: 'Open with a review date before today.' })
  isReviewOverdue(@Parent() c: CommitmentEntity) {
    return CommitmentsService.isReviewOverdue(c);
  }

  @Mutation(() => CommitmentType, { description: 'Logs a commitment for your agency (the secretariat: for any agency).' })
  createCommitment(@CurrentScope() scope: Scope, @Args('input') input: CreateCommitmentInput) {
    return this.service.create(scope, input);
  }

  @Mutation(() => CommitmentType, { description: 'Changes a commitment; send the version you read.' })
  updateCommitment(@CurrentScope() scope: Scope, @Args('input') input: UpdateCommitmentInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => PostCommitmentUpdateResult, {
    description: 'Posts a dated value and narrative, setting the commitment’s status and RAG.',
  })
  postCommitmentUpdate(@CurrentScope() scope: Scope, @Args('input') input: PostCommitmentUpdateInput) {
    return this.service.postUpdate(scope, input);
  }
}

@Resolver(() => CommitmentUpdateType)
export class CommitmentUpdateResolver {
  constructor(private readonly l: CommitmentLoaders) {}

  @ResolveField(() => UserType)
  author(@Parent() u: CommitmentUpdateEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(ctx, s).load(u.authorUserId);
  }
}

@Resolver(() => AgencyCommitmentSummaryType)
export class AgencyCommitmentSummaryResolver {
  constructor(private readonly l: CommitmentLoaders) {}

  @ResolveField(() => AgencyType)
  agency(@Parent() r: { agencyId: string }, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.agency(ctx, s).load(r.agencyId);
  }
}

@Resolver(() => LocalOfferVersionType)
export class LocalOfferResolver {
  constructor(private readonly service: CommitmentsService) {}

  @Query(() => LocalOfferPreviewType, { description: 'What publishing the local offer now would publish and change (secretariat).' })
  localOfferPreview(@CurrentScope() scope: Scope) {
    return this.service.preview(scope);
  }

  @Query(() => [LocalOfferVersionType], { description: 'Every published version of the local offer, newest first.' })
  localOfferVersions(@CurrentScope() scope: Scope) {
    return this.service.versionsOf(scope);
  }

  @Mutation(() => LocalOfferVersionType, { description: 'Publishes the local offer as a new numbered version (secretariat).' })
  publishLocalOffer(@CurrentScope() scope: Scope, @Args('input') input: PublishLocalOfferInput) {
    return this.service.publish(scope, input);
  }

  @Public()
  @Query(() => PublicLocalOfferType, {
    description: 'A partnership’s published local offer, for anyone: the latest version, or the one numbered.',
  })
  publicLocalOffer(
    @Args('partnershipSlug', { type: () => String }) slug: string,
    @Args('number', { type: () => Int, nullable: true }) number?: number,
  ) {
    return this.service.publicOffer(slug, number ?? undefined);
  }
}
