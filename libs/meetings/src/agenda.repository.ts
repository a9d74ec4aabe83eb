import { Injectable } from '@nestjs/common';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { AgendaItemEntity } from './agenda.entities';

@Injectable()
export class AgendaItemRepository extends ScopedRepository<AgendaItemEntity> {
  protected readonly entity = AgendaItemEntity;
  protected readonly alias = 'ai';

  forMeeting(scope: Scope, meetingId: string): Promise<AgendaItemEntity[]> {
    return this.select(scope).andWhere('ai.meeting_id = :meetingId', { meetingId }).orderBy('ai.position').getMany();
  }

  forMeetings(scope: Scope, meetingIds: readonly string[]): Promise<AgendaItemEntity[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.select(scope).andWhere('ai.meeting_id IN (:...meetingIds)', { meetingIds }).orderBy('ai.position').getMany();
  }

  /** Every item of the meeting, locked: a change to one renumbers its siblings, so changes to one agenda serialise. */
  lockMeeting(tx: TxScope, meetingId: string): Promise<AgendaItemEntity[]> {
    return this.select(tx)
      .andWhere('ai.meeting_id = :meetingId', { meetingId })
      .orderBy('ai.position')
      .setLock('pessimistic_write')
      .getMany();
  }
}
