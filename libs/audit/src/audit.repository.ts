import { Injectable } from '@nestjs/common';
import type { ConnectionShape } from '@pbw/core';
import { ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { AuditEventEntity } from './audit-event.entity';
import type { AuditEventsArgs } from './audit.dto';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

@Injectable()
export class AuditRepository extends ScopedRepository<AuditEventEntity> {
  protected readonly entity = AuditEventEntity;
  protected readonly alias = 'ae';

  append(tx: TxScope, entry: AuditEntry): Promise<AuditEventEntity> {
    return this.insert(tx, { ...entry, actorUserId: tx.actor.userId, requestId: tx.requestId ?? null });
  }

  list(scope: Scope, args: AuditEventsArgs): Promise<ConnectionShape<AuditEventEntity>> {
    const qb = this.select(scope);
    const f = args.filter;
    if (f?.entityType) qb.andWhere('ae.entity_type = :entityType', { entityType: f.entityType });
    if (f?.entityId) qb.andWhere('ae.entity_id = :entityId', { entityId: f.entityId });
    if (f?.actorUserId) qb.andWhere('ae.actor_user_id = :actorUserId', { actorUserId: f.actorUserId });
    if (f?.from) qb.andWhere('ae.occurred_at >= :from', { from: f.from });
    if (f?.to) qb.andWhere('ae.occurred_at < :to', { to: f.to });
    return this.paginate(qb, args, {
      // occurred_at is stored to the millisecond, as the cursor's Date is, so the index serves this.
      expression: 'ae.occurred_at',
      read: (row: AuditEventEntity) => row.occurredAt.toISOString(),
      direction: 'DESC',
    });
  }
}
