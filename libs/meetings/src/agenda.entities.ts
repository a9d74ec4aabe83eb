import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum AgendaItemKind {
  SUB_GROUP_REPORT = 'SUB_GROUP_REPORT',
  PAPER = 'PAPER',
  SCORECARD = 'SCORECARD',
  COMMITMENTS = 'COMMITMENTS',
  PRINCIPLES = 'PRINCIPLES',
  VOICE = 'VOICE',
  ACTION_LOG = 'ACTION_LOG',
  OTHER = 'OTHER',
}

/**
 * The paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972 (as it applies in
 * England): the descriptions of exempt information for which the public may be excluded.
 */
export const SCHEDULE_12A: Record<number, string> = {
  1: 'Information relating to any individual.',
  2: 'Information which is likely to reveal the identity of an individual.',
  3: 'Information relating to the financial or business affairs of any particular person (including the authority holding that information).',
  4: 'Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.',
  5: 'Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.',
  6: 'Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment.',
  7: 'Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.',
};

@Entity('agenda_items')
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ name: 'meeting_id', type: 'uuid' }) meetingId: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) kind: AgendaItemKind;
  @Column({ name: 'sub_group_id', type: 'uuid', nullable: true }) subGroupId: string | null;
  @Column({ type: 'text', nullable: true }) presenter: string | null;
  /** London time of day, HH:MM. */
  @Column({ name: 'starts_at', type: 'text', nullable: true }) startsAt: string | null;
  @Column({ name: 'duration_minutes', type: 'integer', nullable: true }) durationMinutes: number | null;
  @Column({ type: 'boolean' }) exempt: boolean;
  @Column({ name: 'exempt_paragraph', type: 'integer', nullable: true }) exemptParagraph: number | null;
  @Column({ name: 'exempt_reason', type: 'text', nullable: true }) exemptReason: string | null;
  /** Who is to write this item's paper, if someone is. */
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true }) authorUserId: string | null;
  /** A paper's file, once it is in. */
  @Column({ name: 'file_id', type: 'uuid', nullable: true }) fileId: string | null;
  @Column({ name: 'paper_submitted_at', type: 'timestamptz', nullable: true }) paperSubmittedAt: Date | null;
  /** What was said, as the secretariat minuted it (plain text). */
  @Column({ type: 'text' }) minutes: string;
  /** What the board decided under this item (plain text, a line each). */
  @Column({ type: 'text' }) decisions: string;
  @Column({ type: 'integer' }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** An item with its place in the agenda worked out: "2", or "2.1" under 2. */
export interface NumberedAgendaItem extends AgendaItemEntity {
  number: string;
}

/** The agenda in reading order, numbered: top-level items by position, each followed by its sub-items. */
export function numberAgenda(items: readonly AgendaItemEntity[]): NumberedAgendaItem[] {
  const byPos = (a: AgendaItemEntity, b: AgendaItemEntity) => a.position - b.position;
  const top = items.filter((i) => !i.parentId).sort(byPos);
  const out: NumberedAgendaItem[] = [];
  top.forEach((t, i) => {
    out.push({ ...t, number: String(i + 1) });
    items
      .filter((c) => c.parentId === t.id)
      .sort(byPos)
      .forEach((c, j) => out.push({ ...c, number: `${i + 1}.${j + 1}` }));
  });
  return out;
}
