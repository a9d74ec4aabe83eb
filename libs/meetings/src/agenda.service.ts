import { Injectable } from '@nestjs/common';
import { conflict, fieldError, forbidden, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { SubGroupRepository } from '@pbw/boards';
import { UserRepository, UserStatus } from '@pbw/identity';
import type { AddAgendaItemInput, AgendaItemType, MoveAgendaItemInput, RemoveAgendaItemInput, UpdateAgendaItemInput } from './agenda.dto';
import { type AgendaItemEntity, AgendaItemKind, type NumberedAgendaItem, SCHEDULE_12A, numberAgenda } from './agenda.entities';
import { AgendaItemRepository } from './agenda.repository';
import { type MeetingEntity, MeetingStatus } from './meetings.entities';
import { MeetingRepository } from './meetings.repositories';

const ONLY_SECRETARIAT = 'Only the board secretariat can change a meeting’s agenda.';

type Fields = Pick<
  AgendaItemEntity,
  | 'title'
  | 'kind'
  | 'subGroupId'
  | 'authorUserId'
  | 'presenter'
  | 'startsAt'
  | 'durationMinutes'
  | 'exempt'
  | 'exemptParagraph'
  | 'exemptReason'
>;

const view = (i: NumberedAgendaItem): AgendaItemType => ({
  ...i,
  exemptDescription: i.exemptParagraph ? SCHEDULE_12A[i.exemptParagraph] : null,
});

const byPosition = (a: AgendaItemEntity, b: AgendaItemEntity) => a.position - b.position;

/**
 * A meeting's agenda, kept by the secretariat and read by everyone in the partnership.
 * Positions are kept 1..n among siblings: adding, moving or removing an item renumbers the
 * rest, under a lock on the meeting so two edits of one agenda never interleave.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly items: AgendaItemRepository,
    private readonly meetings: MeetingRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly users: UserRepository,
  ) {}

  async agenda(scope: Scope, meetingId: string): Promise<AgendaItemType[]> {
    return numberAgenda(await this.items.forMeeting(scope, meetingId)).map(view);
  }

  add(scope: Scope, input: AddAgendaItemInput): Promise<AgendaItemType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'agendaItem.add', async (tx) => {
      const m = await this.editableMeeting(tx, input.meetingId);
      const all = await this.items.forMeeting(tx, m.id);
      if (!input.title) throw fieldError('input.title', 'Give the item a title.');
      if (!input.kind) throw fieldError('input.kind', 'Choose what kind of item this is.');
      const parentId = input.parentId ?? null;
      this.checkParent(all, parentId, null);
      const siblings = all.filter((i) => i.parentId === parentId).sort(byPosition);
      const position = this.checkPosition(input.position ?? siblings.length + 1, siblings.length + 1);
      const fields = await this.checkFields(tx, null, input);
      for (const s of siblings.filter((x) => x.position >= position)) await this.items.save(tx, { ...s, position: s.position + 1 });
      const row = await this.items.insert(tx, {
        meetingId: m.id,
        parentId,
        position,
        version: 1,
        minutes: '',
        decisions: '',
        fileId: null,
        paperSubmittedAt: null,
        ...fields,
      });
      return {
        result: await this.numbered(tx, m.id, row.id),
        audit: { entityType: 'AgendaItem', entityId: row.id, before: null, after: snapshot(row) },
      };
    });
  }

  update(scope: Scope, input: UpdateAgendaItemInput): Promise<AgendaItemType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'agendaItem.update', async (tx) => {
      const item = await this.lockedItem(tx, input.id, input.version);
      const before = snapshot(item);
      const fields = await this.checkFields(tx, item, input);
      const saved = await this.items.save(tx, { ...item, ...fields, version: item.version + 1 });
      return {
        result: await this.numbered(tx, item.meetingId, item.id),
        audit: { entityType: 'AgendaItem', entityId: item.id, before, after: snapshot(saved) },
      };
    });
  }

  move(scope: Scope, input: MoveAgendaItemInput): Promise<AgendaItemType[]> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'agendaItem.move', async (tx) => {
      const item = await this.lockedItem(tx, input.id, input.version);
      const all = await this.items.forMeeting(tx, item.meetingId);
      const parentId = input.parentId ?? null;
      this.checkParent(all, parentId, item);
      const before = { parentId: item.parentId, position: item.position, number: numberAgenda(all).find((i) => i.id === item.id)?.number };
      // Close the gap it leaves, then open one where it goes.
      for (const s of all.filter((x) => x.id !== item.id && x.parentId === item.parentId && x.position > item.position)) {
        s.position -= 1;
        await this.items.save(tx, s);
      }
      const siblings = all.filter((x) => x.id !== item.id && x.parentId === parentId).sort(byPosition);
      const position = this.checkPosition(input.position, siblings.length + 1);
      for (const s of siblings.filter((x) => x.position >= position)) {
        s.position += 1;
        await this.items.save(tx, s);
      }
      await this.items.save(tx, { ...item, parentId, position, version: item.version + 1 });
      const agenda = numberAgenda(await this.items.forMeeting(tx, item.meetingId));
      const after = { parentId, position, number: agenda.find((i) => i.id === item.id)?.number };
      return { result: agenda.map(view), audit: { entityType: 'AgendaItem', entityId: item.id, before, after } };
    });
  }

  remove(scope: Scope, input: RemoveAgendaItemInput): Promise<AgendaItemType[]> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'agendaItem.remove', async (tx) => {
      const item = await this.lockedItem(tx, input.id, input.version);
      const all = await this.items.forMeeting(tx, item.meetingId);
      // Its sub-items go with it (the database cascades), each recorded; read before TypeORM clears the removed row's id.
      const audit = [item, ...all.filter((x) => x.parentId === item.id)].map((r) => ({
        entityType: 'AgendaItem',
        entityId: r.id,
        before: snapshot(r),
        after: null,
      }));
      const { meetingId, parentId, position } = item;
      await this.items.remove(tx, item);
      for (const s of all.filter((x) => x !== item && x.parentId === parentId && x.position > position)) {
        s.position -= 1;
        await this.items.save(tx, s);
      }
      return { result: numberAgenda(await this.items.forMeeting(tx, meetingId)).map(view), audit };
    });
  }

  private async editableMeeting(tx: TxScope, meetingId: string): Promise<MeetingEntity> {
    const m = await this.meetings.lockById(tx, meetingId);
    if (!m) throw notFound('Meeting');
    if (m.status === MeetingStatus.CANCELLED) throw forbidden('This meeting is cancelled: its agenda cannot change. Plan it again first.');
    return m;
  }

  /** The item, once its meeting is locked, at the version the caller read. */
  private async lockedItem(tx: TxScope, id: string, version: number): Promise<AgendaItemEntity> {
    const found = await this.items.findById(tx, id);
    if (!found) throw notFound('Agenda item');
    await this.editableMeeting(tx, found.meetingId);
    const item = await this.items.lockById(tx, id);
    if (!item) throw notFound('Agenda item');
    if (item.version !== version) {
      throw conflict(
        'Someone else changed this agenda item since you opened it. Look at it again and redo your change.',
        await this.numbered(tx, item.meetingId, item.id),
      );
    }
    return item;
  }

  private async numbered(tx: TxScope, meetingId: string, id: string): Promise<AgendaItemType> {
    return view(numberAgenda(await this.items.forMeeting(tx, meetingId)).find((i) => i.id === id) as NumberedAgendaItem);
  }

  /** Sub-items go one level down, under a top-level item of the same meeting; an item with sub-items stays at the top. */
  private checkParent(all: readonly AgendaItemEntity[], parentId: string | null, moving: AgendaItemEntity | null): void {
    if (!parentId) return;
    const parent = all.find((i) => i.id === parentId);
    if (!parent || parent.parentId || parent.id === moving?.id) {
      throw fieldError('input.parentId', 'Sub-items go under a top-level item of the same meeting.');
    }
    if (moving && all.some((i) => i.parentId === moving.id)) {
      throw fieldError('input.parentId', 'This item has sub-items of its own, so it stays at the top level.');
    }
  }

  private checkPosition(position: number, last: number): number {
    if (position > last) throw fieldError('input.position', `Choose a place from 1 to ${last}.`);
    return position;
  }

  /** The item's fields after the change, checked together: a sub-group report names its sub-group; an exempt item its paragraph. */
  private async checkFields(tx: TxScope, current: AgendaItemEntity | null, input: Partial<Fields>): Promise<Fields> {
    const given = <K extends keyof Fields>(k: K): boolean => input[k] !== undefined;
    const pick = <K extends keyof Fields>(k: K, dflt: Fields[K]): Fields[K] =>
      given(k) ? (input[k] as Fields[K]) : current ? current[k] : dflt;
    const kind = pick('kind', AgendaItemKind.OTHER);
    const exempt = pick('exempt', false);
    const f: Fields = {
      title: pick('title', ''),
      kind,
      subGroupId: pick('subGroupId', null) || null,
      authorUserId: pick('authorUserId', null) || null,
      presenter: pick('presenter', null) || null,
      startsAt: pick('startsAt', null) || null,
      durationMinutes: pick('durationMinutes', null),
      exempt,
      exemptParagraph: pick('exemptParagraph', null),
      exemptReason: pick('exemptReason', null) || null,
    };
    if (input.title === null) throw fieldError('input.title', 'Give the item a title.');
    if (current?.fileId && kind !== AgendaItemKind.PAPER) {
      throw fieldError('input.kind', 'This item’s paper is in: it stays a paper.');
    }
    if (kind === AgendaItemKind.SUB_GROUP_REPORT) {
      if (!f.subGroupId) throw fieldError('input.subGroupId', 'Choose the sub-group whose report this is.');
      if (!(await this.subGroups.findById(tx, f.subGroupId)))
        throw fieldError('input.subGroupId', 'Choose a sub-group of this partnership.');
    } else if (given('subGroupId') && f.subGroupId) {
      throw fieldError('input.subGroupId', 'Only a sub-group report names a sub-group.');
    } else {
      f.subGroupId = null;
    }
    if (f.authorUserId) {
      if (kind === AgendaItemKind.SUB_GROUP_REPORT) {
        if (given('authorUserId')) throw fieldError('input.authorUserId', 'A sub-group report is written by the sub-group’s chair.');
        f.authorUserId = null;
      } else {
        const u = await this.users.findById(tx, f.authorUserId);
        if (!u || u.status !== UserStatus.ACTIVE) throw fieldError('input.authorUserId', 'Choose an active person in this partnership.');
      }
    }
    if (exempt) {
      if (!f.exemptParagraph) throw fieldError('input.exemptParagraph', 'Give the paragraph of Schedule 12A that makes this item exempt.');
    } else if ((given('exemptParagraph') && f.exemptParagraph) || (given('exemptReason') && f.exemptReason)) {
      throw fieldError(
        given('exemptParagraph') && f.exemptParagraph ? 'input.exemptParagraph' : 'input.exemptReason',
        'Only an exempt item has a reason for being exempt.',
      );
    } else {
      f.exemptParagraph = null;
      f.exemptReason = null;
    }
    return f;
  }
}
