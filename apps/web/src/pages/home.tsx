import { useAuth, ROLE_LABELS } from '../lib/auth';
import { usePageTitle } from '../lib/page';

export function HomePage() {
  const { me, partnership } = useAuth();
  usePageTitle('Home');
  if (!me) return null;
  return (
    <>
      <span className="govuk-caption-l">{partnership?.name}</span>
      <h1 className="govuk-heading-l">Welcome, {me.name}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Role</dt>
          <dd className="govuk-summary-list__value">{ROLE_LABELS[me.role]}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Agency</dt>
          <dd className="govuk-summary-list__value">{me.agency.name}</dd>
        </div>
      </dl>
    </>
  );
}
