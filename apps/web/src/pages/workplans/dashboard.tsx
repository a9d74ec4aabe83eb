import { Link } from 'react-router';
import { Loaded, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { RagCounts, formatPeriod } from './common';

const DashboardDocument = graphql(`
  query PartnershipDashboard {
    partnershipDashboard {
      subGroupId
      subGroup {
        id
        name
      }
      workPlan {
        id
        title
        periodStart
        periodEnd
      }
      summary {
        ...WorkPlanSummaryFields
      }
    }
  }
`);

/** /dashboard: every sub-group's active work plan with its RAG and progress counts. */
export function DashboardPage() {
  usePageTitle('Partnership dashboard');
  const q = useQuery(() => gql(DashboardDocument), []);
  return (
    <>
      <h1 className="govuk-heading-l">Partnership dashboard</h1>
      <p className="govuk-body">
        Each sub-group&apos;s active work plan and how its actions stand today. Counts leave out cancelled actions; complete actions count
        as Complete (blue).
      </p>
      <Loaded query={q}>
        {({ partnershipDashboard: rows }) =>
          rows.length === 0 ? (
            <p className="govuk-body" id="dashboard-empty">
              The partnership has no sub-groups yet.
            </p>
          ) : (
            <div role="region" aria-labelledby="dashboard-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
              <table className="govuk-table govuk-table--small-text-until-tablet" id="dashboard" style={{ minWidth: '760px' }}>
                <caption className="govuk-table__caption govuk-table__caption--m" id="dashboard-caption">
                  Sub-groups and their active work plans
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header" style={{ width: '18%' }}>
                      Sub-group
                    </th>
                    <th scope="col" className="govuk-table__header" style={{ width: '20%' }}>
                      Active plan
                    </th>
                    <th scope="col" className="govuk-table__header" style={{ width: '22%' }}>
                      RAG
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Overdue
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Due in the next 14 days
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      No recent update
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Complete
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {rows.map((r) => (
                    <tr className="govuk-table__row" key={r.subGroupId} data-sub-group={r.subGroup.name}>
                      <th scope="row" className="govuk-table__header">
                        <Link className="govuk-link" to={`/sub-groups/${r.subGroupId}/work-plan`}>
                          {r.subGroup.name}
                        </Link>
                      </th>
                      {r.workPlan && r.summary ? (
                        <>
                          <td className="govuk-table__cell">
                            {r.workPlan.title}
                            <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                              {formatPeriod(r.workPlan)}
                            </span>
                          </td>
                          <td className="govuk-table__cell">
                            <RagCounts rag={r.summary.rag} />
                          </td>
                          <td className="govuk-table__cell govuk-table__cell--numeric">{r.summary.overdue}</td>
                          <td className="govuk-table__cell govuk-table__cell--numeric">{r.summary.dueSoon}</td>
                          <td className="govuk-table__cell govuk-table__cell--numeric">{r.summary.stale}</td>
                          <td className="govuk-table__cell govuk-table__cell--numeric">{r.summary.percentComplete}%</td>
                        </>
                      ) : (
                        <td className="govuk-table__cell" colSpan={6}>
                          No active work plan
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
