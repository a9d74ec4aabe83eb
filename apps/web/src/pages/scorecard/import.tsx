/**
 * /scorecard/import: the board secretariat imports figures from a CSV file in the shape
 * published statistics use. The browser reads the file; "Check file" asks the api for a dry
 * run, which checks every row and writes nothing; the page shows the report (what would be
 * added or replaced, and every problem by row and column). Only a file with no problems can
 * be imported, and importing writes it all in one go.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ErrorSummary, HintAndError, describedBy, useApiForm } from '../../components/forms';
import { useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { ImportIndicatorValuesMutation } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { MARKER_WORDS } from './common';

const ImportIndicatorValuesDocument = graphql(`
  mutation ImportIndicatorValues($input: ImportIndicatorValuesInput!) {
    importIndicatorValues(input: $input) {
      valid
      imported
      rowCount
      created
      updated
      unchanged
      missing
      errors {
        row
        column
        message
      }
    }
  }
`);

const IndicatorCodesDocument = graphql(`
  query IndicatorCodes {
    indicators {
      id
      code
      name
    }
  }
`);

type Report = ImportIndicatorValuesMutation['importIndicatorValues'];

/** The most the api takes (2,000,000 characters); a file this size in bytes is refused before reading. */
const MAX_BYTES = 2_000_000;

/** The columns the import reads, for the guide on the page. */
const COLUMNS: Array<[string, string]> = [
  [
    'time_period',
    'Required. The period as published statistics write it: the year a reporting year ends, such as 2025; a financial or academic year, such as 202425; or the year of a quarter or month.',
  ],
  [
    'time_identifier',
    'Required. Reporting year (the year to 31 March), Financial year, Academic year or Calendar year; Financial year Q1 to Q4 or Calendar year Q1 to Q4; or a month, such as March.',
  ],
  [
    'geographic_level',
    'Required. Local authority for our own figure; Statistical neighbours, Regional or National (England) for a comparator.',
  ],
  ['indicator', 'Required. The indicator’s code, such as CLA-RATE.'],
  ['value', 'Required. The figure, such as 92 or 10.5 (commas in thousands are fine), or one of the markers below.'],
  ['commentary', 'Optional. For our figure: what it means and what is being done. Left empty, any commentary already recorded stays.'],
  ['area_name', 'Optional. The area’s name, such as Riverside or England, for your own reference.'],
];

const EXAMPLE = `time_period,time_identifier,geographic_level,area_name,indicator,value,commentary
2025,Reporting year,Local authority,Riverside,CLA-RATE,92,Down for the third year
2025,Reporting year,Statistical neighbours,,CLA-RATE,53,
2025,Reporting year,National,England,CLA-RATE,70,
2025,Reporting year,Local authority,Riverside,STAYPUT-18,c,Fewer than six young people`;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ImportFiguresPage() {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<{ name: string; report: Report } | null>(null);
  const form = useApiForm();
  const input = useRef<HTMLInputElement>(null);

  // A file with problems is an error on the page: the summary says how many, and links to the file field.
  const problems = report && !report.valid ? report.errors : [];
  const errors = {
    ...onlyFields(form.errors, ['csvFile']),
    ...(problems.length
      ? {
          csvFile: `The file has ${plural(problems.length, 'problem', 'problems')}. Fix ${problems.length === 1 ? 'it' : 'them'} in the file and check it again`,
        }
      : {}),
  };
  const hasErrors = Object.keys(errors).length > 0;
  usePageTitle(done ? 'Figures imported' : 'Import figures', hasErrors);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    const chosen = input.current?.files?.[0];
    if (!chosen) {
      form.setErrors({ csvFile: 'Select a CSV file' });
      return;
    }
    if (!/\.csv$/i.test(chosen.name) && chosen.type !== 'text/csv') {
      form.setErrors({ csvFile: 'The selected file must be a CSV' });
      return;
    }
    if (chosen.size === 0) {
      form.setErrors({ csvFile: 'The selected file is empty' });
      return;
    }
    if (chosen.size > MAX_BYTES) {
      form.setErrors({ csvFile: 'The selected file must be smaller than 2MB' });
      return;
    }
    const result = await form.run(async () => {
      const text = await chosen.text();
      setFile({ name: chosen.name, text });
      return (await gql(ImportIndicatorValuesDocument, { input: { csv: text, dryRun: true } })).importIndicatorValues;
    });
    if (result) setReport(result);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const result = await form.run(
      async () => (await gql(ImportIndicatorValuesDocument, { input: { csv: file.text, dryRun: false } })).importIndicatorValues,
    );
    if (!result) return;
    if (result.imported) setDone({ name: file.name, report: result });
    // Something changed since the check (an indicator renamed, say): show the problems as they are now.
    else setReport(result);
  };

  const startAgain = () => {
    setReport(null);
    setFile(null);
    setDone(null);
  };

  if (done) return <Imported name={done.name} report={done.report} onAnother={startAgain} />;

  const ready = report?.valid ? report : null;
  const changes = ready ? ready.created + ready.updated : 0;

  return (
    <>
      <BackLink to="/scorecard">Back to the scorecard</BackLink>
      <ErrorSummary errors={errors} fields={['csvFile']} />
      <h1 className="govuk-heading-l">Import figures</h1>

      {ready ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m" id="import-ready">
              {changes === 0 ? 'The file matches the figures already recorded' : `${plural(changes, 'figure', 'figures')} ready to import`}
            </h2>
            <Counts name={file?.name} report={ready} id="import-summary" />
            <p className="govuk-body">Every row has been checked. Nothing has been changed yet.</p>
            <form onSubmit={confirm} noValidate>
              <div className="govuk-button-group">
                {changes > 0 && <Button busy={form.busy}>Import figures</Button>}
                <button type="button" className="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={startAgain}>
                  Choose a different file
                </button>
                <Link className="govuk-link" to="/scorecard">
                  Cancel
                </Link>
              </div>
            </form>
          </div>
        </div>
      ) : (
        <>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <p className="govuk-body">
                Add or replace the scorecard’s figures from a CSV file in the shape published statistics use: one row for each indicator,
                period and area, with the column names below in the first row. The file is checked first; nothing changes until every row is
                right and you import it.
              </p>
              <form onSubmit={check} noValidate>
                <div className={`govuk-form-group${errors.csvFile ? ' govuk-form-group--error' : ''}`}>
                  <label className="govuk-label govuk-label--m" htmlFor="csvFile">
                    Upload a CSV file
                  </label>
                  <HintAndError name="csvFile" hint="Smaller than 2MB." error={errors.csvFile} />
                  <input
                    ref={input}
                    className={`govuk-file-upload${errors.csvFile ? ' govuk-file-upload--error' : ''}`}
                    id="csvFile"
                    name="csvFile"
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby={describedBy('csvFile', 'hint', errors.csvFile)}
                    onChange={() => setReport(null)}
                  />
                </div>
                <div className="govuk-button-group">
                  <Button busy={form.busy}>Check file</Button>
                  <Link className="govuk-link" to="/scorecard">
                    Cancel
                  </Link>
                </div>
              </form>
            </div>
          </div>

          {report && problems.length > 0 && <Problems name={file?.name} report={report} />}
          <Guide />
        </>
      )}
    </>
  );
}

function Counts({ name, report, id }: { name?: string; report: Report; id: string }) {
  const row = (label: string, value: string | number) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
  return (
    <dl className="govuk-summary-list" id={id}>
      {name && row('File', name)}
      {row('Rows of figures', report.rowCount)}
      {row('New figures', report.created)}
      {row('Figures replacing one already recorded', report.updated)}
      {row('Rows the same as what is recorded', report.unchanged)}
      {row('Suppressed or missing, kept as a gap with its marker', report.missing)}
    </dl>
  );
}

function Problems({ name, report }: { name?: string; report: Report }) {
  const badRows = new Set(report.errors.map((e) => e.row)).size;
  return (
    <>
      <h2 className="govuk-heading-m" id="import-problems-heading">
        Problems in {name ?? 'the file'}
      </h2>
      <p className="govuk-body" id="import-problems-count">
        The file has {plural(report.rowCount, 'row', 'rows')} of figures, and {plural(badRows, 'row has', 'rows have')} problems. Nothing
        has been imported. Rows are numbered as a spreadsheet numbers them: the column names are row 1.
      </p>
      <table className="govuk-table govuk-table--small-text-until-tablet" id="import-errors">
        <caption className="govuk-table__caption govuk-visually-hidden">Problems in the file, by row</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '10%' }}>
              Row
            </th>
            <th scope="col" className="govuk-table__header" style={{ width: '22%' }}>
              Column
            </th>
            <th scope="col" className="govuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {report.errors.map((p, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">{p.row}</td>
              <td className="govuk-table__cell">{p.column || 'Whole row'}</td>
              <td className="govuk-table__cell">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Guide() {
  const codes = useQuery(async () => (await gql(IndicatorCodesDocument)).indicators, []);
  return (
    <>
      <h2 className="govuk-heading-m">Columns</h2>
      <p className="govuk-body">Columns can be in any order, and other columns are ignored.</p>
      <table className="govuk-table govuk-table--small-text-until-tablet" id="import-columns">
        <caption className="govuk-table__caption govuk-visually-hidden">The columns the import reads</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '25%' }}>
              Column name
            </th>
            <th scope="col" className="govuk-table__header">
              What it holds
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {COLUMNS.map(([name, what]) => (
            <tr className="govuk-table__row" key={name}>
              <th scope="row" className="govuk-table__header">
                <code>{name}</code>
              </th>
              <td className="govuk-table__cell">{what}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="govuk-heading-m">Suppressed and missing figures</h2>
      <p className="govuk-body">
        Published statistics print a marker instead of a figure that is suppressed or not available. Put the marker in the value column: it
        is kept as a gap with its marker, never as zero, and has no RAG.
      </p>
      <table className="govuk-table govuk-table--small-text-until-tablet" id="import-markers">
        <caption className="govuk-table__caption govuk-visually-hidden">The markers the import understands</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '25%' }}>
              Marker
            </th>
            <th scope="col" className="govuk-table__header">
              Meaning
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {Object.entries(MARKER_WORDS).map(([m, words]) => (
            <tr className="govuk-table__row" key={m}>
              <th scope="row" className="govuk-table__header">
                <code>{m}</code>
              </th>
              <td className="govuk-table__cell">{words}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="govuk-heading-m">An example</h2>
      <pre
        className="govuk-body-s"
        style={{ overflowX: 'auto', padding: '15px', background: '#f3f2f1' }}
        role="region"
        tabIndex={0}
        aria-label="An example file"
      >
        {EXAMPLE}
      </pre>

      {codes.data && codes.data.length > 0 && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">The indicators’ codes</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list" id="indicator-codes">
              {codes.data.map((i) => (
                <li key={i.id}>
                  <code>{i.code}</code>: {i.name}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  );
}

function Imported({ name, report, onAnother }: { name: string; report: Report; onAnother: () => void }) {
  const changed = report.created + report.updated;
  const heading = useRef<HTMLHeadingElement>(null);
  // The page changed without a new address: take focus to what happened, as a new page would.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title" ref={heading} tabIndex={-1}>
            Figures imported
          </h1>
          <div className="govuk-panel__body">{plural(changed, 'figure', 'figures')} added or replaced</div>
        </div>
        <Counts name={name} report={report} id="import-result" />
        <p className="govuk-body">The scorecard and each indicator’s chart now show these figures.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/scorecard">
            Go to the scorecard
          </Link>
        </p>
        <p className="govuk-body">
          <button type="button" className="app-link-button" onClick={onAnother}>
            Import another file
          </button>
        </p>
      </div>
    </div>
  );
}
