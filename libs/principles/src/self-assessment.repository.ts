import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import {
  SelfAssessmentActionEntity,
  SelfAssessmentCommitmentEntity,
  SelfAssessmentEntity,
  SelfAssessmentEvidenceEntity,
  SelfAssessmentIndicatorEntity,
} from './self-assessment.entities';

/** The four kinds of record a self-assessment links to, each in its own table. */
export const LINKS = {
  evidence: { entity: SelfAssessmentEvidenceEntity, column: 'evidence_id', key: 'evidenceId' },
  actions: { entity: SelfAssessmentActionEntity, column: 'action_id', key: 'actionId' },
  commitments: { entity: SelfAssessmentCommitmentEntity, column: 'commitment_id', key: 'commitmentId' },
  indicators: { entity: SelfAssessmentIndicatorEntity, column: 'indicator_id', key: 'indicatorId' },
} as const;
export type LinkKind = keyof typeof LINKS;

/** Self-assessments are partnership-wide: everyone in the partnership reads them. */
@Injectable()
export class SelfAssessmentRepository extends ScopedRepository<SelfAssessmentEntity> {
  protected readonly entity = SelfAssessmentEntity;
  protected readonly alias = 'sa';

  list(scope: Scope, period: string, itemIds?: readonly string[]): Promise<SelfAssessmentEntity[]> {
    const qb = this.select(scope).andWhere('sa.period = :period', { period });
    if (itemIds) {
      if (!itemIds.length) return Promise.resolve([]);
      qb.andWhere('sa.framework_item_id IN (:...itemIds)', { itemIds });
    }
    return qb.orderBy('sa.framework_item_id').getMany();
  }

  lockFor(tx: TxScope, frameworkItemId: string, period: string): Promise<SelfAssessmentEntity | null> {
    return this.select(tx)
      .andWhere('sa.framework_item_id = :frameworkItemId AND sa.period = :period', { frameworkItemId, period })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Each self-assessment's linked ids of one kind. */
  async linked(scope: Scope, kind: LinkKind, ids: readonly string[]): Promise<Array<{ selfAssessmentId: string; id: string }>> {
    if (!ids.length) return [];
    const l = LINKS[kind];
    const rows = await this.selectLinks(scope, l.entity as EntityTarget<ObjectLiteral>, 'l')
      .andWhere('l.self_assessment_id IN (:...ids)', { ids })
      .getMany();
    return rows.map((r) => ({ selfAssessmentId: r.selfAssessmentId as string, id: r[l.key] as string }));
  }

  setLinks(tx: TxScope, kind: LinkKind, selfAssessmentId: string, ids: readonly string[]): Promise<void> {
    const l = LINKS[kind];
    return this.replaceLinks(
      tx,
      l.entity as EntityTarget<ObjectLiteral>,
      'self_assessment_id',
      selfAssessmentId,
      ids.map((id) => ({ selfAssessmentId, [l.key]: id })),
    );
  }
}
