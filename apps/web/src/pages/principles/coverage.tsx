/**
 * /principles: the coverage matrix. Each corporate parenting principle against the work
 * behind it in a financial year: active actions by RAG, commitments, evidence submitted in
 * the year and indicators, with the year's self-assessment rating. A principle with no
 * active action or no evidence is flagged, by a tag and in words, so a gap shows at a glance
 * and to a screen reader alike. The counts are of what the reader may see.
 */
import { Link } from 'react-router';
import { FlashBanner, Loaded, Tag, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { RatingTag, YearChooser, usePeriod } from './common';

const CoverageDocument = graphql(`
  query CoveragePage($period: String) {
    coverage(period: $period) {
      period
      from
      to
      rows {
        code
        title
        red
        amber
        green
        activeActions
        commitments
        evidence
        indicators
        flags
        gapSummary
        frameworkItem {
          id
        }
        selfAssessment {
          id
          rating
        }
      }
    }
  }
`);

export function CoveragePage() {
  usePageTitle('Principles');
  const period = usePeriod();
  const q = useQuery(async () => (await gql(CoverageDocument, { period })).coverage, [period]);
  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Principles</h1>
      <p className="govuk-body">
        How the partnership delivers against the seven corporate parenting principles: the work behind each one, and the board’s own
        assessment. A principle with no active action, or no evidence in the year, is marked as a gap.
      </p>
      <YearChooser period={period} action="/principles" />
      <Loaded query={q}>
        {(c) => {
          const gaps = c.rows.filter((r) => r.flags.length > 0);
          return (
            <>
              <p className="govuk-body" id="gap-count">
                {gaps.length === 0
                  ? 'Every principle has active actions and evidence this year.'
                  : `${gaps.length} of ${c.rows.length} principles have a gap this year.`}
              </p>
              <div role="region" aria-labelledby="coverage-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
                <table className="govuk-table govuk-!-font-size-16" id="coverage" style={{ minWidth: '860px' }}>
                  <caption className="govuk-table__caption govuk-table__caption--m" id="coverage-caption">
                    Coverage, {c.period}
                  </caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header" style={{ width: '32%' }}>
                        Principle
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Active actions (red, amber, green)
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Commitments
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Evidence this year
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Indicators
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Self-assessment
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Gaps
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {c.rows.map((r) => (
                      <tr className={`govuk-table__row${r.flags.length ? ' app-gap-row' : ''}`} key={r.code} data-code={r.code}>
                        <th scope="row" className="govuk-table__header">
                          <Link className="govuk-link" to={`/principles/${r.frameworkItem.id}?period=${c.period}`}>
                            {r.code}
                          </Link>
                          <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{r.title}</span>
                        </th>
                        <td className="govuk-table__cell">
                          {r.activeActions}
                          <span className="govuk-body-s app-muted govuk-!-display-block">
                            {r.red} red, {r.amber} amber, {r.green} green
                          </span>
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{r.commitments}</td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{r.evidence}</td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{r.indicators}</td>
                        <td className="govuk-table__cell">
                          {r.selfAssessment ? <RatingTag rating={r.selfAssessment.rating} /> : 'Not yet'}
                        </td>
                        <td className="govuk-table__cell" data-testid="gaps">
                          {r.flags.length ? (
                            <>
                              <Tag colour="red">Gap</Tag>
                              <span className="govuk-!-display-block">{r.gapSummary}</span>
                            </>
                          ) : (
                            'None'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Loaded>
    </>
  );
}
