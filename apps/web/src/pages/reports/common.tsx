/**
 * What the highlight report pages share: the report's fields, a work plan snapshot (the
 * one frozen at submission, or the preview of what submitting would freeze), and where a
 * report sits (its meeting and sub-group).
 */
import { Link } from 'react-router';
import { formatCalendarDate, formatDate } from '../../components/lists';
import { OverdueTag, RagTag, StatusTag } from '../../components/rag';
import { graphql } from '../../gql';
import type { ReportSnapshotFieldsFragment } from '../../gql/graphql';
import { formatPeriod } from '../workplans/common';

export const ReportSnapshotFieldsFragmentDoc = graphql(`
  fragment ReportSnapshotFields on ReportSnapshot {
    takenAt
    workPlanId
    workPlanTitle
    periodStart
    periodEnd
    total
    overdue
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
    actions {
      actionId
      title
      ownerName
      leadAgencyName
      dueDate
      status
      displayRag
      isOverdue
    }
  }
`);

export const ReportHeaderFragmentDoc = graphql(`
  fragment ReportHeader on HighlightReport {
    id
    status
    late
    version
    canEdit
    canSubmit
    canReview
    canComment
    submittedAt
    meeting {
      id
      title
      startsAt
      reportDeadline
      status
    }
    subGroup {
      id
      name
    }
  }
`);

export type Snapshot = ReportSnapshotFieldsFragment;

/** "Education highlight report" */
export function reportTitle(r: { subGroup: { name: string } }): string {
  return `${r.subGroup.name} highlight report`;
}

/** "Partnership board meeting, 17 September 2026" */
export function meetingLabel(m: { title: string; startsAt: string }): string {
  return `${m.title}, ${formatDate(m.startsAt)}`;
}

/**
 * A work plan snapshot: the active plan then, its counts by RAG and by status, the overdue
 * count and the share complete, and the red or overdue actions. `id` prefixes the ids of
 * its tables, so a page could show two.
 */
export function SnapshotView({ snapshot: s, id, headingLevel = 3 }: { snapshot: Snapshot; id: string; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  if (!s.workPlanTitle) {
    return (
      <p className="govuk-body" id={id}>
        The sub-group had no active work plan, so there were no actions to count.
      </p>
    );
  }
  const open = s.status.notStarted + s.status.inProgress;
  const ragRows = [
    ['RED', s.rag.red],
    ['AMBER', s.rag.amber],
    ['GREEN', s.rag.green],
    ['BLUE', s.rag.blue],
  ] as const;
  const statusRows = [
    ['NOT_STARTED', s.status.notStarted],
    ['IN_PROGRESS', s.status.inProgress],
    ['COMPLETE', s.status.complete],
    ['CANCELLED', s.status.cancelled],
  ] as const;
  return (
    <div id={id}>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Work plan</dt>
          <dd className="govuk-summary-list__value">
            {s.workPlanTitle}
            {s.periodStart && s.periodEnd && (
              <span className="govuk-!-display-block govuk-hint govuk-!-margin-bottom-0">
                {formatPeriod({ periodStart: s.periodStart, periodEnd: s.periodEnd })}
              </span>
            )}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Actions</dt>
          <dd className="govuk-summary-list__value">
            {s.total} ({open} open)
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Overdue</dt>
          <dd className="govuk-summary-list__value">{s.overdue}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Complete</dt>
          <dd className="govuk-summary-list__value">{s.percentComplete}%</dd>
        </div>
      </dl>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table" id={`${id}-rag`}>
            <caption className="govuk-table__caption govuk-table__caption--s">Actions by RAG rating</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  RAG
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {ragRows.map(([rag, n]) => (
                <tr className="govuk-table__row" key={rag}>
                  <th scope="row" className="govuk-table__header">
                    <RagTag rag={rag} />
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table" id={`${id}-status`}>
            <caption className="govuk-table__caption govuk-table__caption--s">Actions by status</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {statusRows.map(([status, n]) => (
                <tr className="govuk-table__row" key={status}>
                  <th scope="row" className="govuk-table__header">
                    <StatusTag status={status} />
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p className="govuk-hint govuk-!-font-size-16">RAG counts leave out cancelled actions; complete actions count as Complete (blue).</p>

      {s.actions.length === 0 ? (
        <>
          <H className="govuk-heading-s">Red and overdue actions</H>
          <p className="govuk-body" id={`${id}-actions`}>
            {s.total ? 'None you can see: no open action was red or overdue, or those that were are not shared with you.' : 'None.'}
          </p>
        </>
      ) : (
        <div role="region" aria-labelledby={`${id}-actions-caption`} tabIndex={0} style={{ overflowX: 'auto' }}>
          <table
            className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16"
            id={`${id}-actions`}
            style={{ minWidth: '640px' }}
          >
            <caption className="govuk-table__caption govuk-table__caption--s" id={`${id}-actions-caption`}>
              Red and overdue actions
              <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-font-weight-regular govuk-!-margin-bottom-0">
                Open actions rated red or past their due date. Only those shared with you are listed.
              </span>
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header" style={{ width: '36%' }}>
                  Action
                </th>
                <th scope="col" className="govuk-table__header">
                  Owner
                </th>
                <th scope="col" className="govuk-table__header">
                  Due
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  RAG
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {s.actions.map((a) => (
                <tr className="govuk-table__row" key={a.actionId}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/actions/${a.actionId}`}>
                      {a.title}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">
                    {a.ownerName}
                    <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                      {a.leadAgencyName}
                    </span>
                  </td>
                  <td className="govuk-table__cell">
                    <span style={{ whiteSpace: 'nowrap' }}>{formatCalendarDate(a.dueDate)}</span>
                    {a.isOverdue && (
                      <span className="govuk-!-display-block govuk-!-margin-top-1">
                        <OverdueTag />
                      </span>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    <StatusTag status={a.status} />
                  </td>
                  <td className="govuk-table__cell">
                    <RagTag rag={a.displayRag} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
