/**
 * Adding evidence (/evidence/new, optionally ?subGroup=…) and changing it while it is a
 * draft or returned (/evidence/:id/change). Files upload as soon as they are chosen and are
 * attached when the form is saved. Changing sends the version the page read: when someone
 * else has changed the evidence since, the api answers CONFLICT and the page says so, and
 * shows the evidence as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import { Loaded, flash, formatCalendarDate, loadAll, useQuery } from '../../components/lists';
import { FileUpload, type UploadedFile } from '../../components/upload';
import { graphql } from '../../gql';
import type { EvidenceKind, Visibility } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth, type Me } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, userOptions, type UserSummary } from '../admin/board-common';
import { BackLink, loadAgencyOptions, onlyFields } from '../admin/shared';
import { itemLabel, loadFrameworks, type FrameworkWithItems } from '../workplans/common';
import { Checkboxes } from '../workplans/fields';
import {
  ConditionalRadios,
  EVIDENCE_KIND_HINTS,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_VISIBILITY_HINTS,
  EVIDENCE_VISIBILITY_LABELS,
  KIND_ORDER,
  addableSubGroups,
  loadSubGroupOptions,
  UUID,
} from './common';

const EvidenceEditDocument = graphql(`
  query EvidenceEdit($id: ID!) {
    evidence(id: $id) {
      id
      title
      narrative
      kind
      status
      visibility
      restrictedUserIds
      version
      canEdit
      subGroup {
        id
        name
      }
      agency {
        id
        name
      }
      actions {
        id
        title
        dueDate
      }
      frameworkItems {
        id
      }
      attachments {
        id
        name
        contentType
        size
      }
    }
  }
`);

const EvidenceActionOptionsDocument = graphql(`
  query EvidenceActionOptions($filter: ActionFilterInput, $after: String) {
    actions(filter: $filter, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          dueDate
        }
      }
    }
  }
`);

const CreateEvidenceDocument = graphql(`
  mutation CreateEvidence($input: CreateEvidenceInput!) {
    createEvidence(input: $input) {
      id
      title
    }
  }
`);

const UpdateEvidenceDocument = graphql(`
  mutation UpdateEvidence($input: UpdateEvidenceInput!) {
    updateEvidence(input: $input) {
      id
      title
      version
    }
  }
`);

type EditableEvidence = Awaited<ReturnType<typeof loadEditable>>;

async function loadEditable(id: string) {
  return (await gql(EvidenceEditDocument, { id })).evidence;
}

interface ActionOption {
  id: string;
  title: string;
  dueDate: string;
}

/** The actions in the sub-group's active work plan that this person may see. */
async function loadActionOptions(subGroupId: string): Promise<ActionOption[]> {
  return loadAll(
    async (after) => (await gql(EvidenceActionOptionsDocument, { filter: { subGroupId, activePlansOnly: true }, after })).actions,
  );
}

interface FormData {
  subGroups: Option[];
  users: UserSummary[];
  frameworks: FrameworkWithItems[];
  /** For the secretariat, who may say which agency the evidence belongs to. */
  agencies: Option[];
}

async function loadFormData(me: Me | null): Promise<FormData> {
  const [subGroups, users, frameworks, agencies] = await Promise.all([
    loadSubGroupOptions(),
    loadAllUsers(),
    loadFrameworks(true),
    me?.role === 'SECRETARIAT' ? loadAgencyOptions() : Promise.resolve([]),
  ]);
  return { subGroups, users, frameworks, agencies };
}

export interface EvidenceValues {
  subGroupId: string;
  agencyId: string;
  title: string;
  narrative: string;
  kind: EvidenceKind | '';
  actionIds: string[];
  frameworkItemIds: string[];
  visibility: Visibility;
  restrictedUserIds: string[];
  files: UploadedFile[];
}

function valuesFrom(e: EditableEvidence): EvidenceValues {
  return {
    subGroupId: e.subGroup.id,
    agencyId: e.agency.id,
    title: e.title,
    narrative: e.narrative,
    kind: e.kind,
    actionIds: e.actions.map((a) => a.id),
    frameworkItemIds: e.frameworkItems.map((i) => i.id),
    visibility: e.visibility,
    restrictedUserIds: e.restrictedUserIds,
    files: e.attachments.map((f) => ({ id: f.id, name: f.name, contentType: f.contentType, size: f.size })),
  };
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = [
  'subGroupId',
  'agencyId',
  'title',
  'narrative',
  'kind',
  'actionIds',
  'frameworkItemIds',
  'visibility',
  'restrictedUserIds',
  'fileIds',
];

function checkEvidence(v: EvidenceValues, uploading: number): Errors {
  const errors: Errors = {};
  if (!v.subGroupId) errors.subGroupId = 'Select the sub-group the evidence is for';
  if (!v.title.trim()) errors.title = 'Enter a title for the evidence';
  else if (v.title.trim().length > 200) errors.title = 'Title must be 200 characters or fewer';
  if (v.narrative.length > 20000) errors.narrative = 'What the evidence shows must be 20,000 characters or fewer';
  if (!v.kind) errors.kind = 'Select what kind of evidence this is';
  if (v.visibility === 'RESTRICTED' && v.restrictedUserIds.length === 0)
    errors.restrictedUserIds = 'Select at least one person who can see the evidence';
  if (uploading > 0) errors.fileIds = 'Wait for your files to finish uploading, then save';
  const ordered: Errors = {};
  for (const k of FIELDS) if (errors[k]) ordered[k] = errors[k];
  return ordered;
}

const KIND_OPTIONS = KIND_ORDER.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k], hint: EVIDENCE_KIND_HINTS[k] }));
const VISIBILITIES: Visibility[] = ['PARTNERSHIP', 'SUB_GROUP', 'AGENCY', 'RESTRICTED'];

// ---- pages ---------------------------------------------------------------------------------

/** /evidence/new?subGroup=…: new draft evidence, for the sub-group named in the address when this person may add to it. */
export function NewEvidencePage() {
  usePageTitle('Add evidence');
  const { me } = useAuth();
  const [params] = useSearchParams();
  const q = useQuery(() => loadFormData(me), [me?.id]);
  return (
    <Loaded query={q}>
      {(data) => {
        const groups = addableSubGroups(me, data.subGroups);
        if (!groups.length) return <CannotAdd />;
        const asked = params.get('subGroup') ?? '';
        const subGroupId = groups.some((g) => g.value === asked) ? asked : groups.length === 1 ? groups[0].value : '';
        // Arriving from an action's page ("Add evidence for this action") ticks that action; the form lists only valid ones.
        const action = params.get('action') ?? '';
        const initial: EvidenceValues = {
          subGroupId,
          agencyId: me?.agency.id ?? '',
          title: '',
          narrative: '',
          kind: '',
          actionIds: subGroupId && UUID.test(action) ? [action] : [],
          frameworkItemIds: [],
          visibility: 'PARTNERSHIP',
          restrictedUserIds: [],
          files: [],
        };
        return <EvidenceForm data={{ ...data, subGroups: groups }} initial={initial} />;
      }}
    </Loaded>
  );
}

function CannotAdd() {
  return (
    <>
      <BackLink to="/evidence" />
      <h1 className="govuk-heading-l">Add evidence</h1>
      <p className="govuk-body">
        You can add evidence to the sub-groups you are a member of, and you are not a member of any sub-group yet. Ask your board
        secretariat to add you to a sub-group.
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/evidence">
          Go to the evidence
        </Link>
      </p>
    </>
  );
}

/** /evidence/:id/change */
export function ChangeEvidencePage() {
  usePageTitle('Change evidence');
  const { me } = useAuth();
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [evidence, data] = await Promise.all([loadEditable(id), loadFormData(me)]);
    return { evidence, data };
  }, [id, me?.id]);
  return (
    <Loaded query={q}>
      {({ evidence, data }) =>
        evidence.canEdit ? (
          <EvidenceForm key={evidence.id} data={data} initial={valuesFrom(evidence)} evidence={evidence} />
        ) : (
          <NotEditable evidence={evidence} />
        )
      }
    </Loaded>
  );
}

function NotEditable({ evidence: e }: { evidence: EditableEvidence }) {
  const back = `/evidence/${e.id}`;
  return (
    <>
      <BackLink to={back} />
      <h1 className="govuk-heading-l">Change evidence</h1>
      <p className="govuk-body">
        {e.status === 'DRAFT' || e.status === 'RETURNED'
          ? 'Only the person who added this evidence, people in its agency and the board secretariat can change it.'
          : 'This evidence has been submitted, so it cannot be changed now.'}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to={back}>
          Go to the evidence
        </Link>
      </p>
    </>
  );
}

function EvidenceForm({ data, initial, evidence }: { data: FormData; initial: EvidenceValues; evidence?: EditableEvidence }) {
  const [v, setValues] = useState<EvidenceValues>(initial);
  const [version, setVersion] = useState(evidence?.version ?? 0);
  const [uploading, setUploading] = useState(0);
  // Linked actions outside the active plan (from an earlier plan) stay choosable while linked.
  const [earlierActions, setEarlierActions] = useState<ActionOption[]>(evidence?.actions ?? []);
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const heading = evidence ? 'Change evidence' : 'Add evidence';
  const back = evidence ? `/evidence/${evidence.id}` : '/evidence';
  usePageTitle(heading, form.hasErrors);
  const actions = useQuery(() => (v.subGroupId ? loadActionOptions(v.subGroupId) : Promise.resolve([])), [v.subGroupId]);

  const set =
    <K extends keyof EvidenceValues>(k: K) =>
    (value: EvidenceValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  // Actions belong to one sub-group: choosing another clears the links.
  const chooseSubGroup = (subGroupId: string) => setValues((old) => ({ ...old, subGroupId, actionIds: [] }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkEvidence(v, uploading);
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const fields = {
      title: v.title.trim(),
      narrative: v.narrative,
      kind: v.kind as EvidenceKind,
      actionIds: v.actionIds,
      frameworkItemIds: v.frameworkItemIds,
      visibility: v.visibility,
      restrictedUserIds: v.visibility === 'RESTRICTED' ? v.restrictedUserIds : [],
      fileIds: v.files.map((f) => f.id),
    };
    if (evidence) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateEvidenceDocument, { input: { id: evidence.id, version, ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = await loadEditable(evidence.id);
            const freshValues = valuesFrom(fresh);
            // Files this person has just uploaded are not attached yet: keep them on the form.
            const attached = new Set(freshValues.files.map((f) => f.id));
            const justUploaded = v.files.filter((f) => !attached.has(f.id) && !initial.files.some((i) => i.id === f.id));
            setValues({ ...freshValues, files: [...freshValues.files, ...justUploaded] });
            setEarlierActions(fresh.actions);
            setVersion(fresh.version);
          }
          throw err;
        }
      });
      if (done) navigate(`/evidence/${evidence.id}`, { state: flash('Evidence saved') });
    } else {
      const done = await form.run(() =>
        gql(CreateEvidenceDocument, {
          input: { subGroupId: v.subGroupId, agencyId: data.agencies.length ? v.agencyId || undefined : undefined, ...fields },
        }),
      );
      if (done)
        navigate(`/evidence/${done.createEvidence.id}`, {
          state: flash('Evidence saved as a draft', 'Submit it for review when it is ready.'),
        });
    }
  };

  const people = data.users.filter((u) => u.status !== 'DEACTIVATED' || initial.restrictedUserIds.includes(u.id));
  const subGroupName = data.subGroups.find((g) => g.value === v.subGroupId)?.label ?? evidence?.subGroup.name ?? '';
  const active = actions.data ?? [];
  const actionOptions: Array<Option & { hint?: string }> = [
    ...active.map((a) => ({ value: a.id, label: a.title, hint: `Due ${formatCalendarDate(a.dueDate)}` })),
    ...earlierActions
      .filter((a) => !active.some((x) => x.id === a.id) && v.actionIds.includes(a.id))
      .map((a) => ({ value: a.id, label: a.title, hint: 'From an earlier work plan' })),
  ];

  const visibilityOptions = VISIBILITIES.map((x) => ({
    value: x,
    label: EVIDENCE_VISIBILITY_LABELS[x],
    hint: EVIDENCE_VISIBILITY_HINTS[x],
    conditional:
      x === 'RESTRICTED' ? (
        <Checkboxes
          name="restrictedUserIds"
          legend="People who can see it"
          hint="The board secretariat can always see it. Select all that apply."
          small
          options={userOptions(people)}
          value={v.restrictedUserIds}
          onChange={set('restrictedUserIds')}
          error={errors.restrictedUserIds}
        />
      ) : undefined,
  }));

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={FIELDS} />
          {evidence && <span className="govuk-caption-l">{evidence.subGroup.name}</span>}
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            {!evidence && (
              <Select
                name="subGroupId"
                label="Sub-group"
                hint="The sub-group whose work this is evidence of. Its chair reviews it."
                placeholder={v.subGroupId ? undefined : 'Choose a sub-group'}
                options={data.subGroups}
                value={v.subGroupId}
                onChange={chooseSubGroup}
                error={errors.subGroupId}
              />
            )}
            {!evidence && data.agencies.length > 0 && (
              <Select
                name="agencyId"
                label="Agency it belongs to"
                hint="Its people can change the evidence while it is a draft or returned."
                options={data.agencies}
                value={v.agencyId}
                onChange={set('agencyId')}
                error={errors.agencyId}
              />
            )}
            <TextInput
              name="title"
              label="Title"
              hint="What the evidence is, in a few words."
              value={v.title}
              onChange={set('title')}
              error={errors.title}
              width="full"
            />
            <Textarea
              name="narrative"
              label="What does it show?"
              hint="The progress it is evidence of, and the difference it has made for children in care and care leavers."
              rows={8}
              value={v.narrative}
              onChange={set('narrative')}
              error={errors.narrative}
            />
            <ConditionalRadios
              name="kind"
              label="What kind of evidence is it?"
              options={KIND_OPTIONS}
              value={v.kind}
              onChange={(k) => set('kind')(k as EvidenceKind)}
              error={errors.kind}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Linked actions (optional)</h2>
            {!v.subGroupId ? (
              <p className="govuk-body" id="actionIds">
                Choose a sub-group to see the actions in its work plan.
              </p>
            ) : actions.loading && !actions.data ? (
              <p className="govuk-body">Loading the sub-group’s actions…</p>
            ) : actionOptions.length ? (
              <Checkboxes
                name="actionIds"
                legend={`Actions in the ${subGroupName} work plan that this is evidence for`}
                hint="Select all that apply."
                small
                options={actionOptions}
                value={v.actionIds}
                onChange={set('actionIds')}
                error={errors.actionIds}
              />
            ) : (
              <p className="govuk-body" id="actionIds">
                The {subGroupName} sub-group has no actions in an active work plan that you can see.
              </p>
            )}

            <FrameworkItemFields
              frameworks={data.frameworks}
              value={v.frameworkItemIds}
              onChange={set('frameworkItemIds')}
              error={errors.frameworkItemIds}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Who can see it</h2>
            <ConditionalRadios
              name="visibility"
              label="Who can see this evidence once it is submitted?"
              hint="While it is a draft, only people in its agency, you and the board secretariat can see it."
              options={visibilityOptions}
              value={v.visibility}
              onChange={(x) => set('visibility')(x as Visibility)}
              error={errors.visibility}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Attachments (optional)</h2>
            <FileUpload
              name="fileIds"
              label="Upload files"
              hint="PDF, Word (DOCX), Excel (XLSX), CSV, text, PNG or JPEG files, up to 20. Each file uploads when you choose it."
              error={errors.fileIds}
              files={v.files}
              onChange={set('files')}
              onUploadingChange={setUploading}
            />

            <div className="govuk-button-group">
              <Button busy={form.busy}>{evidence ? 'Save changes' : 'Save as draft'}</Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}

/**
 * Framework items as checkboxes, one group per framework (the statutory principles first).
 * Retired items and frameworks show only where the evidence already has them. The first box
 * carries the id `frameworkItemIds`, for the error summary.
 */
function FrameworkItemFields({
  frameworks,
  value,
  onChange,
  error,
}: {
  frameworks: FrameworkWithItems[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const groups = frameworks
    .map((f) => ({ framework: f, items: f.items.filter((i) => (!i.retiredAt && !f.retiredAt) || value.includes(i.id)) }))
    .filter((g) => g.items.length > 0);
  if (!groups.length) return null;
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">Framework items (optional)</h2>
      <p className="govuk-body">
        The statutory principles, promises and priorities this evidence shows progress on. Select all that apply.
      </p>
      {groups.map((g, i) => (
        <Checkboxes
          key={g.framework.id}
          name={i === 0 ? 'frameworkItemIds' : `frameworkItemIds-${i + 1}`}
          legend={g.framework.name}
          small
          error={i === 0 ? error : undefined}
          options={g.items.map((item) => ({ value: item.id, label: `${itemLabel(item)}${item.retiredAt ? ' (retired)' : ''}` }))}
          value={value}
          onChange={onChange}
        />
      ))}
    </>
  );
}
