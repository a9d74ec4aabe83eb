/**
 * What the evidence pages share: the words for an evidence's kind and status, its status
 * tag, the sub-groups a person may add evidence to, and radios whose chosen option reveals
 * more questions (the GOV.UK conditional reveal).
 */
import { Fragment, type ReactNode } from 'react';
import { describedBy, HintAndError, type Option } from '../../components/forms';
import { Tag, loadAll, type TagColour } from '../../components/lists';
import { graphql } from '../../gql';
import type { EvidenceKind, EvidenceStatus, Visibility } from '../../gql/graphql';
import { gql } from '../../lib/api';
import type { Me } from '../../lib/auth';

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  DOCUMENT: 'Document',
  DATA: 'Data',
  CASE_STUDY: 'Case study',
  VOICE_OF_YOUNG_PEOPLE: 'Voice of young people',
  OTHER: 'Other',
};

export const EVIDENCE_KIND_HINTS: Record<EvidenceKind, string> = {
  DOCUMENT: 'A report, policy, minutes or other paper.',
  DATA: 'Figures or a performance measure that show the change.',
  CASE_STUDY: 'One young person’s or family’s experience, anonymised.',
  VOICE_OF_YOUNG_PEOPLE: 'What children in care and care leavers have said, for example through the Children in Care Council.',
  OTHER: 'Anything else that shows progress.',
};

export const EVIDENCE_STATUS_LABELS: Record<EvidenceStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted',
  RETURNED: 'Returned',
  RESUBMITTED: 'Resubmitted',
  ACCEPTED: 'Accepted',
};

const EVIDENCE_STATUS_COLOURS: Record<EvidenceStatus, TagColour | undefined> = {
  DRAFT: 'grey',
  SUBMITTED: undefined,
  RETURNED: 'orange',
  RESUBMITTED: 'purple',
  ACCEPTED: 'green',
};

/** An evidence's status as a tag with its word. */
export function EvidenceStatusTag({ status }: { status: EvidenceStatus }) {
  return <Tag colour={EVIDENCE_STATUS_COLOURS[status]}>{EVIDENCE_STATUS_LABELS[status]}</Tag>;
}

/** Who can see evidence: the owning agency rather than an action's lead agency. */
export const EVIDENCE_VISIBILITY_LABELS: Record<Visibility, string> = {
  PARTNERSHIP: 'Everyone in the partnership',
  SUB_GROUP: 'Members of the sub-group',
  AGENCY: 'People in the agency it belongs to',
  RESTRICTED: 'Only the people named',
};

export const EVIDENCE_VISIBILITY_HINTS: Record<Visibility, string> = {
  PARTNERSHIP: 'Every board member and partner can see it once it is submitted.',
  SUB_GROUP: 'Only the sub-group’s chair and members, and the board secretariat.',
  AGENCY: 'Only people in the agency, and the board secretariat.',
  RESTRICTED: 'Only the people you name, and the board secretariat.',
};

export const KIND_ORDER: EvidenceKind[] = ['DOCUMENT', 'DATA', 'CASE_STUDY', 'VOICE_OF_YOUNG_PEOPLE', 'OTHER'];

const SubGroupOptionsDocument = graphql(`
  query EvidenceSubGroupOptions($after: String) {
    subGroups(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Every sub-group of the partnership, by name, as select options. */
export async function loadSubGroupOptions(): Promise<Option[]> {
  const groups = await loadAll(async (after) => (await gql(SubGroupOptionsDocument, { after })).subGroups);
  return groups.map((g) => ({ value: g.id, label: g.name })).sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** The sub-groups this person may add evidence to: all of them for the secretariat, otherwise those they belong to. */
export function addableSubGroups(me: Me | null, all: Option[]): Option[] {
  if (!me) return [];
  if (me.role === 'SECRETARIAT') return all;
  const mine = new Set(me.subGroupMemberships.map((m) => m.subGroup.id));
  return all.filter((o) => mine.has(o.value));
}

/** Whether this person may add evidence anywhere: members of any sub-group, and the secretariat. */
export function canAddEvidence(me: Me | null): boolean {
  return Boolean(me && (me.role === 'SECRETARIAT' || me.subGroupMemberships.length > 0));
}

/** Whether this person may add evidence to one sub-group: its members, and the secretariat. */
export function canAddEvidenceTo(me: Me | null, subGroupId: string): boolean {
  return Boolean(me && (me.role === 'SECRETARIAT' || me.subGroupMemberships.some((m) => m.subGroup.id === subGroupId)));
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConditionalOption extends Option {
  hint?: string;
  /** Shown under the option while it is chosen. */
  conditional?: ReactNode;
}

/**
 * GOV.UK radios with conditional reveals: the questions under an option show only while it
 * is chosen. The first radio carries the field's id (`name`) for the error summary.
 */
export function ConditionalRadios({
  name,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  legendClassName = 'govuk-fieldset__legend--s',
}: {
  name: string;
  label: ReactNode;
  hint?: string;
  error?: string;
  value: string;
  onChange: (v: string) => void;
  options: ConditionalOption[];
  legendClassName?: string;
}) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{label}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className="govuk-radios" data-module="govuk-radios">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            const conditionalId = `conditional-${id}`;
            const checked = value === o.value;
            return (
              <Fragment key={o.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name={name}
                    type="radio"
                    value={o.value}
                    checked={checked}
                    aria-controls={o.conditional ? conditionalId : undefined}
                    aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                    onChange={() => onChange(o.value)}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {o.label}
                  </label>
                  {o.hint && (
                    <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                      {o.hint}
                    </div>
                  )}
                </div>
                {o.conditional && (
                  <div className={`govuk-radios__conditional${checked ? '' : ' govuk-radios__conditional--hidden'}`} id={conditionalId}>
                    {checked && o.conditional}
                  </div>
                )}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
