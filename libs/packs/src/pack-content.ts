import { longDate } from '@pbw/core';
import { AgendaItemKind, SCHEDULE_12A } from '@pbw/meetings';
import type { Block, PackContent, PackSection } from './pack-pdf';
import type { ActionLogRow, CommitmentRow, IndicatorRow, ReportRow, VoiceRow } from './pack-data.repository';

export enum PackEdition {
  MEMBERS = 'MEMBERS',
  PUBLIC = 'PUBLIC',
}

export const EDITION_WORDS: Record<PackEdition, string> = {
  MEMBERS: 'members’ edition',
  PUBLIC: 'public edition',
};

export interface PackItem {
  id: string;
  number: string;
  parentId: string | null;
  title: string;
  kind: AgendaItemKind;
  subGroupId: string | null;
  presenter: string | null;
  exempt: boolean;
  exemptParagraph: number | null;
}

export interface PackData {
  partnershipName: string;
  meetingTitle: string;
  when: string;
  location: string | null;
  items: PackItem[];
  reports: ReportRow[];
  /** By agenda item: a PDF to merge, or another file to list. */
  papers: Map<string, { name: string; pdf: Buffer | null; link: string }>;
  indicators: IndicatorRow[];
  commitments: CommitmentRow[];
  principles: {
    framework: string;
    rows: Array<{
      code: string;
      title: string;
      red: number;
      amber: number;
      green: number;
      commitments: number;
      evidence: number;
      indicators: number;
    }>;
  } | null;
  voice: VoiceRow[];
  actionLog: ActionLogRow[];
}

const STATUS_WORDS: Record<string, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  COMPLETE: 'Complete',
  CANCELLED: 'Cancelled',
  OPEN: 'Open',
  RESPONDED: 'Answered',
  CLOSED: 'Closed',
};

const fmt = (n: number | null, unit: string): string =>
  n === null ? '–' : unit === 'PERCENT' ? `${Number(n.toFixed(1))}%` : String(Number(n.toFixed(2)));

/** The words that stand in a public edition where an exempt item would be. */
export function exemptNotice(item: Pick<PackItem, 'exemptParagraph'>): string {
  const p = item.exemptParagraph ?? 0;
  return `This item is not published. It contains exempt information under paragraph ${p} of Part 1 of Schedule 12A to the Local Government Act 1972: ${SCHEDULE_12A[p] ?? ''}`;
}

function reportBlocks(r: ReportRow | undefined): Block[] {
  if (!r) return [{ kind: 'para', text: 'No highlight report was submitted for this meeting.' }];
  const blocks: Block[] = [];
  if (r.late) blocks.push({ kind: 'para', text: 'This report was submitted after the deadline.' });
  for (const [heading, text] of [
    ['Summary', r.summary],
    ['Achievements', r.achievements],
    ['Risks and issues', r.risksAndIssues],
    ['Asks of the board', r.asksOfBoard],
  ] as const) {
    if (text.trim()) blocks.push({ kind: 'heading', text: heading }, { kind: 'para', text });
  }
  const s = r.snapshot;
  if (s) {
    blocks.push(
      { kind: 'heading', text: 'Work plan at submission' },
      {
        kind: 'para',
        text: `${s.total} actions, ${s.percentComplete}% complete; ${s.rag.red} red, ${s.rag.amber} amber, ${s.rag.green} green, ${s.rag.blue} complete; ${s.overdue} overdue.`,
      },
    );
    const flagged = s.actions.filter((a) => a.displayRag === 'RED' || a.isOverdue);
    blocks.push({ kind: 'heading', text: 'Red and overdue actions' });
    blocks.push(
      flagged.length
        ? {
            kind: 'table',
            columns: ['Action', 'Owner', 'Due', 'RAG'],
            widths: [230, 110, 80, 63],
            rows: flagged.map((a) => [a.title, a.ownerName, longDate(a.dueDate), `${a.displayRag}${a.isOverdue ? ', overdue' : ''}`]),
          }
        : { kind: 'para', text: 'None.' },
    );
  }
  return blocks;
}

function kindBlocks(item: PackItem, d: PackData): { blocks: Block[]; merge?: Buffer } {
  switch (item.kind) {
    case AgendaItemKind.SUB_GROUP_REPORT:
      return { blocks: reportBlocks(d.reports.find((r) => r.subGroupId === item.subGroupId)) };
    case AgendaItemKind.PAPER: {
      const paper = d.papers.get(item.id);
      if (!paper) return { blocks: [{ kind: 'para', text: 'The paper for this item was not received in time for the pack.' }] };
      if (paper.pdf) return { blocks: [{ kind: 'para', text: `The paper follows: ${paper.name}.` }], merge: paper.pdf };
      return {
        blocks: [
          { kind: 'para', text: `The paper for this item is a separate file, ${paper.name}, to read in the workspace: ${paper.link}` },
        ],
      };
    }
    case AgendaItemKind.SCORECARD:
      return {
        blocks: [
          {
            kind: 'table',
            columns: ['Indicator', 'Latest', 'Period', 'Target', 'England'],
            widths: [200, 70, 90, 60, 63],
            rows: d.indicators.map((i) => [
              `${i.code} ${i.name}`,
              fmt(i.value, i.unit),
              i.periodLabel ?? '–',
              fmt(i.target, i.unit),
              fmt(i.england, i.unit),
            ]),
          },
          {
            kind: 'bars',
            title: 'Latest figures (percentages)',
            bars: d.indicators
              .filter((i) => i.unit === 'PERCENT' && i.value !== null)
              .map((i) => ({ label: i.name, value: i.value as number, note: fmt(i.value, i.unit) })),
          },
        ],
      };
    case AgendaItemKind.COMMITMENTS: {
      const agencies = [...new Set(d.commitments.map((c) => c.agencyName))];
      return {
        blocks: agencies.flatMap((a): Block[] => [
          { kind: 'heading', text: a },
          {
            kind: 'table',
            columns: ['Commitment', 'Status', 'RAG', 'Due'],
            widths: [250, 90, 60, 83],
            rows: d.commitments
              .filter((c) => c.agencyName === a)
              .map((c) => [c.title, STATUS_WORDS[c.status] ?? c.status, c.rag, c.dueDate ? longDate(c.dueDate) : '–']),
          },
        ]),
      };
    }
    case AgendaItemKind.PRINCIPLES:
      return d.principles
        ? {
            blocks: [
              { kind: 'para', text: `Coverage of ${d.principles.framework}: the work behind each principle.` },
              {
                kind: 'table',
                columns: ['Principle', 'Red', 'Amber', 'Green', 'Commitments', 'Evidence', 'Indicators'],
                widths: [175, 40, 45, 45, 68, 55, 55],
                rows: d.principles.rows.map((r) => [
                  `${r.code} ${r.title}`,
                  String(r.red),
                  String(r.amber),
                  String(r.green),
                  String(r.commitments),
                  String(r.evidence),
                  String(r.indicators),
                ]),
              },
            ],
          }
        : { blocks: [{ kind: 'para', text: 'The partnership has no principles framework.' }] };
    case AgendaItemKind.VOICE:
      return {
        blocks: d.voice.length
          ? d.voice.flatMap((v): Block[] => [
              { kind: 'heading', text: `${v.raisingGroup}, ${longDate(v.raisedOn)} (${STATUS_WORDS[v.status] ?? v.status})` },
              { kind: 'para', text: `You said: ${v.issue}` },
              { kind: 'para', text: v.response ? `We did: ${v.response}` : 'We did: not yet answered.' },
            ])
          : [{ kind: 'para', text: 'No voice items are open or recently answered.' }],
      };
    case AgendaItemKind.ACTION_LOG:
      return {
        blocks: d.actionLog.length
          ? [
              {
                kind: 'table',
                columns: ['Action', 'Owner', 'Due', 'Status', 'Update'],
                widths: [150, 85, 75, 60, 113],
                rows: d.actionLog.map((a) => [a.title, a.ownerName, longDate(a.dueDate), STATUS_WORDS[a.status] ?? a.status, a.note]),
              },
            ]
          : [{ kind: 'para', text: 'There are no board actions carried to this meeting.' }],
      };
    default:
      return { blocks: [] };
  }
}

/** The pack's content for one edition: in the public edition an exempt item is replaced by the notice of its reason. */
export function packContent(d: PackData, edition: PackEdition): PackContent {
  const sections: PackSection[] = d.items.map((item) => {
    const base = { number: item.number, title: item.title, level: (item.parentId ? 1 : 0) as 0 | 1, presenter: item.presenter };
    // Only the title stands in public: who presents an exempt item can itself say too much.
    if (edition === PackEdition.PUBLIC && item.exempt)
      return { ...base, presenter: null, blocks: [{ kind: 'para', text: exemptNotice(item) }] };
    return { ...base, ...kindBlocks(item, d) };
  });
  return {
    partnershipName: d.partnershipName,
    meetingTitle: d.meetingTitle,
    when: d.when,
    location: d.location,
    edition: EDITION_WORDS[edition],
    sections,
  };
}
