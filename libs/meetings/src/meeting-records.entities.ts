import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  APOLOGIES = 'APOLOGIES',
  ABSENT = 'ABSENT',
}

export enum BoardActionStatus {
  OPEN = 'OPEN',
  COMPLETE = 'COMPLETE',
  CANCELLED = 'CANCELLED',
}

@Entity('meeting_attendance')
export class AttendanceEntity {
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) status: AttendanceStatus;
}

/** Something the board asked someone to do; it carries from meeting to meeting until closed. */
@Entity('board_actions')
export class BoardActionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Column({ name: 'agenda_item_id', type: 'uuid', nullable: true }) agendaItemId: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'owner_user_id', type: 'uuid' }) ownerUserId: string;
  @Column({ name: 'due_date', type: 'date' }) dueDate: string;
  @Column({ type: 'text' }) status: BoardActionStatus;
  @Column({ type: 'text' }) note: string;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
