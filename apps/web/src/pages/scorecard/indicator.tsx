/**
 * /scorecard/:id: one indicator. What it measures and where the figures come from, its
 * target and which way is better, a line chart of its figures against the comparators with
 * every figure in a table under it, and, for those who may (canRecord: the secretariat and
 * the chair of its sub-group), a form to record a figure with its commentary.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, Textarea, useApiForm, type Errors, type Option } from '../../components/forms';
import { NotificationBanner } from '../../components/govuk';
import { FlashBanner, Loaded, MultilineText, Tag, formatDate, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { IndicatorFrequency, IndicatorPageQuery, ValueArea } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { LinkButton, itemLabel } from '../workplans/common';
import { IndicatorChart } from './chart';
import {
  AREA_HINTS,
  AREA_LABELS,
  FREQUENCY_LABELS,
  FiguresTable,
  IndicatorRagTag,
  MARKER_WORDS,
  POLARITY_WORDS,
  UNIT_LABELS,
  figureText,
  formatValue,
  markerText,
  targetText,
} from './common';

const IndicatorPageDocument = graphql(`
  query IndicatorPage($id: ID!) {
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
      retiredAt
      updatedAt
      canRecord
      subGroup {
        id
        name
      }
      frameworkItems {
        id
        code
        title
      }
      series {
        periodStart
        periodEnd
        label
        commentary
        rag
        local {
          value
          marker
        }
        statisticalNeighbours {
          value
          marker
        }
        region {
          value
          marker
        }
        england {
          value
          marker
        }
      }
    }
  }
`);

const RecordIndicatorValueDocument = graphql(`
  mutation RecordIndicatorValue($input: RecordIndicatorValueInput!) {
    recordIndicatorValue(input: $input) {
      id
    }
  }
`);

type Indicator = IndicatorPageQuery['indicator'];

export function IndicatorPage() {
  const { id = '' } = useParams();
  const q = useQuery(async () => (await gql(IndicatorPageDocument, { id })).indicator, [id]);
  usePageTitle(q.data?.name ?? 'Indicator');
  return <Loaded query={q}>{(ind) => <IndicatorView ind={ind} reload={q.reload} />}</Loaded>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

function IndicatorView({ ind, reload }: { ind: Indicator; reload: () => void }) {
  const { me } = useAuth();
  const ours = ind.series.filter((p) => p.local);
  const latest = ours.length ? ours[ours.length - 1] : null;
  const hasTarget = ind.target !== null && ind.target !== undefined;
  return (
    <>
      <BackLink to="/scorecard">Back to the scorecard</BackLink>
      <FlashBanner />
      <span className="govuk-caption-l">{ind.code}</span>
      <h1 className="govuk-heading-l">{ind.name}</h1>
      {ind.retiredAt && (
        <p className="govuk-body">
          <Tag colour="grey">Retired</Tag> Retired on {formatDate(ind.retiredAt)}: it is not on the scorecard.
        </p>
      )}
      {(me?.role === 'SECRETARIAT' || ind.canRecord) && (
        <div className="govuk-button-group">
          {me?.role === 'SECRETARIAT' && (
            <LinkButton to={`/scorecard/${ind.id}/edit`} secondary>
              Change indicator
            </LinkButton>
          )}
          {ind.canRecord && (
            <a className="govuk-link" href="#record-figure">
              Record a figure
            </a>
          )}
        </div>
      )}

      <dl className="govuk-summary-list" id="indicator-latest">
        <Row label="Latest figure">
          {latest ? (
            <>
              {figureText(latest.local, ind.unit)} <span className="app-muted">({latest.label})</span>
            </>
          ) : (
            'No figures yet'
          )}
        </Row>
        <Row label="Target">{targetText(ind.target, ind.unit)}</Row>
        <Row label="RAG">{latest ? <IndicatorRagTag rag={latest.rag} target={ind.target} /> : 'No figures yet'}</Row>
      </dl>

      <h2 className="govuk-heading-m">About this indicator</h2>
      <dl className="govuk-summary-list" id="indicator-details">
        <Row label="Definition">{ind.definition ? <MultilineText text={ind.definition} /> : 'Not given'}</Row>
        <Row label="Source">{ind.source || 'Not given'}</Row>
        <Row label="Unit">{UNIT_LABELS[ind.unit]}</Row>
        <Row label="Which way is better">{POLARITY_WORDS[ind.polarity]}</Row>
        <Row label="Target and tolerance">
          {hasTarget
            ? `${formatValue(ind.target as number, ind.unit)}. Green when it is met; amber when short of it by up to ${formatValue(ind.amberTolerance, ind.unit)}; red when further off.`
            : 'No target, so no RAG.'}
        </Row>
        <Row label="Reported">{FREQUENCY_LABELS[ind.frequency]}</Row>
        <Row label="Sub-group">{ind.subGroup?.name ?? 'None'}</Row>
        <Row label="Principles and framework items">
          {ind.frameworkItems.length ? (
            <ul className="govuk-list">
              {ind.frameworkItems.map((i) => (
                <li key={i.id}>{itemLabel(i)}</li>
              ))}
            </ul>
          ) : (
            'None'
          )}
        </Row>
      </dl>

      {ind.series.length === 0 ? (
        <>
          <h2 className="govuk-heading-m">Figures</h2>
          <p className="govuk-body" id="no-figures">
            No figures have been recorded for this indicator yet.
          </p>
        </>
      ) : (
        <>
          <IndicatorChart
            name={ind.name}
            series={ind.series}
            unit={ind.unit}
            polarity={ind.polarity}
            target={ind.target}
            tableId="figures-table"
          />
          <FiguresTable series={ind.series} unit={ind.unit} target={ind.target} caption="Figures by period" />
        </>
      )}

      {ind.canRecord && <RecordFigureForm ind={ind} onRecorded={reload} />}
    </>
  );
}

// ---- recording a figure ----------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The time_identifier values for each frequency, as published statistics write them. */
const IDENTIFIERS: Record<IndicatorFrequency, string[]> = {
  ANNUAL: ['Reporting year', 'Financial year', 'Academic year', 'Calendar year'],
  QUARTERLY: [1, 2, 3, 4].map((q) => `Financial year Q${q}`).concat([1, 2, 3, 4].map((q) => `Calendar year Q${q}`)),
  MONTHLY: MONTHS,
};

/** The kind of period the indicator's latest figure was given for, so the form starts with it. */
function likelyIdentifier(label: string | undefined, frequency: IndicatorFrequency): string {
  const options = IDENTIFIERS[frequency];
  if (!label) return options[0];
  const quarter = /^Q([1-4]) \d{4}(-\d{2})?$/.exec(label);
  if (quarter) return `${quarter[2] ? 'Financial' : 'Calendar'} year Q${(Number(quarter[1]) % 4) + 1}`;
  const month = MONTHS.findIndex((m) => label.startsWith(`${m} `));
  if (month >= 0) return MONTHS[(month + 1) % 12];
  if (/^Year to 31 March/.test(label)) return 'Reporting year';
  if (/^\d{4}-\d{2}$/.test(label)) return 'Financial year';
  if (/^\d{4}\/\d{2}$/.test(label)) return 'Academic year';
  if (/^\d{4}$/.test(label)) return 'Calendar year';
  return options[0];
}

const RECORD_FIELDS = ['timePeriod', 'timeIdentifier', 'area', 'value', 'commentary'];
const AREAS: ValueArea[] = ['LOCAL', 'STATISTICAL_NEIGHBOURS', 'REGION', 'ENGLAND'];
const MARKER_HELP = Object.entries(MARKER_WORDS)
  .map(([m, w]) => `${m} (${w.toLowerCase()})`)
  .join(', ');

function RecordFigureForm({ ind, onRecorded }: { ind: Indicator; onRecorded: () => void }) {
  const last = ind.series[ind.series.length - 1]?.label;
  const [timePeriod, setTimePeriod] = useState('');
  const [timeIdentifier, setTimeIdentifier] = useState(() => likelyIdentifier(last, ind.frequency));
  const [area, setArea] = useState<ValueArea>('LOCAL');
  const [value, setValue] = useState('');
  const [commentary, setCommentary] = useState('');
  const [recorded, setRecorded] = useState<string | null>(null);
  const form = useApiForm();
  const errors = onlyFields(form.errors, RECORD_FIELDS);
  const identifierOptions: Option[] = IDENTIFIERS[ind.frequency].map((x) => ({ value: x, label: x }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRecorded(null);
    const found: Errors = {};
    if (!timePeriod.trim()) found.timePeriod = 'Enter the period, for example 2025 or 202425';
    if (!value.trim()) found.value = 'Enter the figure, or a marker such as c or x';
    if (commentary.length > 5000) found.commentary = 'Commentary must be 5,000 characters or fewer';
    if (Object.keys(found).length) {
      const ordered: Errors = {};
      for (const k of RECORD_FIELDS) if (found[k]) ordered[k] = found[k];
      form.setErrors(ordered);
      return;
    }
    const done = await form.run(() =>
      gql(RecordIndicatorValueDocument, {
        input: {
          indicatorId: ind.id,
          area,
          timePeriod: timePeriod.trim(),
          timeIdentifier,
          value: value.trim(),
          // Left out, the commentary already stored stays.
          commentary: area === 'LOCAL' && commentary.trim() ? commentary.trim() : undefined,
        },
      }),
    );
    if (done) {
      const raw = value.trim();
      const figure = /^[-+]?[\d,]+(\.\d+)?$/.test(raw) ? figureText({ value: Number(raw.replace(/,/g, '')) }, ind.unit) : markerText(raw);
      setRecorded(`${AREA_LABELS[area]}: ${figure}, for ${timePeriod.trim()} (${timeIdentifier}).`);
      setTimePeriod('');
      setValue('');
      setCommentary('');
      onRecorded();
    }
  };

  return (
    <section aria-labelledby="record-figure" className="govuk-!-margin-top-8">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" id="record-figure">
            Record a figure
          </h2>
          {recorded && (
            <NotificationBanner success heading="Figure recorded">
              <p className="govuk-body">{recorded}</p>
            </NotificationBanner>
          )}
          <ErrorSummary errors={errors} fields={RECORD_FIELDS} />
          <p className="govuk-body">
            A figure for one period, ours or a comparator’s. A figure already recorded for that period is replaced. To record many at once,
            the board secretariat can import them from a CSV file.
          </p>
          <form onSubmit={submit} noValidate>
            <TextInput
              name="timePeriod"
              label="Period (time_period)"
              hint="As published statistics write it: for a reporting year, the year it ends, such as 2025; for a financial or academic year, such as 202425."
              value={timePeriod}
              onChange={setTimePeriod}
              error={errors.timePeriod}
              width="10"
              spellCheck={false}
            />
            <Select
              name="timeIdentifier"
              label="Kind of period (time_identifier)"
              hint={
                ind.frequency === 'ANNUAL'
                  ? 'A reporting year runs to 31 March, as children looked after are counted.'
                  : `${ind.code} is reported ${FREQUENCY_LABELS[ind.frequency].toLowerCase()}.`
              }
              value={timeIdentifier}
              onChange={setTimeIdentifier}
              options={identifierOptions}
              error={errors.timeIdentifier}
            />
            <Radios
              name="area"
              label="Whose figure is it?"
              value={area}
              onChange={(a) => setArea(a as ValueArea)}
              options={AREAS.map((a) => ({ value: a, label: AREA_LABELS[a], hint: AREA_HINTS[a] }))}
              error={errors.area}
            />
            <TextInput
              name="value"
              label={`Figure (${UNIT_LABELS[ind.unit].toLowerCase()})`}
              hint={`A number, such as 92 or 10.5, or the marker published instead of one: ${MARKER_HELP}. A marker is kept as a gap, never as zero.`}
              value={value}
              onChange={setValue}
              error={errors.value}
              width="10"
              spellCheck={false}
            />
            {area === 'LOCAL' && (
              <Textarea
                name="commentary"
                label="Commentary (optional)"
                hint="What the figure means and what is being done about it. Leave it empty to keep any commentary already recorded for the period."
                rows={4}
                value={commentary}
                onChange={setCommentary}
                error={errors.commentary}
              />
            )}
            <Button busy={form.busy}>Record figure</Button>
          </form>
        </div>
      </div>
    </section>
  );
}
