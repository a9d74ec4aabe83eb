import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, replanned } from '@pbw/queue';
import { type ConnectionShape, fieldError, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import type { CreateMeetingInput, MeetingsArgs, SetMeetingStatusInput, UpdateMeetingInput } from './meetings.dto';
import { DEFAULT_MEETING_TITLE, type MeetingEntity, MeetingStatus } from './meetings.entities';
import { MeetingRepository } from './meetings.repositories';

/** The status changes allowed: a planned meeting is held or cancelled; a cancelled one may be planned again. */
const TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  [MeetingStatus.PLANNED]: [MeetingStatus.HELD, MeetingStatus.CANCELLED],
  [MeetingStatus.HELD]: [],
  [MeetingStatus.CANCELLED]: [MeetingStatus.PLANNED],
};

const STATUS_WORDS: Record<MeetingStatus, string> = {
  [MeetingStatus.PLANNED]: 'planned',
  [MeetingStatus.HELD]: 'held',
  [MeetingStatus.CANCELLED]: 'cancelled',
};

/** Board meetings (the schedule). The secretariat manages them; everyone in the partnership reads them. */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly meetings: MeetingRepository,
    // Absent where the service runs without queues (the demo loader); the reminders' reconcile job catches up there.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  list(scope: Scope, args: MeetingsArgs): Promise<ConnectionShape<MeetingEntity>> {
    return this.meetings.list(scope, args.filter, args);
  }

  async meeting(scope: Scope, id: string): Promise<MeetingEntity> {
    const m = await this.meetings.findById(scope, id);
    if (!m) throw notFound('Meeting');
    return m;
  }

  createMeeting(scope: Scope, input: CreateMeetingInput): Promise<MeetingEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    checkDeadline(input.startsAt, input.reportDeadline);
    return replanned(
      this.reminders,
      'MEETING',
      this.mutations.run(scope, 'meeting.create', async (tx) => {
        const m = await this.meetings.insert(tx, {
          title: input.title ?? DEFAULT_MEETING_TITLE,
          startsAt: input.startsAt,
          location: input.location || null,
          reportDeadline: input.reportDeadline,
          status: MeetingStatus.PLANNED,
        });
        return { result: m, audit: { entityType: 'Meeting', entityId: m.id, before: null, after: snapshot(m) } };
      }),
    );
  }

  updateMeeting(scope: Scope, input: UpdateMeetingInput): Promise<MeetingEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return replanned(
      this.reminders,
      'MEETING',
      this.mutations.run(scope, 'meeting.update', async (tx) => {
        const m = await this.meetings.lockById(tx, input.id);
        if (!m) throw notFound('Meeting');
        const before = snapshot(m);
        if (input.title != null) m.title = input.title;
        if (input.startsAt != null) m.startsAt = input.startsAt;
        if (input.location !== undefined) m.location = input.location || null;
        if (input.reportDeadline != null) m.reportDeadline = input.reportDeadline;
        checkDeadline(m.startsAt, m.reportDeadline);
        const saved = await this.meetings.save(tx, m);
        return { result: saved, audit: { entityType: 'Meeting', entityId: m.id, before, after: snapshot(saved) } };
      }),
    );
  }

  setMeetingStatus(scope: Scope, input: SetMeetingStatusInput): Promise<MeetingEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return replanned(
      this.reminders,
      'MEETING',
      this.mutations.run(scope, 'meeting.setStatus', async (tx) => {
        const m = await this.meetings.lockById(tx, input.id);
        if (!m) throw notFound('Meeting');
        if (!TRANSITIONS[m.status].includes(input.status)) {
          throw fieldError(
            'input.status',
            m.status === input.status
              ? `This meeting is already ${STATUS_WORDS[m.status]}.`
              : `A ${STATUS_WORDS[m.status]} meeting cannot be marked ${STATUS_WORDS[input.status]}.`,
          );
        }
        const before = snapshot(m);
        m.status = input.status;
        const saved = await this.meetings.save(tx, m);
        return { result: saved, audit: { entityType: 'Meeting', entityId: m.id, before, after: snapshot(saved) } };
      }),
    );
  }
}

/** The report deadline is a London day on or before the day (in London) the meeting starts. */
function checkDeadline(startsAt: Date, reportDeadline: string): void {
  const meetingDay = londonToday(startsAt);
  if (reportDeadline > meetingDay) {
    throw fieldError('input.reportDeadline', `The report deadline must be on or before the day of the meeting (${meetingDay}).`);
  }
}
