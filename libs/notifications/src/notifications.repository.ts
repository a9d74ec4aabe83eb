import { Injectable } from '@nestjs/common';
import { type ConnectionShape, type PageArgs } from '@pbw/core';
import { ScopedRepository, isUuid, type Scope, type TxScope } from '@pbw/db';
import {
  type DeliveryMode,
  EmailStatus,
  NotificationEntity,
  NotificationPreferenceEntity,
  type NotificationKind,
} from './notifications.entities';

/** Notifications are one person's own: every read is narrowed to the caller, whatever their role. */
@Injectable()
export class NotificationRepository extends ScopedRepository<NotificationEntity> {
  protected readonly entity = NotificationEntity;
  protected readonly alias = 'n';

  private mine(scope: Scope) {
    return this.select(scope).andWhere('n.user_id = :__me', { __me: scope.actor.userId });
  }

  list(scope: Scope, unreadOnly: boolean, page: PageArgs): Promise<ConnectionShape<NotificationEntity>> {
    const qb = this.mine(scope);
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return this.paginate(qb, page, {
      expression: 'n.created_at',
      read: (n: NotificationEntity) => n.createdAt.toISOString(),
      direction: 'DESC',
    });
  }

  unreadCount(scope: Scope): Promise<number> {
    return this.mine(scope).andWhere('n.read_at IS NULL').getCount();
  }

  /** Marks the caller's own notifications read (those named, or all); answers how many changed. */
  async markRead(tx: TxScope, ids: readonly string[] | null): Promise<NotificationEntity[]> {
    const qb = this.mine(tx).andWhere('n.read_at IS NULL');
    if (ids) {
      if (!ids.length) return [];
      qb.andWhere('n.id IN (:...ids)', { ids });
    }
    const rows = await qb.setLock('pessimistic_write').getMany();
    const now = new Date();
    for (const r of rows) {
      r.readAt = now;
      await this.save(tx, r);
    }
    return rows;
  }

  /** A person's delivery choices (their rows only; a kind with none uses the default). */
  preferences(scope: Scope, userId: string): Promise<NotificationPreferenceEntity[]> {
    return this.selectLinks(scope, NotificationPreferenceEntity, 'np').andWhere('np.user_id = :userId', { userId }).getMany();
  }

  /** Replaces a person's delivery choices with the ones given. */
  setPreferences(tx: TxScope, userId: string, prefs: ReadonlyArray<{ kind: NotificationKind; mode: DeliveryMode }>): Promise<void> {
    return this.replaceLinks(
      tx,
      NotificationPreferenceEntity,
      'user_id',
      userId,
      prefs.map((p) => ({ userId, kind: p.kind, mode: p.mode, updatedAt: new Date() })),
    );
  }

  /** A notification waiting to be e-mailed at once, locked until the sending transaction ends: two senders never both send it. */
  lockPending(tx: TxScope, id: string): Promise<NotificationEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.select(tx).andWhere("n.id = :id AND n.email_status = 'PENDING'", { id }).setLock('pessimistic_write').getOne();
  }

  /** What one person's digest gathers, locked, oldest first: a second digest run finds them sent. */
  lockDigest(tx: TxScope, userId: string, period: 'DAILY' | 'WEEKLY'): Promise<NotificationEntity[]> {
    return this.select(tx)
      .andWhere("n.user_id = :userId AND n.email_status = 'DIGEST' AND n.digest = :period", { userId, period })
      .orderBy('n.created_at')
      .addOrderBy('n.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The notifications a reminder made, by their dedupe keys, for e-mailing. */
  byDedupeKeys(scope: Scope, keys: readonly string[]): Promise<NotificationEntity[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.select(scope).andWhere('n.dedupe_key IN (:...keys)', { keys }).getMany();
  }

  async markEmailed(tx: TxScope, rows: readonly NotificationEntity[]): Promise<void> {
    const now = new Date();
    for (const r of rows) {
      r.emailStatus = EmailStatus.SENT;
      r.emailedAt = now;
      await this.save(tx, r);
    }
  }
}
