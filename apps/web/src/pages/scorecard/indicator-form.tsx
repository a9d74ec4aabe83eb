/**
 * Adding an indicator to the scorecard (/scorecard/new) and changing or retiring one
 * (/scorecard/:id/edit): the board secretariat's pages. Changing sends the version the page
 * read: when someone else has changed the indicator since, the api answers CONFLICT and the
 * page says so and shows the indicator as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Button,
  ErrorSummary,
  HintAndError,
  Label,
  Radios,
  Select,
  TextInput,
  Textarea,
  describedBy,
  useApiForm,
  type Errors,
  type FieldProps,
  type Option,
} from '../../components/forms';
import { Loaded, flash, labelOptions, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { IndicatorEditQuery, IndicatorFrequency, IndicatorUnit, Polarity } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { loadSubGroupOptions } from '../evidence/common';
import { itemLabel, loadFrameworks, type FrameworkWithItems } from '../workplans/common';
import { Checkboxes } from '../workplans/fields';
import { FREQUENCY_LABELS, POLARITY_WORDS, UNIT_HINTS, UNIT_LABELS } from './common';

const IndicatorEditDocument = graphql(`
  query IndicatorEdit($id: ID!) {
    indicator(id: $id) {
      id
      code
      name
      definition
      unit
      polarity
      target
      amberTolerance
      frequency
      source
      version
      retiredAt
      subGroup {
        id
      }
      frameworkItems {
        id
      }
    }
  }
`);

const CreateIndicatorDocument = graphql(`
  mutation CreateIndicator($input: CreateIndicatorInput!) {
    createIndicator(input: $input) {
      id
    }
  }
`);

const UpdateIndicatorDocument = graphql(`
  mutation UpdateIndicator($input: UpdateIndicatorInput!) {
    updateIndicator(input: $input) {
      id
      version
    }
  }
`);

type Editable = IndicatorEditQuery['indicator'];

async function loadEditable(id: string): Promise<Editable> {
  return (await gql(IndicatorEditDocument, { id })).indicator;
}

interface FormData {
  subGroups: Option[];
  frameworks: FrameworkWithItems[];
}

async function loadFormData(): Promise<FormData> {
  const [subGroups, frameworks] = await Promise.all([loadSubGroupOptions(), loadFrameworks(true)]);
  return { subGroups, frameworks };
}

interface Values {
  code: string;
  name: string;
  definition: string;
  unit: IndicatorUnit | '';
  polarity: Polarity | '';
  target: string;
  amberTolerance: string;
  frequency: IndicatorFrequency | '';
  subGroupId: string;
  source: string;
  frameworkItemIds: string[];
  retired: 'yes' | 'no';
}

const EMPTY: Values = {
  code: '',
  name: '',
  definition: '',
  unit: '',
  polarity: '',
  target: '',
  amberTolerance: '',
  frequency: '',
  subGroupId: '',
  source: '',
  frameworkItemIds: [],
  retired: 'no',
};

const figure = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function valuesFrom(i: Editable): Values {
  return {
    code: i.code,
    name: i.name,
    definition: i.definition,
    unit: i.unit,
    polarity: i.polarity,
    target: figure(i.target),
    amberTolerance: figure(i.amberTolerance),
    frequency: i.frequency,
    subGroupId: i.subGroup?.id ?? '',
    source: i.source,
    frameworkItemIds: i.frameworkItems.map((f) => f.id),
    retired: i.retiredAt ? 'yes' : 'no',
  };
}

/** The form's fields in page order: the error summary lists problems in this order. */
const FIELDS = [
  'code',
  'name',
  'definition',
  'unit',
  'polarity',
  'target',
  'amberTolerance',
  'frequency',
  'subGroupId',
  'source',
  'frameworkItemIds',
  'retired',
];

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const NUMBER = /^-?\d+(\.\d{1,4})?$/;
const readNumber = (s: string): number | null => (s.trim() ? Number(s.trim().replace(/,/g, '')) : null);

function check(v: Values): Errors {
  const errors: Errors = {};
  const code = v.code.trim();
  if (!code) errors.code = 'Enter a short code for the indicator, such as CLA-RATE';
  else if (!CODE.test(code))
    errors.code = 'Code must be up to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit';
  if (!v.name.trim()) errors.name = 'Enter the indicator’s name';
  else if (v.name.trim().length > 200) errors.name = 'Name must be 200 characters or fewer';
  if (v.definition.length > 5000) errors.definition = 'Definition must be 5,000 characters or fewer';
  if (!v.unit) errors.unit = 'Choose a unit';
  if (!v.polarity) errors.polarity = 'Choose whether higher or lower is better';
  for (const [k, label, example] of [
    ['target', 'Target', '80 or 10.5'],
    ['amberTolerance', 'Amber tolerance', '5 or 2.5'],
  ] as const) {
    const s = v[k].trim().replace(/,/g, '');
    if (s && !NUMBER.test(s)) errors[k] = `${label} must be a number, like ${example}`;
  }
  if (!v.frequency) errors.frequency = 'Choose how often it is reported';
  if (v.source.trim().length > 500) errors.source = 'Source must be 500 characters or fewer';
  const ordered: Errors = {};
  for (const k of FIELDS) if (errors[k]) ordered[k] = errors[k];
  return ordered;
}

// ---- pages ---------------------------------------------------------------------------------

/** /scorecard/new */
export function NewIndicatorPage() {
  usePageTitle('Add an indicator');
  const q = useQuery(loadFormData, []);
  return <Loaded query={q}>{(data) => <IndicatorForm data={data} initial={EMPTY} />}</Loaded>;
}

/** /scorecard/:id/edit */
export function ChangeIndicatorPage() {
  usePageTitle('Change indicator');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const [indicator, data] = await Promise.all([loadEditable(id), loadFormData()]);
    return { indicator, data };
  }, [id]);
  return (
    <Loaded query={q}>
      {({ indicator, data }) => <IndicatorForm key={indicator.id} data={data} initial={valuesFrom(indicator)} indicator={indicator} />}
    </Loaded>
  );
}

const UNIT_OPTIONS = (Object.keys(UNIT_LABELS) as IndicatorUnit[]).map((u) => ({ value: u, label: UNIT_LABELS[u], hint: UNIT_HINTS[u] }));
const POLARITY_OPTIONS = labelOptions(POLARITY_WORDS);
const FREQUENCY_OPTIONS = (['ANNUAL', 'QUARTERLY', 'MONTHLY'] as IndicatorFrequency[]).map((f) => ({
  value: f,
  label: FREQUENCY_LABELS[f],
}));
const SUFFIX: Record<IndicatorUnit, string> = { PERCENTAGE: '%', RATE_PER_10000: 'per 10,000', COUNT: '', DAYS: 'days' };

function IndicatorForm({ data, initial, indicator }: { data: FormData; initial: Values; indicator?: Editable }) {
  const [v, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(indicator?.version ?? 0);
  const [conflict, setConflict] = useState(false);
  const form = useApiForm();
  const errors = onlyFields(form.errors, [...FIELDS, 'form']);
  const navigate = useNavigate();
  const heading = indicator ? 'Change indicator' : 'Add an indicator';
  const back = indicator ? `/scorecard/${indicator.id}` : '/scorecard';
  usePageTitle(heading, form.hasErrors);
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    const found = check(v);
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const fields = {
      code: v.code.trim(),
      name: v.name.trim(),
      definition: v.definition,
      unit: v.unit as IndicatorUnit,
      polarity: v.polarity as Polarity,
      target: readNumber(v.target),
      amberTolerance: readNumber(v.amberTolerance) ?? 0,
      frequency: v.frequency as IndicatorFrequency,
      subGroupId: v.subGroupId || null,
      source: v.source.trim(),
      frameworkItemIds: v.frameworkItemIds,
    };
    if (indicator) {
      const done = await form.run(async () => {
        try {
          return await gql(UpdateIndicatorDocument, { input: { id: indicator.id, version, retired: v.retired === 'yes', ...fields } });
        } catch (err) {
          if (err instanceof ApiError && err.code === 'CONFLICT') {
            const fresh = await loadEditable(indicator.id);
            setValues(valuesFrom(fresh));
            setVersion(fresh.version);
            setConflict(true);
          }
          throw err;
        }
      });
      if (done) navigate(`/scorecard/${indicator.id}`, { state: flash('Indicator saved') });
    } else {
      const done = await form.run(() => gql(CreateIndicatorDocument, { input: fields }));
      if (done)
        navigate(`/scorecard/${done.createIndicator.id}`, {
          state: flash('Indicator added', 'Import its figures, or record them on this page.'),
        });
    }
  };

  const groups = data.frameworks
    .map((f) => ({ framework: f, items: f.items.filter((i) => (!i.retiredAt && !f.retiredAt) || v.frameworkItemIds.includes(i.id)) }))
    .filter((g) => g.items.length > 0);
  const suffix = v.unit ? SUFFIX[v.unit] : '';

  return (
    <>
      <BackLink to={back} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {conflict && (
            <div className="govuk-inset-text" id="conflict">
              Someone else changed this indicator since you opened it. The form now shows it as it is; make your change again.
            </div>
          )}
          <ErrorSummary errors={errors} fields={FIELDS} />
          {indicator && <span className="govuk-caption-l">{indicator.code}</span>}
          <h1 className="govuk-heading-l">{heading}</h1>
          <form onSubmit={submit} noValidate>
            <TextInput
              name="code"
              label="Code"
              hint="Short and unique, such as CLA-RATE. The CSV import names indicators by their code."
              value={v.code}
              onChange={set('code')}
              error={errors.code}
              width="20"
              spellCheck={false}
            />
            <TextInput name="name" label="Name" value={v.name} onChange={set('name')} error={errors.name} width="full" />
            <Textarea
              name="definition"
              label="Definition"
              hint="How it is counted, as the published statistics define it."
              rows={5}
              value={v.definition}
              onChange={set('definition')}
              error={errors.definition}
            />
            <Radios
              name="unit"
              label="Unit"
              value={v.unit}
              onChange={(u) => set('unit')(u as IndicatorUnit)}
              options={UNIT_OPTIONS}
              error={errors.unit}
            />
            <Radios
              name="polarity"
              label="Which way is better?"
              value={v.polarity}
              onChange={(p) => set('polarity')(p as Polarity)}
              options={POLARITY_OPTIONS}
              error={errors.polarity}
            />
            <FigureInput
              name="target"
              label="Target (optional)"
              hint="In the unit above, such as 80 for 80 per 10,000. Without a target the indicator has no RAG."
              value={v.target}
              onChange={set('target')}
              error={errors.target}
              suffix={suffix}
            />
            <FigureInput
              name="amberTolerance"
              label="Amber tolerance"
              hint="How far short of the target is still amber rather than red, in the same unit. Leave it empty for none: then anything short of the target is red."
              value={v.amberTolerance}
              onChange={set('amberTolerance')}
              error={errors.amberTolerance}
              suffix={suffix}
            />
            <Radios
              name="frequency"
              label="How often is it reported?"
              value={v.frequency}
              onChange={(f) => set('frequency')(f as IndicatorFrequency)}
              options={FREQUENCY_OPTIONS}
              error={errors.frequency}
            />
            <Select
              name="subGroupId"
              label="Sub-group that owns it (optional)"
              hint="Its chair can record the indicator’s figures and commentary."
              placeholder="No sub-group"
              options={data.subGroups}
              value={v.subGroupId}
              onChange={set('subGroupId')}
              error={errors.subGroupId}
            />
            <TextInput
              name="source"
              label="Source"
              hint="Where the figures come from, such as the SSDA903 return."
              value={v.source}
              onChange={set('source')}
              error={errors.source}
              width="full"
            />
            {groups.length > 0 && (
              <>
                <h2 className="govuk-heading-m govuk-!-margin-top-8">Principles and framework items (optional)</h2>
                <p className="govuk-body">
                  The corporate parenting principles and other framework items this indicator shows. Select all that apply.
                </p>
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
            {indicator && (
              <Radios
                name="retired"
                label="Is it still on the scorecard?"
                value={v.retired}
                onChange={(r) => set('retired')(r as 'yes' | 'no')}
                options={[
                  { value: 'no', label: 'Yes, keep it on the scorecard' },
                  {
                    value: 'yes',
                    label: 'No, retire it',
                    hint: 'It leaves the scorecard. Its figures are kept, and it can be brought back.',
                  },
                ]}
                error={errors.retired}
              />
            )}
            <div className="govuk-button-group">
              <Button busy={form.busy}>{indicator ? 'Save changes' : 'Add indicator'}</Button>
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

/** A figure with its unit after it, as the GOV.UK input with a suffix. */
function FigureInput(props: FieldProps & { value: string; onChange: (v: string) => void; suffix: string }) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <div className="govuk-input__wrapper">
        <input
          className={`govuk-input govuk-input--width-5${error ? ' govuk-input--error' : ''}`}
          id={name}
          name={name}
          type="text"
          inputMode="decimal"
          spellCheck={false}
          value={props.value}
          aria-describedby={describedBy(name, props.hint, error)}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {props.suffix && (
          <div className="govuk-input__suffix" aria-hidden="true">
            {props.suffix}
          </div>
        )}
      </div>
    </div>
  );
}
