import { Injectable } from '@nestjs/common';
import { conflict, fieldError, forbidden, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { UserRepository, UserStatus } from '@pbw/identity';
import type { AgendaItemType } from './agenda.dto';
import { AgendaItemRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';
import type {
  AttendanceType,
  BoardActionType,
  CreateBoardActionInput,
  RecordMinutesInput,
  SetAttendanceInput,
  UpdateBoardActionInput,
} from './meeting-records.dto';
import { type BoardActionEntity, BoardActionStatus } from './meeting-records.entities';
import { AttendanceRepository, BoardActionRepository } from './meeting-records.repository';
import { type MeetingEntity, MeetingStatus } from './meetings.entities';
import { MeetingRepository } from './meetings.repositories';

const SECRETARIAT_RECORDS = 'Only the board secretariat keeps a meeting’s attendance, minutes and actions.';

/**
 * What a meeting records: attendance, minutes and decisions per agenda item, and the board
 * actions arising. The secretariat keeps them; an action's owner may say where it stands and
 * close it; everyone in the partnership reads them.
 */
@Injectable()
export class MeetingRecordsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly meetings: MeetingRepository,
    private readonly items: AgendaItemRepository,
    private readonly agenda: AgendaService,
    private readonly attendance: AttendanceRepository,
    private readonly actions: BoardActionRepository,
    private readonly users: UserRepository,
  ) {}

  attendanceOf(scope: Scope, meetingId: string): Promise<AttendanceType[]> {
    return this.attendance.forMeeting(scope, meetingId);
  }

  setAttendance(scope: Scope, input: SetAttendanceInput): Promise<AttendanceType[]> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), SECRETARIAT_RECORDS);
    return this.mutations.run(scope, 'meeting.setAttendance', async (tx) => {
      const m = await this.openMeeting(tx, input.meetingId);
      const seen = new Set<string>();
      const people = new Map(
        (
          await this.users.findByIds(
            tx,
            input.entries.map((e) => e.userId),
          )
        ).map((u) => [u.id, u]),
      );
      input.entries.forEach((e, i) => {
        const u = people.get(e.userId);
        if (!u || u.status === UserStatus.INVITED) throw fieldError(`input.entries[${i}].userId`, 'Choose a person in this partnership.');
        if (seen.has(e.userId)) throw fieldError(`input.entries[${i}].userId`, `${u.name} is already in the list.`);
        seen.add(e.userId);
      });
      const before = await this.attendance.forMeeting(tx, m.id);
      await this.attendance.replace(tx, m.id, input.entries);
      const after = await this.attendance.forMeeting(tx, m.id);
      const brief = (rows: AttendanceType[]) => Object.fromEntries(rows.map((r) => [r.userId, r.status]));
      return {
        result: after,
        audit: { entityType: 'Meeting', entityId: m.id, before: { attendance: brief(before) }, after: { attendance: brief(after) } },
      };
    });
  }

  recordMinutes(scope: Scope, input: RecordMinutesInput): Promise<AgendaItemType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), SECRETARIAT_RECORDS);
    return this.mutations.run(scope, 'agendaItem.recordMinutes', async (tx) => {
      const found = await this.items.findById(tx, input.agendaItemId);
      if (!found) throw notFound('Agenda item');
      await this.openMeeting(tx, found.meetingId);
      const item = (await this.items.lockById(tx, found.id)) as NonNullable<typeof found>;
      if (item.version !== input.version) {
        throw conflict(
          'Someone else changed this agenda item since you opened it. Look at it again and redo your change.',
          await this.itemView(tx, item.meetingId, item.id),
        );
      }
      const before = snapshot(item);
      const saved = await this.items.save(tx, {
        ...item,
        minutes: input.minutes ?? item.minutes,
        decisions: input.decisions ?? item.decisions,
        version: item.version + 1,
      });
      return {
        result: await this.itemView(tx, item.meetingId, item.id),
        audit: { entityType: 'AgendaItem', entityId: item.id, before, after: snapshot(saved) },
      };
    });
  }

  async list(scope: Scope, status?: BoardActionStatus): Promise<BoardActionType[]> {
    return this.views(scope, await this.actions.list(scope, status));
  }

  /** The action log as the board sees it at a meeting: earlier actions still open, and those closed since the last meeting. */
  async logFor(scope: Scope, meetingId: string): Promise<BoardActionType[]> {
    const m = await this.meetings.findById(scope, meetingId);
    if (!m) throw notFound('Meeting');
    const previous = await this.meetings.previous(scope, m);
    return this.views(scope, await this.actions.logFor(scope, m, previous?.startsAt ?? null));
  }

  createAction(scope: Scope, input: CreateBoardActionInput): Promise<BoardActionType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), SECRETARIAT_RECORDS);
    return this.mutations.run(scope, 'boardAction.create', async (tx) => {
      const m = await this.openMeeting(tx, input.meetingId);
      if (input.agendaItemId) {
        const item = await this.items.findById(tx, input.agendaItemId);
        if (!item || item.meetingId !== m.id) throw fieldError('input.agendaItemId', 'Choose an item of this meeting’s agenda.');
      }
      await this.checkOwner(tx, input.ownerUserId);
      const a = await this.actions.insert(tx, {
        meetingId: m.id,
        agendaItemId: input.agendaItemId ?? null,
        title: input.title,
        ownerUserId: input.ownerUserId,
        dueDate: input.dueDate,
        status: BoardActionStatus.OPEN,
        note: '',
        closedAt: null,
        version: 1,
      });
      return {
        result: (await this.views(tx, [a]))[0],
        audit: { entityType: 'BoardAction', entityId: a.id, before: null, after: snapshot(a) },
      };
    });
  }

  /** The secretariat changes anything; the owner says where it stands and closes or reopens it. */
  updateAction(scope: Scope, input: UpdateBoardActionInput): Promise<BoardActionType> {
    return this.mutations.run(scope, 'boardAction.update', async (tx) => {
      const a = await this.actions.lockById(tx, input.id);
      if (!a) throw notFound('Board action');
      const isOwner = tx.actor.userId === a.ownerUserId;
      AccessPolicy.assert(
        AccessPolicy.isSecretariat(tx.actor) || isOwner,
        'Only the action’s owner and the board secretariat can update it.',
      );
      if (
        !AccessPolicy.isSecretariat(tx.actor) &&
        (input.title !== undefined || input.ownerUserId !== undefined || input.dueDate !== undefined)
      ) {
        throw forbidden('Only the board secretariat can change an action’s wording, owner or due date.');
      }
      if (a.version !== input.version) {
        throw conflict(
          'Someone else changed this action since you opened it. Look at it again and redo your change.',
          (await this.views(tx, [a]))[0],
        );
      }
      if (input.ownerUserId) await this.checkOwner(tx, input.ownerUserId);
      const before = snapshot(a);
      const status = input.status ?? a.status;
      const saved = await this.actions.save(tx, {
        ...a,
        title: input.title ?? a.title,
        ownerUserId: input.ownerUserId ?? a.ownerUserId,
        dueDate: input.dueDate ?? a.dueDate,
        note: input.note ?? a.note,
        status,
        closedAt: status === BoardActionStatus.OPEN ? null : status === a.status ? a.closedAt : new Date(),
        version: a.version + 1,
      });
      return {
        result: (await this.views(tx, [saved]))[0],
        audit: { entityType: 'BoardAction', entityId: a.id, before, after: snapshot(saved) },
      };
    });
  }

  private async openMeeting(tx: TxScope, meetingId: string): Promise<MeetingEntity> {
    const m = await this.meetings.lockById(tx, meetingId);
    if (!m) throw notFound('Meeting');
    if (m.status === MeetingStatus.CANCELLED)
      throw forbidden('This meeting is cancelled: there is nothing to record. Plan it again first.');
    return m;
  }

  private async checkOwner(tx: TxScope, userId: string): Promise<void> {
    const u = await this.users.findById(tx, userId);
    if (!u || u.status !== UserStatus.ACTIVE) throw fieldError('input.ownerUserId', 'Choose an active person in this partnership.');
  }

  private async itemView(tx: TxScope, meetingId: string, id: string): Promise<AgendaItemType> {
    return (await this.agenda.agenda(tx, meetingId)).find((i) => i.id === id) as AgendaItemType;
  }

  private async views(scope: Scope, rows: readonly BoardActionEntity[]): Promise<BoardActionType[]> {
    const names = new Map(
      (
        await this.users.findByIds(
          scope,
          rows.map((r) => r.ownerUserId),
        )
      ).map((u) => [u.id, u.name]),
    );
    const today = londonToday();
    return rows.map((r) => ({
      ...r,
      ownerName: names.get(r.ownerUserId) ?? '',
      overdue: r.status === BoardActionStatus.OPEN && r.dueDate < today,
    }));
  }
}
