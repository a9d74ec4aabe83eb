/** What the local offer pages share: the words for a change since the last version. */
import type { OfferChangeKind } from '../../gql/graphql';

export const CHANGE_LABELS: Record<OfferChangeKind, string> = { ADDED: 'New', CHANGED: 'Changed', REMOVED: 'No longer offered' };

/** "the wording and who is eligible" from the api's field names. */
export function changedFields(fields: string[]): string {
  const words: Record<string, string> = {
    title: 'the name',
    wording: 'what you get',
    eligibility: 'who can get it',
    area: 'the area it is in',
    agency: 'who provides it',
  };
  const named = fields.map((f) => words[f] ?? f);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

export interface ChangeRow {
  kind: OfferChangeKind;
  commitmentId: string;
  title: string;
  fields: string[];
}

export function ChangeList({ changes, id }: { changes: ChangeRow[]; id: string }) {
  return (
    <ul className="govuk-list govuk-list--bullet" id={id}>
      {changes.map((c) => (
        <li key={`${c.kind}-${c.commitmentId}`} data-change={c.kind}>
          <strong>{CHANGE_LABELS[c.kind]}:</strong> {c.title}
          {c.kind === 'CHANGED' && c.fields.length ? ` (${changedFields(c.fields)} changed)` : ''}
        </li>
      ))}
    </ul>
  );
}
