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
}

export const PACKS_ENTITIES = [BoardPackEntity];
