/**
 * What the work plan pages share: the action row every list shows, the table of actions,
 * a plan's summary counts, and where a plan's page is.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCalendarDate, formatDate } from '../../components/lists';
import { OverdueTag, RagTag, StaleTag, StatusTag, daysWithoutUpdate } from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionRowFragment, WorkPlanStatus, WorkPlanSummaryFieldsFragment } from '../../gql/graphql';
import { gql } from '../../lib/api';
import type { Me } from '../../lib/auth';

export const ActionRowFragmentDoc = graphql(`
  fragment ActionRow on Action {
    id
    title
    dueDate
    status
    displayRag
    isOverdue
    isStale
    lastUpdateAt
    createdAt
    objectiveId
    owner {
      id
      name
    }
    leadAgency {
      id
      name
    }
  }
`);

export const WorkPlanSummaryFragmentDoc = graphql(`
  fragment WorkPlanSummaryFields on WorkPlanSummary {
    total
    overdue
    dueSoon
    stale
    percentComplete
    rag {
      red
      amber
      green
      blue
    }
    status {
      notStarted
      inProgress
      complete
      cancelled
    }
  }
`);

export type ActionRow = ActionRowFragment;
export type PlanSummary = WorkPlanSummaryFieldsFragment;

const TAG_LINE = { display: 'block', marginTop: '5px' } as const;

/** A plan's page: its sub-group's work plan page while it is active, otherwise its own. */
export function planHref(plan: { id: string; status: WorkPlanStatus; subGroupId: string }): string {
  return plan.status === 'ACTIVE' ? `/sub-groups/${plan.subGroupId}/work-plan` : `/work-plans/${plan.id}`;
}

/** "1 April 2026 to 31 March 2027" */
export function formatPeriod(plan: { periodStart: string; periodEnd: string }): string {
  return `${formatCalendarDate(plan.periodStart)} to ${formatCalendarDate(plan.periodEnd)}`;
}

/** Whether this person may create, roll forward and run the sub-group's plans: its chair, or the secretariat. */
export function canLeadSubGroup(me: Me | null, subGroupId: string): boolean {
  if (!me) return false;
  return me.role === 'SECRETARIAT' || me.subGroupMemberships.some((m) => m.role === 'CHAIR' && m.subGroup.id === subGroupId);
}

/** A file name part: "Housing and support" → "housing-and-support". */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'work-plan'
  );
}

/**
 * A table of actions: the action (a link to its page), its objective (when asked), owner
 * and lead agency, due date (with "Overdue"), status, RAG, and last update (with "No update
 * for N days"). Every flag is a tag with its word.
 */
export function ActionsTable({
  id,
  caption,
  captionHidden,
  actions,
  objectiveTitles,
  subGroupNames,
  showOwner = true,
}: {
  id: string;
  caption: ReactNode;
  captionHidden?: boolean;
  actions: ActionRow[];
  /** Objective titles by id: adds an Objective column. */
  objectiveTitles?: Map<string, string>;
  /** Sub-group names by action id: adds a Sub-group column. */
  subGroupNames?: Map<string, string>;
  /** False to leave out the Owner column (for a list of one person's own actions). */
  showOwner?: boolean;
}) {
  const th = (text: string, width?: string) => (
    <th scope="col" className="govuk-table__header" style={width ? { width } : undefined}>
      {text}
    </th>
  );
  return (
    // On a narrow screen the table scrolls sideways in its own focusable region rather than squeezing the words.
    <div role="region" aria-labelledby={`${id}-caption`} tabIndex={0} style={{ overflowX: 'auto' }}>
      <table className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16" id={id} style={{ minWidth: '720px' }}>
        <caption
          id={`${id}-caption`}
          className={`govuk-table__caption govuk-table__caption--s${captionHidden ? ' govuk-visually-hidden' : ''}`}
        >
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {th('Action', objectiveTitles || subGroupNames ? '26%' : '34%')}
            {objectiveTitles && th('Objective', '18%')}
            {subGroupNames && th('Sub-group', '14%')}
            {showOwner && th('Owner')}
            {th('Due')}
            {th('Status')}
            {th('RAG')}
            {th('Last update')}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {actions.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/actions/${a.id}`}>
                  {a.title}
                </Link>
              </th>
              {objectiveTitles && <td className="govuk-table__cell">{objectiveTitles.get(a.objectiveId) ?? ''}</td>}
              {subGroupNames && <td className="govuk-table__cell">{subGroupNames.get(a.id) ?? ''}</td>}
              {showOwner && (
                <td className="govuk-table__cell">
                  {a.owner.name}
                  <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">{a.leadAgency.name}</span>
                </td>
              )}
              <td className="govuk-table__cell">
                <span style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(a.dueDate)}</span>
                {a.isOverdue && (
                  <span style={TAG_LINE}>
                    <OverdueTag />
                  </span>
                )}
              </td>
              <td className="govuk-table__cell">
                <StatusTag status={a.status} />
              </td>
              <td className="govuk-table__cell">{a.status === 'CANCELLED' ? 'None' : <RagTag rag={a.displayRag} />}</td>
              <td className="govuk-table__cell">
                {a.lastUpdateAt ? <span style={{ whiteSpace: 'nowrap' }}>{formatDate(a.lastUpdateAt)}</span> : 'No updates yet'}
                {a.isStale && (
                  <span style={TAG_LINE}>
                    <StaleTag days={daysWithoutUpdate(a)} />
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** RAG counts as tags with their numbers and words: "1 Red", "2 Amber", "5 Green", "1 Complete". */
export function RagCounts({ rag }: { rag: PlanSummary['rag'] }) {
  const items = [
    ['RED', rag.red],
    ['AMBER', rag.amber],
    ['GREEN', rag.green],
    ['BLUE', rag.blue],
  ] as const;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-0" style={{ display: 'flex', flexWrap: 'wrap', gap: '5px 10px' }}>
      {items.map(([r, n]) => (
        <li key={r} className="govuk-!-margin-bottom-0">
          <RagTag rag={r} count={n} />
        </li>
      ))}
    </ul>
  );
}

/** A plan's counts as a summary list. */
export function PlanSummaryList({ summary, id = 'plan-summary' }: { summary: PlanSummary; id?: string }) {
  const s = summary;
  const row = (key: string, value: ReactNode) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
  return (
    <dl className="govuk-summary-list" id={id}>
      {row('Actions', s.total)}
      {row('RAG', <RagCounts rag={s.rag} />)}
      {row(
        'Status',
        `${s.status.notStarted} not started, ${s.status.inProgress} in progress, ${s.status.complete} complete, ${s.status.cancelled} cancelled`,
      )}
      {row('Overdue', s.overdue)}
      {row('Due in the next 14 days', s.dueSoon)}
      {row('No recent update', s.stale)}
      {row('Complete', `${s.percentComplete}%`)}
    </dl>
  );
}

/** A GOV.UK button that is a link. */
export function LinkButton({
  to,
  children,
  secondary,
  warning,
}: {
  to: string;
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
}) {
  return (
    <Link
      to={to}
      role="button"
      draggable="false"
      className={`govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`}
      data-module="govuk-button"
    >
      {children}
    </Link>
  );
}

const FrameworkOptionsDocument = graphql(`
  query FrameworkOptions($includeRetired: Boolean!) {
    frameworks(first: 100, includeRetired: $includeRetired) {
      edges {
        node {
          id
          name
          retiredAt
          items(includeRetired: $includeRetired) {
            id
            code
            title
            retiredAt
          }
        }
      }
    }
  }
`);

export type FrameworkWithItems = Awaited<ReturnType<typeof loadFrameworks>>[number];

/** The partnership's frameworks (the statutory principles first) with their items, in order. */
export async function loadFrameworks(includeRetired = false) {
  return (await gql(FrameworkOptionsDocument, { includeRetired })).frameworks.edges.map((e) => e.node);
}

/** "CPP-A: to act in the best interests…" */
export function itemLabel(item: { code: string; title: string }): string {
  return `${item.code}: ${item.title}`;
}

/** GOV.UK breadcrumbs: the pages above this one. */
export function Breadcrumbs({ items }: { items: Array<{ to: string; label: string }> }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((i) => (
          <li className="govuk-breadcrumbs__list-item" key={i.to}>
            <Link className="govuk-breadcrumbs__link" to={i.to}>
              {i.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
