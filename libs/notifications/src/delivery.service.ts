import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@pbw/core';
import { Scope, type TxScope } from '@pbw/db';
import { OutboxRepository, PartnershipRepository, UserRepository, UserStatus } from '@pbw/identity';
import { DeliverySourcesRepository } from './delivery-sources.repository';
import type { Mailer } from './mailer';
import { EmailStatus } from './notifications.entities';
import { NotificationRepository } from './notifications.repository';
import { renderDigest, renderEmail } from './templates';

export const MAILER = Symbol('MAILER');

/** A notification or outbox message still unsent this long after it was made is swept up by the reconcile job. */
const SWEEP_AFTER_MS = 10 * 60_000;
/** Security links older than this have expired: sending them would only confuse. */
const OUTBOX_MAX_AGE_MS = 7 * 86_400_000;

/**
 * E-mail out of PostgreSQL. Each message is sent inside the transaction that holds its row
 * locked and marks it sent, so two workers never both send it, and a worker killed mid-send
 * leaves it unsent (the transaction rolls back with the dead connection) for the retry to send
 * once. What cannot be closed is the instant between the SMTP server accepting a message and
 * the commit; the Message-ID, fixed per notification, lets a receiving system spot that repeat.
 */
@Injectable()
export class DeliveryService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly partnerships: PartnershipRepository,
    private readonly notifications: NotificationRepository,
    private readonly outbox: OutboxRepository,
    private readonly sources: DeliverySourcesRepository,
  ) {}

  private async partnershipName(tx: TxScope): Promise<string> {
    return (await this.partnerships.current(tx))?.name ?? '';
  }

  /** E-mails a notification waiting to go at once; false when it was not waiting (sent already, or in-app only). */
  deliver(partnershipId: string, id: string): Promise<boolean> {
    return Scope.system(partnershipId, this.ds).transaction(async (tx) => {
      const n = await this.notifications.lockPending(tx, id);
      if (!n) return false;
      const user = await this.users.findById(tx, n.userId);
      if (!user || user.status !== UserStatus.ACTIVE) {
        // Nobody to send to any more: it stays in the app, unsent.
        n.emailStatus = EmailStatus.NONE;
        await this.notifications.save(tx, n);
        return false;
      }
      const mail = renderEmail({ title: n.title, body: n.body, link: n.link }, this.config.publicUrl, await this.partnershipName(tx));
      await this.mailer.send({ to: user.email, ...mail, messageId: `<${n.id}@pbw.notifications>` });
      await this.notifications.markEmailed(tx, [n]);
      return true;
    });
  }

  /** One person's waiting notifications for a digest, in one e-mail, once; answers how many it gathered. */
  sendDigest(partnershipId: string, userId: string, period: 'DAILY' | 'WEEKLY'): Promise<number> {
    return Scope.system(partnershipId, this.ds).transaction(async (tx) => {
      const rows = await this.notifications.lockDigest(tx, userId, period);
      if (!rows.length) return 0;
      const user = await this.users.findById(tx, userId);
      if (user?.status === UserStatus.ACTIVE) {
        const mail = renderDigest(rows, period, this.config.publicUrl, await this.partnershipName(tx));
        await this.mailer.send({ to: user.email, ...mail, messageId: `<digest-${period.toLowerCase()}-${rows[0].id}@pbw.notifications>` });
      }
      await this.notifications.markEmailed(tx, rows);
      return rows.length;
    });
  }

  async sendDigests(period: 'DAILY' | 'WEEKLY'): Promise<{ people: number; notifications: number }> {
    let people = 0;
    let notifications = 0;
    for (const r of await this.sources.digestRecipients(period)) {
      const n = await this.sendDigest(r.partnershipId, r.userId, period);
      if (n) people++;
      notifications += n;
    }
    return { people, notifications };
  }

  /** E-mails an invitation or password reset from the outbox, then clears its link from the stored copy. */
  sendOutbox(partnershipId: string, messageId: string): Promise<boolean> {
    return Scope.system(partnershipId, this.ds).transaction(async (tx) => {
      const m = await this.outbox.lockUnsent(tx, messageId);
      if (!m) return false;
      const mail = renderEmail({ title: m.subject, body: m.body, link: m.link }, this.config.publicUrl, await this.partnershipName(tx));
      await this.mailer.send({ to: m.toEmail, ...mail, messageId: `<${m.id}@pbw.outbox>` });
      // The link is a password in all but name: once it has gone, the database keeps no copy.
      if (m.link) m.body = m.body.split(m.link).join('(the link was sent by e-mail)');
      m.link = null;
      m.sentAt = new Date();
      await this.outbox.save(tx, m);
      return true;
    });
  }

  /** Sends what should have gone at once but has not; part of the reconcile job. */
  async sweep(now = new Date()): Promise<{ notifications: number; outbox: number }> {
    const before = new Date(now.getTime() - SWEEP_AFTER_MS);
    let notifications = 0;
    for (const n of await this.sources.stalePending(before)) if (await this.deliver(n.partnershipId, n.id)) notifications++;
    let outbox = 0;
    for (const m of await this.sources.unsentOutbox(before, new Date(now.getTime() - OUTBOX_MAX_AGE_MS))) {
      if (await this.sendOutbox(m.partnershipId, m.id)) outbox++;
    }
    return { notifications, outbox };
  }
}
