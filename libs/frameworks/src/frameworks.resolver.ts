import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import {
  CreateFrameworkInput,
  CreateFrameworkItemInput,
  FrameworkConnection,
  FrameworkItemType,
  FrameworksArgs,
  FrameworkType,
  IdInput,
  RemoveFrameworkItemResult,
  UpdateFrameworkInput,
  UpdateFrameworkItemInput,
} from './frameworks.dto';
import type { FrameworkEntity, FrameworkItemEntity } from './frameworks.entities';
import { FrameworkItemRepository } from './frameworks.repositories';
import { FrameworksService } from './frameworks.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Record') });

@Resolver(() => FrameworkType)
export class FrameworkResolver {
  constructor(
    private readonly service: FrameworksService,
    private readonly itemRepo: FrameworkItemRepository,
  ) {}

  @Query(() => FrameworkConnection, { description: 'The statutory principles first, then the partnership’s own frameworks.' })
  frameworks(@CurrentScope() scope: Scope, @Args() args: FrameworksArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => FrameworkType)
  framework(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.framework(scope, id);
  }

  @ResolveField(() => [FrameworkItemType], { description: 'In order; retired items only when asked for.' })
  async items(
    @Parent() f: FrameworkEntity,
    @Ctx() ctx: GqlContext,
    @CurrentScope() scope: Scope,
    @Args('includeRetired', { type: () => Boolean, defaultValue: false }) includeRetired: boolean,
  ) {
    const all = await ctx.loaders
      .get<FrameworkItemEntity[]>(
        'frameworkItemsByFramework',
        async (ids) => {
          const out = new Map<string, FrameworkItemEntity[]>();
          for (const i of await this.itemRepo.forFrameworks(scope, ids)) out.set(i.frameworkId, [...(out.get(i.frameworkId) ?? []), i]);
          return out;
        },
        [],
      )
      .load(f.id);
    return includeRetired ? all : all.filter((i) => !i.retiredAt);
  }

  @Mutation(() => FrameworkType)
  createFramework(@CurrentScope() scope: Scope, @Args('input') input: CreateFrameworkInput) {
    return this.service.createFramework(scope, input);
  }

  @Mutation(() => FrameworkType)
  updateFramework(@CurrentScope() scope: Scope, @Args('input') input: UpdateFrameworkInput) {
    return this.service.updateFramework(scope, input);
  }

  @Mutation(() => FrameworkType, {
    description: 'Retires a framework: its items stay on the work tagged with them but cannot be chosen again.',
  })
  retireFramework(@CurrentScope() scope: Scope, @Args('input') input: IdInput) {
    return this.service.setFrameworkRetired(scope, input.id, true);
  }

  @Mutation(() => FrameworkType)
  restoreFramework(@CurrentScope() scope: Scope, @Args('input') input: IdInput) {
    return this.service.setFrameworkRetired(scope, input.id, false);
  }
}

@Resolver(() => FrameworkItemType)
export class FrameworkItemResolver {
  constructor(private readonly service: FrameworksService) {}

  @Mutation(() => FrameworkItemType)
  createFrameworkItem(@CurrentScope() scope: Scope, @Args('input') input: CreateFrameworkItemInput) {
    return this.service.createItem(scope, input);
  }

  @Mutation(() => FrameworkItemType)
  updateFrameworkItem(@CurrentScope() scope: Scope, @Args('input') input: UpdateFrameworkItemInput) {
    return this.service.updateItem(scope, input);
  }

  @Mutation(() => RemoveFrameworkItemResult, { description: 'Deletes an unused item; an item in use is retired instead, never deleted.' })
  removeFrameworkItem(@CurrentScope() scope: Scope, @Args('input') input: IdInput) {
    return this.service.removeItem(scope, input.id);
  }

  @Mutation(() => FrameworkItemType)
  restoreFrameworkItem(@CurrentScope() scope: Scope, @Args('input') input: IdInput) {
    return this.service.restoreItem(scope, input.id);
  }
}
