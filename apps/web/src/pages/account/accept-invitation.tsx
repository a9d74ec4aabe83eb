import { Link, useSearchParams } from 'react-router';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { IncompleteLink, SetPasswordForm } from './set-password';

const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($input: SetPasswordWithTokenInput!) {
    acceptInvitation(input: $input) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/** /accept-invitation?token=…: the link in an invitation; choosing a password activates the account and signs in. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  if (!token) {
    return (
      <IncompleteLink title="This invitation link is not complete">
        <p className="govuk-body">Check you copied the entire link from your invitation.</p>
        <p className="govuk-body">If it still does not work, ask your board secretariat to send you a new invitation.</p>
      </IncompleteLink>
    );
  }
  return (
    <SetPasswordForm
      title="Set your password"
      intro={
        <p className="govuk-body">
          You have been invited to the Partnership Board Workspace. Choose a password to finish setting up your account.
        </p>
      }
      button="Set password and sign in"
      send={async (password) => (await gql(AcceptInvitationDocument, { input: { token, password } })).acceptInvitation}
      done={{
        heading: 'Your password has been set and you are signed in',
        body: 'Use your email address and this password next time you sign in.',
      }}
      afterError={
        <p className="govuk-body">
          If you already set your password,{' '}
          <Link className="govuk-link" to="/sign-in">
            sign in
          </Link>
          .
        </p>
      }
    />
  );
}
