/**
 * /reports/:id/change: the sub-group's chair (or the secretariat) writes the report's four
 * parts and links the sub-group's accepted evidence. Saving sends the version the page read:
 * when someone else has saved the report since, the api answers CONFLICT and the page says
 * so and shows the report as it is now.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { FlashBanner, Loaded, flash, loadAll, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { useFocusHash } from '../admin/board-common';
import { BackLink, onlyFields } from '../admin/shared';
import { Checkboxes } from '../workplans/fields';
import { meetingLabel, reportTitle } from './common';
import { loadReport, type ReportData } from './report';

const ReportEvidenceOptionsDocument = graphql(`
  query ReportEvidenceOptions($subGroupId: ID!, $after: String) {
    evidenceList(filter: { subGroupId: $subGroupId, statuses: [ACCEPTED] }, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          agency {
            id
            name
          }
        }
      }
    }
  }
`);

const UpdateHighlightReportDocument = graphql(`
  mutation UpdateHighlightReport($input: UpdateHighlightReportInput!) {
    updateHighlightReport(input: $input) {
      id
      version
    }
  }
`);

interface EvidenceOption {
  id: string;
  title: string;
  agency: { name: string };
}

async function loadEvidenceOptions(subGroupId: string): Promise<EvidenceOption[]> {
  return loadAll(async (after) => (await gql(ReportEvidenceOptionsDocument, { subGroupId, after })).evidenceList);
}

interface ReportValues {
  summary: string;
  achievements: string;
  risksAndIssues: string;
  asksOfBoard: string;
  evidenceIds: string[];
}

function valuesFrom(r: ReportData): ReportValues {
  return {
    summary: r.summary,
    achievements: r.achievements,
    risksAndIssues: r.risksAndIssues,
    asksOfBoard: r.asksOfBoard,
    evidenceIds: r.evidence.map((e) => e.id),
  };
}

const FIELDS = ['summary', 'achievements', 'risksAndIssues', 'asksOfBoard', 'evidenceIds'];

const CONFLICT_MESSAGE =
  'Someone else changed this report while you were editing it, so your changes have not been saved. The form now shows the report as it is: make your changes again and save.';

export function ChangeReportPage() {
  usePageTitle('Change highlight report');
  const { id = '' } = useParams();
  const q = useQuery(async () => {
    const report = await loadReport(id);
    const evidence = report.canEdit ? await loadEvidenceOptions(report.subGroup.id) : [];
    return { report, evidence };
  }, [id]);
  return (
    <Loaded query={q}>
      {({ report, evidence }) => (report.canEdit ? <ReportForm key={report.id} report={report} evidence={evidence} /> : <NotFound />)}
    </Loaded>
  );
}

function ReportForm({ report, evidence }: { report: ReportData; evidence: EvidenceOption[] }) {
  const [v, setValues] = useState<ReportValues>(valuesFrom(report));
  const [version, setVersion] = useState(report.version);
  const form = useApiForm();
  const errors = onlyFields(form.errors, FIELDS);
  const navigate = useNavigate();
  const back = `/reports/${report.id}`;
  const heading = `Change the ${reportTitle(report)}`;
  usePageTitle(heading, form.hasErrors);
  useFocusHash();

  const set =
    <K extends keyof ReportValues>(k: K) =>
    (value: ReportValues[K]) =>
      setValues((old) => ({ ...old, [k]: value }));

  // Evidence already linked stays on offer even if it is no longer in the accepted list (the api keeps existing links).
  const options = [...evidence, ...report.evidence.filter((e) => !evidence.some((o) => o.id === e.id))].map((e) => ({
    value: e.id,
    label: e.title,
    hint: e.agency.name,
  }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await form.run(async () => {
      try {
        return await gql(UpdateHighlightReportDocument, {
          input: {
            id: report.id,
            version,
            summary: v.summary,
            achievements: v.achievements,
            risksAndIssues: v.risksAndIssues,
            asksOfBoard: v.asksOfBoard,
            // In the order the evidence is offered, which is the order readers see it.
            evidenceIds: options.map((o) => o.value).filter((id) => v.evidenceIds.includes(id)),
          },
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          const fresh = await loadReport(report.id);
          setValues(valuesFrom(fresh));
          setVersion(fresh.version);
          throw new Error(CONFLICT_MESSAGE);
        }
        throw err;
      }
    });
    if (done) navigate(back, { state: flash('Report saved') });
  };

  return (
    <>
      <BackLink to={back} />
      <FlashBanner />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{meetingLabel(report.meeting)}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          <p className="govuk-body">
            Write in plain text. Leave a blank line between paragraphs. You can save and come back before you submit.
          </p>
          <form onSubmit={submit} noValidate>
            <Textarea
              name="summary"
              label="Summary"
              hint="The sub-group's progress since the last meeting, in a few sentences. You need a summary to submit the report."
              rows={6}
              value={v.summary}
              onChange={set('summary')}
              error={errors.summary}
            />
            <Textarea
              name="achievements"
              label="Achievements (optional)"
              hint="What has been done and the difference it has made for children in care and care leavers."
              rows={6}
              value={v.achievements}
              onChange={set('achievements')}
              error={errors.achievements}
            />
            <Textarea
              name="risksAndIssues"
              label="Risks and issues (optional)"
              hint="What could stop the work plan being delivered, and what is being done about it."
              rows={6}
              value={v.risksAndIssues}
              onChange={set('risksAndIssues')}
              error={errors.risksAndIssues}
            />
            <Textarea
              name="asksOfBoard"
              label="Asks of the board (optional)"
              hint="Decisions or help the sub-group needs from the board."
              rows={4}
              value={v.asksOfBoard}
              onChange={set('asksOfBoard')}
              error={errors.asksOfBoard}
            />
            {options.length ? (
              <Checkboxes
                name="evidenceIds"
                legend="Linked evidence (optional)"
                legendClassName="govuk-fieldset__legend--m"
                hint={`Evidence from ${report.subGroup.name} that its chair has accepted. Select all that apply.`}
                options={options}
                value={v.evidenceIds}
                onChange={set('evidenceIds')}
                error={errors.evidenceIds}
              />
            ) : (
              <>
                <h2 className="govuk-heading-m">Linked evidence</h2>
                <p className="govuk-body" id="evidenceIds" tabIndex={-1}>
                  {report.subGroup.name} has no accepted evidence to link yet. Evidence shows here once its chair accepts it.
                </p>
                {errors.evidenceIds && (
                  <p className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {errors.evidenceIds}
                  </p>
                )}
              </>
            )}
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save changes</Button>
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
