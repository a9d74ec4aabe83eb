import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { longDate } from '@pbw/core';
import type { Block, PackContent } from './pack-pdf';

export interface AnnualSection {
  heading: string;
  /** Plain text; a line starting "- " is a bullet. */
  body: string;
}

@Entity('annual_updates')
export class AnnualUpdateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'partnership_id', type: 'uuid' }) partnershipId: string;
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb' }) sections: AnnualSection[];
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'generated_at', type: 'timestamptz' }) generatedAt: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export interface AnnualFacts {
  partnershipName: string;
  period: string;
  from: string;
  to: string;
  completedActions: Array<{ title: string; subGroup: string }>;
  metCommitments: Array<{ title: string; agency: string }>;
  slower: Array<{ title: string; subGroup: string; dueDate: string; rag: string; overdue: boolean }>;
  figures: Array<{
    name: string;
    unit: string;
    value: number | null;
    periodLabel: string | null;
    neighbours: number | null;
    england: number | null;
  }>;
  answered: Array<{ raisingGroup: string; issue: string; response: string }>;
}

const fmt = (n: number | null, unit: string): string =>
  n === null ? 'no figure' : unit === 'PERCENT' ? `${Number(n.toFixed(1))}%` : String(Number(n.toFixed(2)));
const bullets = (lines: string[], none: string): string => (lines.length ? lines.map((l) => `- ${l}`).join('\n') : none);

/** The first draft, from what the workspace holds for the year; the secretariat amends it before export. */
export function draftAnnualUpdate(f: AnnualFacts): { title: string; sections: AnnualSection[] } {
  return {
    title: `Corporate parenting annual update ${f.period.replace('-', '/')}`,
    sections: [
      {
        heading: 'Purpose and summary',
        body: `To review the progress of the corporate parenting partnership between ${longDate(f.from)} and ${longDate(f.to)}.`,
      },
      {
        heading: 'Recommendation',
        body: 'That the progress set out in this report be considered, and any further actions to improve delivery be set out.',
      },
      {
        heading: 'Key achievements',
        body: bullets(
          [...f.completedActions.map((a) => `${a.title} (${a.subGroup})`), ...f.metCommitments.map((c) => `${c.title} (${c.agency})`)],
          'No actions or commitments were completed in the year.',
        ),
      },
      {
        heading: 'Areas slower to progress',
        body: bullets(
          f.slower.map(
            (a) => `${a.title} (${a.subGroup}): ${a.overdue ? `overdue since ${longDate(a.dueDate)}` : `rated ${a.rag.toLowerCase()}`}`,
          ),
          'No actions are rated red or overdue.',
        ),
      },
      {
        heading: 'Figures against comparators',
        body: bullets(
          f.figures.map(
            (x) =>
              `${x.name}: ${fmt(x.value, x.unit)}${x.periodLabel ? ` (${x.periodLabel})` : ''}; statistical neighbours ${fmt(x.neighbours, x.unit)}; England ${fmt(x.england, x.unit)}`,
          ),
          'No figures were recorded.',
        ),
      },
      {
        heading: 'You said, we did',
        body: bullets(
          f.answered.map((v) => `${v.raisingGroup} said: ${v.issue} We did: ${v.response}`),
          'No issues raised by children in care were answered in the year.',
        ),
      },
      { heading: 'Resource implications', body: '' },
      { heading: 'Legal implications', body: '' },
    ],
  };
}

/** The update as a document for the PDF writer: each section a heading, its paragraphs and bullets. */
export function annualUpdateContent(u: Pick<AnnualUpdateEntity, 'title' | 'sections'>, partnershipName: string): PackContent {
  return {
    partnershipName,
    meetingTitle: u.title,
    when: '',
    location: null,
    edition: 'annual update',
    sections: u.sections.map((s, i) => {
      const blocks: Block[] = [];
      let list: string[] = [];
      const flush = () => {
        if (list.length) blocks.push({ kind: 'list', items: list });
        list = [];
      };
      for (const para of s.body.split(/\n/)) {
        if (para.startsWith('- ')) list.push(para.slice(2));
        else {
          flush();
          if (para.trim()) blocks.push({ kind: 'para', text: para });
        }
      }
      flush();
      return { number: String(i + 1), title: s.heading, level: 0, blocks };
    }),
  };
}
