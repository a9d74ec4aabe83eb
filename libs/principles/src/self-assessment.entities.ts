import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The four-point scale inspectors use. */
export enum Rating {
  OUTSTANDING = 'OUTSTANDING',
  GOOD = 'GOOD',
  REQUIRES_IMPROVEMENT = 'REQUIRES_IMPROVEMENT',
  INADEQUATE = 'INADEQUATE',
}

/** How well the partnership delivers against one principle (or other framework item) in one financial year. */
@Entity('self_assessments')
export class SelfAssessmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text' }) rating: Rating;
  @Column({ type: 'text' }) narrative: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'updated_by_user_id', type: 'uuid' }) updatedByUserId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('self_assessment_evidence')
export class SelfAssessmentEvidenceEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'self_assessment_id', type: 'uuid' }) selfAssessmentId: string;
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' }) evidenceId: string;
}

@Entity('self_assessment_actions')
export class SelfAssessmentActionEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'self_assessment_id', type: 'uuid' }) selfAssessmentId: string;
  @PrimaryColumn({ name: 'action_id', type: 'uuid' }) actionId: string;
}

@Entity('self_assessment_commitments')
export class SelfAssessmentCommitmentEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'self_assessment_id', type: 'uuid' }) selfAssessmentId: string;
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
}

@Entity('self_assessment_indicators')
export class SelfAssessmentIndicatorEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'self_assessment_id', type: 'uuid' }) selfAssessmentId: string;
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' }) indicatorId: string;
}

export const PRINCIPLES_ENTITY_LIST = [
  SelfAssessmentEntity,
  SelfAssessmentEvidenceEntity,
  SelfAssessmentActionEntity,
  SelfAssessmentCommitmentEntity,
  SelfAssessmentIndicatorEntity,
];
