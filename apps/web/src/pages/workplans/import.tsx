/**
 * /work-plans/:id/import: actions from a CSV file. The browser reads the file; the api
 * checks every row without writing anything (a dry run); the page shows the problems, or
 * how many actions are ready; and importing writes them all in one go.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, HintAndError, describedBy, useApiForm } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { Loaded, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { ImportActionsMutation } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { planHref } from './common';
import { loadPlanById, type Plan } from './work-plan';

const ImportActionsDocument = graphql(`
  mutation ImportActions($input: ImportActionsInput!) {
    importActions(input: $input) {
      valid
      imported
      rowCount
      actionsCreated
      objectivesCreated
      errors {
        row
        column
        message
      }
    }
  }
`);

type ImportResult = ImportActionsMutation['importActions'];

/** The most the api takes (2,000,000 characters); a file this size in bytes is refused before reading. */
const MAX_BYTES = 2_000_000;

/** The columns the import reads, for the guide on the page. */
const COLUMNS: Array<[string, string]> = [
  ['objective', 'Required. The objective the action is under, matched by its title; a new title adds an objective.'],
  ['title', 'Required. The action.'],
  ['description', 'More detail.'],
  ['owner_email', 'Required. The email address of the owner, who must have an account here.'],
  ['lead_agency', 'Required. The lead agency’s name.'],
  ['supporting_agencies', 'Agency names separated by semicolons (;).'],
  ['start_date', 'For example 2027-04-01 or 01/04/2027.'],
  ['due_date', 'Required. For example 2028-03-31 or 31/03/2028.'],
  ['status', 'Not started, In progress, Complete or Cancelled. Blank means Not started.'],
  ['rag', 'Red, Amber or Green. Blank means Green.'],
  ['success_measure', 'How the sub-group will know the action has worked.'],
  ['framework_items', 'Item codes separated by semicolons, for example CPP-A;P3.'],
  ['visibility', 'Partnership, Sub-group or Agency. Blank means Partnership.'],
];

export function ImportActionsPage() {
  usePageTitle('Import actions from CSV');
  const { id = '' } = useParams();
  const q = useQuery(() => loadPlanById(id), [id]);
  return <Loaded query={q}>{({ plan }) => (plan.canEdit ? <ImportForm key={plan.id} plan={plan} /> : <NotFound />)}</Loaded>;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ImportForm({ plan }: { plan: Plan }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const form = useApiForm();
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const back = planHref(plan);

  // A file with problems is an error on the page: the summary says how many, and links to the file field.
  const fileProblems = report && !report.valid ? report.errors : [];
  const errors = {
    ...onlyFields(form.errors, ['csvFile']),
    ...(fileProblems.length
      ? {
          csvFile: `The file has ${plural(fileProblems.length, 'problem', 'problems')}. Fix ${fileProblems.length === 1 ? 'it' : 'them'} in the file and check it again`,
        }
      : {}),
  };
  const hasErrors = Object.keys(errors).length > 0;
  usePageTitle('Import actions from CSV', hasErrors);

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
      return (await gql(ImportActionsDocument, { input: { workPlanId: plan.id, csv: text, dryRun: true } })).importActions;
    });
    if (result) setReport(result);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const result = await form.run(
      async () => (await gql(ImportActionsDocument, { input: { workPlanId: plan.id, csv: file.text, dryRun: false } })).importActions,
    );
    if (!result) return;
    if (result.imported) {
      const objectives = result.objectivesCreated ? ` and ${plural(result.objectivesCreated, 'objective', 'objectives')}` : '';
      navigate(back, { state: flash(`${plural(result.actionsCreated, 'action', 'actions')}${objectives} imported`, `From ${file.name}.`) });
    } else setReport(result);
  };

  const ready = report?.valid ? report : null;

  return (
    <>
      <BackLink to={back} />
      <ErrorSummary errors={errors} fields={['csvFile']} />
      <span className="govuk-caption-l">
        {plan.subGroup.name}: {plan.title}
      </span>
      <h1 className="govuk-heading-l">Import actions from CSV</h1>

      {ready ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h2 className="govuk-heading-m" id="import-ready">
              {ready.actionsCreated === 0
                ? 'There are no actions in the file'
                : `${plural(ready.actionsCreated, 'action', 'actions')} ready to import`}
            </h2>
            <dl className="govuk-summary-list" id="import-summary">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">File</dt>
                <dd className="govuk-summary-list__value">{file?.name}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Actions to add</dt>
                <dd className="govuk-summary-list__value">{ready.actionsCreated}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">New objectives</dt>
                <dd className="govuk-summary-list__value">{ready.objectivesCreated}</dd>
              </div>
            </dl>
            <p className="govuk-body">Every row has been checked. Nothing has been added to the plan yet.</p>
            {ready.actionsCreated > 0 ? (
              <form onSubmit={confirm} noValidate>
                <div className="govuk-button-group">
                  <Button busy={form.busy}>Import {plural(ready.actionsCreated, 'action', 'actions')}</Button>
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    data-module="govuk-button"
                    onClick={() => {
                      setReport(null);
                      setFile(null);
                    }}
                  >
                    Choose a different file
                  </button>
                  <Link className="govuk-link" to={back}>
                    Cancel
                  </Link>
                </div>
              </form>
            ) : (
              <p className="govuk-body">
                <button type="button" className="app-link-button" onClick={() => setReport(null)}>
                  Choose a different file
                </button>
              </p>
            )}
          </div>
        </div>
      ) : (
        <>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <p className="govuk-body">
                Add actions to this plan from a spreadsheet saved as CSV, one action a row, with the column names below in the first row.
                The file is checked first: nothing is added until every row is right and you confirm.
              </p>
              <p className="govuk-body">
                To start from this plan&apos;s actions, use Export CSV on the{' '}
                <Link className="govuk-link" to={back}>
                  plan&apos;s page
                </Link>
                : an exported file imports again.
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
                  <Button busy={form.busy}>Check the file</Button>
                  <Link className="govuk-link" to={back}>
                    Cancel
                  </Link>
                </div>
              </form>
            </div>
          </div>

          {fileProblems.length > 0 && (
            <>
              <h2 className="govuk-heading-m" id="import-problems-heading">
                Problems in {file?.name ?? 'the file'}
              </h2>
              <p className="govuk-body">
                {report && `The file has ${plural(report.rowCount, 'row', 'rows')} of actions. `}Rows are numbered as a spreadsheet numbers
                them: the column names are row 1.
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
                  {fileProblems.map((p, i) => (
                    <tr className="govuk-table__row" key={i}>
                      <td className="govuk-table__cell">{p.row}</td>
                      <td className="govuk-table__cell">{p.column || 'Whole row'}</td>
                      <td className="govuk-table__cell">{p.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          <h2 className="govuk-heading-m">Columns</h2>
          <p className="govuk-body">Columns can be in any order. Column names can use spaces instead of underscores.</p>
          <table className="govuk-table govuk-table--small-text-until-tablet" id="import-columns">
            <caption className="govuk-table__caption govuk-visually-hidden">The columns the import reads</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header" style={{ width: '30%' }}>
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
        </>
      )}
    </>
  );
}
