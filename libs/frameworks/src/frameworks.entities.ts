import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum FrameworkKind {
  PRINCIPLES = 'PRINCIPLES',
  PROMISES = 'PROMISES',
  OUTCOME_AREAS = 'OUTCOME_AREAS',
  PRIORITIES = 'PRIORITIES',
  OTHER = 'OTHER',
}

@Entity('frameworks')
export class FrameworkEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: FrameworkKind;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'built_in', type: 'boolean' }) builtIn: boolean;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('framework_items')
export class FrameworkItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'framework_id', type: 'uuid' }) frameworkId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export const FRAMEWORKS_ENTITIES = [FrameworkEntity, FrameworkItemEntity];
