import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, ErrorSummary, TextInput, useApiForm } from '../../components/forms';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { SetPasswordForm } from './set-password';

const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input)
  }
`);

const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: SetPasswordWithTokenInput!) {
    resetPassword(input: $input) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/** /reset-password asks for an email address; /reset-password?token=… (the link sent) sets a new password. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  return token ? <NewPassword token={token} /> : <RequestReset />;
}

function NewPassword({ token }: { token: string }) {
  return (
    <SetPasswordForm
      title="Reset your password"
      intro={<p className="govuk-body">Choose a new password. You will be signed out on your other devices.</p>}
      button="Reset password and sign in"
      send={async (password) => (await gql(ResetPasswordDocument, { input: { token, password } })).resetPassword}
      done={{ heading: 'Your password has been reset', body: 'You are signed in. You have been signed out on your other devices.' }}
      afterError={
        <p className="govuk-body">
          <Link className="govuk-link" to="/reset-password">
            Ask for a new password reset link
          </Link>
        </p>
      }
    />
  );
}

function RequestReset() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useApiForm();
  usePageTitle(sentTo ? 'Check your email' : 'Reset your password', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    if (!address) {
      form.setErrors({ email: 'Enter your email address' });
      return;
    }
    const data = await form.run(() => gql(RequestPasswordResetDocument, { input: { email: address } }));
    if (data) setSentTo(address);
  };

  if (sentTo) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            If <strong>{sentTo}</strong> has an account, we have sent a link to reset your password to that address. The link works once and
            expires after a short time.
          </p>
          <div className="govuk-inset-text">
            Email is not set up for this service yet. Until it is, ask your board secretariat to give you a password reset link.
          </div>
          <p className="govuk-body">
            <Link className="govuk-link" to="/sign-in">
              Return to sign in
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={form.errors} fields={['email']} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">Enter the email address you use to sign in. We will send you a link to choose a new password.</p>
        <form onSubmit={submit} noValidate>
          <TextInput
            name="email"
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={form.errors.email}
          />
          <Button busy={form.busy}>Send reset link</Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/sign-in">
            Return to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
