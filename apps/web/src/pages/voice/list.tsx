/**
 * /voice: what the Children in Care Council and the Care Leavers' Forum raised, newest first:
 * everything for the secretariat and board members, what is assigned to them for everyone
 * else. Filters are the address's query parameters.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Select } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  Pagination,
  Tag,
  formatCalendarDate,
  isLabelKey,
  labelOptions,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { VoiceFilterInput } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { PAGE_SIZE } from '../admin/shared';
import { LinkButton } from '../workplans/common';
import { SingleCheckbox } from '../workplans/fields';
import { VOICE_STATUS_LABELS, VoiceStatusTag, assignedTo } from './common';

const VoiceListDocument = graphql(`
  query VoiceList($filter: VoiceFilterInput, $first: Int, $after: String) {
    voiceItems(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          raisedOn
          raisingGroup
          issue
          status
          responseDue
          isResponseOverdue
          assignedSubGroup {
            id
            name
          }
          assignedAgency {
            id
            name
          }
        }
      }
    }
  }
`);

interface Filters {
  status: string;
  overdue: boolean;
  mine: boolean;
}

function filtersFrom(p: URLSearchParams): Filters {
  const status = p.get('status');
  return {
    status: isLabelKey(VOICE_STATUS_LABELS, status) ? status : '',
    overdue: p.get('overdue') === 'yes',
    mine: p.get('mine') === 'yes',
  };
}

function apiFilter(f: Filters): VoiceFilterInput {
  return {
    statuses: isLabelKey(VOICE_STATUS_LABELS, f.status) ? [f.status] : undefined,
    responseOverdue: f.overdue || undefined,
    mine: f.mine || undefined,
  };
}

export function VoiceListPage() {
  usePageTitle('Voice of children in care');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = useCursorPage();
  const filters = filtersFrom(params);
  const key = JSON.stringify(filters);
  const q = useQuery(() => gql(VoiceListDocument, { filter: apiFilter(filters), first: PAGE_SIZE, after: page.after }), [key, page.after]);
  const [f, setF] = useState(filters);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Voice of children in care</h1>
      <p className="govuk-body">
        What the Children in Care Council and the Care Leavers’ Forum have raised with the board, who is answering it, and what was done.
      </p>
      <div className="govuk-button-group">
        {me?.role === 'SECRETARIAT' && <LinkButton to="/voice/new">Record an item</LinkButton>}
        <Link className="govuk-link" to="/voice/you-said-we-did">
          You said, we did
        </Link>
      </div>
      <div className="app-filters">
        <form
          role="search"
          aria-label="Filter voice items"
          action="/voice"
          method="get"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            if (f.status) next.set('status', f.status);
            if (f.overdue) next.set('overdue', 'yes');
            if (f.mine) next.set('mine', 'yes');
            setParams(next);
          }}
        >
          <h2 className="govuk-heading-s">Filter</h2>
          <Select
            name="status"
            label="Status"
            value={f.status}
            onChange={(status) => setF({ ...f, status })}
            options={labelOptions(VOICE_STATUS_LABELS)}
            placeholder="Any status"
          />
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <SingleCheckbox name="overdue" label="Response overdue" checked={f.overdue} onChange={(overdue) => setF({ ...f, overdue })} />
              <SingleCheckbox
                name="mine"
                label="Assigned to my sub-groups or agency"
                checked={f.mine}
                onChange={(mine) => setF({ ...f, mine })}
              />
            </div>
          </div>
          <div className="govuk-button-group">
            <Button secondary>Apply filters</Button>
            {filtered && (
              <Link className="govuk-link" to="/voice">
                Clear filters
              </Link>
            )}
          </div>
        </form>
      </div>
      <Loaded query={q}>
        {({ voiceItems: list }) =>
          list.edges.length === 0 ? (
            <p className="govuk-body" id="voice-empty">
              {filtered ? 'Nothing matches these filters.' : 'Nothing has been raised that you can see.'}
            </p>
          ) : (
            <>
              <div role="region" aria-labelledby="voice-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
                <table className="govuk-table govuk-!-font-size-16" id="voice-table" style={{ minWidth: '720px' }}>
                  <caption className="govuk-table__caption govuk-table__caption--s" id="voice-caption">
                    {showingText(page.pageNumber, PAGE_SIZE, list.edges.length, list.totalCount, 'items')}
                  </caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header" style={{ width: '40%' }}>
                        What was raised
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Raised
                      </th>
                      <th scope="col" className="govuk-table__header">
                        With
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Response due
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Status
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {list.edges.map(({ node: v }) => (
                      <tr className="govuk-table__row" key={v.id} data-voice-id={v.id}>
                        <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                          <Link className="govuk-link" to={`/voice/${v.id}`}>
                            {v.issue}
                          </Link>
                        </th>
                        <td className="govuk-table__cell">
                          {formatCalendarDate(v.raisedOn)}
                          <span className="govuk-body-s app-muted app-block">{v.raisingGroup}</span>
                        </td>
                        <td className="govuk-table__cell">{assignedTo(v)}</td>
                        <td className="govuk-table__cell">
                          {v.responseDue ? formatCalendarDate(v.responseDue) : 'No date'}
                          {v.isResponseOverdue && <Tag colour="red">Overdue</Tag>}
                        </td>
                        <td className="govuk-table__cell">
                          <VoiceStatusTag status={v.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={page} pageInfo={list.pageInfo} />
            </>
          )
        }
      </Loaded>
    </>
  );
}
