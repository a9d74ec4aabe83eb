import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { type MeetingEntity, MeetingType } from '@pbw/meetings';
import {
  BoardPackType,
  ClearPackFindingInput,
  CompilePackInput,
  PackFindingType,
  PackIdInput,
  PublishPackInput,
  SetPersonalDataNamesInput,
} from './packs.dto';
import { PacksService } from './packs.service';

const meetingId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Meeting') });
const packId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Board pack') });

@Resolver(() => BoardPackType)
export class PacksResolver {
  constructor(private readonly service: PacksService) {}

  @Query(() => [BoardPackType], { description: 'A meeting’s pack versions, newest first (secretariat).' })
  async boardPacks(@CurrentScope() scope: Scope, @Args('meetingId', { type: () => ID }, meetingId) id: string) {
    const packs = await this.service.forMeeting(scope, id);
    return this.service.views(scope, packs, packs);
  }

  @Query(() => BoardPackType, { description: 'One pack version, with its compile’s progress (secretariat).' })
  async boardPack(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, packId) id: string) {
    return (await this.service.views(scope, [await this.service.pack(scope, id)]))[0];
  }

  @Query(() => [PackFindingType], { description: 'Likely personal data in a version’s public edition, by page (secretariat).' })
  packFindings(@CurrentScope() scope: Scope, @Args('packId', { type: () => ID }, packId) id: string) {
    return this.service.findingsOf(scope, id);
  }

  @Query(() => [String], { description: 'The names the personal-data check looks for (secretariat).' })
  personalDataNames(@CurrentScope() scope: Scope) {
    return this.service.personalDataNames(scope);
  }

  @Mutation(() => BoardPackType, { description: 'Compiles a new version of a meeting’s pack in the worker (secretariat).' })
  async compileBoardPack(@CurrentScope() scope: Scope, @Args('input') input: CompilePackInput) {
    return (await this.service.views(scope, [await this.service.compile(scope, input.meetingId)]))[0];
  }

  @Mutation(() => PackFindingType, { description: 'Clears a finding for publication, saying why (secretariat; audited).' })
  clearPackFinding(@CurrentScope() scope: Scope, @Args('input') input: ClearPackFindingInput) {
    return this.service.clearFinding(scope, input);
  }

  @Mutation(() => BoardPackType, {
    description: 'Publishes a finished version: board members get it, the public edition goes public (secretariat).',
  })
  publishBoardPack(@CurrentScope() scope: Scope, @Args('input') input: PublishPackInput) {
    return this.service.publish(scope, input);
  }

  @Mutation(() => [String], { description: 'Replaces the names the personal-data check looks for (secretariat).' })
  setPersonalDataNames(@CurrentScope() scope: Scope, @Args('input') input: SetPersonalDataNamesInput) {
    return this.service.setPersonalDataNames(scope, input.names);
  }

  @Mutation(() => BoardPackType, { description: 'Stops a compile that has not finished (secretariat).' })
  async cancelBoardPack(@CurrentScope() scope: Scope, @Args('input') input: PackIdInput) {
    return (await this.service.views(scope, [await this.service.cancel(scope, input.id)]))[0];
  }
}

@Resolver(() => MeetingType)
export class MeetingPackResolver {
  constructor(private readonly service: PacksService) {}

  @ResolveField(() => BoardPackType, {
    nullable: true,
    description: 'The latest published version of the meeting’s pack, with the editions you may download; none until one is published.',
  })
  publishedPack(@Parent() m: MeetingEntity, @Ctx() c: GqlContext, @CurrentScope() s: Scope) {
    return c.loaders.get<BoardPackType | null>('bp.publishedByMeeting', (ids) => this.service.publishedFor(s, ids), null).load(m.id);
  }
}
