import { Injectable, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { byKey, Ctx, CurrentScope, type GqlContext, grouped, present } from '@pbw/access';
import { londonToday, notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgencyRepository, AgencyType, type AgencyEntity, type UserEntity, UserRepository, UserType } from '@pbw/identity';
import { type SubGroupEntity, SubGroupRepository, SubGroupType } from '@pbw/boards';
import { type FrameworkItemEntity, FrameworkItemRepository, FrameworkItemType } from '@pbw/frameworks';
import {
  CreateVoiceItemInput,
  PeriodArgs,
  RespondToVoiceItemInput,
  UpdateVoiceItemInput,
  VoiceItemConnection,
  VoiceItemsArgs,
  VoiceItemType,
  VoiceItemVersionInput,
  YouSaidWeDidType,
} from './voice.dto';
import type { VoiceItemEntity } from './voice.entities';
import { VoiceService } from './voice.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Voice item') });

/** Relations of voice items, loaded once per request whatever the list's length. */
@Injectable()
export class VoiceLoaders {
  constructor(
    private readonly service: VoiceService,
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
      'voice.itemIds',
      async (ids) =>
        new Map(
          [...grouped(await this.service.themeLinks(s, ids), (l) => l.voiceItemId)].map(([k, v]) => [k, v.map((l) => l.frameworkItemId)]),
        ),
      [],
    );
}

@Resolver(() => VoiceItemType)
export class VoiceItemResolver {
  constructor(
    private readonly service: VoiceService,
    private readonly l: VoiceLoaders,
  ) {}

  @Query(() => VoiceItemConnection, {
    description:
      'What the Children in Care Council raised, newest first: all of it for the secretariat and board members; what is assigned to them for others.',
  })
  voiceItems(@CurrentScope() scope: Scope, @Args() args: VoiceItemsArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => VoiceItemType)
  voiceItem(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.get(scope, id);
  }

  @Query(() => [YouSaidWeDidType], { description: '“You said, we did”: items raised in the period that have been answered, oldest first.' })
  youSaidWeDid(@CurrentScope() scope: Scope, @Args() args: PeriodArgs) {
    return this.service.youSaidWeDid(scope, args.from, args.to);
  }

  @Query(() => String, {
    description:
      '“You said, we did” for the period as CSV (UTF-8 with a byte order mark, CRLF), for the council to take back to young people.',
  })
  youSaidWeDidCsv(@CurrentScope() scope: Scope, @Args() args: PeriodArgs) {
    return this.service.youSaidWeDidCsv(scope, args.from, args.to);
  }

  @ResolveField(() => SubGroupType, { nullable: true })
  assignedSubGroup(@Parent() v: VoiceItemEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return v.assignedSubGroupId ? this.l.subGroup(ctx, s).load(v.assignedSubGroupId) : null;
  }

  @ResolveField(() => AgencyType, { nullable: true })
  assignedAgency(@Parent() v: VoiceItemEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return v.assignedAgencyId ? this.l.agency(ctx, s).load(v.assignedAgencyId) : null;
  }

  @ResolveField(() => [FrameworkItemType], { description: 'Themes.' })
  async themes(@Parent() v: VoiceItemEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return present(await this.l.item(ctx, s).loadMany(await this.l.itemIds(ctx, s).load(v.id)));
  }

  @ResolveField(() => UserType)
  createdBy(@Parent() v: VoiceItemEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return this.l.user(ctx, s).load(v.createdByUserId);
  }

  @ResolveField(() => UserType, { nullable: true })
  respondedBy(@Parent() v: VoiceItemEntity, @Ctx() ctx: GqlContext, @CurrentScope() s: Scope) {
    return v.respondedByUserId ? this.l.user(ctx, s).load(v.respondedByUserId) : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether you may write its response.' })
  canRespond(@Parent() v: VoiceItemEntity, @CurrentScope() s: Scope) {
    return VoiceService.canRespond(s.actor, v);
  }

  @ResolveField(() => Boolean, { description: 'Open, with a response due date before today.' })
  isResponseOverdue(@Parent() v: VoiceItemEntity) {
    return v.status === 'OPEN' && v.responseDue !== null && v.responseDue < londonToday();
  }

  @Mutation(() => VoiceItemType, { description: 'Records an issue the Children in Care Council raised (secretariat).' })
  createVoiceItem(@CurrentScope() scope: Scope, @Args('input') input: CreateVoiceItemInput) {
    return this.service.create(scope, input);
  }

  @Mutation(() => VoiceItemType, { description: 'Changes or (re)assigns an item (secretariat); send the version you read.' })
  updateVoiceItem(@CurrentScope() scope: Scope, @Args('input') input: UpdateVoiceItemInput) {
    return this.service.update(scope, input);
  }

  @Mutation(() => VoiceItemType, {
    description: 'Writes what was done: the assigned sub-group’s chair, the assigned agency, or the secretariat.',
  })
  respondToVoiceItem(@CurrentScope() scope: Scope, @Args('input') input: RespondToVoiceItemInput) {
    return this.service.respond(scope, input);
  }

  @Mutation(() => VoiceItemType, { description: 'Closes an answered item once the answer has gone back to young people (secretariat).' })
  closeVoiceItem(@CurrentScope() scope: Scope, @Args('input') input: VoiceItemVersionInput) {
    return this.service.close(scope, input);
  }

  @Mutation(() => VoiceItemType, { description: 'Opens an answered or closed item again (secretariat).' })
  reopenVoiceItem(@CurrentScope() scope: Scope, @Args('input') input: VoiceItemVersionInput) {
    return this.service.reopen(scope, input);
  }
}
