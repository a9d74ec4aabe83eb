/**
 * /meetings/:id/pack: the secretariat's board pack. One button compiles a new version from the
 * agenda, reports and papers as they are now; the worker makes it while the page shows how far
 * it has got (a progress bar, the percentage and the step, asked for every second) and offers
 * to cancel it. Every version stays: its state, why it failed, its pages and checksums, its
 * two editions to download, the personal-data check and publishing.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, formatDateTime, useFreshDownloadLinks, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { MeetingBreadcrumbs, meetingName } from './common';
import type { BoardPackPageQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { DoneBanner, done, type Done } from '../notifications/common';
import { EditionLinks, PackStatusTag, isCompiling, type Pack } from './pack-common';

const BoardPackPageDocument = graphql(`
  query BoardPackPage($id: ID!) {
    partnership {
      id
      slug
    }
    meeting(id: $id) {
      ...MeetingRow
    }
    boardPacks(meetingId: $id) {
      ...BoardPackFields
    }
  }
`);

const CompileBoardPackDocument = graphql(`
  mutation CompileBoardPack($input: CompilePackInput!) {
    compileBoardPack(input: $input) {
      ...BoardPackFields
    }
  }
`);

const CancelBoardPackDocument = graphql(`
  mutation CancelBoardPack($input: PackIdInput!) {
    cancelBoardPack(input: $input) {
      ...BoardPackFields
    }
  }
`);

type Data = BoardPackPageQuery;

/** How often the page asks how a compile is going: often enough for a bar that moves. */
const POLL_MS = 1000;

export function BoardPackPage() {
  usePageTitle('Board pack');
  const { id = '' } = useParams();
  const q = useQuery(() => gql(BoardPackPageDocument, { id }), [id]);
  const compiling = q.data?.boardPacks.some(isCompiling) ?? false;
  useEffect(() => {
    if (!compiling) return undefined;
    const t = setInterval(q.reload, POLL_MS);
    return () => clearInterval(t);
  }, [compiling, q.reload]);
  useFreshDownloadLinks(q.reload, !!q.data?.boardPacks.some((p) => p.membersDownloadUrl || p.publicDownloadUrl));
  return <Loaded query={q}>{(d) => <PackPage key={d.meeting.id} data={d} reload={q.reload} />}</Loaded>;
}

function PackPage({ data, reload }: { data: Data; reload: () => void }) {
  const m = data.meeting;
  const packs = data.boardPacks;
  const form = useApiForm();
  const [message, setMessage] = useState<Done>();
  const [finished, setFinished] = useState('');
  const title = meetingName(m);
  usePageTitle(`Board pack: ${title}`, form.hasErrors);
  const running = packs.filter(isCompiling);
  const published = packs.find((p) => p.publishedAt);

  // Say when a compile this page watched comes to an end, in the live region below the bar.
  const watched = useRef(new Set<string>());
  useEffect(() => {
    for (const p of packs) {
      if (isCompiling(p)) watched.current.add(p.id);
      else if (watched.current.delete(p.id)) {
        setFinished(
          p.status === 'DONE'
            ? `Version ${p.version} is ready. Check it for personal data, then publish it.`
            : p.status === 'FAILED'
              ? `Version ${p.version} could not be compiled: ${p.error ?? 'no reason was given'}.`
              : `Version ${p.version} was cancelled.`,
        );
      }
    }
  }, [packs]);

  const compile = async () => {
    setMessage(undefined);
    setFinished('');
    const r = await form.run(() => gql(CompileBoardPackDocument, { input: { meetingId: m.id } }));
    if (!r) return;
    watched.current.add(r.compileBoardPack.id);
    reload();
  };

  const cancel = async (p: Pack) => {
    setMessage(undefined);
    const r = await form.run(() => gql(CancelBoardPackDocument, { input: { id: p.id } }));
    if (!r) {
      reload();
      return;
    }
    watched.current.delete(p.id);
    setMessage(done(`Version ${p.version} cancelled`, 'Nothing from it was kept.'));
    reload();
  };

  return (
    <>
      <MeetingBreadcrumbs meeting={m} />
      <DoneBanner done={message} id="pack-done" />
      <ErrorSummary errors={form.errors} fields={[]} />
      <FlashBanner />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-l">Board pack</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Compiling makes a new version of the pack from the agenda, the sub-group reports, the papers and the figures as they are now: a
            members’ edition, and a public edition with each exempt item replaced by a notice of why.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/meetings/${m.id}/readiness`}>
              Check the pack is ready
            </Link>{' '}
            before you compile it.
          </p>
          {m.status === 'CANCELLED' ? (
            <p className="govuk-body" id="pack-cancelled-meeting">
              This meeting is cancelled: there is no pack to compile.
            </p>
          ) : (
            <button
              type="button"
              className="govuk-button"
              data-module="govuk-button"
              id="compile"
              disabled={form.busy}
              aria-disabled={form.busy || undefined}
              onClick={() => void compile()}
            >
              {packs.length ? 'Compile a new version' : 'Compile the pack'}
            </button>
          )}

          {running.map((p) => (
            <div className="govuk-inset-text app-compile" key={p.id} id={`compiling-${p.version}`} data-version={p.version}>
              <h2 className="govuk-heading-m">Compiling version {p.version}</h2>
              <label className="govuk-label" htmlFor={`compile-progress-${p.version}`}>
                Progress
              </label>
              <progress
                id={`compile-progress-${p.version}`}
                className="app-compile__bar"
                max={100}
                value={p.progress}
                style={{ width: '100%', height: '1.5em' }}
              >
                {p.progress}%
              </progress>
              <p className="govuk-body govuk-!-margin-top-2" id={`compile-step-${p.version}`}>
                <strong>{p.progress}%</strong>: {p.step}
              </p>
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                data-module="govuk-button"
                disabled={form.busy}
                aria-disabled={form.busy || undefined}
                onClick={() => void cancel(p)}
              >
                Cancel this compile<span className="govuk-visually-hidden"> of version {p.version}</span>
              </button>
            </div>
          ))}
          <p className="govuk-body" id="compile-finished" aria-live="polite">
            {finished}
          </p>
        </div>
      </div>

      <h2 className="govuk-heading-m">Versions</h2>
      {published && (
        <p className="govuk-body" id="pack-published">
          Version {published.version} is published: board members have its members’ edition, and its public edition is on the{' '}
          <Link className="govuk-link" to={`/board-packs/${data.partnership.slug}`}>
            partnership’s public board packs page
          </Link>
          .
        </p>
      )}
      {packs.length === 0 ? (
        <p className="govuk-body" id="pack-versions">
          The pack has not been compiled yet.
        </p>
      ) : (
        <div role="region" aria-labelledby="pack-versions-caption" tabIndex={0} style={{ overflowX: 'auto', position: 'relative' }}>
          <table className="govuk-table govuk-table--small-text-until-tablet" id="pack-versions" style={{ minWidth: '640px' }}>
            <caption className="govuk-table__caption govuk-table__caption--s" id="pack-versions-caption">
              Every compile of this meeting’s pack, newest first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Version
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  Compiled
                </th>
                <th scope="col" className="govuk-table__header">
                  Personal data
                </th>
                <th scope="col" className="govuk-table__header">
                  Editions
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {packs.map((p) => (
                <VersionRow key={p.id} pack={p} meetingId={m.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/personal-data-names">
          Names the personal-data check looks for
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

function VersionRow({ pack: p, meetingId }: { pack: Pack; meetingId: string }) {
  const base = `/meetings/${meetingId}/pack/${p.id}`;
  return (
    <tr className="govuk-table__row" data-version={p.version}>
      <th scope="row" className="govuk-table__header">
        Version {p.version}
      </th>
      <td className="govuk-table__cell">
        <PackStatusTag pack={p} />
        {p.status === 'FAILED' && p.error && (
          <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" data-error>
            {p.error}
          </p>
        )}
        {p.publishedAt && (
          <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">Published {formatDateTime(p.publishedAt)}</p>
        )}
        {p.changeNote && <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">What changed: {p.changeNote}</p>}
      </td>
      <td className="govuk-table__cell">{formatDateTime(p.finishedAt ?? p.createdAt)}</td>
      <td className="govuk-table__cell">
        {p.status !== 'DONE' ? (
          'Not checked'
        ) : (
          <>
            {p.openFindings === 0 ? 'Nothing to clear' : `${p.openFindings} to fix or clear`}
            <br />
            <Link className="govuk-link" to={`${base}/findings`}>
              See the check<span className="govuk-visually-hidden"> of version {p.version}</span>
            </Link>
          </>
        )}
      </td>
      <td className="govuk-table__cell">
        <EditionLinks pack={p} />
        {p.status === 'DONE' && !p.publishedAt && (
          <Link className="govuk-link govuk-!-display-block govuk-!-margin-top-1" to={`${base}/publish`}>
            Publish<span className="govuk-visually-hidden"> version {p.version}</span>
          </Link>
        )}
        {p.status === 'DONE' && (
          <details className="govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                Checksums<span className="govuk-visually-hidden"> of version {p.version}</span>
              </span>
            </summary>
            <div className="govuk-details__text govuk-body-s" style={{ overflowWrap: 'anywhere' }}>
              SHA-256 of the members’ edition: <code data-sha="members">{p.membersSha256}</code>
              <br />
              SHA-256 of the public edition: <code data-sha="public">{p.publicSha256}</code>
            </div>
          </details>
        )}
      </td>
    </tr>
  );
}
