/**
 * /meetings/:id/readiness: is the pack ready? Each sub-group report and paper the agenda
 * expects, in agenda order, with who writes it, whether it is in (Submitted, Late, Returned,
 * Missing) and when. The secretariat reminds everyone whose contribution is outstanding, or
 * one person from their row, and adds a paper for its author.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { ErrorSummary, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, formatCalendarDate, formatDateTime, useFreshDownloadLinks, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import type { PackReadinessQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { DoneBanner, done, type Done } from '../notifications/common';
import { CONTRIBUTION_LABELS, ContributionTag, DownloadPaperLink } from './agenda-common';

const PackReadinessDocument = graphql(`
  query PackReadiness($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      agenda {
        id
        paper {
          ...AgendaPaperFields
        }
      }
    }
    packReadiness(meetingId: $id) {
      agendaItemId
      number
      title
      kind
      subGroupId
      reportId
      authorUserId
      authorName
      status
      submittedAt
    }
  }
`);

const RemindPackContributorsDocument = graphql(`
  mutation RemindPackContributors($input: RemindPackContributorsInput!) {
    remindPackContributors(input: $input)
  }
`);

type Data = PackReadinessQuery;
type Contribution = Data['packReadiness'][number];

const isIn = (c: Contribution) => c.status === 'SUBMITTED' || c.status === 'LATE';
const remindable = (c: Contribution) => !isIn(c) && !!c.authorUserId;

function reminded(n: number): string {
  // The api counts reports and papers reminded about (a report's reminder goes to its sub-group's chair).
  return n === 0 ? 'No one needed reminding' : `Reminders sent for ${n} ${n === 1 ? 'report or paper' : 'reports and papers'}`;
}

export function PackReadinessPage() {
  usePageTitle('Pack readiness');
  const { id = '' } = useParams();
  const q = useQuery(() => gql(PackReadinessDocument, { id }), [id]);
  useFreshDownloadLinks(q.reload, !!q.data?.meeting.agenda.some((i) => i.paper));
  return <Loaded query={q}>{(d) => <Readiness key={d.meeting.id} data={d} reload={q.reload} />}</Loaded>;
}

function Readiness({ data, reload }: { data: Data; reload: () => void }) {
  const m = data.meeting;
  const rows = data.packReadiness;
  const papers = new Map(m.agenda.map((i) => [i.id, i.paper]));
  const form = useApiForm();
  const [message, setMessage] = useState<Done>();
  const title = meetingName(m);
  usePageTitle(`Pack readiness: ${title}`, form.hasErrors);
  const outstanding = rows.filter(remindable);
  const counts = Object.fromEntries((['SUBMITTED', 'LATE', 'RETURNED', 'MISSING'] as const).map((s) => [s, 0])) as Record<
    Contribution['status'],
    number
  >;
  for (const r of rows) counts[r.status] += 1;

  const remind = async (row?: Contribution) => {
    setMessage(undefined);
    const n = await form.run(() =>
      gql(RemindPackContributorsDocument, { input: { meetingId: m.id, agendaItemIds: row ? [row.agendaItemId] : null } }),
    );
    if (n === undefined) return;
    const count = n.remindPackContributors;
    setMessage(
      done(
        reminded(count),
        row
          ? `${row.authorName ?? 'The author'} was reminded about item ${row.number} ${row.title}.`
          : count
            ? 'They are told by e-mail and in their notifications.'
            : undefined,
      ),
    );
    reload();
  };

  return (
    <>
      <MeetingBreadcrumbs meeting={m} />
      <DoneBanner done={message} id="reminded" />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">Pack readiness</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">Each sub-group report and paper the agenda expects, and whether it is in.</p>
          <p className="govuk-body" id="readiness-deadline">
            {todayInLondon() > m.reportDeadline
              ? `They were due by ${formatCalendarDate(m.reportDeadline)}: any sent now are late.`
              : `They are due by ${formatCalendarDate(m.reportDeadline)}.`}
          </p>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="govuk-body" id="readiness">
          The agenda has no sub-group reports or papers yet.{' '}
          <Link className="govuk-link" to={`/meetings/${m.id}/agenda`}>
            Build the agenda
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="govuk-body" id="readiness-summary">
            {(['SUBMITTED', 'LATE', 'RETURNED', 'MISSING'] as const)
              .filter((s) => counts[s] > 0)
              .map((s) => `${counts[s]} ${CONTRIBUTION_LABELS[s].toLowerCase()}`)
              .join(', ')}
            .
          </p>
          {outstanding.length > 0 && (
            <button
              type="button"
              className="govuk-button"
              data-module="govuk-button"
              id="remind-all"
              disabled={form.busy}
              aria-disabled={form.busy || undefined}
              onClick={() => void remind()}
            >
              Send reminders<span className="govuk-visually-hidden"> to everyone whose report or paper is not in</span>
            </button>
          )}
          <div role="region" aria-labelledby="readiness-caption" tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
            <table className="govuk-table govuk-table--small-text-until-tablet" id="readiness" style={{ minWidth: '640px' }}>
              <caption className="govuk-table__caption govuk-table__caption--s" id="readiness-caption">
                Reports and papers for the pack, in agenda order
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header" style={{ width: '3em' }}>
                    Item
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Title
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Author
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Submitted
                  </th>
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {rows.map((r) => (
                  <tr className="govuk-table__row" key={r.agendaItemId} data-item={r.number}>
                    <td className="govuk-table__cell">{r.number}</td>
                    <th scope="row" className="govuk-table__header">
                      {r.title}
                      <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                        {r.kind === 'PAPER' ? 'Paper' : 'Sub-group report'}
                      </span>
                    </th>
                    <td className="govuk-table__cell">{r.authorName ?? 'No one named'}</td>
                    <td className="govuk-table__cell">
                      <ContributionTag status={r.status} />
                    </td>
                    <td className="govuk-table__cell">
                      {r.submittedAt ? formatDateTime(r.submittedAt) : 'Not yet'}
                      <DownloadPaperLink item={r} paper={papers.get(r.agendaItemId)} />
                    </td>
                    <td className="govuk-table__cell">
                      <div className="app-row-actions">
                        {remindable(r) && (
                          <button
                            type="button"
                            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            data-module="govuk-button"
                            disabled={form.busy}
                            aria-disabled={form.busy || undefined}
                            onClick={() => void remind(r)}
                          >
                            Remind
                            <span className="govuk-visually-hidden">
                              {' '}
                              {r.authorName} about item {r.number}
                            </span>
                          </button>
                        )}
                        {r.kind === 'PAPER' && (
                          <Link className="govuk-link" to={`/meetings/${m.id}/agenda/${r.agendaItemId}/paper`}>
                            {isIn(r) ? 'Replace the paper' : 'Add the paper'}
                            <span className="govuk-visually-hidden"> for item {r.number}</span>
                          </Link>
                        )}
                        {r.reportId && (
                          <Link className="govuk-link" to={`/reports/${r.reportId}`}>
                            View report<span className="govuk-visually-hidden"> for item {r.number}</span>
                          </Link>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${m.id}/agenda`}>
          Change the agenda
        </Link>
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${m.id}`}>
          Back to the meeting
        </Link>
      </p>
    </>
  );
}
