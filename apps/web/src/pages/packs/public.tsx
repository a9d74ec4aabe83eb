/**
 * /board-packs/:slug: a partnership's published board packs, for anyone, with no sign-in (and
 * the same for someone signed in). Each board meeting with a published pack, newest first,
 * with the public edition of its latest published version to download: items taken in
 * private are withheld from that edition, and nothing of them is named here. The address is
 * not under /public, which the api keeps for its own downloads.
 */
import { useParams } from 'react-router';
import { Loaded, MultilineText, Tag, formatDate, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';

const PublishedBoardPacksDocument = graphql(`
  query PublishedBoardPacksPage($slug: String!) {
    publishedBoardPacks(partnershipSlug: $slug) {
      partnershipName
      localAuthority
      packs {
        meetingId
        meetingTitle
        meetingStartsAt
        version
        publishedAt
        supplement
        changeNote
        pages
        downloadPath
      }
    }
  }
`);

const pagesInWords = (n: number) => `${n} ${n === 1 ? 'page' : 'pages'}`;

export function PublishedBoardPacksPage() {
  const { slug = '' } = useParams();
  const q = useQuery(async () => (await gql(PublishedBoardPacksDocument, { slug })).publishedBoardPacks, [slug]);
  usePageTitle(q.data ? `Board packs: ${q.data.partnershipName}` : 'Board packs');
  return (
    <Loaded query={q}>
      {(d) => (
        <div className="app-public-packs">
          <span className="govuk-caption-l">{d.partnershipName}</span>
          <h1 className="govuk-heading-xl">Board packs</h1>
          <p className="govuk-body-l">The papers for each board meeting, as the partnership published them.</p>
          <p className="govuk-body">
            Items the board takes in private, under Schedule 12A to the Local Government Act 1972, are left out of these editions: each pack
            says where one was and why.
          </p>
          {d.packs.length === 0 ? (
            <p className="govuk-body" id="no-packs">
              No board packs have been published yet.
            </p>
          ) : (
            <ol className="govuk-list" id="packs">
              {d.packs.map((p) => (
                <li key={p.meetingId} className="govuk-!-margin-bottom-8" data-meeting-id={p.meetingId}>
                  <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={`pack-${p.meetingId}`}>
                    {p.meetingTitle}
                  </h2>
                  <dl className="govuk-summary-list">
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Meeting</dt>
                      <dd className="govuk-summary-list__value">{formatDateTime(p.meetingStartsAt)}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Published</dt>
                      <dd className="govuk-summary-list__value">{formatDate(p.publishedAt)}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Version</dt>
                      <dd className="govuk-summary-list__value">
                        {p.version} {p.supplement && <Tag colour="yellow">Supplement</Tag>}
                      </dd>
                    </div>
                    {p.supplement && (
                      <div className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">What changed</dt>
                        <dd className="govuk-summary-list__value" data-change-note>
                          {p.changeNote ? <MultilineText text={p.changeNote} /> : 'Not given'}
                        </dd>
                      </div>
                    )}
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Length</dt>
                      <dd className="govuk-summary-list__value">{pagesInWords(p.pages)}</dd>
                    </div>
                  </dl>
                  <p className="govuk-body">
                    {/* A plain link: the api serves the file to anyone, with no sign-in. */}
                    <a className="govuk-link" href={p.downloadPath} download data-download>
                      Download the {p.meetingTitle} pack (PDF, {pagesInWords(p.pages)})
                    </a>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </Loaded>
  );
}
