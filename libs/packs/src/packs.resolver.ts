import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { BoardPackType, CompilePackInput, PackIdInput } from './packs.dto';
import { PacksService } from './packs.service';

const meetingId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Meeting') });
const packId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Board pack') });

@Resolver(() => BoardPackType)
export class PacksResolver {
  constructor(private readonly service: PacksService) {}

  @Query(() => [BoardPackType], { description: 'A meeting’s pack versions, newest first (secretariat).' })
  boardPacks(@CurrentScope() scope: Scope, @Args('meetingId', { type: () => ID }, meetingId) id: string) {
    return this.service.forMeeting(scope, id);
  }

  @Query(() => BoardPackType, { description: 'One pack version, with its compile’s progress (secretariat).' })
  boardPack(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, packId) id: string) {
    return this.service.pack(scope, id);
  }

  @Mutation(() => BoardPackType, { description: 'Compiles a new version of a meeting’s pack in the worker (secretariat).' })
  compileBoardPack(@CurrentScope() scope: Scope, @Args('input') input: CompilePackInput) {
    return this.service.compile(scope, input.meetingId);
  }

  @Mutation(() => BoardPackType, { description: 'Stops a compile that has not finished (secretariat).' })
  cancelBoardPack(@CurrentScope() scope: Scope, @Args('input') input: PackIdInput) {
    return this.service.cancel(scope, input.id);
  }
}
