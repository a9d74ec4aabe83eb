import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { MembershipRepository, type SubGroupMembershipEntity, type UserEntity, UserRepository, UserType } from '@pbw/identity';
import {
  AddSubGroupMemberInput,
  BoardType,
  CreateSubGroupInput,
  MembershipsArgs,
  SubGroupConnection,
  SubGroupMemberInput,
  SubGroupMembershipConnection,
  SubGroupMembershipType,
  SubGroupsArgs,
  SubGroupType,
  UpdateBoardInput,
  UpdateSubGroupInput,
} from './boards.dto';
import type { BoardEntity, SubGroupEntity } from './boards.entities';
import { SubGroupRepository } from './boards.repositories';
import { BoardsService } from './boards.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Record') });

/** Per-request batch loaders shared by the resolvers below. */
class BoardLoaders {
  constructor(
    private readonly users: UserRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  user(ctx: GqlContext, scope: Scope) {
    return ctx.loaders.get<UserEntity | null>(
      'userById',
      async (ids) => new Map((await this.users.findByIds(scope, ids)).map((u) => [u.id, u])),
      null,
    );
  }

  subGroup(ctx: GqlContext, scope: Scope) {
    return ctx.loaders.get<SubGroupEntity | null>(
      'subGroupById',
      async (ids) => new Map((await this.subGroups.findByIds(scope, ids)).map((s) => [s.id, s])),
      null,
    );
  }

  membershipsBySubGroup(ctx: GqlContext, scope: Scope) {
    return ctx.loaders.get<SubGroupMembershipEntity[]>(
      'membershipsBySubGroup',
      async (ids) => group(await this.memberships.forSubGroups(scope, ids), (m) => m.subGroupId),
      [],
    );
  }

  membershipsByUser(ctx: GqlContext, scope: Scope) {
    return ctx.loaders.get<SubGroupMembershipEntity[]>(
      'membershipsByUser',
      async (ids) => group(await this.memberships.forUsers(scope, ids), (m) => m.userId),
      [],
    );
  }
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

@Resolver(() => BoardType)
export class BoardResolver {
  private readonly loaders: BoardLoaders;
  constructor(
    private readonly service: BoardsService,
    users: UserRepository,
    subGroups: SubGroupRepository,
    memberships: MembershipRepository,
  ) {
    this.loaders = new BoardLoaders(users, subGroups, memberships);
  }

  @Query(() => BoardType)
  board(@CurrentScope() scope: Scope) {
    return this.service.board(scope);
  }

  @Mutation(() => BoardType)
  updateBoard(@CurrentScope() scope: Scope, @Args('input') input: UpdateBoardInput) {
    return this.service.updateBoard(scope, input);
  }

  @ResolveField(() => UserType, { nullable: true })
  chair(@Parent() board: BoardEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return board.chairUserId ? this.loaders.user(ctx, scope).load(board.chairUserId) : null;
  }

  @ResolveField(() => [SubGroupType], { description: "All the board's sub-groups, by name." })
  async subGroups(@CurrentScope() scope: Scope) {
    return (await this.service.listSubGroups(scope, { first: 100 })).edges.map((e) => e.node);
  }
}

@Resolver(() => SubGroupType)
export class SubGroupResolver {
  private readonly loaders: BoardLoaders;
  constructor(
    private readonly service: BoardsService,
    users: UserRepository,
    subGroups: SubGroupRepository,
    memberships: MembershipRepository,
  ) {
    this.loaders = new BoardLoaders(users, subGroups, memberships);
  }

  @Query(() => SubGroupConnection)
  subGroups(@CurrentScope() scope: Scope, @Args() args: SubGroupsArgs) {
    return this.service.listSubGroups(scope, args);
  }

  @Query(() => SubGroupType)
  subGroup(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.subGroup(scope, id);
  }

  @Query(() => SubGroupMembershipConnection)
  subGroupMemberships(@CurrentScope() scope: Scope, @Args() args: MembershipsArgs) {
    return this.service.listMemberships(scope, args);
  }

  @Mutation(() => SubGroupType)
  createSubGroup(@CurrentScope() scope: Scope, @Args('input') input: CreateSubGroupInput) {
    return this.service.createSubGroup(scope, input);
  }

  @Mutation(() => SubGroupType)
  updateSubGroup(@CurrentScope() scope: Scope, @Args('input') input: UpdateSubGroupInput) {
    return this.service.updateSubGroup(scope, input);
  }

  @Mutation(() => SubGroupMembershipType)
  addSubGroupMember(@CurrentScope() scope: Scope, @Args('input') input: AddSubGroupMemberInput) {
    return this.service.addSubGroupMember(scope, input);
  }

  @Mutation(() => SubGroupMembershipType)
  removeSubGroupMember(@CurrentScope() scope: Scope, @Args('input') input: SubGroupMemberInput) {
    return this.service.removeSubGroupMember(scope, input);
  }

  @ResolveField(() => UserType, { nullable: true })
  async chair(@Parent() sg: SubGroupEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    const chair = (await this.loaders.membershipsBySubGroup(ctx, scope).load(sg.id)).find((m) => m.role === 'CHAIR');
    return chair ? this.loaders.user(ctx, scope).load(chair.userId) : null;
  }

  @ResolveField(() => [SubGroupMembershipType], { description: 'Chair first, then members in the order they joined.' })
  members(@Parent() sg: SubGroupEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return this.loaders.membershipsBySubGroup(ctx, scope).load(sg.id);
  }
}

@Resolver(() => SubGroupMembershipType)
export class MembershipResolver {
  private readonly loaders: BoardLoaders;
  constructor(users: UserRepository, subGroups: SubGroupRepository, memberships: MembershipRepository) {
    this.loaders = new BoardLoaders(users, subGroups, memberships);
  }

  @ResolveField(() => UserType)
  user(@Parent() m: SubGroupMembershipEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return this.loaders.user(ctx, scope).load(m.userId);
  }

  @ResolveField(() => SubGroupType)
  subGroup(@Parent() m: SubGroupMembershipEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return this.loaders.subGroup(ctx, scope).load(m.subGroupId);
  }
}

/** Adds the user's sub-groups to the identity context's User type. */
@Resolver(() => UserType)
export class UserSubGroupsResolver {
  private readonly loaders: BoardLoaders;
  constructor(users: UserRepository, subGroups: SubGroupRepository, memberships: MembershipRepository) {
    this.loaders = new BoardLoaders(users, subGroups, memberships);
  }

  @ResolveField(() => [SubGroupMembershipType])
  subGroupMemberships(@Parent() u: UserEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return this.loaders.membershipsByUser(ctx, scope).load(u.id);
  }
}
