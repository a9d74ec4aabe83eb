/**
 * /admin/failed-jobs: the partnership's reminder and e-mail jobs that failed after their
 * retries, newest first, each with a button to run it again (secretariat).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, useApiForm } from '../../components/forms';
import { Loaded, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { DoneBanner, done, type Done } from '../notifications/common';
import { Breadcrumbs } from '../workplans/common';

const FailedJobsDocument = graphql(`
  query FailedJobs {
    failedJobs {
      id
      name
      description
      failedReason
      attemptsMade
      failedAt
    }
  }
`);

const RetryFailedJobDocument = graphql(`
  mutation RetryFailedJob($input: RetryFailedJobInput!) {
    retryFailedJob(input: $input) {
      id
    }
  }
`);

export function FailedJobsPage() {
  const q = useQuery(() => gql(FailedJobsDocument), []);
  const form = useApiForm();
  const [message, setMessage] = useState<Done>();
  usePageTitle('Failed reminder and e-mail jobs', form.hasErrors);

  const retry = async (id: string) => {
    setMessage(undefined);
    const ok = await form.run(() => gql(RetryFailedJobDocument, { input: { id } }));
    q.reload();
    if (ok) setMessage(done('The job will run again.'));
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/admin/partnership', label: 'Partnership' },
          { to: '/admin/reminders', label: 'Reminders' },
        ]}
      />
      <DoneBanner done={message} id="retry-done" />
      <ErrorSummary errors={form.errors} fields={[]} />
      <h1 className="govuk-heading-l">Failed reminder and e-mail jobs</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            Reminders and e-mails are tried again a few times before they show here. Once the problem is fixed (for example, the e-mail
            service is back), run the job again.
          </p>
        </div>
      </div>
      <Loaded query={q}>
        {({ failedJobs }) =>
          failedJobs.length === 0 ? (
            <p className="govuk-body" id="failed-jobs-empty">
              No reminder or e-mail jobs have failed.
            </p>
          ) : (
            <div role="region" aria-labelledby="failed-jobs-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
              <table className="govuk-table govuk-!-font-size-16" id="failed-jobs" style={{ minWidth: '640px' }}>
                <caption className="govuk-table__caption govuk-table__caption--s" id="failed-jobs-caption">
                  {failedJobs.length === 1 ? '1 job failed' : `${failedJobs.length} jobs failed`}, newest first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Job
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Failed
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Tries
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Why
                    </th>
                    <th scope="col" className="govuk-table__header">
                      <span className="govuk-visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {failedJobs.map((j) => (
                    <tr className="govuk-table__row" key={j.id} data-job-id={j.id}>
                      <th scope="row" className="govuk-table__header govuk-!-font-weight-regular">
                        {j.description}
                      </th>
                      <td className="govuk-table__cell">{j.failedAt ? formatDateTime(j.failedAt) : 'Not known'}</td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{j.attemptsMade}</td>
                      <td className="govuk-table__cell" style={{ overflowWrap: 'anywhere' }}>
                        {j.failedReason || 'No reason given'}
                      </td>
                      <td className="govuk-table__cell">
                        <button
                          type="button"
                          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                          data-module="govuk-button"
                          disabled={form.busy}
                          aria-disabled={form.busy || undefined}
                          onClick={() => void retry(j.id)}
                        >
                          Retry<span className="govuk-visually-hidden"> {j.description}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/reminders">
          Back to reminders
        </Link>
      </p>
    </>
  );
}
