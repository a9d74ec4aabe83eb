/**
 * /voice/you-said-we-did?period=2025-26: what young people raised in a financial year and
 * what was done, for the council to take back to them; and the same as a CSV file.
 */
import { Button } from '../../components/forms';
import { Loaded, formatCalendarDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { YearChooser, usePeriod } from '../principles/common';

const YouSaidWeDidDocument = graphql(`
  query YouSaidWeDidPage($from: String!, $to: String!) {
    youSaidWeDid(from: $from, to: $to) {
      id
      raisedOn
      raisingGroup
      youSaid
      weDid
      respondedOn
      themes
      status
    }
  }
`);

const YouSaidWeDidCsvDocument = graphql(`
  query YouSaidWeDidCsv($from: String!, $to: String!) {
    youSaidWeDidCsv(from: $from, to: $to)
  }
`);

const bounds = (period: string) => {
  const first = Number(period.slice(0, 4));
  return { from: `${first}-04-01`, to: `${first + 1}-03-31` };
};

export function YouSaidWeDidPage() {
  usePageTitle('You said, we did');
  const period = usePeriod();
  const q = useQuery(async () => (await gql(YouSaidWeDidDocument, bounds(period))).youSaidWeDid, [period]);
  const download = async () => {
    const csv = (await gql(YouSaidWeDidCsvDocument, bounds(period))).youSaidWeDidCsv;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `you-said-we-did-${period}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <BackLink to="/voice" />
      <h1 className="govuk-heading-l">You said, we did</h1>
      <p className="govuk-body">What children in care and care leavers raised in the year, and what the partnership did about it.</p>
      <YearChooser period={period} action="/voice/you-said-we-did" />
      <Loaded query={q}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="govuk-body" id="yswd-empty">
              Nothing raised in {period} has been answered yet.
            </p>
          ) : (
            <>
              <Button secondary type="button" onClick={() => void download()}>
                Download as CSV
              </Button>
              <ol className="govuk-list" id="yswd">
                {rows.map((r) => (
                  <li key={r.id} className="govuk-!-margin-bottom-6" data-voice-id={r.id}>
                    <h2 className="govuk-heading-s govuk-!-margin-bottom-1">You said</h2>
                    <p className="govuk-body">{r.youSaid}</p>
                    <h2 className="govuk-heading-s govuk-!-margin-bottom-1">We did</h2>
                    <p className="govuk-body">{r.weDid}</p>
                    <p className="govuk-body-s app-muted">
                      Raised by {r.raisingGroup} on {formatCalendarDate(r.raisedOn)}; answered on {formatCalendarDate(r.respondedOn)}.
                      {r.themes.length ? ` Themes: ${r.themes.join('; ')}.` : ''}
                    </p>
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </Loaded>
    </>
  );
}
