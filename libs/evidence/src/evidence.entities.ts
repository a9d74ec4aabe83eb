import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Visibility } from '@pbw/db';

export enum EvidenceKind {
  DOCUMENT = 'DOCUMENT',
  DATA = 'DATA',
  CASE_STUDY = 'CASE_STUDY',
  VOICE_OF_YOUNG_PEOPLE = 'VOICE_OF_YOUNG_PEOPLE',
  OTHER = 'OTHER',
}

export enum EvidenceStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  RESUBMITTED = 'RESUBMITTED',
  ACCEPTED = 'ACCEPTED',
}

/** Waiting for the sub-group's chair. */
export const AWAITING_REVIEW = [EvidenceStatus.SUBMITTED, EvidenceStatus.RESUBMITTED];
/** Still with its author and agency to change. */
export const EDITABLE = [EvidenceStatus.DRAFT, EvidenceStatus.RETURNED];

@Entity('evidence')
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'sub_group_id', type: 'uuid' }) subGroupId: string;
  /** The owning agency. */
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ name: 'created_by_user_id', type: 'uuid' }) createdByUserId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) narrative: string;
  @Column({ type: 'text' }) kind: EvidenceKind;
  @Column({ type: 'text' }) status: EvidenceStatus;
  @Column({ type: 'text' }) visibility: Visibility;
  @Column({ name: 'restricted_user_ids', type: 'uuid', array: true }) restrictedUserIds: string[];
  @Column({ name: 'return_comment', type: 'text', nullable: true }) returnComment: string | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true }) submittedByUserId: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewed_by_user_id', type: 'uuid', nullable: true }) reviewedByUserId: string | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('evidence_actions')
export class EvidenceActionEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
  @PrimaryColumn({ name: 'action_id', type: 'uuid' }) actionId: string;
}

@Entity('evidence_framework_items')
export class EvidenceFrameworkItemEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
  @PrimaryColumn({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
}

@Entity('evidence_files')
export class EvidenceFileEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
  @PrimaryColumn({ name: 'file_id', type: 'uuid' }) fileId: string;
  @Column({ type: 'integer' }) position: number;
}

@Entity('evidence_comments')
export class EvidenceCommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
  @Column({ name: 'author_user_id', type: 'uuid' }) authorUserId: string;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const EVIDENCE_ENTITIES = [
  EvidenceEntity,
  EvidenceActionEntity,
  EvidenceFrameworkItemEntity,
  EvidenceFileEntity,
  EvidenceCommentEntity,
];
