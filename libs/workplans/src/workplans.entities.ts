import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Visibility } from '@pbw/db';

export enum WorkPlanStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

export enum ActionStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETE = 'COMPLETE',
  CANCELLED = 'CANCELLED',
}

/** What is stored. */
export enum Rag {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}

/** What is shown: a complete action shows blue whatever its last RAG. */
export enum DisplayRag {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
  BLUE = 'BLUE',
}

export const OPEN_STATUSES = [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS];

@Entity('work_plans')
export class WorkPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'sub_group_id', type: 'uuid' }) subGroupId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'period_start', type: 'date' }) periodStart: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd: string;
  @Column({ type: 'text' }) status: WorkPlanStatus;
  @Column({ name: 'rolled_from_plan_id', type: 'uuid', nullable: true }) rolledFromPlanId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('objectives')
export class ObjectiveEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'work_plan_id', type: 'uuid' }) workPlanId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'integer' }) position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('actions')
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'work_plan_id', type: 'uuid' }) workPlanId: string;
  @Column({ name: 'objective_id', type: 'uuid' }) objectiveId: string;
  @Column({ name: 'sub_group_id', type: 'uuid' }) subGroupId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'owner_user_id', type: 'uuid' }) ownerUserId: string;
  @Column({ name: 'lead_agency_id', type: 'uuid' }) leadAgencyId: string;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate: string | null;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'text' }) status: ActionStatus;
  @Column({ type: 'text' }) rag: Rag;
  @Column({ name: 'success_measure', type: 'text' }) successMeasure: string;
  @Column({ type: 'text' }) visibility: Visibility;
  @Column({ name: 'restricted_user_ids', type: 'uuid', array: true }) restrictedUserIds: string[];
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'rolled_from_action_id', type: 'uuid', nullable: true }) rolledFromActionId: string | null;
  @Column({ name: 'last_update_at', type: 'timestamptz', nullable: true }) lastUpdateAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('action_supporting_agencies')
export class ActionSupportingAgencyEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'action_id', type: 'uuid' }) actionId: string;
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' }) agencyId: string;
}

@Entity('action_framework_items')
export class ActionFrameworkItemEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'action_id', type: 'uuid' }) actionId: string;
  @PrimaryColumn({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
}

@Entity('action_updates')
export class ActionUpdateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'action_id', type: 'uuid' }) actionId: string;
  @Column({ name: 'author_user_id', type: 'uuid' }) authorUserId: string;
  @Column({ name: 'update_date', type: 'date' }) updateDate: string;
  @Column({ type: 'text' }) narrative: string;
  @Column({ type: 'text' }) status: ActionStatus;
  @Column({ type: 'text' }) rag: Rag;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const WORKPLANS_ENTITIES = [
  WorkPlanEntity,
  ObjectiveEntity,
  ActionEntity,
  ActionSupportingAgencyEntity,
  ActionFrameworkItemEntity,
  ActionUpdateEntity,
];
