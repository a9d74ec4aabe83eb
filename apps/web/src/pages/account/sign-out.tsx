import { useEffect } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';

/** /sign-out: ends this browser's session (the api revokes its refresh tokens) and says so. */
export function SignOutPage() {
  const { signOut } = useAuth();
  usePageTitle('You have signed out');
  useEffect(() => {
    void signOut();
  }, [signOut]);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have signed out</h1>
        <p className="govuk-body">Your session on this device has ended.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Sign in again
          </Link>
        </p>
      </div>
    </div>
  );
}
