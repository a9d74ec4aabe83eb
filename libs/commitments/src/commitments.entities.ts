import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Visibility } from '@pbw/db';
import type { ActionStatus, Rag } from '@pbw/workplans';

/** The six areas of a local offer for care leavers (Children and Social Work Act 2017, s.2), and anything else. */
export enum OfferArea {
  HEALTH_AND_WELLBEING = 'HEALTH_AND_WELLBEING',
  RELATIONSHIPS = 'RELATIONSHIPS',
  EDUCATION_AND_TRAINING = 'EDUCATION_AND_TRAINING',
  EMPLOYMENT = 'EMPLOYMENT',
  ACCOMMODATION = 'ACCOMMODATION',
  PARTICIPATION_IN_SOCIETY = 'PARTICIPATION_IN_SOCIETY',
  OTHER = 'OTHER',
}

/** The six statutory areas, in the order a local offer lists them. */
export const STATUTORY_AREAS: readonly OfferArea[] = [
  OfferArea.HEALTH_AND_WELLBEING,
  OfferArea.RELATIONSHIPS,
  OfferArea.EDUCATION_AND_TRAINING,
  OfferArea.EMPLOYMENT,
  OfferArea.ACCOMMODATION,
  OfferArea.PARTICIPATION_IN_SOCIETY,
];

export enum Polarity {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}

/** PostgreSQL numeric arrives as a string; the measures here fit a JS number. */
export const numericColumn = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

@Entity('commitments')
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'agency_id', type: 'uuid' }) agencyId: string;
  @Column({ name: 'sub_group_id', type: 'uuid', nullable: true }) subGroupId: string | null;
  @Column({ name: 'created_by_user_id', type: 'uuid' }) createdByUserId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'offer_area', type: 'text' }) offerArea: OfferArea;
  @Column({ type: 'text' }) measure: string;
  @Column({ type: 'text' }) unit: string;
  @Column({ type: 'numeric', nullable: true, transformer: numericColumn }) baseline: number | null;
  @Column({ type: 'numeric', nullable: true, transformer: numericColumn }) target: number | null;
  @Column({ type: 'text' }) polarity: Polarity;
  @Column({ name: 'current_value', type: 'numeric', nullable: true, transformer: numericColumn }) currentValue: number | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ name: 'review_date', type: 'date', nullable: true }) reviewDate: string | null;
  @Column({ type: 'text' }) status: ActionStatus;
  @Column({ type: 'text' }) rag: Rag;
  @Column({ type: 'text' }) visibility: Visibility;
  @Column({ name: 'restricted_user_ids', type: 'uuid', array: true }) restrictedUserIds: string[];
  @Column({ name: 'in_local_offer', type: 'boolean' }) inLocalOffer: boolean;
  @Column({ name: 'offer_wording', type: 'text', nullable: true }) offerWording: string | null;
  @Column({ name: 'offer_eligibility', type: 'text', nullable: true }) offerEligibility: string | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'last_update_at', type: 'timestamptz', nullable: true }) lastUpdateAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('commitment_framework_items')
export class CommitmentFrameworkItemEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @PrimaryColumn({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
}

@Entity('commitment_updates')
export class CommitmentUpdateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'commitment_id', type: 'uuid' }) commitmentId: string;
  @Column({ name: 'author_user_id', type: 'uuid' }) authorUserId: string;
  @Column({ name: 'update_date', type: 'date' }) updateDate: string;
  @Column({ type: 'numeric', nullable: true, transformer: numericColumn }) value: number | null;
  @Column({ type: 'text' }) narrative: string;
  @Column({ type: 'text' }) status: ActionStatus;
  @Column({ type: 'text' }) rag: Rag;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One commitment as a published local offer shows it: public wording only, nothing internal. */
export interface OfferItem {
  commitmentId: string;
  area: OfferArea;
  title: string;
  wording: string;
  eligibility: string | null;
  agencyName: string;
}

export type OfferChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface OfferChange {
  kind: OfferChangeKind;
  commitmentId: string;
  title: string;
  area: OfferArea;
  /** For CHANGED: which of title, wording, eligibility, area and agency changed. */
  fields: string[];
}

@Entity('local_offer_versions')
export class LocalOfferVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
  @Column({ name: 'published_by_user_id', type: 'uuid' }) publishedByUserId: string;
  @Column({ type: 'text' }) introduction: string;
  @Column({ type: 'jsonb' }) items: OfferItem[];
  @Column({ type: 'jsonb' }) changes: OfferChange[];
}

export const COMMITMENTS_ENTITIES = [CommitmentEntity, CommitmentFrameworkItemEntity, CommitmentUpdateEntity, LocalOfferVersionEntity];
