import { AttendanceEntity, BoardActionEntity } from './meeting-records.entities';
import { AgendaItemEntity } from './agenda.entities';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum MeetingStatus {
  PLANNED = 'PLANNED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

export const DEFAULT_MEETING_TITLE = 'Partnership board meeting';

@Entity('meetings')
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'text', nullable: true }) location: string | null;
  /** YYYY-MM-DD, a day in Europe/London, on or before the meeting's London date. */
  @Column({ name: 'report_deadline', type: 'date' }) reportDeadline: string;
  @Column({ type: 'text' }) status: MeetingStatus;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export const MEETINGS_ENTITIES = [MeetingEntity, AgendaItemEntity, AttendanceEntity, BoardActionEntity];
