/**
 * /meetings/:id/pack/:packId/publish: the secretariat publishes a finished version. Board
 * members get the members' edition (and are told), and the public edition goes to the
 * partnership's public address. Not while a finding of the personal-data check is open; a
 * version after one already published is a supplement and must say what changed.
 */
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { WarningText } from '../../components/govuk';
import { Loaded, flash, formatDate, formatDateTime, useFreshDownloadLinks, useQuery } from '../../components/lists';
import { NotFound } from '../../components/layout';
import { graphql } from '../../gql';
import type { PublishPackPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { EditionLinks } from './pack-common';

const PublishPackPageDocument = graphql(`
  query PublishPackPage($meetingId: ID!) {
    meeting(id: $meetingId) {
      ...MeetingRow
    }
    boardPacks(meetingId: $meetingId) {
      ...BoardPackFields
    }
  }
`);

const PublishBoardPackDocument = graphql(`
  mutation PublishBoardPack($input: PublishPackInput!) {
    publishBoardPack(input: $input) {
      ...BoardPackFields
    }
  }
`);

type Data = PublishPackPageQuery;

export function PublishPackPage() {
  usePageTitle('Publish the board pack');
  const { id = '', packId = '' } = useParams();
  const q = useQuery(() => gql(PublishPackPageDocument, { meetingId: id }), [id]);
  useFreshDownloadLinks(q.reload, true);
  return (
    <Loaded query={q}>
      {(d) => (d.boardPacks.some((p) => p.id === packId) ? <Publish key={packId} data={d} packId={packId} /> : <NotFound />)}
    </Loaded>
  );
}

function Publish({ data, packId }: { data: Data; packId: string }) {
  const m = data.meeting;
  const p = data.boardPacks.find((x) => x.id === packId) as Data['boardPacks'][number];
  // The version published before this one, if any: then this one is a supplement.
  const before = data.boardPacks.find((x) => x.publishedAt && x.id !== p.id);
  const back = `/meetings/${m.id}/pack`;
  const findings = `/meetings/${m.id}/pack/${p.id}/findings`;
  const [changeNote, setChangeNote] = useState('');
  const form = useApiForm();
  const navigate = useNavigate();
  const title = `Publish version ${p.version}`;
  usePageTitle(`${title}: ${m.title}`, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await form.run(() => gql(PublishBoardPackDocument, { input: { id: p.id, changeNote: before ? changeNote : null } }));
    if (r) {
      navigate(back, {
        state: flash(
          `Version ${p.version} published`,
          'Board members can download the members’ edition and are being told. The public edition is at the partnership’s public address.',
        ),
      });
    }
  };

  const blocked =
    p.status !== 'DONE'
      ? 'Only a finished compile can be published.'
      : p.publishedAt
        ? `Version ${p.version} was published on ${formatDateTime(p.publishedAt)}.`
        : null;

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={form.errors} fields={before ? ['changeNote'] : []} />
          <span className="govuk-caption-l">
            {m.title}, {formatDate(m.startsAt)}
          </span>
          <h1 className="govuk-heading-l">{title}</h1>
          {blocked ? (
            <p className="govuk-body" id="publish-blocked">
              {blocked}
            </p>
          ) : (
            <>
              <dl className="govuk-summary-list" id="publish-summary">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Compiled</dt>
                  <dd className="govuk-summary-list__value">{formatDateTime(p.finishedAt ?? p.createdAt)}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Members’ edition</dt>
                  <dd className="govuk-summary-list__value">{p.membersPages} pages</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Public edition</dt>
                  <dd className="govuk-summary-list__value">{p.publicPages} pages, exempt items withheld</dd>
                </div>
              </dl>
              <EditionLinks pack={p} id="publish-editions" />
              {p.openFindings > 0 ? (
                <div id="publish-findings">
                  <WarningText>
                    {p.openFindings} likely {p.openFindings === 1 ? 'piece' : 'pieces'} of personal data in the public edition{' '}
                    {p.openFindings === 1 ? 'is' : 'are'} not cleared, so this version cannot be published yet.
                  </WarningText>
                  <p className="govuk-body">
                    <Link className="govuk-link" to={findings}>
                      Fix or clear the personal data findings
                    </Link>
                  </p>
                </div>
              ) : (
                <form onSubmit={submit} noValidate className="govuk-!-margin-top-6">
                  <p className="govuk-body">
                    Board members will be able to download the members’ edition and will be told it is ready. The public edition will be
                    published at the partnership’s public address for anyone to read.
                  </p>
                  {before && (
                    <Textarea
                      name="changeNote"
                      label={`What has changed since version ${before.version}?`}
                      hint={`Version ${before.version} is already published, so this version is a supplement. Say what changed; board members and the public see this.`}
                      value={changeNote}
                      onChange={setChangeNote}
                      error={form.errors.changeNote}
                      rows={3}
                    />
                  )}
                  <div className="govuk-button-group">
                    <Button busy={form.busy}>{before ? 'Publish the supplement' : 'Publish'}</Button>
                    <Link className="govuk-link" to={back}>
                      Cancel
                    </Link>
                  </div>
                </form>
              )}
            </>
          )}
        </div>
      </div>
    </>
  );
}
