import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentScope } from '@pbw/access';
import { notFound } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { AgendaItemType } from './agenda.dto';
import {
  AttendanceType,
  BoardActionType,
  BoardActionsArgs,
  CreateBoardActionInput,
  RecordMinutesInput,
  SetAttendanceInput,
  UpdateBoardActionInput,
} from './meeting-records.dto';
import { MeetingRecordsService } from './meeting-records.service';
import type { MeetingEntity } from './meetings.entities';
import { MeetingType } from './meetings.dto';

const meetingId = new ParseUUIDPipe({ exceptionFactory: () => notFound('Meeting') });

@Resolver(() => MeetingType)
export class MeetingRecordsResolver {
  constructor(private readonly service: MeetingRecordsService) {}

  @ResolveField(() => [AttendanceType], { description: 'Who attended, by agency: present, apologies or absent.' })
  attendance(@CurrentScope() scope: Scope, @Parent() meeting: MeetingEntity) {
    return this.service.attendanceOf(scope, meeting.id);
  }

  @Query(() => [BoardActionType], { description: 'The board’s actions, by due date.' })
  boardActions(@CurrentScope() scope: Scope, @Args() args: BoardActionsArgs) {
    return this.service.list(scope, args.status);
  }

  @Query(() => [BoardActionType], {
    description: 'The action log as it stands at a meeting: earlier actions still open, and those closed since the last.',
  })
  actionLog(@CurrentScope() scope: Scope, @Args('meetingId', { type: () => ID }, meetingId) id: string) {
    return this.service.logFor(scope, id);
  }

  @Mutation(() => [AttendanceType], { description: 'Records who attended a meeting (secretariat only); replaces the record.' })
  setAttendance(@CurrentScope() scope: Scope, @Args('input') input: SetAttendanceInput) {
    return this.service.setAttendance(scope, input);
  }

  @Mutation(() => AgendaItemType, { description: 'Records the minutes and decisions of an agenda item (secretariat only).' })
  recordMinutes(@CurrentScope() scope: Scope, @Args('input') input: RecordMinutesInput) {
    return this.service.recordMinutes(scope, input);
  }

  @Mutation(() => BoardActionType, { description: 'Records an action the board asked for (secretariat only).' })
  createBoardAction(@CurrentScope() scope: Scope, @Args('input') input: CreateBoardActionInput) {
    return this.service.createAction(scope, input);
  }

  @Mutation(() => BoardActionType, {
    description: 'Updates a board action: the secretariat anything, its owner where it stands and whether it is done.',
  })
  updateBoardAction(@CurrentScope() scope: Scope, @Args('input') input: UpdateBoardActionInput) {
    return this.service.updateAction(scope, input);
  }
}
