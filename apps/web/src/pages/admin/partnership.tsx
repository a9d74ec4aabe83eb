import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorSummary, TextInput, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { AdminPartnershipQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from './shared';

const AdminPartnershipDocument = graphql(`
  query AdminPartnership {
    partnership {
      id
      name
      localAuthority
      description
    }
  }
`);

const UpdatePartnershipDocument = graphql(`
  mutation UpdatePartnership($input: UpdatePartnershipInput!) {
    updatePartnership(input: $input) {
      id
      name
      localAuthority
      description
    }
  }
`);

type Partnership = AdminPartnershipQuery['partnership'];

function ChangeLink({ what }: { what: string }) {
  return (
    <Link className="govuk-link" to="/admin/partnership/change">
      Change<span className="govuk-visually-hidden"> {what}</span>
    </Link>
  );
}

/** /admin/partnership: the partnership's details, each with a change link. */
export function PartnershipPage() {
  usePageTitle('Partnership details');
  const q = useQuery(() => gql(AdminPartnershipDocument), []);
  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Partnership details</h1>
      <Loaded query={q}>
        {({ partnership: p }) => (
          <dl className="govuk-summary-list" id="partnership-details">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Name</dt>
              <dd className="govuk-summary-list__value">{p.name}</dd>
              <dd className="govuk-summary-list__actions">
                <ChangeLink what="name" />
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Local authority</dt>
              <dd className="govuk-summary-list__value">{p.localAuthority}</dd>
              <dd className="govuk-summary-list__actions">
                <ChangeLink what="local authority" />
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Description</dt>
              <dd className="govuk-summary-list__value">{p.description ? <MultilineText text={p.description} /> : 'Not added'}</dd>
              <dd className="govuk-summary-list__actions">
                <ChangeLink what="description" />
              </dd>
            </div>
          </dl>
        )}
      </Loaded>
      <h2 className="govuk-heading-m">Reminders</h2>
      <ul className="govuk-list" id="partnership-reminders">
        <li>
          <Link className="govuk-link" to="/admin/reminders">
            Change when reminders go out and who hears
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/admin/failed-jobs">
            See reminder and e-mail jobs that failed
          </Link>
        </li>
      </ul>
      <h2 className="govuk-heading-m">Board packs</h2>
      <ul className="govuk-list" id="partnership-packs">
        <li>
          <Link className="govuk-link" to="/admin/personal-data-names">
            Names the personal-data check looks for
          </Link>
        </li>
      </ul>
    </>
  );
}

/** /admin/partnership/change: one form for the name, local authority and description. */
export function ChangePartnershipPage() {
  const q = useQuery(() => gql(AdminPartnershipDocument), []);
  return <Loaded query={q}>{({ partnership }) => <PartnershipForm partnership={partnership} />}</Loaded>;
}

const FIELDS = ['name', 'localAuthority', 'description'];

function PartnershipForm({ partnership }: { partnership: Partnership }) {
  const navigate = useNavigate();
  const { reload } = useAuth();
  const [name, setName] = useState(partnership.name);
  const [localAuthority, setLocalAuthority] = useState(partnership.localAuthority);
  const [description, setDescription] = useState(partnership.description ?? '');
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  usePageTitle('Change partnership details', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(() => gql(UpdatePartnershipDocument, { input: { name, localAuthority, description } }));
    if (done) {
      await reload(); // the header shows the partnership's name
      navigate('/admin/partnership', { state: flash('Partnership details saved') });
    }
  };

  return (
    <>
      <BackLink to="/admin/partnership" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Change partnership details</h1>
          <form onSubmit={submit} noValidate>
            <TextInput name="name" label="Partnership name" value={name} onChange={setName} error={errors.name} />
            <TextInput
              name="localAuthority"
              label="Local authority"
              hint="The council that is corporate parent, for example Riverside City Council"
              value={localAuthority}
              onChange={setLocalAuthority}
              error={errors.localAuthority}
            />
            <Textarea
              name="description"
              label="Description (optional)"
              hint="What the partnership is for. Everyone in the partnership can read it."
              value={description}
              onChange={setDescription}
              error={errors.description}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save changes</Button>
              <Link className="govuk-link" to="/admin/partnership">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
