import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, visibilityBrackets, type Scope, type TxScope } from '@pbw/db';
import {
  AWAITING_REVIEW,
  EvidenceActionEntity,
  EvidenceCommentEntity,
  EvidenceEntity,
  EvidenceFileEntity,
  EvidenceFrameworkItemEntity,
  type EvidenceKind,
  EvidenceStatus,
} from './evidence.entities';

export interface EvidenceFilterValues {
  subGroupId?: string;
  agencyId?: string;
  statuses?: EvidenceStatus[];
  kind?: EvidenceKind;
  actionId?: string;
  frameworkItemId?: string;
  /** Only evidence the caller added. */
  mine?: boolean;
  /** Only evidence waiting for a review the caller may give (chairs of its sub-group; the secretariat). */
  toReview?: boolean;
}

/**
 * Evidence, narrowed in SQL to what the caller may see (DESIGN.md §3): the secretariat sees
 * all; the author always sees their own; anyone else sees what its visibility allows,
 * except drafts, which stay with the owning agency until they are submitted.
 */
@Injectable()
export class EvidenceRepository extends ScopedRepository<EvidenceEntity> {
  protected readonly entity = EvidenceEntity;
  protected readonly alias = 'e';

  protected override visible(scope: Scope, qb: SelectQueryBuilder<EvidenceEntity>): SelectQueryBuilder<EvidenceEntity> {
    if (scope.isSecretariat) return qb;
    return qb.andWhere(
      new Brackets((w) => {
        w.where('e.created_by_user_id = :__evMe', { __evMe: scope.actor.userId }).orWhere(
          new Brackets((v) => {
            v.where(visibilityBrackets('e', scope)).andWhere("(e.status <> 'DRAFT' OR e.agency_id = :__evAgency)", {
              __evAgency: scope.actor.agencyId,
            });
          }),
        );
      }),
    );
  }

  list(scope: Scope, f: EvidenceFilterValues | undefined, page: PageArgs): Promise<ConnectionShape<EvidenceEntity>> {
    const qb = this.visible(scope, this.select(scope));
    if (f?.subGroupId) qb.andWhere('e.sub_group_id = :subGroupId', { subGroupId: f.subGroupId });
    if (f?.agencyId) qb.andWhere('e.agency_id = :agencyId', { agencyId: f.agencyId });
    if (f?.statuses?.length) qb.andWhere('e.status IN (:...statuses)', { statuses: f.statuses });
    if (f?.kind) qb.andWhere('e.kind = :kind', { kind: f.kind });
    if (f?.mine) qb.andWhere('e.created_by_user_id = :mine', { mine: scope.actor.userId });
    if (f?.actionId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM evidence_actions ea WHERE ea.evidence_id = e.id AND ea.partnership_id = e.partnership_id AND ea.action_id = :actionId)',
        { actionId: f.actionId },
      );
    }
    if (f?.frameworkItemId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM evidence_framework_items efi WHERE efi.evidence_id = e.id AND efi.partnership_id = e.partnership_id AND efi.framework_item_id = :itemId)',
        { itemId: f.frameworkItemId },
      );
    }
    if (f?.toReview) {
      qb.andWhere('e.status IN (:...awaiting)', { awaiting: AWAITING_REVIEW });
      if (!scope.isSecretariat) {
        const chaired = [...scope.actor.subGroups].filter(([, role]) => role === 'CHAIR').map(([id]) => id);
        qb.andWhere('e.sub_group_id = ANY(:chaired::uuid[])', { chaired });
      }
    }
    return this.paginate(qb, page, {
      expression: 'e.updated_at',
      read: (e: EvidenceEntity) => e.updatedAt.toISOString(),
      direction: 'DESC',
    });
  }

  /** Visible, accepted evidence of one sub-group: what a highlight report may link. */
  acceptedInSubGroup(scope: Scope, subGroupId: string, ids: readonly string[]): Promise<EvidenceEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.visible(scope, this.select(scope))
      .andWhere('e.id IN (:...ids) AND e.sub_group_id = :subGroupId AND e.status = :accepted', {
        ids,
        subGroupId,
        accepted: EvidenceStatus.ACCEPTED,
      })
      .getMany();
  }

  /** The visible evidence linked to each of several actions, newest first. */
  async forActions(scope: Scope, actionIds: readonly string[]): Promise<Array<EvidenceEntity & { linkedActionId: string }>> {
    if (!actionIds.length) return [];
    const links = await this.selectLinks(scope, EvidenceActionEntity, 'l')
      .andWhere('l.action_id IN (:...ids)', { ids: actionIds })
      .getMany();
    const visible = await this.findByIds(
      scope,
      links.map((l) => l.evidenceId),
    );
    const byId = new Map(visible.map((e) => [e.id, e]));
    return links
      .filter((l) => byId.has(l.evidenceId))
      .map((l) =>
        Object.assign(Object.create(Object.getPrototypeOf(byId.get(l.evidenceId))), byId.get(l.evidenceId), { linkedActionId: l.actionId }),
      )
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  }

  actionLinks(scope: Scope, evidenceIds: readonly string[]): Promise<EvidenceActionEntity[]> {
    if (!evidenceIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, EvidenceActionEntity, 'l').andWhere('l.evidence_id IN (:...ids)', { ids: evidenceIds }).getMany();
  }

  frameworkItemLinks(scope: Scope, evidenceIds: readonly string[]): Promise<EvidenceFrameworkItemEntity[]> {
    if (!evidenceIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, EvidenceFrameworkItemEntity, 'l').andWhere('l.evidence_id IN (:...ids)', { ids: evidenceIds }).getMany();
  }

  fileLinks(scope: Scope, evidenceIds: readonly string[]): Promise<EvidenceFileEntity[]> {
    if (!evidenceIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, EvidenceFileEntity, 'l')
      .andWhere('l.evidence_id IN (:...ids)', { ids: evidenceIds })
      .orderBy('l.position')
      .getMany();
  }

  /** The evidence a file is attached to, if the caller may see it. */
  async withFile(scope: Scope, fileId: string): Promise<EvidenceEntity | null> {
    return this.visible(scope, this.select(scope))
      .andWhere(
        'EXISTS (SELECT 1 FROM evidence_files ef WHERE ef.evidence_id = e.id AND ef.partnership_id = e.partnership_id AND ef.file_id = :fileId)',
        { fileId },
      )
      .getOne();
  }

  setActions(tx: TxScope, evidenceId: string, actionIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      EvidenceActionEntity,
      'evidence_id',
      evidenceId,
      actionIds.map((actionId) => ({ evidenceId, actionId })),
    );
  }

  setFrameworkItems(tx: TxScope, evidenceId: string, itemIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      EvidenceFrameworkItemEntity,
      'evidence_id',
      evidenceId,
      itemIds.map((frameworkItemId) => ({ evidenceId, frameworkItemId })),
    );
  }

  setFiles(tx: TxScope, evidenceId: string, fileIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      EvidenceFileEntity,
      'evidence_id',
      evidenceId,
      fileIds.map((fileId, i) => ({ evidenceId, fileId, position: i + 1 })),
    );
  }
}

@Injectable()
export class EvidenceCommentRepository extends ScopedRepository<EvidenceCommentEntity> {
  protected readonly entity = EvidenceCommentEntity;
  protected readonly alias = 'ec';

  /** Oldest first. The caller has already been shown the evidence, so its comments are theirs to read. */
  forEvidence(scope: Scope, evidenceIds: readonly string[]): Promise<EvidenceCommentEntity[]> {
    if (!evidenceIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('ec.evidence_id IN (:...ids)', { ids: evidenceIds })
      .orderBy('ec.created_at')
      .addOrderBy('ec.id')
      .getMany();
  }
}
