import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, useApiForm, type Errors } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  Pagination,
  SECTOR_LABELS,
  flash,
  isLabelKey,
  labelOptions,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { AgencySector, AdminAgencyQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, PAGE_SIZE, onlyFields } from './shared';

const AdminAgenciesDocument = graphql(`
  query AdminAgencies($filter: AgencyFilter, $first: Int, $after: String) {
    agencies(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          sector
        }
      }
    }
  }
`);

const AdminAgencyDocument = graphql(`
  query AdminAgency($id: ID!) {
    agency(id: $id) {
      id
      name
      sector
    }
  }
`);

const CreateAgencyDocument = graphql(`
  mutation CreateAgency($input: CreateAgencyInput!) {
    createAgency(input: $input) {
      id
      name
      sector
    }
  }
`);

const UpdateAgencyDocument = graphql(`
  mutation UpdateAgency($input: UpdateAgencyInput!) {
    updateAgency(input: $input) {
      id
      name
      sector
    }
  }
`);

const SECTOR_OPTIONS = labelOptions(SECTOR_LABELS);

/** /admin/agencies: the partner agencies, filtered by sector and name, a page at a time. */
export function AgenciesPage() {
  usePageTitle('Agencies');
  const [params, setParams] = useSearchParams();
  const page = useCursorPage();
  const search = params.get('search') ?? '';
  const sectorParam = params.get('sector');
  const sector = isLabelKey(SECTOR_LABELS, sectorParam) ? sectorParam : '';
  const q = useQuery(
    () =>
      gql(AdminAgenciesDocument, {
        filter: { search: search.trim() || undefined, sector: sector || undefined },
        first: PAGE_SIZE,
        after: page.after,
      }),
    [search, sector, page.after],
  );
  const filtered = Boolean(search || sector);

  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Agencies</h1>
      <p className="govuk-body">The partner organisations in this partnership. Every user belongs to one agency.</p>
      <Link to="/admin/agencies/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
        Add an agency
      </Link>
      <AgencyFilters
        key={`${search}|${sector}`}
        search={search}
        sector={sector}
        onApply={(s, sec) => {
          const next = new URLSearchParams();
          if (s.trim()) next.set('search', s.trim());
          if (sec) next.set('sector', sec);
          setParams(next);
        }}
      />
      <Loaded query={q}>
        {({ agencies }) =>
          agencies.edges.length === 0 ? (
            <p className="govuk-body" id="agencies-empty">
              {filtered ? 'No agencies match these filters.' : 'There are no agencies yet.'}
            </p>
          ) : (
            <>
              <table className="govuk-table" id="agencies-table">
                <caption className="govuk-table__caption">
                  {showingText(page.pageNumber, PAGE_SIZE, agencies.edges.length, agencies.totalCount, 'agencies')}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Name
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Sector
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {agencies.edges.map(({ node: a }) => (
                    <tr className="govuk-table__row" key={a.id}>
                      <th scope="row" className="govuk-table__header">
                        <Link className="govuk-link" to={`/admin/agencies/${a.id}`}>
                          {a.name}
                        </Link>
                      </th>
                      <td className="govuk-table__cell">{SECTOR_LABELS[a.sector]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pagination pageInfo={agencies.pageInfo} page={page} label="page of agencies" />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function AgencyFilters({
  search: initialSearch,
  sector: initialSector,
  onApply,
}: {
  search: string;
  sector: string;
  onApply: (search: string, sector: string) => void;
}) {
  const [search, setSearch] = useState(initialSearch);
  const [sector, setSector] = useState(initialSector);
  return (
    <div className="app-filters">
      <form
        role="search"
        aria-label="Filter agencies"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(search, sector);
        }}
      >
        <h2 className="govuk-heading-s">Filter agencies</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput name="search" label="Name contains" value={search} onChange={setSearch} width="full" />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select name="sector" label="Sector" value={sector} onChange={setSector} options={SECTOR_OPTIONS} placeholder="All sectors" />
          </div>
        </div>
        <div className="govuk-button-group">
          <Button secondary>Apply filters</Button>
          {(initialSearch || initialSector) && (
            <Link className="govuk-link" to="/admin/agencies">
              Clear filters
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

/** Required answers the api cannot check because the form would not be sent without them. */
function missingAnswers(name: string, sector: string): Errors {
  const out: Errors = {};
  if (!name.trim()) out.name = 'Enter the agency name.';
  if (!sector) out.sector = 'Choose a sector.';
  return out;
}

const FIELDS = ['name', 'sector'];

function AgencyForm({
  title,
  initial,
  submitLabel,
  save,
}: {
  title: string;
  initial: { name: string; sector: AgencySector | '' };
  submitLabel: string;
  save: (name: string, sector: AgencySector) => Promise<void>;
}) {
  const [name, setName] = useState(initial.name);
  const [sector, setSector] = useState<string>(initial.sector);
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  usePageTitle(title, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = missingAnswers(name, sector);
    if (Object.keys(missing).length) {
      form.setErrors(missing);
      return;
    }
    await form.run(() => save(name, sector as AgencySector));
  };

  return (
    <>
      <BackLink to="/admin/agencies" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{title}</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Agency name" value={name} onChange={setName} error={errors.name} />
            <Radios name="sector" label="Sector" value={sector} onChange={setSector} options={SECTOR_OPTIONS} error={errors.sector} />
            <div className="govuk-button-group">
              <Button busy={form.busy}>{submitLabel}</Button>
              <Link className="govuk-link" to="/admin/agencies">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}

/** /admin/agencies/new */
export function NewAgencyPage() {
  const navigate = useNavigate();
  return (
    <AgencyForm
      title="Add an agency"
      submitLabel="Add agency"
      initial={{ name: '', sector: '' }}
      save={async (name, sector) => {
        const { createAgency } = await gql(CreateAgencyDocument, { input: { name, sector } });
        navigate('/admin/agencies', { state: flash(`${createAgency.name} added`) });
      }}
    />
  );
}

/** /admin/agencies/:id: change an agency's name or sector. */
export function EditAgencyPage() {
  const { id = '' } = useParams();
  usePageTitle('Change agency');
  const q = useQuery(() => gql(AdminAgencyDocument, { id }), [id]);
  return <Loaded query={q}>{({ agency }) => <EditAgency key={agency.id} agency={agency} />}</Loaded>;
}

function EditAgency({ agency }: { agency: AdminAgencyQuery['agency'] }) {
  const navigate = useNavigate();
  return (
    <>
      <AgencyForm
        title="Change agency"
        submitLabel="Save changes"
        initial={{ name: agency.name, sector: agency.sector }}
        save={async (name, sector) => {
          const { updateAgency } = await gql(UpdateAgencyDocument, { input: { id: agency.id, name, sector } });
          navigate('/admin/agencies', { state: flash(`${updateAgency.name} saved`) });
        }}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/admin/users?agency=${encodeURIComponent(agency.id)}`}>
          View the users at {agency.name}
        </Link>
      </p>
    </>
  );
}
