/**
 * The personal-data check of a version's public edition (/meetings/:id/pack/:packId/findings):
 * each likely piece of personal data with its page and the words around it. The secretariat
 * fixes it at source and compiles again, or clears it saying why
 * (/meetings/:id/pack/:packId/findings/:findingId, recorded in the audit log).
 */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, Tag, flash, formatDateTime, useQuery } from '../../components/lists';
import { NotFound } from '../../components/layout';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import type { PackFindingsPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { FINDING_KIND_LABELS } from './pack-common';

const PackFindingsPageDocument = graphql(`
  query PackFindingsPage($meetingId: ID!, $packId: ID!) {
    meeting(id: $meetingId) {
      ...MeetingRow
    }
    boardPack(id: $packId) {
      ...BoardPackFields
    }
    packFindings(packId: $packId) {
      id
      kind
      page
      match
      context
      clearedAt
      clearNote
    }
  }
`);

const ClearPackFindingDocument = graphql(`
  mutation ClearPackFinding($input: ClearPackFindingInput!) {
    clearPackFinding(input: $input) {
      id
      clearedAt
      clearNote
    }
  }
`);

type Data = PackFindingsPageQuery;
type Finding = Data['packFindings'][number];

function useFindings() {
  const { id = '', packId = '' } = useParams();
  return useQuery(async () => {
    const d = await gql(PackFindingsPageDocument, { meetingId: id, packId });
    // A version of another meeting is not this meeting's: answer as for any page that is not there.
    return d.boardPack.meetingId === d.meeting.id ? d : null;
  }, [id, packId]);
}

/** The words around a finding, with the finding itself marked. */
function InContext({ f }: { f: Finding }) {
  const at = f.context.indexOf(f.match);
  if (at < 0) return <>{f.context}</>;
  return (
    <>
      {f.context.slice(0, at)}
      <mark>{f.match}</mark>
      {f.context.slice(at + f.match.length)}
    </>
  );
}

export function PackFindingsPage() {
  usePageTitle('Personal data check');
  const q = useFindings();
  return <Loaded query={q}>{(d) => (d ? <Findings data={d} /> : <NotFound />)}</Loaded>;
}

function Findings({ data }: { data: Data }) {
  const m = data.meeting;
  const p = data.boardPack;
  const title = meetingName(m);
  usePageTitle(`Personal data check: version ${p.version}, ${title}`);
  const open = data.packFindings.filter((f) => !f.clearedAt);
  const base = `/meetings/${m.id}/pack/${p.id}`;
  return (
    <>
      <MeetingBreadcrumbs meeting={m} more={[{ to: `/meetings/${m.id}/pack`, label: 'Board pack' }]} />
      <FlashBanner />
      <span className="govuk-caption-l">
        {title}: version {p.version}
      </span>
      <h1 className="govuk-heading-l">Personal data check</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Before the public edition is published, its text is checked for dates of birth, NHS numbers, postcodes, phone numbers, e-mail
            addresses and the{' '}
            <Link className="govuk-link" to="/admin/personal-data-names">
              names the partnership keeps on its list
            </Link>
            . Fix each finding where it was written and compile again, or clear it if it may be published (for example, a council
            switchboard number).
          </p>
          <p className="govuk-body" id="findings-summary">
            {p.status !== 'DONE'
              ? 'This version has not finished compiling, so it has not been checked.'
              : data.packFindings.length === 0
                ? 'Nothing that looks like personal data was found in the public edition.'
                : open.length === 0
                  ? `All ${data.packFindings.length} findings are cleared: this version can be published.`
                  : `${open.length} of ${data.packFindings.length} ${data.packFindings.length === 1 ? 'finding is' : 'findings are'} not cleared yet.`}
          </p>
        </div>
      </div>
      {data.packFindings.length > 0 && (
        <div role="region" aria-labelledby="findings-caption" tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
          <table className="govuk-table govuk-table--small-text-until-tablet" id="findings" style={{ minWidth: '640px' }}>
            <caption className="govuk-table__caption govuk-table__caption--s" id="findings-caption">
              Likely personal data in the public edition, by page
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Page
                </th>
                <th scope="col" className="govuk-table__header">
                  What
                </th>
                <th scope="col" className="govuk-table__header">
                  Where on the page
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.packFindings.map((f) => (
                <tr className="govuk-table__row" key={f.id} data-kind={f.kind}>
                  <td className="govuk-table__cell">{f.page}</td>
                  <th scope="row" className="govuk-table__header">
                    {FINDING_KIND_LABELS[f.kind]}
                    <span className="govuk-!-display-block govuk-!-font-weight-regular" style={{ overflowWrap: 'anywhere' }}>
                      {f.match}
                    </span>
                  </th>
                  <td className="govuk-table__cell" style={{ overflowWrap: 'anywhere' }}>
                    <InContext f={f} />
                  </td>
                  <td className="govuk-table__cell">
                    {f.clearedAt ? (
                      <>
                        <Tag colour="green">Cleared</Tag>
                        <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                          {formatDateTime(f.clearedAt)}: {f.clearNote}
                        </p>
                      </>
                    ) : (
                      <>
                        <Tag colour="red">Not cleared</Tag>{' '}
                        <Link className="govuk-link govuk-!-display-block govuk-!-margin-top-1" to={`${base}/findings/${f.id}`}>
                          Clear
                          <span className="govuk-visually-hidden">
                            {' '}
                            the {FINDING_KIND_LABELS[f.kind].toLowerCase()} on page {f.page}
                          </span>
                        </Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.status === 'DONE' && !p.publishedAt && open.length === 0 && (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/publish`}>
            Publish version {p.version}
          </Link>
        </p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/meetings/${m.id}/pack`}>
          Back to the board pack
        </Link>
      </p>
    </>
  );
}

export function ClearFindingPage() {
  usePageTitle('Clear a finding');
  const { findingId = '' } = useParams();
  const q = useFindings();
  return (
    <Loaded query={q}>
      {(d) => {
        const f = d?.packFindings.find((x) => x.id === findingId);
        return d && f ? <ClearFinding key={f.id} data={d} finding={f} /> : <NotFound />;
      }}
    </Loaded>
  );
}

function ClearFinding({ data, finding: f }: { data: Data; finding: Finding }) {
  const m = data.meeting;
  const p = data.boardPack;
  const back = `/meetings/${m.id}/pack/${p.id}/findings`;
  const [note, setNote] = useState('');
  const form = useApiForm();
  const navigate = useNavigate();
  usePageTitle(`Clear a finding: version ${p.version}`, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await form.run(() => gql(ClearPackFindingDocument, { input: { id: f.id, note } }));
    if (r)
      navigate(back, {
        state: flash('Finding cleared', `The ${FINDING_KIND_LABELS[f.kind].toLowerCase()} on page ${f.page} may be published.`),
      });
  };

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.errors} fields={['note']} />
          <span className="govuk-caption-l">
            {m.title}: version {p.version}
          </span>
          <h1 className="govuk-heading-l">Clear a finding</h1>
          <dl className="govuk-summary-list" id="finding">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">What</dt>
              <dd className="govuk-summary-list__value">
                {FINDING_KIND_LABELS[f.kind]}: {f.match}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Page</dt>
              <dd className="govuk-summary-list__value">{f.page} of the public edition</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Where on the page</dt>
              <dd className="govuk-summary-list__value" style={{ overflowWrap: 'anywhere' }}>
                <InContext f={f} />
              </dd>
            </div>
          </dl>
          {f.clearedAt ? (
            <p className="govuk-body">
              This finding was cleared on {formatDateTime(f.clearedAt)}: {f.clearNote}
            </p>
          ) : (
            <form onSubmit={submit} noValidate>
              <Textarea
                name="note"
                label="Why may this be published?"
                hint="For example: it is the council’s switchboard number. This is kept in the audit log with your name."
                value={note}
                onChange={setNote}
                error={form.errors.note}
                rows={3}
              />
              <div className="govuk-button-group">
                <Button busy={form.busy}>Clear this finding</Button>
                <Link className="govuk-link" to={back}>
                  Cancel
                </Link>
              </div>
            </form>
          )}
        </div>
      </div>
    </>
  );
}
