import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository } from '@pbw/db';
import { ActionEntity } from '@pbw/workplans';

/**
 * The reconcile job's view across every partnership: each open action in an active plan whose
 * reminders could still be due. PostgreSQL is the source of truth; Redis only holds the jobs.
 */
@Injectable()
export class ReminderSourcesRepository extends CrossPartnershipRepository<ActionEntity> {
  protected readonly entity = ActionEntity;
  protected readonly alias = 'a';

  constructor(ds: DataSource) {
    super(ds);
  }

  openActions(from: string): Promise<Array<Pick<ActionEntity, 'id' | 'partnershipId' | 'dueDate' | 'status'>>> {
    return this.unscopedSelect()
      .select(['a.id', 'a.partnershipId', 'a.dueDate', 'a.status'])
      .innerJoin('work_plans', 'wp', "wp.id = a.work_plan_id AND wp.partnership_id = a.partnership_id AND wp.status = 'ACTIVE'")
      .where("a.status IN ('NOT_STARTED','IN_PROGRESS') AND a.due_date >= :from", { from })
      .getMany();
  }
}
