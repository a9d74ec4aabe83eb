import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, replanned } from '@pbw/queue';
import { type Actor, type ConnectionShape, PartnershipRole, conflict, fieldError, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { AgencyRepository } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, assertChoosableItems } from '@pbw/frameworks';
import { writeCsv } from '@pbw/workplans';
import type {
  CreateVoiceItemInput,
  RespondToVoiceItemInput,
  UpdateVoiceItemInput,
  VoiceFieldsInput,
  VoiceItemsArgs,
  VoiceItemVersionInput,
  YouSaidWeDidType,
} from './voice.dto';
import { type VoiceItemEntity, VoiceStatus } from './voice.entities';
import { VoiceItemRepository } from './voice.repository';

const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];
const SECRETARIAT_ONLY = 'Only the board secretariat records and assigns what the Children in Care Council raises.';

/**
 * The voice of children in care (DESIGN.md §2, VoiceItem): the secretariat records what the
 * Children in Care Council raises and assigns it to a sub-group or an agency; that sub-group's
 * chair or that agency's people answer it; the secretariat closes it once the answer has gone
 * back to young people. "You said, we did" lists what was answered, for a period.
 */
@Injectable()
export class VoiceService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly items: VoiceItemRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly agencies: AgencyRepository,
    private readonly frameworkItems: FrameworkItemRepository,
    // Absent where the service runs without queues (the demo loader); the reminders' reconcile job catches up there.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  /** The assigned sub-group's chair, the assigned agency's own people (not board members), and the secretariat. */
  static canRespond(actor: Actor, v: VoiceItemEntity): boolean {
    return (
      AccessPolicy.isSecretariat(actor) ||
      (v.assignedSubGroupId !== null && AccessPolicy.isChairOf(actor, v.assignedSubGroupId)) ||
      (v.assignedAgencyId !== null && actor.role === PartnershipRole.MEMBER && actor.agencyId === v.assignedAgencyId)
    );
  }

  list(scope: Scope, args: VoiceItemsArgs): Promise<ConnectionShape<VoiceItemEntity>> {
    return this.items.list(scope, args.filter, args);
  }

  async get(scope: Scope, id: string): Promise<VoiceItemEntity> {
    const v = await this.items.findById(scope, id);
    if (!v) throw notFound('Voice item');
    return v;
  }

  themeLinks(scope: Scope, ids: readonly string[]) {
    return this.items.frameworkItems(scope, ids);
  }

  create(scope: Scope, input: CreateVoiceItemInput): Promise<VoiceItemEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), SECRETARIAT_ONLY);
    return replanned(
      this.reminders,
      'VOICE_ITEM',
      this.mutations.run(scope, 'voiceItem.create', async (tx) => {
        if (!input.raisedOn) throw fieldError('input.raisedOn', 'Enter the date it was raised.');
        if (!input.raisingGroup) throw fieldError('input.raisingGroup', 'Say which group raised it.');
        if (!input.issue) throw fieldError('input.issue', 'Say what young people raised.');
        const c = await this.check(tx, input, null);
        const v = await this.items.insert(tx, {
          raisedOn: input.raisedOn,
          raisingGroup: input.raisingGroup,
          issue: input.issue,
          assignedSubGroupId: c.assignedSubGroupId,
          assignedAgencyId: c.assignedAgencyId,
          responseDue: c.responseDue,
          response: null,
          respondedAt: null,
          respondedByUserId: null,
          status: VoiceStatus.OPEN,
          createdByUserId: tx.actor.userId ?? undefined,
          version: 1,
        });
        await this.items.setFrameworkItems(tx, v.id, c.itemIds);
        return {
          result: v,
          audit: { entityType: 'VoiceItem', entityId: v.id, before: null, after: { ...snapshot(v), frameworkItemIds: c.itemIds } },
        };
      }),
    );
  }

  update(scope: Scope, input: UpdateVoiceItemInput): Promise<VoiceItemEntity> {
    return replanned(
      this.reminders,
      'VOICE_ITEM',
      this.change(scope, 'voiceItem.update', input, async (tx, v) => {
        AccessPolicy.assert(AccessPolicy.isSecretariat(tx.actor), SECRETARIAT_ONLY);
        const c = await this.check(tx, input, v);
        v.raisedOn = input.raisedOn ?? v.raisedOn;
        v.raisingGroup = input.raisingGroup ?? v.raisingGroup;
        v.issue = input.issue ?? v.issue;
        v.assignedSubGroupId = c.assignedSubGroupId;
        v.assignedAgencyId = c.assignedAgencyId;
        v.responseDue = c.responseDue;
        await this.items.setFrameworkItems(tx, v.id, c.itemIds);
      }),
    );
  }

  respond(scope: Scope, input: RespondToVoiceItemInput): Promise<VoiceItemEntity> {
    return replanned(
      this.reminders,
      'VOICE_ITEM',
      this.change(scope, 'voiceItem.respond', input, async (tx, v) => {
        AccessPolicy.assert(
          VoiceService.canRespond(tx.actor, v),
          'Only the chair of the sub-group it is assigned to, the agency it is assigned to, and the board secretariat answer it.',
        );
        if (v.status === VoiceStatus.CLOSED) throw fieldError('input.id', 'This item is closed. Reopen it to change the response.');
        v.response = input.response;
        v.respondedAt = new Date();
        v.respondedByUserId = tx.actor.userId;
        v.status = VoiceStatus.RESPONDED;
      }),
    );
  }

  close(scope: Scope, input: VoiceItemVersionInput): Promise<VoiceItemEntity> {
    return replanned(
      this.reminders,
      'VOICE_ITEM',
      this.change(scope, 'voiceItem.close', input, async (tx, v) => {
        AccessPolicy.assert(
          AccessPolicy.isSecretariat(tx.actor),
          'Only the board secretariat closes an item, once the answer has gone back to young people.',
        );
        if (v.status === VoiceStatus.OPEN) throw fieldError('input.id', 'Record the response before closing it.');
        if (v.status === VoiceStatus.CLOSED) throw fieldError('input.id', 'This item is already closed.');
        v.status = VoiceStatus.CLOSED;
      }),
    );
  }

  reopen(scope: Scope, input: VoiceItemVersionInput): Promise<VoiceItemEntity> {
    return replanned(
      this.reminders,
      'VOICE_ITEM',
      this.change(scope, 'voiceItem.reopen', input, async (tx, v) => {
        AccessPolicy.assert(AccessPolicy.isSecretariat(tx.actor), 'Only the board secretariat reopens an item.');
        if (v.status === VoiceStatus.OPEN) throw fieldError('input.id', 'This item is already open.');
        // The earlier answer stays on record; it is answered again when it is responded to again.
        v.status = VoiceStatus.OPEN;
      }),
    );
  }

  /** "You said, we did": what was raised in the period and has been answered, oldest first. */
  async youSaidWeDid(scope: Scope, from: string, to: string): Promise<YouSaidWeDidType[]> {
    if (from > to) throw fieldError('from', 'The start of the period must be on or before its end.');
    const rows = await this.items.answered(scope, from, to);
    const links = await this.items.frameworkItems(
      scope,
      rows.map((r) => r.id),
    );
    const items = new Map((await this.frameworkItems.findByIds(scope, dedupe(links.map((l) => l.frameworkItemId)))).map((i) => [i.id, i]));
    return rows.map((r) => ({
      id: r.id,
      raisedOn: r.raisedOn,
      raisingGroup: r.raisingGroup,
      youSaid: r.issue,
      weDid: r.response ?? '',
      respondedOn: r.respondedAt ? londonToday(r.respondedAt) : '',
      themes: links
        .filter((l) => l.voiceItemId === r.id)
        .map((l) => items.get(l.frameworkItemId))
        .filter((i): i is NonNullable<typeof i> => !!i)
        .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code))
        .map((i) => `${i.code} ${i.title}`),
      status: r.status,
    }));
  }

  /** The same as CSV for a spreadsheet: UTF-8 with a byte order mark, CRLF, and every cell guarded against running as a formula. */
  async youSaidWeDidCsv(scope: Scope, from: string, to: string): Promise<string> {
    const rows = await this.youSaidWeDid(scope, from, to);
    return writeCsv(
      [
        ['Date raised', 'Raised by', 'You said', 'We did', 'Date responded', 'Themes', 'Status'],
        ...rows.map((r) => [
          r.raisedOn,
          r.raisingGroup,
          r.youSaid,
          r.weDid,
          r.respondedOn,
          r.themes.join('; '),
          r.status === VoiceStatus.CLOSED ? 'Closed' : 'Responded',
        ]),
      ],
      { bom: true },
    );
  }

  private change(
    scope: Scope,
    action: string,
    input: { id: string; version: number },
    apply: (tx: TxScope, v: VoiceItemEntity) => Promise<void>,
  ): Promise<VoiceItemEntity> {
    return this.mutations.run(scope, action, async (tx) => {
      const v = await this.items.lockById(tx, input.id);
      if (!v) throw notFound('Voice item');
      const before = await this.view(tx, v);
      if (input.version !== v.version) {
        throw conflict('Someone else changed this item since you opened it. Check it as it is now and make your change again.', before);
      }
      await apply(tx, v);
      v.version += 1;
      const saved = await this.items.save(tx, v);
      return { result: saved, audit: { entityType: 'VoiceItem', entityId: v.id, before, after: await this.view(tx, saved) } };
    });
  }

  private async view(scope: Scope, v: VoiceItemEntity): Promise<Record<string, unknown>> {
    const links = await this.items.frameworkItems(scope, [v.id]);
    return { ...snapshot(v), frameworkItemIds: links.map((l) => l.frameworkItemId).sort() };
  }

  /** Checks what the input names, against the item as it would be after the change. */
  private async check(tx: TxScope, input: VoiceFieldsInput, current: VoiceItemEntity | null) {
    const raisedOn = input.raisedOn ?? current?.raisedOn;
    if (input.raisedOn && input.raisedOn > londonToday())
      throw fieldError('input.raisedOn', 'The date it was raised must be today or in the past.');
    const assignedSubGroupId = input.assignedSubGroupId !== undefined ? input.assignedSubGroupId : (current?.assignedSubGroupId ?? null);
    const assignedAgencyId = input.assignedAgencyId !== undefined ? input.assignedAgencyId : (current?.assignedAgencyId ?? null);
    if (assignedSubGroupId && assignedAgencyId) {
      // Moving an agency's item to a sub-group without clearing the agency names the sub-group field the person set.
      const path = input.assignedAgencyId ? 'input.assignedAgencyId' : 'input.assignedSubGroupId';
      throw fieldError(path, 'Assign it to a sub-group or to an agency, not both.');
    }
    if (assignedSubGroupId && !(await this.subGroups.findById(tx, assignedSubGroupId))) {
      throw fieldError('input.assignedSubGroupId', 'Choose a sub-group of this partnership.');
    }
    if (assignedAgencyId && !(await this.agencies.findById(tx, assignedAgencyId))) {
      throw fieldError('input.assignedAgencyId', 'Choose an agency of this partnership.');
    }
    const responseDue = input.responseDue !== undefined ? input.responseDue : (current?.responseDue ?? null);
    if (responseDue && raisedOn && responseDue < raisedOn) {
      // Name the field the person changed: moving the date raised past a due date already set is the date raised's fault.
      if (input.responseDue === undefined)
        throw fieldError('input.raisedOn', 'The date it was raised must be on or before the response due date.');
      throw fieldError('input.responseDue', 'The response due date must be on or after the date it was raised.');
    }
    const curItems = current ? (await this.items.frameworkItems(tx, [current.id])).map((l) => l.frameworkItemId) : [];
    let itemIds = curItems;
    if (input.frameworkItemIds) {
      itemIds = dedupe(input.frameworkItemIds);
      await assertChoosableItems(
        this.frameworkItems,
        tx,
        itemIds,
        curItems,
        'input.frameworkItemIds',
        'Choose themes from this partnership’s frameworks.',
      );
    }
    return { assignedSubGroupId, assignedAgencyId, responseDue, itemIds };
  }
}
