/**
 * /local-offer/:slug (?version=N): a partnership's published local offer for care leavers,
 * for anyone, with no sign-in (and the same for someone signed in). Only what the
 * secretariat published: the latest version, or the one asked for, grouped by the six
 * areas the law names, with what changed since the version before. Written for a young
 * person reading it on a phone: one column, no tables.
 */
import { Link, useParams, useSearchParams } from 'react-router';
import { NotFound } from '../../components/layout';
import { Loaded, MultilineText, formatDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { GroupedChanges } from './common';

const PublicLocalOfferDocument = graphql(`
  query PublicLocalOfferPage($slug: String!, $number: Int) {
    publicLocalOffer(partnershipSlug: $slug, number: $number) {
      partnershipName
      localAuthority
      versions
      version {
        number
        publishedAt
        introduction
        areas {
          area
          label
          items {
            commitmentId
            title
            wording
            eligibility
            agencyName
          }
        }
        changes {
          kind
          commitmentId
          title
          area
          fields
        }
      }
    }
  }
`);

export function PublicLocalOfferPage() {
  const [params] = useSearchParams();
  const asked = params.get('version');
  // A version that is not a number answers like one that was never published.
  if (asked !== null && !/^[1-9]\d{0,8}$/.test(asked)) return <NotFound />;
  return <PublicLocalOffer number={asked === null ? undefined : Number(asked)} />;
}

function PublicLocalOffer({ number }: { number: number | undefined }) {
  const { slug = '' } = useParams();
  const q = useQuery(async () => (await gql(PublicLocalOfferDocument, { slug, number })).publicLocalOffer, [slug, number]);
  const older = q.data ? q.data.version.number !== q.data.versions[0] : false;
  usePageTitle(
    q.data
      ? `${older ? `Version ${q.data.version.number} of the local` : 'Local'} offer for care leavers: ${q.data.localAuthority}`
      : 'Local offer for care leavers',
  );
  return (
    <Loaded query={q}>
      {(offer) => {
        const v = offer.version;
        const latest = offer.versions[0];
        const shown = new Set(v.areas.flatMap((a) => a.items.map((i) => i.commitmentId)));
        // The first version lists everything as new: there was no version before it to compare with.
        const changes = v.number > 1 ? v.changes : [];
        return (
          <div className="app-local-offer">
            <span className="govuk-caption-l">{offer.partnershipName}</span>
            <h1 className="govuk-heading-xl">Our local offer for care leavers</h1>
            {older && (
              <div className="govuk-warning-text" id="older-version">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  This is an older version of the offer, not the latest. It may no longer be right.{' '}
                  <Link className="govuk-link" to={`/local-offer/${slug}`}>
                    Read the latest version (version {latest})
                  </Link>
                  .
                </strong>
              </div>
            )}
            <p className="govuk-body-l">
              What {offer.localAuthority} and its partners will do for you when you leave care, from 16 until you are 25.
            </p>
            <p className="govuk-body" id="published">
              Version {v.number}, published {formatDate(v.publishedAt)}.
            </p>
            {v.introduction && (
              <div id="introduction">
                <MultilineText text={v.introduction} />
              </div>
            )}

            <nav aria-labelledby="contents-heading" className="govuk-!-margin-bottom-8">
              <h2 className="govuk-heading-s" id="contents-heading">
                Contents
              </h2>
              <ul className="govuk-list">
                {v.areas.map((a) => (
                  <li key={a.area}>
                    <a className="govuk-link" href={`#${a.area}`}>
                      {a.label}
                    </a>
                  </li>
                ))}
                {changes.length > 0 && (
                  <li>
                    <a className="govuk-link" href="#what-changed">
                      What changed since the last version
                    </a>
                  </li>
                )}
              </ul>
            </nav>

            {v.areas.map((a) => (
              <section key={a.area} aria-labelledby={a.area} className="govuk-!-margin-bottom-8" data-area={a.area}>
                <h2 className="govuk-heading-l" id={a.area}>
                  {a.label}
                </h2>
                {a.items.length === 0 ? (
                  <p className="govuk-body" data-empty-area>
                    There is nothing in this part of the offer yet.
                  </p>
                ) : (
                  a.items.map((i) => (
                    <div
                      key={i.commitmentId}
                      id={`offer-${i.commitmentId}`}
                      className="govuk-!-margin-bottom-6"
                      data-commitment-id={i.commitmentId}
                    >
                      <h3 className="govuk-heading-m">{i.title}</h3>
                      <MultilineText text={i.wording} />
                      {i.eligibility && (
                        <p className="govuk-body">
                          <strong>Who can get it:</strong> {i.eligibility}
                        </p>
                      )}
                      <p className="govuk-body-s app-muted">From {i.agencyName}</p>
                    </div>
                  ))
                )}
              </section>
            ))}

            {changes.length > 0 && (
              <section aria-labelledby="what-changed" className="govuk-!-margin-bottom-8">
                <h2 className="govuk-heading-l" id="what-changed">
                  What changed since the last version
                </h2>
                <p className="govuk-body">Since version {v.number - 1}:</p>
                <GroupedChanges
                  changes={changes}
                  id="change-list"
                  heading="h3"
                  title={(c) =>
                    shown.has(c.commitmentId) ? (
                      <a className="govuk-link" href={`#offer-${c.commitmentId}`}>
                        {c.title}
                      </a>
                    ) : (
                      c.title
                    )
                  }
                />
              </section>
            )}

            {offer.versions.length > 1 && (
              <section aria-labelledby="versions" className="govuk-!-margin-bottom-8">
                <h2 className="govuk-heading-m" id="versions">
                  {older ? 'Other versions' : 'Earlier versions'}
                </h2>
                <ul className="govuk-list">
                  {offer.versions
                    .filter((n) => n !== v.number)
                    .map((n) => (
                      <li key={n}>
                        <Link className="govuk-link" to={n === latest ? `/local-offer/${slug}` : `/local-offer/${slug}?version=${n}`}>
                          Version {n}
                          {n === latest ? ' (latest)' : ''}
                        </Link>
                      </li>
                    ))}
                </ul>
              </section>
            )}
            <p className="govuk-body-s">
              <a
                className="govuk-link"
                href={`/public/local-offer/${encodeURIComponent(slug)}${number ? `?version=${number}` : ''}`}
                id="json-link"
              >
                This version of the offer as data (JSON)
              </a>
            </p>
          </div>
        );
      }}
    </Loaded>
  );
}
