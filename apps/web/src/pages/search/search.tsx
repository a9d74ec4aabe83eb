/**
 * /search?q=…&kind=…: everything the person may see that matches, best match first. Each
 * hit links to its record (a comment's hit to the evidence or report it is on) and shows
 * a passage with the matched words marked. The snippet arrives as plain parts, never as
 * markup, so what people wrote can never be taken for HTML.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, errorsFrom, type Errors } from '../../components/forms';
import { Tag, formatDate, isLabelKey, labelOptions, type TagColour } from '../../components/lists';
import { graphql } from '../../gql';
import type { SearchHitFieldsFragment, SearchKind, SearchRecordKind } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';

export const SearchHitFieldsFragmentDoc = graphql(`
  fragment SearchHitFields on SearchHit {
    id
    kind
    recordKind
    recordId
    title
    updatedAt
    snippet {
      text
      highlight
    }
  }
`);

const SearchPageDocument = graphql(`
  query SearchPage($query: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
    search(query: $query, kinds: $kinds, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...SearchHitFields
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  ACTION: 'Action',
  EVIDENCE: 'Evidence',
  HIGHLIGHT_REPORT: 'Highlight report',
  EVIDENCE_COMMENT: 'Comment on evidence',
  REPORT_COMMENT: 'Comment on a report',
};

/** The filter's words, plural. */
const KIND_FILTER_LABELS: Record<SearchKind, string> = {
  ACTION: 'Actions',
  EVIDENCE: 'Evidence',
  HIGHLIGHT_REPORT: 'Highlight reports',
  EVIDENCE_COMMENT: 'Comments on evidence',
  REPORT_COMMENT: 'Comments on reports',
};

const KIND_COLOURS: Record<SearchKind, TagColour | undefined> = {
  ACTION: 'turquoise',
  EVIDENCE: 'purple',
  HIGHLIGHT_REPORT: undefined,
  EVIDENCE_COMMENT: 'grey',
  REPORT_COMMENT: 'grey',
};

const RECORD_PATHS: Record<SearchRecordKind, string> = {
  ACTION: '/actions',
  EVIDENCE: '/evidence',
  HIGHLIGHT_REPORT: '/reports',
};

export function hitHref(hit: { recordKind: SearchRecordKind; recordId: string }): string {
  return `${RECORD_PATHS[hit.recordKind]}/${hit.recordId}`;
}

interface Results {
  hits: SearchHitFieldsFragment[];
  total: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export function SearchPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q');
  const kindParam = params.get('kind');
  const kind = isLabelKey(SEARCH_KIND_LABELS, kindParam) ? kindParam : '';

  const [query, setQuery] = useState(q ?? '');
  const [kindChoice, setKindChoice] = useState<string>(kind);
  const [results, setResults] = useState<Results | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const latest = useRef(0);

  const title = q?.trim() ? `Search results for ‘${q.trim()}’` : 'Search';
  usePageTitle(title, Object.keys(errors).length > 0);

  // The boxes follow the address (a search from the header, Back and Forward).
  useEffect(() => {
    setQuery(q ?? '');
    setKindChoice(kind);
  }, [q, kind]);

  useEffect(() => {
    const run = ++latest.current;
    setErrors({});
    setFocusIndex(null);
    if (q === null) {
      setResults(null);
      return;
    }
    setLoading(true);
    gql(SearchPageDocument, { query: q, kinds: kind ? [kind as SearchKind] : null, first: PAGE_SIZE }).then(
      ({ search }) => {
        if (run !== latest.current) return;
        setResults({
          hits: search.edges.map((e) => e.node),
          total: search.totalCount,
          endCursor: search.pageInfo.endCursor ?? null,
          hasNextPage: search.pageInfo.hasNextPage,
        });
        setLoading(false);
      },
      (e: unknown) => {
        if (run !== latest.current) return;
        setResults(null);
        setErrors(errorsOf(e));
        setLoading(false);
      },
    );
  }, [q, kind]);

  // After "More results", focus moves to the first new result, so keyboard and screen reader users carry on from there.
  useEffect(() => {
    if (focusIndex !== null) firstNew.current?.focus();
  }, [focusIndex]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams();
    p.set('q', query);
    if (kindChoice) p.set('kind', kindChoice);
    navigate(`/search?${p.toString()}`);
  };

  const more = async () => {
    if (!results?.endCursor || q === null || loadingMore) return;
    const run = latest.current;
    setLoadingMore(true);
    try {
      const { search } = await gql(SearchPageDocument, {
        query: q,
        kinds: kind ? [kind as SearchKind] : null,
        first: PAGE_SIZE,
        after: results.endCursor,
      });
      if (run !== latest.current) return;
      const start = results.hits.length;
      setResults({
        hits: [...results.hits, ...search.edges.map((e) => e.node)],
        total: search.totalCount,
        endCursor: search.pageInfo.endCursor ?? null,
        hasNextPage: search.pageInfo.hasNextPage,
      });
      setFocusIndex(start);
    } catch (e) {
      if (run === latest.current) setErrors(errorsOf(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={['q', 'kind']} />
          <h1 className="govuk-heading-l">Search</h1>
          <form role="search" aria-label="Search the workspace" onSubmit={submit} noValidate action="/search" method="get">
            <TextInput
              name="q"
              label="Search for"
              hint="Words or “a phrase in quotes”. Searches actions, evidence, highlight reports and comments you can see."
              width="full"
              value={query}
              onChange={setQuery}
              error={errors.q}
            />
            <Select
              name="kind"
              label="Type of record"
              value={kindChoice}
              onChange={setKindChoice}
              options={labelOptions(KIND_FILTER_LABELS)}
              placeholder="All types"
              error={errors.kind}
            />
            <Button>Search</Button>
          </form>
        </div>
      </div>

      <div aria-live="polite" id="search-status">
        {loading && <p className="govuk-body">Searching…</p>}
        {!loading && results && q !== null && (
          <h2 className="govuk-heading-m" id="search-count">
            {results.total === 0
              ? `No results for ‘${q.trim()}’`
              : `${results.total} ${results.total === 1 ? 'result' : 'results'} for ‘${q.trim()}’`}
            {kind && <span className="govuk-caption-m">{KIND_FILTER_LABELS[kind as SearchKind]} only</span>}
          </h2>
        )}
      </div>

      {!loading && results && results.total === 0 && (
        <>
          <p className="govuk-body">Improve your results by:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>checking your spelling</li>
            <li>using fewer or different words</li>
            {kind && <li>searching all types of record</li>}
          </ul>
          <p className="govuk-body">You only see records you have access to.</p>
        </>
      )}

      {!loading && results && results.hits.length > 0 && (
        <>
          <ol className="govuk-list" id="search-results" aria-labelledby="search-count">
            {results.hits.map((hit, i) => (
              <li key={`${hit.kind}:${hit.id}`} className="govuk-!-margin-bottom-6" data-kind={hit.kind}>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                  <Link className="govuk-link" to={hitHref(hit)} ref={i === focusIndex ? firstNew : undefined}>
                    {hit.title}
                  </Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <Tag colour={KIND_COLOURS[hit.kind]}>{SEARCH_KIND_LABELS[hit.kind]}</Tag>{' '}
                  <span className="govuk-hint govuk-!-font-size-16">Updated {formatDate(hit.updatedAt)}</span>
                </p>
                <p className="govuk-body govuk-!-margin-bottom-0 app-search-snippet">
                  <Snippet parts={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
          {results.hasNextPage && (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              data-module="govuk-button"
              disabled={loadingMore}
              aria-disabled={loadingMore || undefined}
              onClick={more}
            >
              More results
            </button>
          )}
          <p className="govuk-body-s" id="search-shown">
            Showing {results.hits.length} of {results.total}
          </p>
        </>
      )}
    </>
  );
}

/** A snippet's parts as text, matched words in <mark>: React escapes every part, so nothing in it is read as markup. */
export function Snippet({ parts }: { parts: Array<{ text: string; highlight: boolean }> }) {
  return (
    <>
      {parts.map((p, i) =>
        p.highlight ? (
          <mark key={i} className="app-search-mark">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** The api's error as this page's field errors: a too-short or too-long query is a message on the search box. */
function errorsOf(e: unknown): Errors {
  if (e instanceof ApiError && e.fields.length) {
    const out: Errors = {};
    for (const [k, v] of Object.entries(errorsFrom(e.fields))) {
      const name = k === 'query' ? 'q' : k === 'kinds' ? 'kind' : k;
      out[name] = v;
    }
    return out;
  }
  return { form: e instanceof Error ? e.message : 'Something went wrong. Try again.' };
}
