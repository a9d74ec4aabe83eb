/**
 * Recording what young people raised (/voice/new) and changing or reassigning it
 * (/voice/:id/edit), for the secretariat. It goes to a sub-group or an agency, or to nobody
 * yet. Changing sends the version read; a stale one answers CONFLICT and the form shows the
 * item as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Select, TextInput, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import {
  DateField,
  EMPTY_DATE,
  checkDate,
  datePartsFrom,
  todayInLondon,
  withDateTargets,
  type DatePart,
  type DateParts,
} from '../../components/dates';
import { Loaded, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { VoiceEditQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, loadAgencyOptions, onlyFields } from '../admin/shared';
import { ConditionalRadios, loadSubGroupOptions } from '../evidence/common';
import { itemLabel, loadFrameworks, type FrameworkWithItems } from '../workplans/common';
import { Checkboxes } from '../workplans/fields';

const VoiceEditDocument = graphql(`
  query VoiceEdit($id: ID!) {
    voiceItem(id: $id) {
      id
      raisedOn
      raisingGroup
      issue
      responseDue
      version
      assignedSubGroup {
        id
      }
      assignedAgency {
        id
      }
      themes {
        id
      }
    }
  }
`);

const CreateVoiceItemDocument = graphql(`
  mutation CreateVoiceItem($input: CreateVoiceItemInput!) {
    createVoiceItem(input: $input) {
      id
    }
  }
`);

const UpdateVoiceItemDocument = graphql(`
  mutation UpdateVoiceItem($input: UpdateVoiceItemInput!) {
    updateVoiceItem(input: $input) {
      id
      version
    }
  }
`);

type Editable = VoiceEditQuery['voiceItem'];

interface Values {
  raisedOn: DateParts;
  raisingGroup: string;
  issue: string;
  themes: string[];
  assignTo: 'SUB_GROUP' | 'AGENCY' | 'NONE';
  subGroupId: string;
  agencyId: string;
  responseDue: DateParts;
}

function valuesFrom(v: Editable): Values {
  return {
    raisedOn: datePartsFrom(v.raisedOn),
    raisingGroup: v.raisingGroup,
    issue: v.issue,
    themes: v.themes.map((t) => t.id),
    assignTo: v.assignedSubGroup ? 'SUB_GROUP' : v.assignedAgency ? 'AGENCY' : 'NONE',
    subGroupId: v.assignedSubGroup?.id ?? '',
    agencyId: v.assignedAgency?.id ?? '',
    responseDue: datePartsFrom(v.responseDue),
  };
}

const FIELDS = [
  'raisedOn',
  'raisingGroup',
  'issue',
  'frameworkItemIds',
  'assignTo',
  'assignedSubGroupId',
  'assignedAgencyId',
  'responseDue',
];

interface FormData {
  subGroups: Option[];
  agencies: Option[];
  frameworks: FrameworkWithItems[];
}

async function loadFormData(): Promise<FormData> {
  const [subGroups, agencies, frameworks] = await Promise.all([loadSubGroupOptions(), loadAgencyOptions(), loadFrameworks(true)]);
  return { subGroups, agencies, frameworks };
}

export function NewVoiceItemPage() {
  usePageTitle('Record what young people raised');
  const q = useQuery(loadFormData, []);
  return (
    <Loaded query={q}>
      {(data) => (
        <VoiceForm
          data={data}
          initial={{
            raisedOn: EMPTY_DATE,
            raisingGroup: '',
            issue: '',
            themes: [],
            assignTo: 'NONE',
            subGroupId: '',
            agencyId: '',
            responseDue: EMPTY_DATE,
          }}
        />
      )}
    </Loaded>
  );
}

export function EditVoiceItemPage() {
  usePageTitle('Change the item');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [item, data] = await Promise.all([gql(VoiceEditDocument, { id }).then((d) => d.voiceItem), loadFormData()]);
    return { item, data };
  }, [id]);
  return <Loaded query={q}>{({ item, data }) => <VoiceForm key={item.id} data={data} initial={valuesFrom(item)} item={item} />}</Loaded>;
}

function VoiceForm({ data, initial, item }: { data: FormData; initial: Values; item?: Editable }) {
  const [v, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(item?.version ?? 0);
  const [dateParts, setDateParts] = useState<Record<string, DatePart[] | undefined>>({});
  const [conflict, setConflict] = useState(false);
  const form = useApiForm();
  const errors = onlyFields(form.errors, [...FIELDS, 'form']);
  const navigate = useNavigate();
  const heading = item ? 'Change the item' : 'Record what young people raised';
  const back = item ? `/voice/${item.id}` : '/voice';
  usePageTitle(heading, form.hasErrors);
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const found: Errors = {};
    const parts: Record<string, DatePart[] | undefined> = {};
    const raised = checkDate('Date raised', v.raisedOn, 'Enter the date it was raised');
    const due = checkDate('Response due date', v.responseDue);
    if (raised.problem) {
      found.raisedOn = raised.problem.message;
      parts.raisedOn = raised.problem.parts;
    } else if (raised.value && raised.value > todayInLondon()) {
      found.raisedOn = 'The date it was raised must be today or in the past';
    }
    if (!v.raisingGroup.trim()) found.raisingGroup = 'Say which group raised it';
    if (!v.issue.trim()) found.issue = 'Say what young people raised';
    if (v.assignTo === 'SUB_GROUP' && !v.subGroupId) found.assignedSubGroupId = 'Choose the sub-group';
    if (v.assignTo === 'AGENCY' && !v.agencyId) found.assignedAgencyId = 'Choose the agency';
    if (due.problem) {
      found.responseDue = due.problem.message;
      parts.responseDue = due.problem.parts;
    }
    setDateParts(parts);
    if (Object.keys(found).length) {
      const ordered: Errors = {};
      for (const k of FIELDS) if (found[k]) ordered[k] = found[k];
      form.setErrors(ordered);
      return;
    }
    const fields = {
      raisedOn: raised.value ?? undefined,
      raisingGroup: v.raisingGroup.trim(),
      issue: v.issue.trim(),
      frameworkItemIds: v.themes,
      assignedSubGroupId: v.assignTo === 'SUB_GROUP' ? v.subGroupId : null,
      assignedAgencyId: v.assignTo === 'AGENCY' ? v.agencyId : null,
      responseDue: due.value,
    };
    if (item) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateVoiceItemDocument, { input: { id: item.id, version, ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = (await gql(VoiceEditDocument, { id: item.id })).voiceItem;
            setValues(valuesFrom(fresh));
            setVersion(fresh.version);
            setConflict(true);
          }
          throw err;
        }
      });
      if (done) navigate(`/voice/${item.id}`, { state: flash('Item saved') });
    } else {
      const done = await form.run(() => gql(CreateVoiceItemDocument, { input: fields }));
      if (done) navigate(`/voice/${done.createVoiceItem.id}`, { state: flash('Item recorded') });
    }
  };

  const groups = data.frameworks
    .map((f) => ({ framework: f, items: f.items.filter((i) => (!i.retiredAt && !f.retiredAt) || v.themes.includes(i.id)) }))
    .filter((g) => g.items.length > 0);

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {conflict && (
            <div className="govuk-inset-text" id="conflict">
              Someone else changed this item since you opened it. The form now shows it as it is; make your change again.
            </div>
          )}
          <ErrorSummary
            errors={withDateTargets(errors, dateParts)}
            fields={[...FIELDS, ...['raisedOn', 'responseDue'].flatMap((d) => [`${d}-day`, `${d}-month`, `${d}-year`])]}
          />
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            <DateField
              name="raisedOn"
              legend="When was it raised?"
              hint="For example 14 10 2026."
              value={v.raisedOn}
              onChange={set('raisedOn')}
              error={errors.raisedOn}
              errorParts={dateParts.raisedOn}
            />
            <TextInput
              name="raisingGroup"
              label="Which group raised it?"
              hint="The group’s name, for example Children in Care Council (11 to 15). Never a child’s name."
              value={v.raisingGroup}
              onChange={set('raisingGroup')}
              error={errors.raisingGroup}
              width="full"
            />
            <Textarea
              name="issue"
              label="What did young people say?"
              hint="In their words where you can."
              rows={5}
              value={v.issue}
              onChange={set('issue')}
              error={errors.issue}
            />
            {groups.map((g, i) => (
              <Checkboxes
                key={g.framework.id}
                name={i === 0 ? 'frameworkItemIds' : `frameworkItemIds-${i + 1}`}
                legend={i === 0 ? `Themes (optional): ${g.framework.name}` : g.framework.name}
                small
                error={i === 0 ? errors.frameworkItemIds : undefined}
                options={g.items.map((it) => ({ value: it.id, label: itemLabel(it) }))}
                value={v.themes}
                onChange={set('themes')}
              />
            ))}
            <ConditionalRadios
              name="assignTo"
              label="Who should answer it?"
              value={v.assignTo}
              onChange={(x) => set('assignTo')(x as Values['assignTo'])}
              error={errors.assignTo}
              options={[
                {
                  value: 'SUB_GROUP',
                  label: 'A sub-group',
                  hint: 'Its chair answers.',
                  conditional: (
                    <Select
                      name="assignedSubGroupId"
                      label="Sub-group"
                      placeholder="Choose a sub-group"
                      options={data.subGroups}
                      value={v.subGroupId}
                      onChange={set('subGroupId')}
                      error={errors.assignedSubGroupId}
                    />
                  ),
                },
                {
                  value: 'AGENCY',
                  label: 'An agency',
                  hint: 'Its own people answer.',
                  conditional: (
                    <Select
                      name="assignedAgencyId"
                      label="Agency"
                      placeholder="Choose an agency"
                      options={data.agencies}
                      value={v.agencyId}
                      onChange={set('agencyId')}
                      error={errors.assignedAgencyId}
                    />
                  ),
                },
                { value: 'NONE', label: 'Not decided yet', hint: 'Only the secretariat and board members see it until it is assigned.' },
              ]}
            />
            <DateField
              name="responseDue"
              legend="When is the answer due? (optional)"
              hint="For example 30 11 2026."
              value={v.responseDue}
              onChange={set('responseDue')}
              error={errors.responseDue}
              errorParts={dateParts.responseDue}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>{item ? 'Save changes' : 'Record item'}</Button>
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
