import { Injectable } from '@nestjs/common';
import { type ConnectionShape, fieldError } from '@pbw/core';
import { MutationRunner } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import type { NotificationPreferenceType } from './notifications.dto';
import { DeliveryMode, EmailStatus, type NotificationEntity, NotificationKind, SECURITY_KINDS } from './notifications.entities';
import { NotificationRepository } from './notifications.repository';
import { KIND_LABELS, type Message } from './templates';

/** The default for each kind: security e-mails and reminders at once; the rest too, until a person chooses otherwise. */
const DEFAULT_MODE = DeliveryMode.IMMEDIATE;

const EMAIL_FOR_MODE: Record<DeliveryMode, EmailStatus> = {
  IMMEDIATE: EmailStatus.PENDING,
  DAILY: EmailStatus.DIGEST,
  WEEKLY: EmailStatus.DIGEST,
  OFF: EmailStatus.NONE,
};

/**
 * In-app notifications and each person's delivery choices. `notify` is how the reminders
 * worker and the services tell someone something: one row per recipient, unique by its dedupe
 * key, so a retried or duplicated job never notifies twice; a kind turned off notifies not at all.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly notifications: NotificationRepository,
  ) {}

  list(scope: Scope, unreadOnly: boolean, page: { first?: number; after?: string }): Promise<ConnectionShape<NotificationEntity>> {
    return this.notifications.list(scope, unreadOnly, page);
  }

  unreadCount(scope: Scope): Promise<number> {
    return this.notifications.unreadCount(scope);
  }

  /** Marks your own notifications read; another person's, or an unknown id, is simply not there to mark. */
  markRead(scope: Scope, ids: readonly string[] | null): Promise<number> {
    return this.mutations.run(scope, 'notification.markRead', async (tx) => {
      const rows = await this.notifications.markRead(tx, ids);
      // Reading one's own notifications changes nothing anyone else sees: it is not audited.
      return { result: rows.length, audit: [], allowNoChange: true };
    });
  }

  async preferences(scope: Scope): Promise<NotificationPreferenceType[]> {
    const mine = new Map((await this.notifications.preferences(scope, scope.actor.userId as string)).map((p) => [p.kind, p.mode]));
    return Object.values(NotificationKind).map((kind) => ({
      kind,
      label: KIND_LABELS[kind],
      mode: SECURITY_KINDS.has(kind) ? DeliveryMode.IMMEDIATE : (mine.get(kind) ?? DEFAULT_MODE),
      canChange: !SECURITY_KINDS.has(kind),
    }));
  }

  setPreference(scope: Scope, kind: NotificationKind, mode: DeliveryMode): Promise<NotificationPreferenceType[]> {
    if (SECURITY_KINDS.has(kind) && mode !== DeliveryMode.IMMEDIATE) {
      throw fieldError('input.mode', 'Security e-mails, such as invitations and password resets, always go at once.');
    }
    return this.mutations.run(scope, 'notification.setPreference', async (tx) => {
      const userId = tx.actor.userId as string;
      const current = await this.notifications.preferences(tx, userId);
      const before = Object.fromEntries(current.map((p) => [p.kind, p.mode]));
      const next = [...current.filter((p) => p.kind !== kind).map((p) => ({ kind: p.kind, mode: p.mode })), { kind, mode }];
      await this.notifications.setPreferences(tx, userId, next);
      return {
        result: await this.preferences(tx),
        audit: {
          entityType: 'User',
          entityId: userId,
          before: { notificationPreferences: before },
          after: { notificationPreferences: { ...before, [kind]: mode } },
        },
      };
    });
  }

  /**
   * Tells one person something, once: a second call with the same dedupe key (a retried job)
   * adds nothing. Answers whether a notification was made (false when it already existed, or
   * the person turned this kind off).
   */
  async notify(tx: TxScope, to: { userId: string; kind: NotificationKind; dedupeKey: string; message: Message }): Promise<boolean> {
    const prefs = await this.notifications.preferences(tx, to.userId);
    const mode = SECURITY_KINDS.has(to.kind) ? DeliveryMode.IMMEDIATE : (prefs.find((p) => p.kind === to.kind)?.mode ?? DEFAULT_MODE);
    if (mode === DeliveryMode.OFF) return false;
    return this.notifications.insertUnlessExists(tx, {
      userId: to.userId,
      kind: to.kind,
      title: to.message.title,
      body: to.message.body,
      link: to.message.link,
      dedupeKey: to.dedupeKey,
      emailStatus: EMAIL_FOR_MODE[mode],
      digest: mode === DeliveryMode.DAILY || mode === DeliveryMode.WEEKLY ? mode : null,
      emailedAt: null,
      readAt: null,
    });
  }
}
