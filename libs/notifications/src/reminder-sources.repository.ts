import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository } from '@pbw/db';
import { ActionEntity } from '@pbw/workplans';
import type { ReminderRecordType } from './reminder-rules';

export interface ReminderSource {
  type: ReminderRecordType;
  id: string;
  partnershipId: string;
}

/**
 * The reconcile job's view across every partnership (or one): each record whose reminders could
 * still be due. PostgreSQL is the source of truth; Redis only holds the jobs. Open actions count
 * whatever their date, as overdue reminders follow the due date.
 */
@Injectable()
export class ReminderSourcesRepository extends CrossPartnershipRepository<ActionEntity> {
  protected readonly entity = ActionEntity;
  protected readonly alias = 'a';

  constructor(ds: DataSource) {
    super(ds);
  }

  async open(today: string, partnershipId: string | null): Promise<ReminderSource[]> {
    const only = (alias: string) => `AND ($2::uuid IS NULL OR ${alias}.partnership_id = $2::uuid)`;
    const rows: ReminderSource[] = await this.ds.manager.query(
      `SELECT 'ACTION' AS type, a.id, a.partnership_id AS "partnershipId" FROM actions a
         JOIN work_plans wp ON wp.id = a.work_plan_id AND wp.partnership_id = a.partnership_id AND wp.status = 'ACTIVE'
         WHERE a.status IN ('NOT_STARTED','IN_PROGRESS') ${only('a')}
       UNION ALL
       SELECT 'MEETING', m.id, m.partnership_id FROM meetings m
         WHERE m.status = 'PLANNED' AND m.report_deadline >= $1::date - 7 ${only('m')}
       UNION ALL
       SELECT 'COMMITMENT', c.id, c.partnership_id FROM commitments c
         WHERE c.status IN ('NOT_STARTED','IN_PROGRESS') AND c.review_date >= $1::date ${only('c')}
       UNION ALL
       SELECT 'VOICE_ITEM', v.id, v.partnership_id FROM voice_items v
         WHERE v.status = 'OPEN' AND v.response_due >= $1::date ${only('v')}`,
      [today, partnershipId],
    );
    return rows;
  }
}
