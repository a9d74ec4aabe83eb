/** What the local offer pages share: the areas' names, the words for a change, and a change list grouped by area. */
import type { ReactNode } from 'react';
import type { OfferArea, OfferChangeKind } from '../../gql/graphql';

/** The api's own names (its groupByArea labels), for a change whose area no longer has items to carry the label. */
export const AREA_LABELS: Record<OfferArea, string> = {
  HEALTH_AND_WELLBEING: 'Health and wellbeing',
  RELATIONSHIPS: 'Relationships',
  EDUCATION_AND_TRAINING: 'Education and training',
  EMPLOYMENT: 'Employment',
  ACCOMMODATION: 'Accommodation',
  PARTICIPATION_IN_SOCIETY: 'Participation in society',
  OTHER: 'Other support',
};

/** The six statutory areas in the order the law gives them, then anything else. */
export const AREA_ORDER: OfferArea[] = [
  'HEALTH_AND_WELLBEING',
  'RELATIONSHIPS',
  'EDUCATION_AND_TRAINING',
  'EMPLOYMENT',
  'ACCOMMODATION',
  'PARTICIPATION_IN_SOCIETY',
  'OTHER',
];

export const CHANGE_LABELS: Record<OfferChangeKind, string> = { ADDED: 'New', CHANGED: 'Changed', REMOVED: 'No longer offered' };

/** The api's names for the parts of an offer item that can change, in the words a young person would use. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'the name',
  wording: 'what you get',
  eligibility: 'who can get it',
  area: 'the part of the offer it is in',
  agency: 'who provides it',
};

/** "what you get and who can get it" from the api's field names. */
export function changedFields(fields: string[]): string {
  const named = fields.map((f) => FIELD_LABELS[f] ?? f);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

export interface ChangeRow {
  kind: OfferChangeKind;
  commitmentId: string;
  title: string;
  area: OfferArea;
  fields: string[];
}

/** Changes grouped by area, in the statutory order; areas without a change are left out. */
export function groupChanges<C extends ChangeRow>(changes: readonly C[]): Array<{ area: OfferArea; label: string; changes: C[] }> {
  return AREA_ORDER.map((area) => ({ area, label: AREA_LABELS[area], changes: changes.filter((c) => c.area === area) })).filter(
    (g) => g.changes.length > 0,
  );
}

/** One change in a sentence: "Changed: Free leisure pass (what you get changed)". */
export function ChangeLine({ change, title }: { change: ChangeRow; title?: ReactNode }) {
  return (
    <>
      <strong>{CHANGE_LABELS[change.kind]}:</strong> {title ?? change.title}
      {change.kind === 'CHANGED' && change.fields.length > 0 ? ` (${changedFields(change.fields)} changed)` : ''}
    </>
  );
}

/**
 * The changes under a heading per area. `heading` is the level the area names take on the
 * page; `detail` adds anything shown under a change (the publish page's before and after).
 */
export function GroupedChanges<C extends ChangeRow>({
  changes,
  id,
  heading,
  title,
  detail,
}: {
  changes: readonly C[];
  id: string;
  heading: 'h3' | 'h4';
  title?: (c: C) => ReactNode;
  detail?: (c: C) => ReactNode;
}) {
  const Heading = heading;
  return (
    <div id={id}>
      {groupChanges(changes).map((g) => (
        <div key={g.area} data-change-area={g.area}>
          <Heading className="govuk-heading-s govuk-!-margin-bottom-2">{g.label}</Heading>
          <ul className="govuk-list govuk-list--bullet">
            {g.changes.map((c) => (
              <li key={`${c.kind}-${c.commitmentId}`} data-change={c.kind} data-commitment-id={c.commitmentId}>
                <span className="app-change-line">
                  <ChangeLine change={c} title={title?.(c)} />
                </span>
                {detail?.(c)}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

export interface DiffPart {
  word: string;
  kind: 'same' | 'added' | 'removed';
}

/**
 * Word by word, what turns `before` into `after` (a longest common subsequence of their
 * words), so a reworded paragraph shows which words are new. Spacing and line breaks are
 * not compared: a change of wording is what a reader would notice.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = before.split(/\s+/).filter(Boolean);
  const b = after.split(/\s+/).filter(Boolean);
  // lcs[i][j]: the longest common run of a[i..] and b[j..]; offer wording is a paragraph or two, so n×m stays small.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ word: a[i++], kind: 'same' });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ word: a[i++], kind: 'removed' });
    } else {
      out.push({ word: b[j++], kind: 'added' });
    }
  }
  return out;
}

/**
 * One side of a word diff: the text before (its removed words struck through) or after (its
 * new words underlined), each run marked in words for screen readers, which do not announce
 * <del> and <ins> by default.
 */
export function DiffText({ parts, side }: { parts: DiffPart[]; side: 'before' | 'after' }) {
  const marked = side === 'before' ? 'removed' : 'added';
  const runs: Array<{ kind: DiffPart['kind']; words: string[] }> = [];
  for (const p of parts) {
    if (p.kind !== 'same' && p.kind !== marked) continue;
    const last = runs[runs.length - 1];
    if (last?.kind === p.kind) last.words.push(p.word);
    else runs.push({ kind: p.kind, words: [p.word] });
  }
  return (
    <>
      {runs.map((r, i) => {
        const text = r.words.join(' ');
        const gap = i > 0 ? ' ' : '';
        if (r.kind === 'same') return <span key={i}>{`${gap}${text}`}</span>;
        const Mark = side === 'before' ? 'del' : 'ins';
        return (
          <span key={i}>
            {gap}
            <Mark>
              <span className="govuk-visually-hidden">{side === 'before' ? '[removed: ' : '[new: '}</span>
              {text}
              <span className="govuk-visually-hidden">]</span>
            </Mark>
          </span>
        );
      })}
    </>
  );
}
