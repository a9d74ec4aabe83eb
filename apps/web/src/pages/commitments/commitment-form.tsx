/**
 * Logging a commitment (/commitments/new) and changing one (/commitments/:id/edit). A
 * member logs commitments for their own agency; the secretariat chooses the agency.
 * Changing sends the version the page read: when someone else has changed the commitment
 * since, the api answers CONFLICT and the page shows it as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import { DateField, checkDate, datePartsFrom, withDateTargets, type DatePart, type DateParts } from '../../components/dates';
import { Loaded, flash, labelOptions, useQuery } from '../../components/lists';
import { ACTION_STATUS_LABELS, RAG_LABELS, VISIBILITY_HINTS, VISIBILITY_LABELS } from '../../components/rag';
import { graphql } from '../../gql';
import type { ActionStatus, CommitmentEditQuery, OfferArea, Polarity, Rag, Visibility } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth, type Me } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { loadAllUsers, userOptions, type UserSummary } from '../admin/board-common';
import { BackLink, loadAgencyOptions, onlyFields } from '../admin/shared';
import { ConditionalRadios, loadSubGroupOptions } from '../evidence/common';
import { itemLabel, loadFrameworks, type FrameworkWithItems } from '../workplans/common';
import { Checkboxes, SingleCheckbox } from '../workplans/fields';
import { AREA_ORDER, OFFER_AREA_LABELS, POLARITY_LABELS, canAddCommitment } from './common';

const CommitmentEditDocument = graphql(`
  query CommitmentEdit($id: ID!) {
    commitment(id: $id) {
      id
      title
      description
      offerArea
      measure
      unit
      baseline
      target
      polarity
      dueDate
      reviewDate
      status
      rag
      visibility
      restrictedUserIds
      inLocalOffer
      offerWording
      offerEligibility
      version
      canEdit
      agency {
        id
        name
      }
      subGroup {
        id
      }
      frameworkItems {
        id
      }
    }
  }
`);

const CreateCommitmentDocument = graphql(`
  mutation CreateCommitment($input: CreateCommitmentInput!) {
    createCommitment(input: $input) {
      id
    }
  }
`);

const UpdateCommitmentDocument = graphql(`
  mutation UpdateCommitment($input: UpdateCommitmentInput!) {
    updateCommitment(input: $input) {
      id
      version
    }
  }
`);

type Editable = CommitmentEditQuery['commitment'];

async function loadEditable(id: string): Promise<Editable> {
  return (await gql(CommitmentEditDocument, { id })).commitment;
}

interface FormData {
  agencies: Option[];
  subGroups: Option[];
  users: UserSummary[];
  frameworks: FrameworkWithItems[];
}

async function loadFormData(me: Me | null): Promise<FormData> {
  const [agencies, subGroups, users, frameworks] = await Promise.all([
    me?.role === 'SECRETARIAT' ? loadAgencyOptions() : Promise.resolve([]),
    loadSubGroupOptions(),
    loadAllUsers(),
    loadFrameworks(true),
  ]);
  return { agencies, subGroups, users, frameworks };
}

interface Values {
  agencyId: string;
  title: string;
  description: string;
  offerArea: OfferArea | '';
  measure: string;
  unit: string;
  baseline: string;
  target: string;
  polarity: Polarity;
  dueDate: DateParts;
  reviewDate: DateParts;
  status: ActionStatus;
  rag: Rag;
  frameworkItemIds: string[];
  visibility: Visibility;
  subGroupId: string;
  restrictedUserIds: string[];
  inLocalOffer: boolean;
  offerWording: string;
  offerEligibility: string;
}

const figure = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function valuesFrom(c: Editable): Values {
  return {
    agencyId: c.agency.id,
    title: c.title,
    description: c.description,
    offerArea: c.offerArea,
    measure: c.measure,
    unit: c.unit,
    baseline: figure(c.baseline),
    target: figure(c.target),
    polarity: c.polarity,
    dueDate: datePartsFrom(c.dueDate),
    reviewDate: datePartsFrom(c.reviewDate),
    status: c.status,
    rag: c.rag,
    frameworkItemIds: c.frameworkItems.map((i) => i.id),
    visibility: c.visibility,
    subGroupId: c.subGroup?.id ?? '',
    restrictedUserIds: c.restrictedUserIds,
    inLocalOffer: c.inLocalOffer,
    offerWording: c.offerWording ?? '',
    offerEligibility: c.offerEligibility ?? '',
  };
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = [
  'agencyId',
  'title',
  'description',
  'offerArea',
  'measure',
  'unit',
  'baseline',
  'target',
  'polarity',
  'dueDate',
  'reviewDate',
  'status',
  'rag',
  'frameworkItemIds',
  'visibility',
  'subGroupId',
  'restrictedUserIds',
  'inLocalOffer',
  'offerWording',
  'offerEligibility',
];

const NUMBER = /^-?\d+(\.\d{1,4})?$/;
const readNumber = (s: string): number | null => (s.trim() ? Number(s.trim().replace(/,/g, '')) : null);

interface Checked {
  errors: Errors;
  dateParts: Record<string, DatePart[] | undefined>;
  dueDate: string | null;
  reviewDate: string | null;
}

function check(v: Values, needAgency: boolean): Checked {
  const errors: Errors = {};
  const dateParts: Record<string, DatePart[] | undefined> = {};
  if (needAgency && !v.agencyId) errors.agencyId = 'Choose the agency making the commitment';
  if (!v.title.trim()) errors.title = 'Enter the commitment';
  else if (v.title.trim().length > 200) errors.title = 'Commitment must be 200 characters or fewer';
  if (v.description.length > 10000) errors.description = 'Description must be 10,000 characters or fewer';
  if (!v.offerArea) errors.offerArea = 'Choose a local offer area, or other';
  for (const [k, label] of [
    ['baseline', 'Baseline'],
    ['target', 'Target'],
  ] as const) {
    const s = v[k].trim().replace(/,/g, '');
    if (s && !NUMBER.test(s)) errors[k] = `${label} must be a number, like 12 or 4.5`;
  }
  const due = checkDate('Due date', v.dueDate);
  const review = checkDate('Review date', v.reviewDate);
  if (due.problem) {
    errors.dueDate = due.problem.message;
    dateParts.dueDate = due.problem.parts;
  }
  if (review.problem) {
    errors.reviewDate = review.problem.message;
    dateParts.reviewDate = review.problem.parts;
  }
  if (!due.problem && !review.problem && !due.value && !review.value) errors.dueDate = 'Enter a due date or a review date';
  if (v.visibility === 'SUB_GROUP' && !v.subGroupId) errors.subGroupId = 'Choose the sub-group that can see this commitment';
  if (v.visibility === 'RESTRICTED' && !v.restrictedUserIds.length)
    errors.restrictedUserIds = 'Select at least one person who can see this commitment';
  if (v.inLocalOffer && !v.offerWording.trim()) errors.offerWording = 'Say what care leavers get, in plain words, for the local offer';
  const ordered: Errors = {};
  for (const k of FIELDS) if (errors[k]) ordered[k] = errors[k];
  return { errors: ordered, dateParts, dueDate: due.value, reviewDate: review.value };
}

// ---- pages ---------------------------------------------------------------------------------

export function NewCommitmentPage() {
  usePageTitle('Add a commitment');
  const { me } = useAuth();
  const q = useQuery(() => loadFormData(me), [me?.id]);
  if (!canAddCommitment(me)) {
    return (
      <>
        <BackLink to="/commitments" />
        <h1 className="govuk-heading-l">Add a commitment</h1>
        <p className="govuk-body">Board members read commitments; the agencies’ own people and the board secretariat add them.</p>
      </>
    );
  }
  return (
    <Loaded query={q}>
      {(data) => (
        <CommitmentForm
          data={data}
          initial={{
            agencyId: me?.role === 'SECRETARIAT' ? '' : (me?.agency.id ?? ''),
            title: '',
            description: '',
            offerArea: '',
            measure: '',
            unit: '',
            baseline: '',
            target: '',
            polarity: 'HIGHER_IS_BETTER',
            dueDate: { day: '', month: '', year: '' },
            reviewDate: { day: '', month: '', year: '' },
            status: 'NOT_STARTED',
            rag: 'GREEN',
            frameworkItemIds: [],
            visibility: 'PARTNERSHIP',
            subGroupId: '',
            restrictedUserIds: [],
            inLocalOffer: false,
            offerWording: '',
            offerEligibility: '',
          }}
          agencyName={me?.role === 'SECRETARIAT' ? undefined : me?.agency.name}
        />
      )}
    </Loaded>
  );
}

export function EditCommitmentPage() {
  usePageTitle('Change commitment');
  const { me } = useAuth();
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [commitment, data] = await Promise.all([loadEditable(id), loadFormData(me)]);
    return { commitment, data };
  }, [id, me?.id]);
  return (
    <Loaded query={q}>
      {({ commitment, data }) =>
        commitment.canEdit ? (
          <CommitmentForm
            key={commitment.id}
            data={data}
            initial={valuesFrom(commitment)}
            commitment={commitment}
            agencyName={commitment.agency.name}
          />
        ) : (
          <>
            <BackLink to={`/commitments/${commitment.id}`} />
            <h1 className="govuk-heading-l">Change commitment</h1>
            <p className="govuk-body">Only the agency’s own people and the board secretariat can change its commitments.</p>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/commitments/${commitment.id}`}>
                Go to the commitment
              </Link>
            </p>
          </>
        )
      }
    </Loaded>
  );
}

function CommitmentForm({
  data,
  initial,
  commitment,
  agencyName,
}: {
  data: FormData;
  initial: Values;
  commitment?: Editable;
  /** The agency when it is fixed (a member's own, or the commitment's). */
  agencyName?: string;
}) {
  const [v, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(commitment?.version ?? 0);
  const [dateParts, setDateParts] = useState<Record<string, DatePart[] | undefined>>({});
  const [conflict, setConflict] = useState(false);
  const form = useApiForm();
  const errors = onlyFields(form.errors, [...FIELDS, 'form']);
  const navigate = useNavigate();
  const heading = commitment ? 'Change commitment' : 'Add a commitment';
  const back = commitment ? `/commitments/${commitment.id}` : '/commitments';
  usePageTitle(heading, form.hasErrors);
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setValues((old) => ({ ...old, [k]: value }));
  const chooseAgency = !commitment && data.agencies.length > 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const c = check(v, chooseAgency);
    setDateParts(c.dateParts);
    if (Object.keys(c.errors).length) {
      form.setErrors(c.errors);
      return;
    }
    const fields = {
      title: v.title.trim(),
      description: v.description,
      offerArea: v.offerArea as OfferArea,
      measure: v.measure.trim(),
      unit: v.unit.trim(),
      baseline: readNumber(v.baseline),
      target: readNumber(v.target),
      polarity: v.polarity,
      dueDate: c.dueDate,
      reviewDate: c.reviewDate,
      status: v.status,
      rag: v.rag,
      frameworkItemIds: v.frameworkItemIds,
      visibility: v.visibility,
      subGroupId: v.visibility === 'SUB_GROUP' ? v.subGroupId : null,
      restrictedUserIds: v.visibility === 'RESTRICTED' ? v.restrictedUserIds : [],
      inLocalOffer: v.inLocalOffer,
      offerWording: v.inLocalOffer ? v.offerWording.trim() : v.offerWording.trim() || null,
      offerEligibility: v.offerEligibility.trim() || null,
    };
    if (commitment) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateCommitmentDocument, { input: { id: commitment.id, version, ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = await loadEditable(commitment.id);
            setValues(valuesFrom(fresh));
            setVersion(fresh.version);
            setConflict(true);
          }
          throw err;
        }
      });
      if (done) navigate(`/commitments/${commitment.id}`, { state: flash('Commitment saved') });
    } else {
      const done = await form.run(() =>
        gql(CreateCommitmentDocument, { input: { agencyId: chooseAgency ? v.agencyId : undefined, ...fields } }),
      );
      if (done)
        navigate(`/commitments/${done.createCommitment.id}`, { state: flash('Commitment added', 'Post updates on it as things move.') });
    }
  };

  const people = data.users.filter((u) => u.status !== 'DEACTIVATED' || initial.restrictedUserIds.includes(u.id));
  const groups = data.frameworks
    .map((f) => ({ framework: f, items: f.items.filter((i) => (!i.retiredAt && !f.retiredAt) || v.frameworkItemIds.includes(i.id)) }))
    .filter((g) => g.items.length > 0);
  const visibilityOptions = (['PARTNERSHIP', 'SUB_GROUP', 'AGENCY', 'RESTRICTED'] as Visibility[]).map((x) => ({
    value: x,
    label: x === 'AGENCY' ? 'People in the agency' : VISIBILITY_LABELS[x],
    hint: x === 'AGENCY' ? 'Only the agency’s own people, and the board secretariat.' : VISIBILITY_HINTS[x],
    conditional:
      x === 'SUB_GROUP' ? (
        <Select
          name="subGroupId"
          label="Sub-group"
          options={data.subGroups}
          placeholder="Choose a sub-group"
          value={v.subGroupId}
          onChange={set('subGroupId')}
          error={errors.subGroupId}
        />
      ) : x === 'RESTRICTED' ? (
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
          {conflict && (
            <div className="govuk-inset-text" id="conflict">
              Someone else changed this commitment since you opened it. The form now shows it as it is; make your change again.
            </div>
          )}
          <ErrorSummary
            errors={withDateTargets(errors, dateParts)}
            fields={[...FIELDS, ...['dueDate', 'reviewDate'].flatMap((d) => [`${d}-day`, `${d}-month`, `${d}-year`])]}
          />
          {agencyName && <span className="govuk-caption-l">{agencyName}</span>}
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            {chooseAgency && (
              <Select
                name="agencyId"
                label="Agency making the commitment"
                hint="Its people will keep the commitment up to date."
                placeholder="Choose an agency"
                options={data.agencies}
                value={v.agencyId}
                onChange={set('agencyId')}
                error={errors.agencyId}
              />
            )}
            <TextInput
              name="title"
              label="Commitment"
              hint="What the agency will do, in a sentence."
              value={v.title}
              onChange={set('title')}
              error={errors.title}
              width="full"
            />
            <Textarea
              name="description"
              label="Description (optional)"
              rows={4}
              value={v.description}
              onChange={set('description')}
              error={errors.description}
            />
            <Select
              name="offerArea"
              label="Local offer area"
              hint="The area of the local offer for care leavers it belongs to, or other."
              placeholder={v.offerArea ? undefined : 'Choose an area'}
              options={AREA_ORDER.map((a) => ({ value: a, label: OFFER_AREA_LABELS[a] }))}
              value={v.offerArea}
              onChange={(a) => set('offerArea')(a as OfferArea)}
              error={errors.offerArea}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">How progress is measured (optional)</h2>
            <TextInput
              name="measure"
              label="Measure"
              hint="What is counted, for example “care leavers in apprenticeships”."
              value={v.measure}
              onChange={set('measure')}
              error={errors.measure}
              width="full"
            />
            <TextInput
              name="unit"
              label="Unit"
              hint="For example %, people, £."
              value={v.unit}
              onChange={set('unit')}
              error={errors.unit}
              width="10"
            />
            <TextInput
              name="baseline"
              label="Baseline"
              hint="Where it started."
              value={v.baseline}
              onChange={set('baseline')}
              error={errors.baseline}
              width="10"
            />
            <TextInput name="target" label="Target" value={v.target} onChange={set('target')} error={errors.target} width="10" />
            <Radios
              name="polarity"
              label="Which way is better?"
              value={v.polarity}
              onChange={(p) => set('polarity')(p as Polarity)}
              options={labelOptions(POLARITY_LABELS)}
              error={errors.polarity}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Dates and status</h2>
            <DateField
              name="dueDate"
              legend="Due date"
              hint="When it should be done, for example 31 3 2027. Give a due date, a review date, or both."
              value={v.dueDate}
              onChange={set('dueDate')}
              error={errors.dueDate}
              errorParts={dateParts.dueDate}
            />
            <DateField
              name="reviewDate"
              legend="Review date"
              hint="For an ongoing commitment: when it is next reviewed."
              value={v.reviewDate}
              onChange={set('reviewDate')}
              error={errors.reviewDate}
              errorParts={dateParts.reviewDate}
            />
            <Select
              name="status"
              label="Status"
              value={v.status}
              onChange={(s) => set('status')(s as ActionStatus)}
              options={labelOptions(ACTION_STATUS_LABELS)}
              error={errors.status}
            />
            <Select
              name="rag"
              label="RAG"
              value={v.rag}
              onChange={(r) => set('rag')(r as Rag)}
              options={labelOptions(RAG_LABELS)}
              error={errors.rag}
            />

            {groups.length > 0 && (
              <>
                <h2 className="govuk-heading-m govuk-!-margin-top-8">Framework items (optional)</h2>
                <p className="govuk-body">The principles and promises this commitment delivers. Select all that apply.</p>
                {groups.map((g, i) => (
                  <Checkboxes
                    key={g.framework.id}
                    name={i === 0 ? 'frameworkItemIds' : `frameworkItemIds-${i + 1}`}
                    legend={g.framework.name}
                    small
                    error={i === 0 ? errors.frameworkItemIds : undefined}
                    options={g.items.map((item) => ({ value: item.id, label: `${itemLabel(item)}${item.retiredAt ? ' (retired)' : ''}` }))}
                    value={v.frameworkItemIds}
                    onChange={set('frameworkItemIds')}
                  />
                ))}
              </>
            )}

            <h2 className="govuk-heading-m govuk-!-margin-top-8">Who can see it</h2>
            <ConditionalRadios
              name="visibility"
              label="Who can see this commitment?"
              options={visibilityOptions}
              value={v.visibility}
              onChange={(x) => set('visibility')(x as Visibility)}
              error={errors.visibility}
            />

            <h2 className="govuk-heading-m govuk-!-margin-top-8">The local offer for care leavers</h2>
            <div className="govuk-form-group">
              <div className="govuk-checkboxes" data-module="govuk-checkboxes">
                <SingleCheckbox
                  name="inLocalOffer"
                  label="This is part of the local offer"
                  hint="The secretariat publishes the local offer; this commitment appears in it from the next version."
                  checked={v.inLocalOffer}
                  onChange={set('inLocalOffer')}
                />
              </div>
            </div>
            {v.inLocalOffer && (
              <>
                <Textarea
                  name="offerWording"
                  label="What care leavers are told"
                  hint="In plain words, speaking to the young person: “You can …”. This is what the public page shows."
                  rows={4}
                  value={v.offerWording}
                  onChange={set('offerWording')}
                  error={errors.offerWording}
                />
                <TextInput
                  name="offerEligibility"
                  label="Who is eligible (optional)"
                  hint="For example “Care leavers aged 18 to 25 living in Riverside”."
                  value={v.offerEligibility}
                  onChange={set('offerEligibility')}
                  error={errors.offerEligibility}
                  width="full"
                />
              </>
            )}

            <div className="govuk-button-group">
              <Button busy={form.busy}>{commitment ? 'Save changes' : 'Add commitment'}</Button>
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
