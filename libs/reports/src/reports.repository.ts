import { Injectable } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { HighlightReportCommentEntity, HighlightReportEntity, HighlightReportEvidenceEntity, type ReportStatus } from './reports.entities';

export interface ReportFilterValues {
  meetingId?: string;
  subGroupId?: string;
  statuses?: ReportStatus[];
}

/** Submitted and accepted reports are the board's to read; drafts and returned ones stay with the sub-group. */
export const BOARD_VISIBLE = `('SUBMITTED','ACCEPTED')`;

/**
 * Highlight reports, narrowed in SQL: the secretariat sees every one; the sub-group's
 * members see theirs at every stage; everyone else sees them once submitted.
 */
@Injectable()
export class HighlightReportRepository extends ScopedRepository<HighlightReportEntity> {
  protected readonly entity = HighlightReportEntity;
  protected readonly alias = 'hr';

  protected override visible(scope: Scope, qb: SelectQueryBuilder<HighlightReportEntity>): SelectQueryBuilder<HighlightReportEntity> {
    if (scope.isSecretariat) return qb;
    return qb.andWhere(
      new Brackets((w) => {
        w.where(`hr.status IN ${BOARD_VISIBLE}`).orWhere('hr.sub_group_id = ANY(:__hrGroups::uuid[])', {
          __hrGroups: [...scope.actor.subGroups.keys()],
        });
      }),
    );
  }

  list(scope: Scope, f: ReportFilterValues | undefined, page: PageArgs): Promise<ConnectionShape<HighlightReportEntity>> {
    const qb = this.visible(scope, this.select(scope));
    if (f?.meetingId) qb.andWhere('hr.meeting_id = :meetingId', { meetingId: f.meetingId });
    if (f?.subGroupId) qb.andWhere('hr.sub_group_id = :subGroupId', { subGroupId: f.subGroupId });
    if (f?.statuses?.length) qb.andWhere('hr.status IN (:...statuses)', { statuses: f.statuses });
    return this.paginate(qb, page, {
      expression: 'hr.updated_at',
      read: (r: HighlightReportEntity) => r.updatedAt.toISOString(),
      direction: 'DESC',
    });
  }

  forMeetings(scope: Scope, meetingIds: readonly string[]): Promise<HighlightReportEntity[]> {
    if (!meetingIds.length) return Promise.resolve([]);
    return this.visible(scope, this.select(scope)).andWhere('hr.meeting_id IN (:...meetingIds)', { meetingIds }).getMany();
  }

  /** Whether any report exists for the pair, whoever may see it: the pair is unique. */
  async exists(scope: Scope, meetingId: string, subGroupId: string): Promise<boolean> {
    return (
      (await this.select(scope)
        .andWhere('hr.meeting_id = :meetingId AND hr.sub_group_id = :subGroupId', { meetingId, subGroupId })
        .getCount()) > 0
    );
  }

  evidenceLinks(scope: Scope, reportIds: readonly string[]): Promise<HighlightReportEvidenceEntity[]> {
    if (!reportIds.length) return Promise.resolve([]);
    return this.selectLinks(scope, HighlightReportEvidenceEntity, 'l')
      .andWhere('l.report_id IN (:...ids)', { ids: reportIds })
      .orderBy('l.position')
      .getMany();
  }

  setEvidence(tx: TxScope, reportId: string, evidenceIds: readonly string[]): Promise<void> {
    return this.replaceLinks(
      tx,
      HighlightReportEvidenceEntity,
      'report_id',
      reportId,
      evidenceIds.map((evidenceId, i) => ({ reportId, evidenceId, position: i + 1 })),
    );
  }
}

@Injectable()
export class HighlightReportCommentRepository extends ScopedRepository<HighlightReportCommentEntity> {
  protected readonly entity = HighlightReportCommentEntity;
  protected readonly alias = 'hc';

  /** Oldest first; the caller has already been shown the report. */
  forReports(scope: Scope, reportIds: readonly string[]): Promise<HighlightReportCommentEntity[]> {
    if (!reportIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('hc.report_id IN (:...ids)', { ids: reportIds })
      .orderBy('hc.created_at')
      .addOrderBy('hc.id')
      .getMany();
  }
}
