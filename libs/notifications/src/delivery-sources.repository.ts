import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository } from '@pbw/db';
import { NotificationEntity } from './notifications.entities';

/**
 * The e-mail sweeps across every partnership: whose digests are waiting, and what should have
 * gone at once but has not (a job lost with Redis, or a send that failed for good).
 */
@Injectable()
export class DeliverySourcesRepository extends CrossPartnershipRepository<NotificationEntity> {
  protected readonly entity = NotificationEntity;
  protected readonly alias = 'n';

  constructor(ds: DataSource) {
    super(ds);
  }

  digestRecipients(period: 'DAILY' | 'WEEKLY'): Promise<Array<{ partnershipId: string; userId: string }>> {
    return this.ds.manager.query(
      `SELECT DISTINCT partnership_id AS "partnershipId", user_id AS "userId" FROM notifications
        WHERE email_status = 'DIGEST' AND digest = $1 ORDER BY 1, 2`,
      [period],
    );
  }

  /** Notifications waiting to go at once for longer than a job would take. */
  stalePending(olderThan: Date): Promise<Array<{ partnershipId: string; id: string }>> {
    return this.ds.manager.query(
      `SELECT partnership_id AS "partnershipId", id FROM notifications WHERE email_status = 'PENDING' AND created_at < $1 ORDER BY created_at LIMIT 1000`,
      [olderThan],
    );
  }

  /** Security e-mails not yet sent, made since `since` (older links have expired anyway). */
  unsentOutbox(olderThan: Date, since: Date): Promise<Array<{ partnershipId: string; id: string }>> {
    return this.ds.manager.query(
      `SELECT partnership_id AS "partnershipId", id FROM outbox_messages
        WHERE sent_at IS NULL AND created_at < $1 AND created_at >= $2 ORDER BY created_at LIMIT 1000`,
      [olderThan, since],
    );
  }
}
