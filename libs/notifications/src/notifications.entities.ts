import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum NotificationKind {
  ACTION_DUE = 'ACTION_DUE',
  ACTION_OVERDUE = 'ACTION_OVERDUE',
  REPORT_DEADLINE = 'REPORT_DEADLINE',
  REPORT_LATE = 'REPORT_LATE',
  EVIDENCE_RETURNED = 'EVIDENCE_RETURNED',
  COMMITMENT_REVIEW_DUE = 'COMMITMENT_REVIEW_DUE',
  VOICE_RESPONSE_DUE = 'VOICE_RESPONSE_DUE',
  PACK_PUBLISHED = 'PACK_PUBLISHED',
  INVITATION = 'INVITATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/** Kinds a person cannot turn off or delay: without them they cannot get into their account. */
export const SECURITY_KINDS: ReadonlySet<NotificationKind> = new Set([NotificationKind.INVITATION, NotificationKind.PASSWORD_RESET]);

export enum DeliveryMode {
  IMMEDIATE = 'IMMEDIATE',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
  OFF = 'OFF',
}

export enum EmailStatus {
  NONE = 'NONE',
  PENDING = 'PENDING',
  DIGEST = 'DIGEST',
  SENT = 'SENT',
}

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) kind: NotificationKind;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ name: 'dedupe_key', type: 'text' }) dedupeKey: string;
  @Column({ name: 'email_status', type: 'text' }) emailStatus: EmailStatus;
  /** Which digest a DIGEST notification waits for. */
  @Column({ type: 'text', nullable: true }) digest: 'DAILY' | 'WEEKLY' | null;
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true }) emailedAt: Date | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('notification_preferences')
export class NotificationPreferenceEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) kind: NotificationKind;
  @Column({ type: 'text' }) mode: DeliveryMode;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A person's calendar feed: the secret is in the address; only its hash is kept. */
@Entity('calendar_feeds')
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
}

export const NOTIFICATIONS_ENTITIES = [NotificationEntity, NotificationPreferenceEntity, CalendarFeedEntity];
