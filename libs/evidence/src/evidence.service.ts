import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, requestEvent } from '@pbw/queue';
import { type ConnectionShape, conflict, fieldError, forbidden, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import { Visibility, type Scope, type TxScope } from '@pbw/db';
import { AgencyRepository, UserRepository } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, assertChoosableItems } from '@pbw/frameworks';
import { ActionRepository } from '@pbw/workplans';
import { FileRepository } from '@pbw/files';
import type {
  AddEvidenceCommentInput,
  CreateEvidenceInput,
  EvidenceFieldsInput,
  EvidenceListArgs,
  ReturnEvidenceInput,
  UpdateEvidenceInput,
} from './evidence.dto';
import {
  AWAITING_REVIEW,
  EDITABLE,
  type EvidenceCommentEntity,
  type EvidenceEntity,
  EvidenceKind,
  EvidenceStatus,
} from './evidence.entities';
import { EvidenceCommentRepository, EvidenceRepository } from './evidence.repository';

const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];

export interface EvidencePermissions {
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canComment: boolean;
}

const STATUS_WORDS: Record<EvidenceStatus, string> = {
  DRAFT: 'a draft',
  SUBMITTED: 'waiting for review',
  RETURNED: 'returned to its author',
  RESUBMITTED: 'waiting for review',
  ACCEPTED: 'accepted',
};

/**
 * Evidence of progress (DESIGN.md §2, §3). Members of a sub-group add it; the author and
 * the owning agency's people change and submit it while it is a draft or returned; the
 * sub-group's chair (or the secretariat) accepts it or returns it with a comment; chairs,
 * board members and the secretariat comment on it.
 */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly evidence: EvidenceRepository,
    private readonly comments: EvidenceCommentRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly agencies: AgencyRepository,
    private readonly users: UserRepository,
    private readonly actions: ActionRepository,
    private readonly items: FrameworkItemRepository,
    private readonly files: FileRepository,
    // Absent where the service runs without queues (the demo loader).
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  list(scope: Scope, args: EvidenceListArgs): Promise<ConnectionShape<EvidenceEntity>> {
    return this.evidence.list(scope, args.filter, args);
  }

  async get(scope: Scope, id: string): Promise<EvidenceEntity> {
    const e = await this.evidence.findById(scope, id);
    if (!e) throw notFound('Evidence');
    return e;
  }

  /** For evidence the actor can already see. */
  permissions(scope: Scope, e: EvidenceEntity): EvidencePermissions {
    const a = scope.actor;
    const mayChange = AccessPolicy.isSecretariat(a) || e.createdByUserId === a.userId || (a.agencyId !== null && a.agencyId === e.agencyId);
    const editable = EDITABLE.includes(e.status);
    return {
      canEdit: editable && mayChange,
      canSubmit: editable && mayChange,
      canReview: AWAITING_REVIEW.includes(e.status) && AccessPolicy.canLeadSubGroup(a, e.subGroupId),
      canComment: e.status !== EvidenceStatus.DRAFT && AccessPolicy.canComment(scope.actor, e.subGroupId),
    };
  }

  create(scope: Scope, input: CreateEvidenceInput): Promise<EvidenceEntity> {
    const a = scope.actor;
    return this.mutations.run(scope, 'evidence.create', async (tx) => {
      const group = await this.subGroups.findById(tx, input.subGroupId);
      if (!group) throw fieldError('input.subGroupId', 'Choose a sub-group of this partnership.');
      AccessPolicy.assert(
        AccessPolicy.isSecretariat(a) || AccessPolicy.isMemberOf(a, group.id),
        'Only members of the sub-group (and the board secretariat) can add its evidence.',
      );
      const agencyId = input.agencyId ?? a.agencyId;
      if (!agencyId) throw fieldError('input.agencyId', 'Choose the agency the evidence belongs to.');
      if (!AccessPolicy.isSecretariat(a) && agencyId !== a.agencyId) {
        throw fieldError('input.agencyId', 'Evidence you add belongs to your own agency.');
      }
      if (!(await this.agencies.findById(tx, agencyId))) throw fieldError('input.agencyId', 'Choose an agency of this partnership.');
      if (!input.title) throw fieldError('input.title', 'Enter a title for the evidence.');
      if (!input.kind) throw fieldError('input.kind', 'Choose what kind of evidence this is.');
      const links = await this.checkLinks(tx, input, group.id, null);
      const e = await this.evidence.insert(tx, {
        subGroupId: group.id,
        agencyId,
        createdByUserId: a.userId ?? undefined,
        title: input.title,
        narrative: input.narrative ?? '',
        kind: input.kind ?? EvidenceKind.OTHER,
        status: EvidenceStatus.DRAFT,
        visibility: links.visibility,
        restrictedUserIds: links.restrictedUserIds,
        returnComment: null,
        version: 1,
      });
      await this.writeLinks(tx, e.id, links, []);
      return { result: e, audit: { entityType: 'Evidence', entityId: e.id, before: null, after: await this.auditView(tx, e) } };
    });
  }

  update(scope: Scope, input: UpdateEvidenceInput): Promise<EvidenceEntity> {
    return this.mutations.run(scope, 'evidence.update', async (tx) => {
      const e = await this.lock(tx, input.id);
      const before = await this.auditView(tx, e);
      // Whether they may change it at all comes first: a stale version is only news to an editor.
      this.assertCanChange(tx, e);
      if (input.version !== undefined && input.version !== e.version) {
        throw conflict(
          'Someone else changed this evidence since you opened it. Check the current details and make your change again.',
          before,
        );
      }
      const current = await this.evidence.fileLinks(tx, [e.id]);
      const links = await this.checkLinks(tx, input, e.subGroupId, e);
      if (input.title !== undefined) e.title = input.title;
      if (input.narrative !== undefined) e.narrative = input.narrative;
      if (input.kind !== undefined) e.kind = input.kind;
      e.visibility = links.visibility;
      e.restrictedUserIds = links.restrictedUserIds;
      e.version += 1;
      const saved = await this.evidence.save(tx, e);
      await this.writeLinks(
        tx,
        e.id,
        links,
        current.map((l) => l.fileId),
      );
      return { result: saved, audit: { entityType: 'Evidence', entityId: e.id, before, after: await this.auditView(tx, saved) } };
    });
  }

  submit(scope: Scope, id: string): Promise<EvidenceEntity> {
    return this.transition(scope, id, 'evidence.submit', (tx, e) => {
      if (!EDITABLE.includes(e.status)) throw this.wrongState(e, 'submitted');
      this.assertCanChange(tx, e);
      e.status = e.status === EvidenceStatus.RETURNED ? EvidenceStatus.RESUBMITTED : EvidenceStatus.SUBMITTED;
      e.submittedAt = new Date();
      e.submittedByUserId = tx.actor.userId;
    });
  }

  accept(scope: Scope, id: string): Promise<EvidenceEntity> {
    return this.transition(scope, id, 'evidence.accept', (tx, e) => {
      this.assertCanReview(tx, e);
      if (!AWAITING_REVIEW.includes(e.status)) throw this.wrongState(e, 'accepted');
      e.status = EvidenceStatus.ACCEPTED;
      e.reviewedAt = new Date();
      e.reviewedByUserId = tx.actor.userId;
    });
  }

  async returnEvidence(scope: Scope, input: ReturnEvidenceInput): Promise<EvidenceEntity> {
    const returned = await this.transition(scope, input.id, 'evidence.return', async (tx, e) => {
      this.assertCanReview(tx, e);
      if (!AWAITING_REVIEW.includes(e.status)) throw this.wrongState(e, 'returned');
      e.status = EvidenceStatus.RETURNED;
      e.returnComment = input.comment;
      e.reviewedAt = new Date();
      e.reviewedByUserId = tx.actor.userId;
      // The reason also goes on the evidence's comments, so the conversation reads in order.
      await this.comments.insert(tx, { evidenceId: e.id, authorUserId: tx.actor.userId ?? undefined, body: input.comment });
    });
    // Once committed, the author hears (by the partnership's rule for returned evidence).
    await requestEvent(
      this.reminders,
      { partnershipId: returned.partnershipId, event: 'EVIDENCE_RETURNED', recordId: returned.id },
      returned.version,
    );
    return returned;
  }

  addComment(scope: Scope, input: AddEvidenceCommentInput): Promise<EvidenceCommentEntity> {
    return this.mutations.run(scope, 'evidence.comment', async (tx) => {
      const e = await this.evidence.findById(tx, input.evidenceId);
      if (!e) throw notFound('Evidence');
      if (!AccessPolicy.canComment(tx.actor, e.subGroupId)) {
        throw forbidden('Only the sub-group’s chair, board members and the board secretariat can comment on evidence.');
      }
      if (e.status === EvidenceStatus.DRAFT)
        throw fieldError('input.evidenceId', 'Evidence can be commented on once it has been submitted.');
      const c = await this.comments.insert(tx, { evidenceId: e.id, authorUserId: tx.actor.userId ?? undefined, body: input.body });
      return { result: c, audit: { entityType: 'EvidenceComment', entityId: c.id, before: null, after: snapshot(c) } };
    });
  }

  private transition(
    scope: Scope,
    id: string,
    action: string,
    change: (tx: TxScope, e: EvidenceEntity) => void | Promise<void>,
  ): Promise<EvidenceEntity> {
    return this.mutations.run(scope, action, async (tx) => {
      const e = await this.lock(tx, id);
      const before = snapshot(e);
      await change(tx, e);
      e.version += 1;
      const saved = await this.evidence.save(tx, e);
      return { result: saved, audit: { entityType: 'Evidence', entityId: e.id, before, after: snapshot(saved) } };
    });
  }

  private async lock(tx: TxScope, id: string): Promise<EvidenceEntity> {
    const e = await this.evidence.lockById(tx, id);
    if (!e) throw notFound('Evidence');
    return e;
  }

  private assertCanChange(scope: Scope, e: EvidenceEntity): void {
    const p = this.permissions(scope, e);
    if (!EDITABLE.includes(e.status)) throw this.wrongState(e, 'changed');
    AccessPolicy.assert(p.canEdit, 'Only the person who added this evidence, their agency and the board secretariat can change it.');
  }

  private assertCanReview(scope: Scope, e: EvidenceEntity): void {
    AccessPolicy.assert(
      AccessPolicy.canLeadSubGroup(scope.actor, e.subGroupId),
      'Only the sub-group’s chair (or the board secretariat) can review its evidence.',
    );
  }

  /** The record has moved on (perhaps under someone else's hand): CONFLICT with where it is now. */
  private wrongState(e: EvidenceEntity, verb: string) {
    return conflict(`This evidence is ${STATUS_WORDS[e.status]}, so it cannot be ${verb} now.`, {
      id: e.id,
      status: e.status,
      version: e.version,
    });
  }

  /** Checks every link an input names; none is written until all are good. */
  private async checkLinks(tx: TxScope, input: EvidenceFieldsInput, subGroupId: string, current: EvidenceEntity | null) {
    // One after another: a transaction's queries share one connection.
    const curActions = current ? await this.evidence.actionLinks(tx, [current.id]) : [];
    const curItems = current ? await this.evidence.frameworkItemLinks(tx, [current.id]) : [];
    const curFiles = current ? await this.evidence.fileLinks(tx, [current.id]) : [];
    const actionIds = input.actionIds ? dedupe(input.actionIds) : curActions.map((l) => l.actionId);
    const itemIds = input.frameworkItemIds ? dedupe(input.frameworkItemIds) : curItems.map((l) => l.frameworkItemId);
    const fileIds = input.fileIds ? dedupe(input.fileIds) : curFiles.map((l) => l.fileId);

    if (input.actionIds) {
      // Links to actions the editor cannot see are not theirs to remove: the form never showed them.
      const linked = new Set(curActions.map((l) => l.actionId));
      const seen = new Set((await this.actions.findByIds(tx, [...linked])).map((a) => a.id));
      for (const id of linked) if (!seen.has(id) && !actionIds.includes(id)) actionIds.push(id);
      const added = actionIds.filter((id) => !linked.has(id));
      const found = await this.actions.findByIds(tx, added);
      if (found.length !== added.length) throw fieldError('input.actionIds', 'Choose actions you can see in this partnership.');
      if (found.some((x) => x.subGroupId !== subGroupId)) {
        throw fieldError('input.actionIds', 'Link actions from the same sub-group’s work plan.');
      }
    }
    if (input.frameworkItemIds?.length) {
      const already = curItems.map((l) => l.frameworkItemId);
      await assertChoosableItems(
        this.items,
        tx,
        itemIds,
        already,
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );
    }
    if (input.fileIds) {
      const attachedHere = new Set(curFiles.map((l) => l.fileId));
      const added = fileIds.filter((f) => !attachedHere.has(f));
      const found = await this.files.findByIds(tx, added);
      const usable = found.filter((f) => !f.attached && f.uploadedByUserId === tx.actor.userId);
      if (usable.length !== added.length) {
        throw fieldError('input.fileIds', 'Attach files you have just uploaded. A file can only be attached to one record.');
      }
    }
    const visibility = input.visibility ?? current?.visibility ?? Visibility.PARTNERSHIP;
    const restrictedUserIds =
      visibility === Visibility.RESTRICTED ? dedupe(input.restrictedUserIds ?? current?.restrictedUserIds ?? []) : [];
    if (visibility === Visibility.RESTRICTED) {
      if (!restrictedUserIds.length)
        throw fieldError('input.restrictedUserIds', 'Name at least one person who can see restricted evidence.');
      if ((await this.users.findByIds(tx, restrictedUserIds)).length !== restrictedUserIds.length) {
        throw fieldError('input.restrictedUserIds', 'Choose people from this partnership.');
      }
    }
    return { actionIds, itemIds, fileIds, visibility, restrictedUserIds };
  }

  private async writeLinks(
    tx: TxScope,
    evidenceId: string,
    links: { actionIds: string[]; itemIds: string[]; fileIds: string[] },
    previousFileIds: readonly string[],
  ): Promise<void> {
    // Files first: marking them attached locks their rows, so the clean-up sweep (which
    // skips locked rows and only takes unattached ones) cannot purge one being attached.
    await this.files.setAttached(tx, links.fileIds, true);
    await this.evidence.setActions(tx, evidenceId, links.actionIds);
    await this.evidence.setFrameworkItems(tx, evidenceId, links.itemIds);
    await this.evidence.setFiles(tx, evidenceId, links.fileIds);
    const keep = new Set(links.fileIds);
    // A removed file goes back to unattached, and the clean-up job deletes it later.
    await this.files.setAttached(
      tx,
      previousFileIds.filter((f) => !keep.has(f)),
      false,
    );
  }

  /** The evidence as the audit trail keeps it: its fields and its links. */
  private async auditView(scope: Scope, e: EvidenceEntity): Promise<Record<string, unknown>> {
    // One after another: inside a transaction the queries share one connection.
    const a = await this.evidence.actionLinks(scope, [e.id]);
    const i = await this.evidence.frameworkItemLinks(scope, [e.id]);
    const f = await this.evidence.fileLinks(scope, [e.id]);
    return {
      ...snapshot(e),
      actionIds: a.map((l) => l.actionId).sort(),
      frameworkItemIds: i.map((l) => l.frameworkItemId).sort(),
      fileIds: f.map((l) => l.fileId),
    };
  }
}
