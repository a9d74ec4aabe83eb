import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum VoiceStatus {
  OPEN = 'OPEN',
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
}

/** An issue the Children in Care Council raised. The raising group is a group's name, never a child's. */
@Entity('voice_items')
export class VoiceItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'raised_on', type: 'date' }) raisedOn: string;
  @Column({ name: 'raising_group', type: 'text' }) raisingGroup: string;
  @Column({ type: 'text' }) issue: string;
  @Column({ name: 'assigned_sub_group_id', type: 'uuid', nullable: true }) assignedSubGroupId: string | null;
  @Column({ name: 'assigned_agency_id', type: 'uuid', nullable: true }) assignedAgencyId: string | null;
  @Column({ type: 'text', nullable: true }) response: string | null;
  @Column({ name: 'response_due', type: 'date', nullable: true }) responseDue: string | null;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt: Date | null;
  @Column({ name: 'responded_by_user_id', type: 'uuid', nullable: true }) respondedByUserId: string | null;
  @Column({ type: 'text' }) status: VoiceStatus;
  @Column({ name: 'created_by_user_id', type: 'uuid' }) createdByUserId: string;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('voice_item_framework_items')
export class VoiceItemFrameworkItemEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'voice_item_id', type: 'uuid' }) voiceItemId: string;
  @PrimaryColumn({ name: 'framework_item_id', type: 'uuid' }) frameworkItemId: string;
}
