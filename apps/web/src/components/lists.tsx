import { useCallback, useEffect, useRef, useState, type DependencyList, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AgencySector, UserStatus } from '../gql/graphql';
import { ApiError } from '../lib/api';
import type { Option } from './forms';
import { NotFound } from './layout';

// ---- loading data ----------------------------------------------------------------------

export interface QueryState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (after a mutation), keeping the current data on screen meanwhile. */
  reload(): void;
}

/**
 * Runs `load` when the page opens and whenever `deps` change. A slower, older answer never
 * replaces a newer one.
 */
export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): QueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const run = ++latest.current;
    setState((s) => ({ data: s.data, loading: true }));
    loadRef.current().then(
      (data) => run === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        run === latest.current &&
        setState({ error: error instanceof Error ? error : new Error('Something went wrong. Try again.'), loading: false }),
    );
    // The caller's deps decide when to load.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Download links carry a token that lasts ten minutes: a page showing them reads them again before then. */
const REFRESH_LINKS_MS = 8 * 60 * 1000;

/** Reloads the page's query every few minutes while `active`, so its download links keep working. */
export function useFreshDownloadLinks(reload: () => void, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(reload, REFRESH_LINKS_MS);
    return () => window.clearInterval(timer);
  }, [reload, active]);
}

/**
 * Renders a query's data; "Loading…" until it arrives; the "Page not found" page when the
 * api answers NOT_FOUND (which it also does for a record the user may not see); otherwise
 * the error's message.
 */
export function Loaded<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  if (query.error instanceof ApiError && query.error.code === 'NOT_FOUND') return <NotFound />;
  if (query.error && query.data === undefined) {
    return (
      <div className="govuk-error-summary" role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">{query.error.message}</p>
        </div>
      </div>
    );
  }
  if (query.data === undefined) return <p className="govuk-body">Loading…</p>;
  return <>{children(query.data)}</>;
}

/** Every node of a connection, following `endCursor` page by page (for short lists such as agencies in a select). */
export async function loadAll<N>(
  page: (
    after: string | undefined,
  ) => Promise<{ edges: Array<{ node: N }>; pageInfo: { hasNextPage: boolean; endCursor?: string | null } }>,
): Promise<N[]> {
  const out: N[] = [];
  let after: string | undefined;
  for (;;) {
    const c = await page(after);
    out.push(...c.edges.map((e) => e.node));
    if (!c.pageInfo.hasNextPage || !c.pageInfo.endCursor) return out;
    after = c.pageInfo.endCursor;
  }
}

// ---- cursor pagination -----------------------------------------------------------------

/**
 * Cursor paging kept in the address bar, so pages can be linked, refreshed and reached with
 * Back: `after` is the current page's cursor and each `prev` the cursor of a page before it
 * ('' for the first). Any other search params (filters) are kept. Changing the filters
 * without `after`/`prev` starts again at page 1.
 */
export function useCursorPage() {
  const [params] = useSearchParams();
  const after = params.get('after') || undefined;
  const prev = params.getAll('prev');
  const pageNumber = after ? prev.length + 1 : 1;
  const hrefWith = (nextAfter: string | undefined, nextPrev: string[]): string => {
    const p = new URLSearchParams(params);
    p.delete('after');
    p.delete('prev');
    if (nextAfter) {
      p.set('after', nextAfter);
      nextPrev.forEach((c) => p.append('prev', c));
    }
    const s = p.toString();
    return s ? `?${s}` : '?';
  };
  return {
    /** Pass to the query's `after`. */
    after,
    /** 1 for the first page. */
    pageNumber,
    /** The link to the page after this one. */
    nextHref: (endCursor: string) => hrefWith(endCursor, [...prev, after ?? '']),
    /** The link to the page before this one, or null on the first page. */
    previousHref: after ? hrefWith(prev[prev.length - 1] || undefined, prev.slice(0, -1)) : null,
  };
}

/** GOV.UK pagination with Previous and Next links for a cursor connection. */
export function Pagination({
  pageInfo,
  page,
  label = 'page',
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  page: ReturnType<typeof useCursorPage>;
  /** What a page is of, for the links' hidden text: "Next page of users". */
  label?: string;
}) {
  const next = pageInfo.hasNextPage && pageInfo.endCursor ? page.nextHref(pageInfo.endCursor) : null;
  if (!next && !page.previousHref) return null;
  return (
    <nav className="govuk-pagination" aria-label="Pagination">
      {page.previousHref && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={page.previousHref} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
            </svg>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> {label}</span>
            </span>
          </Link>
        </div>
      )}
      {next && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={next} rel="next">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
            </svg>
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> {label}</span>
            </span>
          </Link>
        </div>
      )}
    </nav>
  );
}

/** "Showing 21 to 40 of 43 users" (or "No users") for a page of a connection. */
export function showingText(pageNumber: number, pageSize: number, shown: number, total: number, noun: string): string {
  if (total === 0 || shown === 0) return `No ${noun}`;
  const from = (pageNumber - 1) * pageSize + 1;
  return `Showing ${from} to ${from + shown - 1} of ${total} ${noun}`;
}

// ---- tags, banners, text ---------------------------------------------------------------

/** GOV.UK Frontend 6's tag colours; without one a tag is blue. */
export type TagColour = 'grey' | 'green' | 'turquoise' | 'teal' | 'magenta' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A GOV.UK tag. Its words carry the meaning; the colour only repeats it. */
export function Tag({ children, colour }: { children: ReactNode; colour?: TagColour }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ''}`}>{children}</strong>;
}

// The success banner carried to the next page lives with the other GOV.UK components;
// re-exported here so list pages import their helpers from one place.
export { FlashBanner, NotificationBanner, flash } from './govuk';

/** Plain text people wrote, shown escaped with its line breaks. */
export function MultilineText({ text, className = 'govuk-body' }: { text: string; className?: string }) {
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((para, i) => (
          <p className={className} key={i}>
            {para.split('\n').map((line, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {line}
              </span>
            ))}
          </p>
        ))}
    </>
  );
}

// ---- dates -----------------------------------------------------------------------------

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });
const UTC_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** A timestamp's day in Europe/London: "3 June 2026". */
export function formatDate(iso: string | Date): string {
  return LONDON_DATE.format(new Date(iso));
}

/** A timestamp in Europe/London, the GOV.UK way: "3 June 2026 at 2:05pm", "… at midday", "… at midnight". */
export function formatDateTime(iso: string | Date): string {
  const d = new Date(iso);
  let time = LONDON_TIME.format(d).replace(/\s/g, '').toLowerCase();
  if (time === '12:00pm') time = 'midday';
  else if (time === '12:00am' || time === '0:00am') time = 'midnight';
  return `${LONDON_DATE.format(d)} at ${time}`;
}

/** A calendar date (`YYYY-MM-DD`, already the day in Europe/London): "3 June 2026". */
export function formatCalendarDate(day: string): string {
  return UTC_DATE.format(new Date(`${day}T00:00:00Z`));
}

// ---- enum labels -----------------------------------------------------------------------

/** Options for a Select or Radios from a labels record, in the record's order. */
export function labelOptions<K extends string>(labels: Record<K, string>): Option[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

/** True when `value` is one of the record's keys (for enum values read from the address bar). */
export function isLabelKey<K extends string>(labels: Record<K, string>, value: string | null | undefined): value is K {
  return value != null && Object.prototype.hasOwnProperty.call(labels, value);
}

export const SECTOR_LABELS: Record<AgencySector, string> = {
  LOCAL_AUTHORITY: 'Local authority',
  HEALTH: 'Health',
  EDUCATION: 'Education',
  HOUSING: 'Housing',
  POLICE: 'Police',
  YOUTH_JUSTICE: 'Youth justice',
  PROBATION: 'Probation',
  DWP: 'DWP',
  VOLUNTARY: 'Voluntary sector',
  CHILDREN_IN_CARE_COUNCIL: 'Children in Care Council',
  OTHER: 'Other',
};

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  INVITED: 'Invited',
  ACTIVE: 'Active',
  DEACTIVATED: 'Deactivated',
};

const USER_STATUS_COLOURS: Record<UserStatus, TagColour | undefined> = { INVITED: undefined, ACTIVE: 'green', DEACTIVATED: 'grey' };

/** A user's status as a tag with its word: Invited, Active or Deactivated. */
export function UserStatusTag({ status }: { status: UserStatus }) {
  return <Tag colour={USER_STATUS_COLOURS[status]}>{USER_STATUS_LABELS[status]}</Tag>;
}
