import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Visibility } from '@pbw/db';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}

/** One red or overdue action as it stood at submission, with the visibility it had then. */
export interface SnapshotAction {
  actionId: string;
  title: string;
  ownerName: string;
  leadAgencyName: string;
  dueDate: string;
  status: string;
  rag: string;
  displayRag: string;
  isOverdue: boolean;
  visibility: Visibility;
  subGroupId: string;
  agencyId: string;
  restrictedUserIds: string[];
}

/** The sub-group's work plan status frozen into a report when it is submitted. */
export interface ReportSnapshotData {
  takenAt: string;
  workPlan: { id: string; title: string; periodStart: string; periodEnd: string } | null;
  total: number;
  rag: { red: number; amber: number; green: number; blue: number };
  status: { notStarted: number; inProgress: number; complete: number; cancelled: number };
  overdue: number;
  percentComplete: number;
  actions: SnapshotAction[];
}

@Entity('highlight_reports')
export class HighlightReportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Column({ name: 'sub_group_id', type: 'uuid' }) subGroupId: string;
  @Column({ name: 'created_by_user_id', type: 'uuid' }) createdByUserId: string;
  @Column({ type: 'text' }) status: ReportStatus;
  @Column({ type: 'text' }) summary: string;
  @Column({ type: 'text' }) achievements: string;
  @Column({ name: 'risks_and_issues', type: 'text' }) risksAndIssues: string;
  @Column({ name: 'asks_of_board', type: 'text' }) asksOfBoard: string;
  @Column({ type: 'jsonb', nullable: true }) snapshot: ReportSnapshotData | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true }) submittedByUserId: string | null;
  @Column({ type: 'boolean' }) late: boolean;
  @Column({ name: 'return_comment', type: 'text', nullable: true }) returnComment: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt: Date | null;
  @Column({ name: 'reviewed_by_user_id', type: 'uuid', nullable: true }) reviewedByUserId: string | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('highlight_report_evidence')
export class HighlightReportEvidenceEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'report_id', type: 'uuid' }) reportId: string;
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
  @Column({ type: 'integer' }) position: number;
}

@Entity('highlight_report_comments')
export class HighlightReportCommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId: string;
  @Column({ name: 'author_user_id', type: 'uuid' }) authorUserId: string;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const REPORTS_ENTITIES = [HighlightReportEntity, HighlightReportEvidenceEntity, HighlightReportCommentEntity];
