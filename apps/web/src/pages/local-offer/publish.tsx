/**
 * /commitments/local-offer (secretariat): what publishing the local offer now would change
 * since the last published version, with its introduction, and the Publish button; then the
 * versions published so far. Publishing sends the number the page expected, so a page left
 * open while someone else published is refused rather than publishing twice.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, flash, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { LocalOfferPublishQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { ChangeList } from './common';

const LocalOfferPublishDocument = graphql(`
  query LocalOfferPublish {
    partnership {
      id
      slug
    }
    localOfferPreview {
      nextNumber
      areas {
        area
        label
        items {
          commitmentId
          title
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
    localOfferVersions {
      number
      publishedAt
      introduction
      changes {
        kind
      }
    }
  }
`);

const PublishLocalOfferDocument = graphql(`
  mutation PublishLocalOffer($input: PublishLocalOfferInput!) {
    publishLocalOffer(input: $input) {
      number
    }
  }
`);

type Data = LocalOfferPublishQuery;

export function PublishLocalOfferPage() {
  usePageTitle('Publish the local offer');
  const q = useQuery(() => gql(LocalOfferPublishDocument), []);
  // The banner sits outside the keyed form, which starts afresh once a version is published.
  return (
    <>
      <FlashBanner />
      <Loaded query={q}>{(d) => <Publish key={d.localOfferPreview.nextNumber} d={d} reload={q.reload} />}</Loaded>
    </>
  );
}

function Publish({ d, reload }: { d: Data; reload: () => void }) {
  const { partnership } = useAuth();
  const latest = d.localOfferVersions[0];
  const preview = d.localOfferPreview;
  const [introduction, setIntroduction] = useState(latest?.introduction ?? '');
  const navigate = useNavigate();
  const form = useApiForm();
  usePageTitle('Publish the local offer', form.hasErrors);
  const items = preview.areas.reduce((n, a) => n + a.items.length, 0);
  const nothingNew = !!latest && preview.changes.length === 0 && introduction.trim() === latest.introduction;
  const publicPath = `/local-offer/${d.partnership.slug}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(async () => {
      try {
        return await gql(PublishLocalOfferDocument, { input: { expectedNumber: preview.nextNumber, introduction: introduction.trim() } });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') reload();
        throw err;
      }
    });
    if (done) {
      navigate('/commitments/local-offer', {
        state: flash(`Version ${done.publishLocalOffer.number} of the local offer is published`, 'Anyone can read it on the public page.'),
      });
      reload();
    }
  };

  return (
    <>
      <BackLink to="/commitments" />
      <ErrorSummary errors={form.errors} fields={['introduction']} />
      <span className="govuk-caption-l">{partnership?.name}</span>
      <h1 className="govuk-heading-l">Publish the local offer</h1>
      <p className="govuk-body">
        The local offer for care leavers is made of the commitments that are in it. Publishing makes a new numbered version on the{' '}
        <Link className="govuk-link" to={publicPath}>
          public page
        </Link>
        , which anyone can read without signing in. A published version never changes.
      </p>
      {latest ? (
        <p className="govuk-body" id="latest-version">
          Version {latest.number} was published {formatDateTime(latest.publishedAt)}.
        </p>
      ) : (
        <p className="govuk-body" id="latest-version">
          Nothing has been published yet.
        </p>
      )}

      <h2 className="govuk-heading-m" id="changes-heading">
        {latest ? `What will change since version ${latest.number}` : 'What will be published'}
      </h2>
      {preview.changes.length === 0 ? (
        <p className="govuk-body" id="no-changes">
          {latest
            ? `The commitments in the offer are as version ${latest.number} published them.`
            : 'No commitment is in the local offer yet.'}
        </p>
      ) : latest ? (
        <ChangeList changes={preview.changes} id="preview-changes" />
      ) : (
        <p className="govuk-body">{`${items} ${items === 1 ? 'commitment' : 'commitments'}.`}</p>
      )}

      <h2 className="govuk-heading-m">Version {preview.nextNumber} would hold</h2>
      <dl className="govuk-summary-list" id="preview-areas">
        {preview.areas.map((a) => (
          <div className="govuk-summary-list__row" key={a.area}>
            <dt className="govuk-summary-list__key">{a.label}</dt>
            <dd className="govuk-summary-list__value">
              {a.items.length === 0 ? (
                'Nothing yet'
              ) : (
                <ul className="govuk-list">
                  {a.items.map((i) => (
                    <li key={i.commitmentId}>
                      <Link className="govuk-link" to={`/commitments/${i.commitmentId}`}>
                        {i.title}
                      </Link>{' '}
                      <span className="app-muted">({i.agencyName})</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
        ))}
      </dl>

      <form onSubmit={submit} noValidate>
        <Textarea
          name="introduction"
          label="Introduction"
          hint="Shown above the offer, to the young people reading it. Plain words; it stays as it is unless you change it."
          rows={5}
          value={introduction}
          onChange={setIntroduction}
          error={form.errors.introduction}
        />
        {nothingNew ? (
          <p className="govuk-body" id="nothing-to-publish">
            Nothing has changed since version {latest?.number}, so there is nothing new to publish.
          </p>
        ) : (
          <Button busy={form.busy}>{`Publish version ${preview.nextNumber}`}</Button>
        )}
      </form>

      <h2 className="govuk-heading-m govuk-!-margin-top-8">Published versions</h2>
      {d.localOfferVersions.length === 0 ? (
        <p className="govuk-body">None yet.</p>
      ) : (
        <ul className="govuk-list" id="versions">
          {d.localOfferVersions.map((v) => (
            <li key={v.number}>
              <Link className="govuk-link" to={v.number === latest?.number ? publicPath : `${publicPath}?version=${v.number}`}>
                Version {v.number}
              </Link>
              , published {formatDateTime(v.publishedAt)}
              {v.changes.length ? ` (${v.changes.length} ${v.changes.length === 1 ? 'change' : 'changes'})` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
