import { AnnualUpdateEntity } from './annual-update';
import type { FindingKind } from './personal-data';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PackStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** One compile of a meeting's pack: a version, immutable once done. */
@Entity('board_packs')
export class BoardPackEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ type: 'text' }) status: PackStatus;
  @Column({ type: 'integer' }) progress: number;
  @Column({ type: 'text' }) step: string;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'members_key', type: 'text', nullable: true }) membersKey: string | null;
  @Column({ name: 'members_sha256', type: 'text', nullable: true }) membersSha256: string | null;
  @Column({ name: 'members_pages', type: 'integer', nullable: true }) membersPages: number | null;
  @Column({ name: 'public_key', type: 'text', nullable: true }) publicKey: string | null;
  @Column({ name: 'public_sha256', type: 'text', nullable: true }) publicSha256: string | null;
  @Column({ name: 'public_pages', type: 'integer', nullable: true }) publicPages: number | null;
  @Column({ name: 'requested_by_user_id', type: 'uuid' }) requestedByUserId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'published_by_user_id', type: 'uuid', nullable: true }) publishedByUserId: string | null;
  /** For a supplement: what changed since the version published before it. */
  @Column({ name: 'change_note', type: 'text', nullable: true }) changeNote: string | null;
}

/** Likely personal data found in a version's public edition; it must be cleared before publishing. */
@Entity('pack_findings')
export class PackFindingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'pack_id', type: 'uuid' }) packId: string;
  @Column({ type: 'text' }) kind: FindingKind;
  @Column({ type: 'integer' }) page: number;
  @Column({ type: 'text' }) match: string;
  @Column({ type: 'text' }) context: string;
  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true }) clearedAt: Date | null;
  @Column({ name: 'cleared_by_user_id', type: 'uuid', nullable: true }) clearedByUserId: string | null;
  @Column({ name: 'clear_note', type: 'text', nullable: true }) clearNote: string | null;
}

/** A name the partnership asks the personal-data check to look for (children, carers, staff). */
@Entity('personal_data_names')
export class PersonalDataNameEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const PACKS_ENTITIES = [BoardPackEntity, PackFindingEntity, PersonalDataNameEntity, AnnualUpdateEntity];
