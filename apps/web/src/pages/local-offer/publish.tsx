/**
 * /commitments/local-offer (secretariat): the version published now, what publishing the
 * local offer again would change (grouped by area, a change's wording before and after),
 * its introduction and the Publish button; then every version published so far, each
 * linking to its public page. Publishing sends the number the page expected, so a page left
 * open while someone else published is refused (CONFLICT): the page then says so and shows
 * what would change now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, flash, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { LocalOfferPublishQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { AREA_LABELS, DiffText, GroupedChanges, wordDiff, type ChangeRow } from './common';

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
          wording
          eligibility
          area
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
      areas {
        area
        items {
          commitmentId
          title
          wording
          eligibility
          area
          agencyName
        }
      }
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
type Item = Data['localOfferPreview']['areas'][number]['items'][number];

export function PublishLocalOfferPage() {
  usePageTitle('Publish the local offer');
  const q = useQuery(() => gql(LocalOfferPublishDocument), []);
  return (
    <>
      <FlashBanner />
      <Loaded query={q}>{(d) => <Publish initial={d} />}</Loaded>
    </>
  );
}

function itemsById(areas: ReadonlyArray<{ items: readonly Item[] }>): Map<string, Item> {
  return new Map(areas.flatMap((a) => a.items.map((i) => [i.commitmentId, i] as const)));
}

function Publish({ initial }: { initial: Data }) {
  const { partnership } = useAuth();
  // Held here rather than in the query, so a refusal's message stays on screen beside the fresh preview.
  const [d, setD] = useState(initial);
  const latest = d.localOfferVersions[0];
  const preview = d.localOfferPreview;
  const [introduction, setIntroduction] = useState(latest?.introduction ?? '');
  // What the introduction said when the page was read, to tell an untouched introduction from one being written.
  const [readIntroduction, setReadIntroduction] = useState(introduction);
  const navigate = useNavigate();
  const location = useLocation();
  const form = useApiForm();
  usePageTitle('Publish the local offer', form.hasErrors);
  const items = preview.areas.reduce((n, a) => n + a.items.length, 0);
  const nothingNew = !!latest && preview.changes.length === 0 && introduction.trim() === latest.introduction;
  const publicPath = `/local-offer/${d.partnership.slug}`;
  const before = itemsById(latest?.areas ?? []);
  const after = itemsById(preview.areas);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(async () => {
      try {
        return await gql(PublishLocalOfferDocument, { input: { expectedNumber: preview.nextNumber, introduction: introduction.trim() } });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          // Someone published first: show what publishing would change now. An introduction this person wrote stays;
          // an untouched one becomes the new version's, or publishing again would quietly put the old one back.
          const fresh = await gql(LocalOfferPublishDocument);
          const freshIntroduction = fresh.localOfferVersions[0]?.introduction ?? '';
          if (introduction === readIntroduction) setIntroduction(freshIntroduction);
          setReadIntroduction(freshIntroduction);
          setD(fresh);
        }
        throw err;
      }
    });
    if (!done) return;
    const fresh = await gql(LocalOfferPublishDocument).catch(() => undefined);
    if (fresh) setD(fresh);
    setIntroduction(introduction.trim());
    setReadIntroduction(introduction.trim());
    navigate(location.pathname, {
      state: flash(`Version ${done.publishLocalOffer.number} of the local offer is published`, 'Anyone can read it on the public page.'),
    });
    // The address stays the same, so the layout does not move focus: take it to the top, where the banner is.
    document.getElementById('main-content')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  };

  return (
    <>
      <BackLink to="/commitments" />
      <ErrorSummary errors={onlyFields(form.errors, ['introduction'])} fields={['introduction']} />
      <span className="govuk-caption-l">{partnership?.name}</span>
      <h1 className="govuk-heading-l">Publish the local offer</h1>
      <p className="govuk-body">
        The local offer for care leavers is made of the commitments marked as part of it. Publishing makes a new numbered version on the{' '}
        <Link className="govuk-link" to={publicPath}>
          public page
        </Link>
        , which anyone can read without signing in. A published version never changes.
      </p>

      <h2 className="govuk-heading-m">Published now</h2>
      {latest ? (
        <dl className="govuk-summary-list" id="latest-version">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Version</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={publicPath}>
                Version {latest.number}
              </Link>
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Published</dt>
            <dd className="govuk-summary-list__value">{formatDateTime(latest.publishedAt)}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Introduction</dt>
            <dd className="govuk-summary-list__value">{latest.introduction ? <MultilineText text={latest.introduction} /> : 'None'}</dd>
          </div>
        </dl>
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
        <GroupedChanges
          changes={preview.changes}
          id="preview-changes"
          heading="h3"
          title={(c) => (
            <Link className="govuk-link" to={`/commitments/${c.commitmentId}`}>
              {c.title}
            </Link>
          )}
          detail={(c) => (
            <ChangeDetail
              change={c}
              before={before.get(c.commitmentId)}
              after={after.get(c.commitmentId)}
              from={latest.number}
              to={preview.nextNumber}
            />
          )}
        />
      ) : (
        <p className="govuk-body">{`${items} ${items === 1 ? 'commitment' : 'commitments'}, listed below.`}</p>
      )}

      <h2 className="govuk-heading-m">Version {preview.nextNumber} would hold</h2>
      <dl className="govuk-summary-list" id="preview-areas">
        {preview.areas.map((a) => (
          <div className="govuk-summary-list__row" key={a.area}>
            <dt className="govuk-summary-list__key">{a.label}</dt>
            <dd className="govuk-summary-list__value">
              {a.items.length === 0 ? (
                'Nothing in this area'
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
          hint="Shown above the offer, to the young people reading it. Use plain words. It starts as the last version's introduction."
          rows={5}
          value={introduction}
          onChange={setIntroduction}
          error={form.errors.introduction}
        />
        {items === 0 ? (
          <p className="govuk-body" id="nothing-to-publish">
            Mark a commitment as part of the local offer before publishing.
          </p>
        ) : nothingNew ? (
          <p className="govuk-body" id="nothing-to-publish">
            Nothing has changed since version {latest?.number}, so there is nothing new to publish. Change the introduction, or a commitment
            in the offer, to publish again.
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
              {v.number === latest?.number ? ' (the one on the public page)' : ''}
              {v.number === 1
                ? ', the first version'
                : `, ${v.changes.length} ${v.changes.length === 1 ? 'change' : 'changes'} since version ${v.number - 1}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const DETAIL_LABELS: Record<string, string> = {
  title: 'Name',
  wording: 'What you get',
  eligibility: 'Who can get it',
  area: 'Area',
  agency: 'Who provides it',
};

function fieldText(item: Item | undefined, field: string): string {
  if (!item) return '';
  switch (field) {
    case 'title':
      return item.title;
    case 'wording':
      return item.wording;
    case 'eligibility':
      return item.eligibility ?? '';
    case 'area':
      return AREA_LABELS[item.area];
    case 'agency':
      return item.agencyName;
    default:
      return '';
  }
}

/** Under a change: a new item's wording; a changed one's changed parts before and after; a removed one's last wording. */
function ChangeDetail({ change, before, after, from, to }: { change: ChangeRow; before?: Item; after?: Item; from: number; to: number }) {
  if (change.kind === 'ADDED' && after) {
    return (
      <div className="govuk-inset-text govuk-!-margin-top-2">
        <p className="govuk-body">{after.wording}</p>
        {after.eligibility && (
          <p className="govuk-body">
            <strong>Who can get it:</strong> {after.eligibility}
          </p>
        )}
        <p className="govuk-body-s app-muted govuk-!-margin-bottom-0">From {after.agencyName}</p>
      </div>
    );
  }
  if (change.kind === 'REMOVED' && before) {
    return (
      <p className="govuk-body-s app-muted govuk-!-margin-top-1">
        From {before.agencyName}. Version {from} said: {before.wording}
      </p>
    );
  }
  if (change.kind !== 'CHANGED' || !change.fields.length) return null;
  return (
    <table className="govuk-table govuk-!-margin-top-2 app-change-table" data-before-after>
      <caption className="govuk-table__caption govuk-visually-hidden">{`How ${change.title} changes`}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Part
          </th>
          <th scope="col" className="govuk-table__header">
            Version {from} says
          </th>
          <th scope="col" className="govuk-table__header">
            Version {to} will say
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {change.fields.map((f) => {
          const parts = wordDiff(fieldText(before, f), fieldText(after, f));
          return (
            <tr className="govuk-table__row" key={f} data-field={f}>
              <th scope="row" className="govuk-table__header">
                {DETAIL_LABELS[f] ?? f}
              </th>
              <td className="govuk-table__cell" data-side="before">
                {fieldText(before, f) ? <DiffText parts={parts} side="before" /> : <span className="app-muted">Not said</span>}
              </td>
              <td className="govuk-table__cell" data-side="after">
                {fieldText(after, f) ? <DiffText parts={parts} side="after" /> : <span className="app-muted">Not said</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
