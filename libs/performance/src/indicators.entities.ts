import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, CreateDateColumn } from 'typeorm';
import { Polarity, numericColumn } from '@pbw/commitments';

export enum IndicatorUnit {
  PERCENTAGE = 'PERCENTAGE',
  RATE_PER_10000 = 'RATE_PER_10000',
  COUNT = 'COUNT',
  DAYS = 'DAYS',
}

export enum IndicatorFrequency {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  ANNUAL = 'ANNUAL',
}

/** Whose figure a value is: ours, or one of the comparators published statistics give. */
export enum ValueArea {
  LOCAL = 'LOCAL',
  STATISTICAL_NEIGHBOURS = 'STATISTICAL_NEIGHBOURS',
  REGION = 'REGION',
  ENGLAND = 'ENGLAND',
}

export const COMPARATOR_AREAS: readonly ValueArea[] = [ValueArea.STATISTICAL_NEIGHBOURS, ValueArea.REGION, ValueArea.ENGLAND];

@Entity('indicators')
export class IndicatorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) definition: string;
  @Column({ type: 'text' }) unit: IndicatorUnit;
  @Column({ type: 'text' }) polarity: Polarity;
  @Column({ type: 'numeric', nullable: true, transformer: numericColumn }) target: number | null;
  @Column({ name: 'amber_tolerance', type: 'numeric', transformer: numericColumn }) amberTolerance: number;
  @Column({ type: 'text' }) frequency: IndicatorFrequency;
  @Column({ name: 'sub_group_id', type: 'uuid', nullable: true }) subGroupId: string | null;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('indicator_framework_items')
export class IndicatorFrameworkItemEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'indicator_id', type: 'uuid' }) indicatorId: string;
  @PrimaryColumn({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
}

/** One figure for one indicator, period and area; a suppressed or missing one has a marker and no value. */
@Entity('indicator_values')
export class IndicatorValueEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'indicator_id', type: 'uuid' }) indicatorId: string;
  @Column({ type: 'text' }) area: ValueArea;
  @Column({ name: 'period_start', type: 'date' }) periodStart: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd: string;
  @Column({ name: 'period_label', type: 'text' }) periodLabel: string;
  @Column({ type: 'numeric', nullable: true, transformer: numericColumn }) value: number | null;
  @Column({ type: 'text', nullable: true }) marker: string | null;
  @Column({ type: 'text' }) commentary: string;
  @Column({ name: 'updated_by_user_id', type: 'uuid' }) updatedByUserId: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export const PERFORMANCE_ENTITIES = [IndicatorEntity, IndicatorFrameworkItemEntity, IndicatorValueEntity];
