import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, errorsFrom, type Errors } from '../../components/forms';
import {
  Loaded,
  Pagination,
  SECTOR_LABELS,
  USER_STATUS_LABELS,
  formatDateTime,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { AuditEventFilter, AuditLogQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { ROLE_LABELS } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { DateField, EMPTY_DATE, addDays, checkDate, type DateParts, type DateProblem } from '../../components/dates';
import { loadAllUsers, londonStartOfDay, userOptions, type UserSummary } from './board-common';
import { PAGE_SIZE, loadAgencyOptions } from './shared';

const AuditLogDocument = graphql(`
  query AuditLog($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          actorUserId
          entityType
          entityId
          before
          after
          occurredAt
        }
      }
    }
  }
`);

/** Names for the ids the audit log holds. Only to make it readable: the log works without them. */
const AuditLookupsDocument = graphql(`
  query AuditLookups {
    partnership {
      id
      name
    }
  }
`);

const AuditBoardLookupDocument = graphql(`
  query AuditBoardLookup {
    board {
      id
      name
      subGroups {
        id
        name
      }
    }
  }
`);

type AuditEvent = AuditLogQuery['auditEvents']['edges'][number]['node'];

/** The record types the log holds, as the api names them, with their names for people. */
export const RECORD_TYPES: Array<{ value: string; label: string }> = [
  { value: 'Partnership', label: 'Partnership' },
  { value: 'Agency', label: 'Agency' },
  { value: 'User', label: 'User' },
  { value: 'Board', label: 'Board' },
  { value: 'SubGroup', label: 'Sub-group' },
  { value: 'SubGroupMembership', label: 'Sub-group membership' },
];

/** Readable labels for audit actions; an action not listed here is shown as it is. */
export const ACTION_LABELS: Record<string, string> = {
  'partnership.create': 'Partnership created',
  'partnership.update': 'Partnership details updated',
  'agency.create': 'Agency created',
  'agency.update': 'Agency updated',
  'user.create': 'User created',
  'user.invite': 'User invited',
  'user.resendInvitation': 'Invitation sent again',
  'user.update': 'User updated',
  'user.deactivate': 'User deactivated',
  'user.reactivate': 'User reactivated',
  'user.issuePasswordReset': 'Password reset link issued',
  'user.requestPasswordReset': 'Password reset requested',
  'user.changePassword': 'Password changed',
  'user.acceptInvitation': 'Invitation accepted',
  'user.resetPassword': 'Password reset',
  'invitation.expire': 'Invitation expired',
  'session.signIn': 'Signed in',
  'session.signOut': 'Signed out',
  'session.refresh': 'Session renewed',
  'session.refreshReuseDetected': 'Sign-in token reused: sessions ended',
  'board.update': 'Board updated',
  'subGroup.create': 'Sub-group created',
  'subGroup.update': 'Sub-group updated',
  'subGroupMembership.add': 'Member added to sub-group',
  'subGroupMembership.update': 'Sub-group role changed',
  'subGroupMembership.remove': 'Member removed from sub-group',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function recordTypeLabel(type: string): string {
  return RECORD_TYPES.find((t) => t.value === type)?.label ?? type;
}

// ---------------------------------------------------------------------------------------
// Filters: the form's fields, the address's query string, and checking them.

interface FilterForm {
  type: string;
  person: string;
  from: DateParts;
  to: DateParts;
  record: string;
}

function datePartsFromParam(v: string | null): DateParts {
  if (!v) return EMPTY_DATE;
  const m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  // Something that is not a date in the address shows up as an error against the day.
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : { day: v, month: '', year: '' };
}

function formFromParams(p: URLSearchParams): FilterForm {
  return {
    type: p.get('type') ?? '',
    person: p.get('person') ?? '',
    from: datePartsFromParam(p.get('from')),
    to: datePartsFromParam(p.get('to')),
    record: p.get('record') ?? '',
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Checked {
  errors: Errors;
  dateProblems: { from?: DateProblem; to?: DateProblem };
  filter?: AuditEventFilter;
  params?: URLSearchParams;
}

function checkFilters(f: FilterForm, users: UserSummary[] | undefined): Checked {
  const errors: Errors = {};
  const dateProblems: Checked['dateProblems'] = {};
  if (f.type && !RECORD_TYPES.some((t) => t.value === f.type)) errors.entityType = 'Select a record type from the list';
  if (f.person && (!UUID.test(f.person) || (users && !users.some((u) => u.id === f.person))))
    errors.actorUserId = 'Select a person from the list';
  const from = checkDate('Date from', f.from);
  const to = checkDate('Date to', f.to);
  if (from.problem) dateProblems.from = from.problem;
  if (to.problem) dateProblems.to = to.problem;
  if (from.value && to.value && to.value < from.value) {
    dateProblems.to = { message: 'Date to must be the same as or after date from', parts: ['day', 'month', 'year'] };
  }
  for (const k of ['from', 'to'] as const) {
    const p = dateProblems[k];
    if (p) errors[`${k}-${p.parts[0]}`] = p.message;
  }
  const record = f.record.trim();
  if (record && !UUID.test(record))
    errors.entityId = 'Enter the record id in the correct format, like 3f2b8c1e-5d4a-4e8b-9c1d-2a3b4c5d6e7f';
  // Errors in the order the fields appear, so the summary reads top to bottom.
  const order = ['entityType', 'actorUserId', 'from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'entityId'];
  const sorted: Errors = {};
  for (const k of order) if (errors[k]) sorted[k] = errors[k];
  if (Object.keys(sorted).length) return { errors: sorted, dateProblems };

  const filter: AuditEventFilter = {};
  const params = new URLSearchParams();
  if (f.type) {
    filter.entityType = f.type;
    params.set('type', f.type);
  }
  if (f.person) {
    filter.actorUserId = f.person;
    params.set('person', f.person);
  }
  if (from.value) {
    filter.from = londonStartOfDay(...ymd(from.value));
    params.set('from', from.value);
  }
  if (to.value) {
    // "To" includes the whole of that day: the api's `to` is the first moment after it.
    filter.to = londonStartOfDay(...ymd(addDays(to.value, 1)));
    params.set('to', to.value);
  }
  if (record) {
    filter.entityId = record;
    params.set('record', record);
  }
  return { errors: {}, dateProblems, filter, params };
}

function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y, m, d];
}

/** Where the api put a filter's error, as the id of the field that shows it. */
const API_FIELD_IDS: Record<string, string> = {
  entityType: 'entityType',
  actorUserId: 'actorUserId',
  from: 'from-day',
  to: 'to-day',
  entityId: 'entityId',
};

// ---------------------------------------------------------------------------------------
// Showing what changed.

interface Lookups {
  userList: UserSummary[];
  users: Map<string, string>;
  subGroups: Map<string, string>;
  agencies: Map<string, string>;
  board?: { id: string; name: string };
  partnership?: { id: string; name: string };
}

const HIDDEN_FIELDS = new Set(['id', 'partnershipId', 'createdAt', 'updatedAt', 'passwordHash', 'tokenHash']);

const FIELD_LABELS: Record<string, string> = {
  chairUserId: 'Chair',
  userId: 'User',
  subGroupId: 'Sub-group',
  agencyId: 'Agency',
  boardId: 'Board',
};

function fieldLabel(key: string): string {
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const words = key
    .replace(/Id$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ENUM_LABELS: Record<string, string> = { ...SECTOR_LABELS, ...USER_STATUS_LABELS, ...ROLE_LABELS, CHAIR: 'Chair', MEMBER: 'Member' };

function valueText(key: string, v: unknown, l: Lookups): string {
  if (v === null || v === undefined || v === '') return 'not set';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') {
    if (/userId$/i.test(key)) return l.users.get(v) ?? v;
    if (key === 'subGroupId') return l.subGroups.get(v) ?? v;
    if (key === 'agencyId') return l.agencies.get(v) ?? v;
    if (key === 'boardId' && l.board?.id === v) return l.board.name;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return when(v);
    if (/^[A-Z][A-Z_]+$/.test(v)) {
      if (ENUM_LABELS[v]) return ENUM_LABELS[v];
      const s = v.replace(/_/g, ' ').toLowerCase();
      return s.charAt(0).toUpperCase() + s.slice(1);
    }
    return v;
  }
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** "22 November 2026, 2:05pm" in Europe/London. */
function when(iso: string): string {
  return formatDateTime(iso).replace(' at ', ', ');
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

interface Change {
  field: string;
  before?: string;
  after?: string;
}

/** The fields an event changed: for an update only those that differ; for a new or removed record, all of them. */
function changesOf(e: AuditEvent, l: Lookups): Change[] {
  const before = asRecord(e.before);
  const after = asRecord(e.after);
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter((k) => !HIDDEN_FIELDS.has(k));
  const out: Change[] = [];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (before && after && JSON.stringify(b) === JSON.stringify(a)) continue;
    out.push({
      field: fieldLabel(k),
      before: before ? valueText(k, b, l) : undefined,
      after: after ? valueText(k, a, l) : undefined,
    });
  }
  return out;
}

function recordName(e: AuditEvent, l: Lookups): string | undefined {
  const snap = asRecord(e.after) ?? asRecord(e.before) ?? {};
  const snapName = typeof snap.name === 'string' ? snap.name : undefined;
  switch (e.entityType) {
    case 'User':
      return l.users.get(e.entityId) ?? snapName;
    case 'Agency':
      return l.agencies.get(e.entityId) ?? snapName;
    case 'SubGroup':
      return l.subGroups.get(e.entityId) ?? snapName;
    case 'Board':
      return (l.board?.id === e.entityId ? l.board.name : undefined) ?? snapName;
    case 'Partnership':
      return (l.partnership?.id === e.entityId ? l.partnership.name : undefined) ?? snapName;
    case 'SubGroupMembership': {
      const user = typeof snap.userId === 'string' ? l.users.get(snap.userId) : undefined;
      const sg = typeof snap.subGroupId === 'string' ? l.subGroups.get(snap.subGroupId) : undefined;
      return user && sg ? `${user} in ${sg}` : (user ?? sg);
    }
    default:
      return snapName;
  }
}

function Arrow() {
  return (
    <>
      <span aria-hidden="true"> → </span>
      <span className="govuk-visually-hidden"> changed to </span>
    </>
  );
}

function ChangeList({ changes }: { changes: Change[] }) {
  if (!changes.length) return <p className="govuk-body-s">No field changes were recorded.</p>;
  const removed = changes.every((c) => c.after === undefined);
  return (
    <>
      {removed && <p className="govuk-body-s govuk-!-margin-bottom-1">Removed. It held:</p>}
      <ul className="govuk-list govuk-body-s">
        {changes.map((c) => (
          <li key={c.field} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
            <strong>{c.field}:</strong>{' '}
            {c.before !== undefined && c.after !== undefined ? (
              <>
                {c.before}
                <Arrow />
                {c.after}
              </>
            ) : (
              (c.after ?? c.before)
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

// ---------------------------------------------------------------------------------------
// The page.

async function loadLookups(): Promise<Lookups> {
  const [users, agencies, extra, board] = await Promise.all([
    loadAllUsers(),
    loadAgencyOptions().catch(() => []),
    gql(AuditLookupsDocument).catch(() => null),
    gql(AuditBoardLookupDocument).catch(() => null),
  ]);
  return {
    userList: users,
    users: new Map(users.map((u) => [u.id, u.name])),
    agencies: new Map(agencies.map((a) => [a.value, a.label])),
    subGroups: new Map((board?.board.subGroups ?? []).map((sg) => [sg.id, sg.name])),
    board: board ? { id: board.board.id, name: board.board.name } : undefined,
    partnership: extra?.partnership,
  };
}

/** /admin/audit: the partnership's audit log, newest first, with its filters in the address so a view can be linked. */
export function AuditPage() {
  usePageTitle('Audit log');
  const q = useQuery(loadLookups, []);
  return <Loaded query={q}>{(lookups) => <AuditLog lookups={lookups} />}</Loaded>;
}

function AuditLog({ lookups: l }: { lookups: Lookups }) {
  const [params, setParams] = useSearchParams();
  const page = useCursorPage();
  const withoutPaging = new URLSearchParams(params);
  withoutPaging.delete('after');
  withoutPaging.delete('prev');
  const filterKey = withoutPaging.toString();
  const filtered = filterKey !== '';

  const applied = checkFilters(formFromParams(params), l.userList);
  const [draft, setDraft] = useState<FilterForm>(() => formFromParams(params));
  const [submitted, setSubmitted] = useState<Checked | null>(null);
  useEffect(() => {
    // Back, Forward or a link changed the filters: the form shows what the address says.
    setDraft(formFromParams(new URLSearchParams(filterKey)));
    setSubmitted(null);
  }, [filterKey]);

  const events = useQuery(async () => {
    const check = checkFilters(formFromParams(new URLSearchParams(filterKey)), l.userList);
    if (!check.filter) return null;
    return (await gql(AuditLogDocument, { filter: check.filter, first: PAGE_SIZE, after: page.after ?? null })).auditEvents;
  }, [filterKey, page.after]);

  const fieldErrors = events.error instanceof ApiError && events.error.fields.length > 0;
  const apiErrors: Errors = {};
  if (fieldErrors && events.error instanceof ApiError) {
    for (const [k, v] of Object.entries(errorsFrom(events.error.fields))) apiErrors[API_FIELD_IDS[k] ?? 'form'] = v;
  }
  const shown = submitted ?? applied;
  const errors = Object.keys(shown.errors).length ? shown.errors : apiErrors;
  usePageTitle('Audit log', Object.keys(errors).length > 0);

  // Moving to another page of results puts focus on the results, as opening a new page would.
  const results = useRef<HTMLHeadingElement>(null);
  const seen = useRef({ filterKey, after: page.after });
  const focusResults = useRef(false);
  useEffect(() => {
    if (seen.current.filterKey === filterKey && seen.current.after !== page.after) focusResults.current = true;
    seen.current = { filterKey, after: page.after };
  }, [filterKey, page.after]);
  useEffect(() => {
    if (focusResults.current && !events.loading && events.data) {
      results.current?.focus();
      focusResults.current = false;
    }
  }, [events.loading, events.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const check = checkFilters(draft, l.userList);
    if (!check.params) {
      setSubmitted(check);
      return;
    }
    setSubmitted(null);
    setParams(check.params);
  };

  const dateProblem = (name: 'from' | 'to'): DateProblem | undefined => {
    const own = shown.dateProblems[name];
    if (own) return own;
    const api = errors[`${name}-day`];
    return api ? { message: api, parts: ['day', 'month', 'year'] } : undefined;
  };

  let body: ReactNode = null;
  if (applied.filter && !fieldErrors) {
    if (events.data === undefined) {
      body = <p className="govuk-body">{events.error ? events.error.message : 'Loading…'}</p>;
    } else if (events.data) {
      const c = events.data;
      body = (
        <>
          <h2 className="govuk-heading-m" id="results" tabIndex={-1} ref={results}>
            {c.totalCount === 1 ? '1 event' : `${c.totalCount.toLocaleString('en-GB')} events`}
            {filtered ? (c.totalCount === 1 ? ' matches the filters' : ' match the filters') : ''}
          </h2>
          {c.edges.length === 0 ? (
            <p className="govuk-body">
              {filtered ? 'No events match the filters. Try changing or clearing them.' : 'Nothing has been recorded yet.'}
            </p>
          ) : (
            <>
              <p className="govuk-body" id="results-range">
                {showingText(page.pageNumber, PAGE_SIZE, c.edges.length, c.totalCount, 'events')}
              </p>
              <EventsTable events={c.edges.map((e) => e.node)} lookups={l} />
            </>
          )}
          <Pagination pageInfo={c.pageInfo} page={page} />
        </>
      );
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">Who changed what in the partnership, and when, newest first. Times are UK time.</p>

      <div className="app-filters">
        <h2 className="govuk-heading-m">Filter</h2>
        <form onSubmit={submit} noValidate role="search" aria-label="Filter the audit log">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <Select
                name="entityType"
                label="Record type"
                placeholder="All record types"
                options={RECORD_TYPES}
                value={draft.type}
                onChange={(type) => setDraft({ ...draft, type })}
                error={errors.entityType}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <Select
                name="actorUserId"
                label="Person"
                hint="Who made the change."
                placeholder="Anyone"
                options={userOptions(l.userList)}
                value={draft.person}
                onChange={(person) => setDraft({ ...draft, person })}
                error={errors.actorUserId}
              />
            </div>
          </div>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <DateField
                name="from"
                legend="Date from"
                hint="For example, 27 3 2026"
                value={draft.from}
                onChange={(from) => setDraft({ ...draft, from })}
                error={dateProblem('from')?.message}
                errorParts={dateProblem('from')?.parts}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <DateField
                name="to"
                legend="Date to"
                hint="Includes the whole of this day. For example, 28 3 2026"
                value={draft.to}
                onChange={(to) => setDraft({ ...draft, to })}
                error={dateProblem('to')?.message}
                errorParts={dateProblem('to')?.parts}
              />
            </div>
          </div>
          <TextInput
            name="entityId"
            label="Record id (optional)"
            hint="To see the whole history of one record."
            value={draft.record}
            onChange={(record) => setDraft({ ...draft, record })}
            error={errors.entityId}
            spellCheck={false}
          />
          <div className="govuk-button-group">
            <Button>Apply filters</Button>
            {filtered && (
              <Link className="govuk-link" to={{ search: '' }}>
                Clear filters
              </Link>
            )}
          </div>
        </form>
      </div>
      <div id="audit-results" aria-busy={events.loading}>
        {body}
      </div>
    </>
  );
}

function EventsTable({ events, lookups: l }: { events: AuditEvent[]; lookups: Lookups }) {
  return (
    // On a narrow screen the table scrolls sideways in its own focusable region rather than squeezing the details.
    <div role="region" aria-label="Audit events" tabIndex={0} style={{ overflowX: 'auto' }}>
      <table className="govuk-table govuk-table--small-text-until-tablet" id="audit-events" style={{ minWidth: '720px' }}>
        <caption className="govuk-table__caption govuk-visually-hidden">Audit events, newest first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '15%' }}>
              When
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '13%' }}>
              Who
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '15%' }}>
              Action
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '20%' }}>
              Record
            </th>
            <th scope="col" className="govuk-table__header">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {events.map((e) => {
            const name = recordName(e, l);
            const who = e.actorUserId ? (l.users.get(e.actorUserId) ?? 'Unknown user') : 'System';
            const record = new URLSearchParams({ record: e.entityId }).toString();
            return (
              <tr className="govuk-table__row" key={e.id}>
                <td className="govuk-table__cell">
                  <time dateTime={e.occurredAt}>{when(e.occurredAt)}</time>
                </td>
                <td className="govuk-table__cell">{who}</td>
                <td className="govuk-table__cell">{actionLabel(e.action)}</td>
                <td className="govuk-table__cell">
                  {recordTypeLabel(e.entityType)}
                  {name && (
                    <>
                      <br />
                      <span className="govuk-body-s">{name}</span>
                    </>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <details className="govuk-details govuk-!-margin-bottom-0">
                    <summary className="govuk-details__summary">
                      <span className="govuk-details__summary-text">
                        Changes<span className="govuk-visually-hidden"> to {name ?? recordTypeLabel(e.entityType)}</span>
                      </span>
                    </summary>
                    <div className="govuk-details__text">
                      <ChangeList changes={changesOf(e, l)} />
                      <p className="govuk-body-s govuk-!-margin-bottom-1" style={{ overflowWrap: 'anywhere' }}>
                        Record id: {e.entityId}
                      </p>
                      <p className="govuk-body-s govuk-!-margin-bottom-0">
                        <Link className="govuk-link" to={{ search: `?${record}` }}>
                          All changes to this record
                        </Link>
                      </p>
                    </div>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
