import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, replanned } from '@pbw/queue';
import { DataSource } from 'typeorm';
import { type ConnectionShape, PartnershipRole, conflict, fieldError, londonToday, notFound, type Actor } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import { Scope, Visibility, type TxScope } from '@pbw/db';
import { AgencyRepository, PartnershipRepository, UserRepository } from '@pbw/identity';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, assertChoosableItems } from '@pbw/frameworks';
import { ActionStatus, Rag } from '@pbw/workplans';
import type {
  CommitmentFieldsInput,
  CommitmentsArgs,
  CreateCommitmentInput,
  LocalOfferAreaType,
  LocalOfferPreviewType,
  LocalOfferVersionType,
  PostCommitmentUpdateInput,
  PublicLocalOfferType,
  PublishLocalOfferInput,
  UpdateCommitmentInput,
} from './commitments.dto';
import { OfferChangeKindEnum } from './commitments.dto';
import {
  type CommitmentEntity,
  type CommitmentUpdateEntity,
  type LocalOfferVersionEntity,
  OfferArea,
  type OfferChange,
  type OfferItem,
  Polarity,
  STATUTORY_AREAS,
} from './commitments.entities';
import {
  type AgencySummaryRow,
  CommitmentRepository,
  CommitmentUpdateRepository,
  LocalOfferVersionRepository,
} from './commitments.repository';

const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];

export const OFFER_AREA_LABELS: Record<OfferArea, string> = {
  HEALTH_AND_WELLBEING: 'Health and wellbeing',
  RELATIONSHIPS: 'Relationships',
  EDUCATION_AND_TRAINING: 'Education and training',
  EMPLOYMENT: 'Employment',
  ACCOMMODATION: 'Accommodation',
  PARTICIPATION_IN_SOCIETY: 'Participation in society',
  OTHER: 'Other support',
};

/** The fields of an offer item a reader would notice changing. */
const COMPARED: Array<[keyof OfferItem, string]> = [
  ['title', 'title'],
  ['wording', 'wording'],
  ['eligibility', 'eligibility'],
  ['area', 'area'],
  ['agencyName', 'agency'],
];

/** Groups offer items by area: the six statutory areas in order (even when empty), then any other support. */
export function groupByArea(items: readonly OfferItem[]): LocalOfferAreaType[] {
  const areas = [...STATUTORY_AREAS, OfferArea.OTHER];
  return areas
    .map((area) => ({ area, label: OFFER_AREA_LABELS[area], items: items.filter((i) => i.area === area) }))
    .filter((a) => a.area !== OfferArea.OTHER || a.items.length > 0);
}

/** What changed from one published list to the next, in the new list's order, then the removed. */
export function offerChanges(before: readonly OfferItem[] | null, after: readonly OfferItem[]): OfferChange[] {
  const old = new Map((before ?? []).map((i) => [i.commitmentId, i]));
  const now = new Set(after.map((i) => i.commitmentId));
  const out: OfferChange[] = [];
  for (const item of after) {
    const prev = old.get(item.commitmentId);
    if (!prev) {
      out.push({ kind: 'ADDED', commitmentId: item.commitmentId, title: item.title, area: item.area, fields: [] });
      continue;
    }
    const fields = COMPARED.filter(([k]) => prev[k] !== item[k]).map(([, name]) => name);
    if (fields.length) out.push({ kind: 'CHANGED', commitmentId: item.commitmentId, title: item.title, area: item.area, fields });
  }
  for (const prev of before ?? []) {
    if (!now.has(prev.commitmentId))
      out.push({ kind: 'REMOVED', commitmentId: prev.commitmentId, title: prev.title, area: prev.area, fields: [] });
  }
  return out;
}

/**
 * Partner agencies' commitments (DESIGN.md §2) and the local offer published from them.
 * People of the owning agency manage an agency's commitments; the secretariat manages all
 * and publishes the offer; board members read; everyone else reads what visibility allows.
 */
@Injectable()
export class CommitmentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly mutations: MutationRunner,
    private readonly commitments: CommitmentRepository,
    private readonly updates: CommitmentUpdateRepository,
    private readonly versions: LocalOfferVersionRepository,
    private readonly agencies: AgencyRepository,
    private readonly users: UserRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly items: FrameworkItemRepository,
    private readonly partnerships: PartnershipRepository,
    // Absent where the service runs without queues (the demo loader); the reminders' reconcile job catches up there.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  /** Whether the actor manages this agency's commitments: its own people (board members only read), and the secretariat. */
  static canManage(actor: Actor, agencyId: string): boolean {
    return AccessPolicy.isSecretariat(actor) || (actor.role === PartnershipRole.MEMBER && actor.agencyId === agencyId);
  }

  static isReviewOverdue(c: CommitmentEntity): boolean {
    return (
      (c.status === ActionStatus.NOT_STARTED || c.status === ActionStatus.IN_PROGRESS) &&
      c.reviewDate !== null &&
      c.reviewDate < londonToday()
    );
  }

  list(scope: Scope, args: CommitmentsArgs): Promise<ConnectionShape<CommitmentEntity>> {
    const order = args.orderBy ?? { field: 'TITLE', direction: 'ASC' };
    return this.commitments.list(scope, args.filter, { field: order.field, direction: order.direction }, args);
  }

  async get(scope: Scope, id: string): Promise<CommitmentEntity> {
    const c = await this.commitments.findById(scope, id);
    if (!c) throw notFound('Commitment');
    return c;
  }

  summaryByAgency(scope: Scope): Promise<AgencySummaryRow[]> {
    return this.commitments.summaryByAgency(scope);
  }

  create(scope: Scope, input: CreateCommitmentInput): Promise<CommitmentEntity> {
    const a = scope.actor;
    return replanned(
      this.reminders,
      'COMMITMENT',
      this.mutations.run(scope, 'commitment.create', async (tx) => {
        const agencyId = input.agencyId ?? a.agencyId;
        if (!agencyId) throw fieldError('input.agencyId', 'Choose the agency making the commitment.');
        AccessPolicy.assert(
          CommitmentsService.canManage(a, agencyId),
          AccessPolicy.isSecretariat(a) || a.role === PartnershipRole.MEMBER
            ? 'You can only add commitments for your own agency.'
            : 'Board members read commitments; the agency’s own people add them.',
        );
        if (!(await this.agencies.findById(tx, agencyId))) throw fieldError('input.agencyId', 'Choose an agency of this partnership.');
        if (!input.title) throw fieldError('input.title', 'Enter the commitment.');
        if (!input.offerArea) throw fieldError('input.offerArea', 'Choose a local offer area, or other.');
        const checked = await this.check(tx, input, null);
        const c = await this.commitments.insert(tx, {
          agencyId,
          createdByUserId: a.userId ?? undefined,
          title: input.title,
          description: input.description ?? '',
          offerArea: input.offerArea,
          measure: input.measure ?? '',
          unit: input.unit ?? '',
          baseline: input.baseline ?? null,
          target: input.target ?? null,
          polarity: input.polarity ?? Polarity.HIGHER_IS_BETTER,
          currentValue: null,
          dueDate: input.dueDate ?? null,
          reviewDate: input.reviewDate ?? null,
          status: input.status ?? ActionStatus.NOT_STARTED,
          rag: input.rag ?? Rag.GREEN,
          ...checked.fields,
          version: 1,
        });
        await this.commitments.setFrameworkItems(tx, c.id, checked.itemIds);
        return {
          result: c,
          audit: { entityType: 'Commitment', entityId: c.id, before: null, after: { ...snapshot(c), frameworkItemIds: checked.itemIds } },
        };
      }),
    );
  }

  update(scope: Scope, input: UpdateCommitmentInput): Promise<CommitmentEntity> {
    return replanned(
      this.reminders,
      'COMMITMENT',
      this.mutations.run(scope, 'commitment.update', async (tx) => {
        const c = await this.lock(tx, input.id);
        const before = await this.view(tx, c);
        AccessPolicy.assert(
          CommitmentsService.canManage(tx.actor, c.agencyId),
          'Only the agency’s own people and the board secretariat can change its commitments.',
        );
        if (input.version !== c.version) {
          throw conflict(
            'Someone else changed this commitment since you opened it. Check the current details and make your change again.',
            before,
          );
        }
        const checked = await this.check(tx, input, c);
        // Null leaves a field that cannot be empty as it was (as check() does for visibility, inLocalOffer and the id lists);
        // null clears only what may be empty: the measures and dates below, and the offer wording and eligibility.
        c.title = input.title ?? c.title;
        c.description = input.description ?? c.description;
        c.offerArea = input.offerArea ?? c.offerArea;
        c.measure = input.measure ?? c.measure;
        c.unit = input.unit ?? c.unit;
        c.polarity = input.polarity ?? c.polarity;
        c.status = input.status ?? c.status;
        c.rag = input.rag ?? c.rag;
        if (input.baseline !== undefined) c.baseline = input.baseline;
        if (input.target !== undefined) c.target = input.target;
        if (input.dueDate !== undefined) c.dueDate = input.dueDate;
        if (input.reviewDate !== undefined) c.reviewDate = input.reviewDate;
        Object.assign(c, checked.fields);
        c.version += 1;
        const saved = await this.commitments.save(tx, c);
        await this.commitments.setFrameworkItems(tx, c.id, checked.itemIds);
        return { result: saved, audit: { entityType: 'Commitment', entityId: c.id, before, after: await this.view(tx, saved) } };
      }),
    );
  }

  async postUpdate(
    scope: Scope,
    input: PostCommitmentUpdateInput,
  ): Promise<{ commitment: CommitmentEntity; update: CommitmentUpdateEntity }> {
    const done = await this.mutations.run(scope, 'commitment.postUpdate', async (tx) => {
      const c = await this.lock(tx, input.commitmentId);
      AccessPolicy.assert(
        CommitmentsService.canManage(tx.actor, c.agencyId),
        'Only the agency’s own people and the board secretariat can post progress on its commitments.',
      );
      const before = snapshot(c);
      if (input.version !== c.version) {
        throw conflict('Someone else updated this commitment since you opened it. Check the latest update and post yours again.', before);
      }
      const today = londonToday();
      const updateDate = input.updateDate ?? today;
      if (updateDate > today) throw fieldError('input.updateDate', 'The date of the update must be today or in the past.');
      const u = await this.updates.insert(tx, {
        commitmentId: c.id,
        authorUserId: tx.actor.userId ?? undefined,
        updateDate,
        value: input.value ?? null,
        narrative: input.narrative,
        status: input.status,
        rag: input.rag,
      });
      // The current value is the latest-dated update that gave one, so a late entry for an earlier date does not overwrite it.
      const all = await this.updates.forCommitments(tx, [c.id]);
      const withValue = all.filter((x) => x.value !== null);
      c.currentValue = withValue.length ? withValue[withValue.length - 1].value : null;
      c.status = input.status;
      c.rag = input.rag;
      c.lastUpdateAt = new Date();
      c.version += 1;
      const saved = await this.commitments.save(tx, c);
      return {
        result: { commitment: saved, update: u },
        audit: [
          { entityType: 'CommitmentUpdate', entityId: u.id, before: null, after: snapshot(u) },
          { entityType: 'Commitment', entityId: c.id, before, after: snapshot(saved) },
        ],
      };
    });
    // A commitment met or dropped has no more reviews to remind about.
    await replanned(this.reminders, 'COMMITMENT', Promise.resolve(done.commitment));
    return done;
  }

  frameworkItemIds(scope: Scope, ids: readonly string[]) {
    return this.commitments.frameworkItems(scope, ids);
  }

  updatesFor(scope: Scope, ids: readonly string[]) {
    return this.updates.forCommitments(scope, ids);
  }

  // ---- the local offer ----

  async preview(scope: Scope): Promise<LocalOfferPreviewType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat publishes the local offer.');
    const latest = await this.versions.latest(scope);
    const items = await this.offerItems(scope);
    return {
      nextNumber: (latest?.number ?? 0) + 1,
      areas: groupByArea(items),
      changes: offerChanges(latest?.items ?? null, items) as LocalOfferPreviewType['changes'],
    };
  }

  async versionsOf(scope: Scope): Promise<LocalOfferVersionType[]> {
    return (await this.versions.all(scope)).map(versionView);
  }

  publish(scope: Scope, input: PublishLocalOfferInput): Promise<LocalOfferVersionType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat publishes the local offer.');
    return this.mutations.run(scope, 'localOffer.publish', async (tx) => {
      // Two publications at once both take the same number; the unique (partnership, number) refuses the second as a CONFLICT.
      const latest = await this.versions.latest(tx);
      const next = (latest?.number ?? 0) + 1;
      if (input.expectedNumber !== next) {
        throw conflict(`Version ${next - 1} has been published since you opened this page. Check what will change and publish again.`, {
          latestNumber: next - 1,
        });
      }
      const items = await this.offerItems(tx);
      const changes = offerChanges(latest?.items ?? null, items);
      // Left out, the introduction stays as last published; an empty one clears it.
      const introduction = input.introduction ?? latest?.introduction ?? '';
      if (latest && !changes.length && introduction === latest.introduction) {
        throw fieldError('input', `Nothing has changed since version ${latest.number}, so there is nothing new to publish.`);
      }
      if (!items.length) throw fieldError('input', 'No commitment is in the local offer yet. Add one to the offer before publishing.');
      const v = await this.versions.insert(tx, {
        number: next,
        publishedAt: new Date(),
        publishedByUserId: tx.actor.userId ?? undefined,
        introduction,
        items,
        changes,
      });
      return {
        result: versionView(v),
        audit: { entityType: 'LocalOfferVersion', entityId: v.id, before: null, after: { number: v.number, items: items.length, changes } },
      };
    });
  }

  /** The published offer for anyone, by the partnership's slug: the latest version, or the one numbered. */
  async publicOffer(slug: string, number?: number): Promise<PublicLocalOfferType> {
    const p = await this.partnerships.findBySlug(slug);
    if (!p) throw notFound('Local offer');
    const scope = Scope.system(p.id, this.ds);
    const all = await this.versions.all(scope);
    const v = number === undefined ? all[0] : all.find((x) => x.number === number);
    if (!v) throw notFound('Local offer');
    return { partnershipName: p.name, localAuthority: p.localAuthority, version: versionView(v), versions: all.map((x) => x.number) };
  }

  private async offerItems(scope: Scope): Promise<OfferItem[]> {
    const rows = await this.commitments.inOffer(scope);
    const agencies = new Map((await this.agencies.findByIds(scope, dedupe(rows.map((c) => c.agencyId)))).map((a) => [a.id, a.name]));
    const order = [...STATUTORY_AREAS, OfferArea.OTHER];
    return rows
      .map((c) => ({
        commitmentId: c.id,
        area: c.offerArea,
        title: c.title,
        wording: c.offerWording ?? '',
        eligibility: c.offerEligibility,
        agencyName: agencies.get(c.agencyId) ?? '',
      }))
      .sort(
        (x, y) =>
          order.indexOf(x.area) - order.indexOf(y.area) ||
          x.title.localeCompare(y.title, 'en-GB') ||
          x.commitmentId.localeCompare(y.commitmentId),
      );
  }

  private async lock(tx: TxScope, id: string): Promise<CommitmentEntity> {
    const c = await this.commitments.lockById(tx, id);
    if (!c) throw notFound('Commitment');
    return c;
  }

  private async view(scope: Scope, c: CommitmentEntity): Promise<Record<string, unknown>> {
    const items = await this.commitments.frameworkItems(scope, [c.id]);
    return { ...snapshot(c), frameworkItemIds: items.map((i) => i.frameworkItemId).sort() };
  }

  /** Checks what the input names, against the commitment as it would be after the change. */
  private async check(tx: TxScope, input: CommitmentFieldsInput, current: CommitmentEntity | null) {
    const curItems = current ? (await this.commitments.frameworkItems(tx, [current.id])).map((l) => l.frameworkItemId) : [];
    const itemIds = input.frameworkItemIds ? dedupe(input.frameworkItemIds) : curItems;
    if (input.frameworkItemIds?.length) {
      await assertChoosableItems(
        this.items,
        tx,
        itemIds,
        curItems,
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );
    }
    const visibility = input.visibility ?? current?.visibility ?? Visibility.PARTNERSHIP;
    const subGroupId =
      visibility === Visibility.SUB_GROUP ? (input.subGroupId !== undefined ? input.subGroupId : (current?.subGroupId ?? null)) : null;
    if (visibility === Visibility.SUB_GROUP) {
      if (!subGroupId) throw fieldError('input.subGroupId', 'Choose the sub-group that can see this commitment.');
      if (!(await this.subGroups.findById(tx, subGroupId))) throw fieldError('input.subGroupId', 'Choose a sub-group of this partnership.');
    }
    const restrictedUserIds =
      visibility === Visibility.RESTRICTED ? dedupe(input.restrictedUserIds ?? current?.restrictedUserIds ?? []) : [];
    if (visibility === Visibility.RESTRICTED) {
      if (!restrictedUserIds.length)
        throw fieldError('input.restrictedUserIds', 'Name at least one person who can see a restricted commitment.');
      if ((await this.users.findByIds(tx, restrictedUserIds)).length !== restrictedUserIds.length) {
        throw fieldError('input.restrictedUserIds', 'Choose people from this partnership.');
      }
    }
    const inLocalOffer = input.inLocalOffer ?? current?.inLocalOffer ?? false;
    const offerWording = input.offerWording !== undefined ? input.offerWording || null : (current?.offerWording ?? null);
    const offerEligibility = input.offerEligibility !== undefined ? input.offerEligibility || null : (current?.offerEligibility ?? null);
    if (inLocalOffer && !offerWording) {
      throw fieldError('input.offerWording', 'Say what care leavers get, in plain words, for the local offer.');
    }
    const dueDate = input.dueDate !== undefined ? input.dueDate : (current?.dueDate ?? null);
    const reviewDate = input.reviewDate !== undefined ? input.reviewDate : (current?.reviewDate ?? null);
    if (!dueDate && !reviewDate) throw fieldError('input.dueDate', 'Enter a due date or a review date.');
    return { itemIds, fields: { visibility, subGroupId, restrictedUserIds, inLocalOffer, offerWording, offerEligibility } };
  }
}

function versionView(v: LocalOfferVersionEntity): LocalOfferVersionType {
  return {
    number: v.number,
    publishedAt: v.publishedAt,
    introduction: v.introduction,
    areas: groupByArea(v.items),
    changes: v.changes.map((c) => ({ ...c, kind: c.kind as OfferChangeKindEnum })),
  };
}
