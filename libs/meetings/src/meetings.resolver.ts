import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import {
  CreateMeetingInput,
  MeetingConnection,
  MeetingsArgs,
  MeetingType,
  SetMeetingStatusInput,
  UpdateMeetingInput,
} from './meetings.dto';
import { MeetingsService } from './meetings.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Meeting') });

@Resolver(() => MeetingType)
export class MeetingResolver {
  constructor(private readonly service: MeetingsService) {}

  @Query(() => MeetingConnection, { description: 'Board meetings by start time, earliest first.' })
  meetings(@CurrentScope() scope: Scope, @Args() args: MeetingsArgs) {
    return this.service.list(scope, args);
  }

  @Query(() => MeetingType)
  meeting(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.service.meeting(scope, id);
  }

  @Mutation(() => MeetingType, { description: 'Schedules a board meeting (secretariat only).' })
  createMeeting(@CurrentScope() scope: Scope, @Args('input') input: CreateMeetingInput) {
    return this.service.createMeeting(scope, input);
  }

  @Mutation(() => MeetingType, { description: 'Changes a meeting’s title, time, place or report deadline (secretariat only).' })
  updateMeeting(@CurrentScope() scope: Scope, @Args('input') input: UpdateMeetingInput) {
    return this.service.updateMeeting(scope, input);
  }

  @Mutation(() => MeetingType, {
    description: 'Marks a planned meeting held or cancelled, or plans a cancelled one again (secretariat only).',
  })
  setMeetingStatus(@CurrentScope() scope: Scope, @Args('input') input: SetMeetingStatusInput) {
    return this.service.setMeetingStatus(scope, input);
  }
}
