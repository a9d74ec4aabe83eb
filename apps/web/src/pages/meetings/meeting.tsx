/**
 * /meetings/:id: a meeting's schedule, its numbered agenda, where each sub-group's highlight
 * report for it stands, and once recorded who attended (by agency) and the minutes, then the
 * action log as it stands at this meeting. The secretariat changes the meeting and its status
 * from here and goes on to the agenda, pack readiness, attendance and minutes, and adds
 * actions; a sub-group's chair (or the secretariat) starts the sub-group's report; a paper's
 * author adds the paper.
 */
import { type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayInLondon } from '../../components/dates';
import { ErrorSummary, useApiForm } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  MultilineText,
  flash,
  formatCalendarDate,
  formatDate,
  formatDateTime,
  useFreshDownloadLinks,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { MeetingPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { Breadcrumbs, LinkButton, canLeadSubGroup } from '../workplans/common';
import {
  ATTENDANCE_LABELS,
  AddPaperLink,
  AgendaList,
  DownloadPaperLink,
  PaperState,
  agendaTree,
  attendanceCounts,
  byAgency,
  linesOf,
  mayAddPaper,
  type AgendaItem,
} from './agenda-common';
import { BoardActionsTable } from './board-actions';
import { LateTag, MeetingPlace, MeetingStatusTag, ReportProgressTag } from './common';
import { EditionLinks } from './pack-common';

const MeetingPageDocument = graphql(`
  query MeetingPage($id: ID!) {
    meeting(id: $id) {
      ...MeetingRow
      reportStatuses {
        progress
        subGroup {
          id
          name
        }
        report {
          id
          status
          submittedAt
          late
        }
      }
      agenda {
        ...AgendaItemFields
        paper {
          ...AgendaPaperFields
        }
      }
      attendance {
        userId
        name
        agencyId
        agencyName
        status
      }
      publishedPack {
        ...BoardPackFields
      }
    }
    actionLog(meetingId: $id) {
      ...BoardActionFields
    }
    boardActions {
      ...BoardActionFields
    }
  }
`);

const StartHighlightReportDocument = graphql(`
  mutation StartHighlightReport($input: CreateHighlightReportInput!) {
    createHighlightReport(input: $input) {
      id
    }
  }
`);

type MeetingData = MeetingPageQuery['meeting'];
type ActionLog = MeetingPageQuery['actionLog'];

export function MeetingPage() {
  usePageTitle('Meeting');
  const { id = '' } = useParams();
  const q = useQuery(() => gql(MeetingPageDocument, { id }), [id]);
  useFreshDownloadLinks(q.reload, !!q.data?.meeting.agenda.some((i) => i.paper) || !!q.data?.meeting.publishedPack);
  return (
    <Loaded query={q}>
      {(d) => (
        <MeetingView
          key={d.meeting.id}
          meeting={d.meeting}
          actionLog={d.actionLog}
          arising={d.boardActions.filter((a) => a.meetingId === d.meeting.id)}
        />
      )}
    </Loaded>
  );
}

function MeetingView({ meeting: m, actionLog, arising }: { meeting: MeetingData; actionLog: ActionLog; arising: ActionLog }) {
  const { me } = useAuth();
  const secretariat = me?.role === 'SECRETARIAT';
  const form = useApiForm();
  const navigate = useNavigate();
  const title = `${m.title}, ${formatDate(m.startsAt)}`;
  usePageTitle(title, form.hasErrors);

  const start = async (subGroupId: string) => {
    const done = await form.run(() => gql(StartHighlightReportDocument, { input: { meetingId: m.id, subGroupId } }));
    if (done)
      navigate(`/reports/${done.createHighlightReport.id}/change`, {
        state: flash('Report started', 'Write the report, then submit it to the board.'),
      });
  };

  const row = (key: string, value: ReactNode, change?: string) => (
    <div className={`govuk-summary-list__row${secretariat ? '' : ' govuk-summary-list__row--no-actions'}`}>
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
      {secretariat && (
        <dd className="govuk-summary-list__actions">
          {change && (
            <Link className="govuk-link" to={`/meetings/${m.id}/change#${change}`}>
              Change<span className="govuk-visually-hidden"> {key.toLowerCase()}</span>
            </Link>
          )}
        </dd>
      )}
    </div>
  );

  const deadlinePassed = todayInLondon() > m.reportDeadline;
  const subGroupNames = new Map(m.reportStatuses.map((r) => [r.subGroup.id, r.subGroup.name]));
  const papers = new Map(m.agenda.map((i) => [i.id, i.paper]));
  const minuted = agendaTree(m.agenda)
    .flatMap((t) => [t.item, ...t.children])
    .filter((i) => i.minutes.trim() || i.decisions.trim());
  const mayStart = m.status !== 'CANCELLED';

  return (
    <>
      <Breadcrumbs items={[{ to: '/meetings', label: 'Board meetings' }]} />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      <span className="govuk-caption-l">Board meeting</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <dl className="govuk-summary-list" id="meeting-details">
        {row('Title', m.title, 'title')}
        {row('Date and time', `${formatDateTime(m.startsAt)} (UK time)`, 'date-day')}
        {row('Place or link', <MeetingPlace location={m.location} />, 'location')}
        {row(
          'Report deadline',
          <>
            {formatCalendarDate(m.reportDeadline)}
            {deadlinePassed && m.status === 'PLANNED' && (
              <span className="govuk-!-display-block govuk-hint govuk-!-margin-bottom-0">Passed: reports sent now are marked late.</span>
            )}
          </>,
          'reportDeadline-day',
        )}
        {row('Status', <MeetingStatusTag status={m.status} />)}
      </dl>

      {secretariat && (
        <div className="govuk-button-group">
          {m.status === 'PLANNED' && (
            <>
              <LinkButton secondary to={`/meetings/${m.id}/held`}>
                Mark as held
              </LinkButton>
              <LinkButton warning to={`/meetings/${m.id}/cancel`}>
                Cancel meeting
              </LinkButton>
            </>
          )}
          {m.status === 'CANCELLED' && (
            <LinkButton secondary to={`/meetings/${m.id}/plan-again`}>
              Plan again
            </LinkButton>
          )}
        </div>
      )}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="agenda-heading">
        Agenda
      </h2>
      {m.agenda.length === 0 ? (
        <p className="govuk-body" id="agenda">
          The agenda has not been set yet.
        </p>
      ) : (
        <AgendaList
          id="agenda"
          agenda={m.agenda}
          subGroupNames={subGroupNames}
          details={(item) => (
            <>
              <PaperState item={item} />
              <DownloadPaperLink item={item} paper={papers.get(item.id)} />
              {m.status !== 'CANCELLED' && !secretariat && mayAddPaper(me, item) && (
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <AddPaperLink meetingId={m.id} item={item} />
                </p>
              )}
            </>
          )}
        />
      )}
      {secretariat && (
        <div className="govuk-button-group" id="secretariat-meeting-links">
          {m.status !== 'CANCELLED' && (
            <LinkButton secondary to={`/meetings/${m.id}/agenda`}>
              {m.agenda.length ? 'Change the agenda' : 'Build the agenda'}
            </LinkButton>
          )}
          <Link className="govuk-link" to={`/meetings/${m.id}/readiness`}>
            Pack readiness
          </Link>
          <Link className="govuk-link" to={`/meetings/${m.id}/pack`}>
            Board pack
          </Link>
          {m.status !== 'CANCELLED' && (
            <Link className="govuk-link" to={`/meetings/${m.id}/record`}>
              Record attendance and minutes
            </Link>
          )}
        </div>
      )}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="pack-heading">
        Board pack
      </h2>
      {m.publishedPack ? (
        <div id="published-pack">
          <p className="govuk-body">
            Version {m.publishedPack.version}
            {m.publishedPack.supplement ? ', a supplement,' : ''} was published on {formatDateTime(m.publishedPack.publishedAt as string)}.
            {m.publishedPack.changeNote ? ` What changed: ${m.publishedPack.changeNote}` : ''}
          </p>
          <EditionLinks pack={m.publishedPack} />
        </div>
      ) : (
        <p className="govuk-body" id="published-pack">
          The pack for this meeting has not been published yet.
        </p>
      )}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="reports-heading">
        Sub-group highlight reports
      </h2>
      {m.status === 'CANCELLED' && (
        <p className="govuk-body">This meeting was cancelled, so no reports can be started or submitted for it.</p>
      )}
      {m.reportStatuses.length === 0 ? (
        <p className="govuk-body" id="report-statuses">
          The partnership has no sub-groups yet.
        </p>
      ) : (
        <div role="region" aria-labelledby="report-statuses-caption" tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
          <table className="govuk-table govuk-table--small-text-until-tablet" id="report-statuses" style={{ minWidth: '600px' }}>
            <caption className="govuk-table__caption govuk-visually-hidden" id="report-statuses-caption">
              Each sub-group&apos;s highlight report for this meeting
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header" style={{ width: '30%' }}>
                  Sub-group
                </th>
                <th scope="col" className="govuk-table__header">
                  Progress
                </th>
                <th scope="col" className="govuk-table__header">
                  Submitted
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Report</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {m.reportStatuses.map((s) => (
                <tr className="govuk-table__row" key={s.subGroup.id} data-sub-group={s.subGroup.name}>
                  <th scope="row" className="govuk-table__header">
                    {s.subGroup.name}
                  </th>
                  <td className="govuk-table__cell">
                    <ReportProgressTag progress={s.progress} />
                  </td>
                  <td className="govuk-table__cell">
                    {s.report?.submittedAt ? formatDate(s.report.submittedAt) : 'Not yet'}
                    {s.report?.late && (
                      <span className="govuk-!-display-block govuk-!-margin-top-1">
                        <LateTag />
                      </span>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    {s.report ? (
                      <Link className="govuk-link" to={`/reports/${s.report.id}`}>
                        View report<span className="govuk-visually-hidden"> from {s.subGroup.name}</span>
                      </Link>
                    ) : mayStart && canLeadSubGroup(me, s.subGroup.id) ? (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        data-module="govuk-button"
                        disabled={form.busy}
                        aria-disabled={form.busy || undefined}
                        onClick={() => start(s.subGroup.id)}
                      >
                        Start the report<span className="govuk-visually-hidden"> for {s.subGroup.name}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {m.attendance.length > 0 && <AttendanceRecord attendance={m.attendance} />}
      {minuted.length > 0 && <Minutes items={minuted} />}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="action-log">
        Action log
      </h2>
      <p className="govuk-body">Actions from earlier meetings still open, and those closed since the meeting before this one.</p>
      {actionLog.length === 0 ? (
        <p className="govuk-body" id="action-log-table">
          There are no actions on the log for this meeting.
        </p>
      ) : (
        <BoardActionsTable id="action-log-table" caption="The action log at this meeting, soonest due first" actions={actionLog} />
      )}

      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="actions-arising">
        Actions from this meeting
      </h2>
      {arising.length === 0 ? (
        <p className="govuk-body" id="actions-arising-table">
          The board has not asked for any actions at this meeting.
        </p>
      ) : (
        <BoardActionsTable
          id="actions-arising-table"
          caption="Actions the board asked for at this meeting, soonest due first"
          actions={arising}
        />
      )}
      {secretariat && m.status !== 'CANCELLED' && (
        <LinkButton secondary to={`/meetings/${m.id}/actions/new`}>
          Add an action
        </LinkButton>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/board-actions">
          See all board actions
        </Link>
      </p>
    </>
  );
}

/** Who attended, by agency: each person with Present, Apologies or Absent, and the counts. */
function AttendanceRecord({ attendance }: { attendance: MeetingData['attendance'] }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="attendance-heading">
        Attendance
      </h2>
      <p className="govuk-body" id="attendance-counts">
        {attendanceCounts(attendance)}.
      </p>
      <dl className="govuk-summary-list" id="attendance">
        {byAgency(attendance).map((g) => (
          <div className="govuk-summary-list__row" key={g.agencyId} data-agency={g.agencyName}>
            <dt className="govuk-summary-list__key">{g.agencyName}</dt>
            <dd className="govuk-summary-list__value">
              <ul className="govuk-list govuk-!-margin-bottom-0">
                {g.people.map((p) => (
                  <li key={p.userId} data-person={p.name}>
                    {p.name}: {ATTENDANCE_LABELS[p.status]}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Each item's minutes and decisions, in agenda order, for the items that have any. */
function Minutes({ items }: { items: AgendaItem[] }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-6" id="minutes-heading">
        Minutes
      </h2>
      <div id="minutes">
        {items.map((item) => {
          const decisions = linesOf(item.decisions);
          return (
            <section key={item.id} aria-labelledby={`minutes-${item.id}`} data-item={item.number} className="govuk-!-margin-bottom-6">
              <h3 className="govuk-heading-s" id={`minutes-${item.id}`}>
                <span className="app-agenda__number">{item.number}</span> {item.title}
              </h3>
              {item.minutes.trim() && <MultilineText text={item.minutes} />}
              {decisions.length > 0 && (
                <>
                  <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Decisions</p>
                  <ul className="govuk-list govuk-list--bullet">
                    {decisions.map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
