import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { flash, PasswordInput } from '../../components/govuk';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { NEW_PASSWORD_HINT, newPasswordErrors } from './password-rules';

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'];

/** /account/password: any signed-in user. The api signs out their other sessions and answers a new one for this browser. */
export function ChangePasswordPage() {
  const { startSession } = useAuth();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useApiForm();
  usePageTitle('Change your password', form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = newPasswordErrors(newPassword, confirm, 'newPassword');
    if (!currentPassword) problems.currentPassword = 'Enter your current password';
    if (Object.keys(problems).length) {
      // In page order, so the summary lists them as the fields appear.
      form.setErrors(Object.fromEntries(FIELDS.filter((f) => problems[f]).map((f) => [f, problems[f]])));
      return;
    }
    const data = await form.run(() => gql(ChangePasswordDocument, { input: { currentPassword, newPassword } }));
    if (!data) return;
    await startSession(data.changePassword);
    navigate('/', { state: flash('Your password has been changed', 'You have been signed out on your other devices.') });
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={form.errors} fields={FIELDS} />
        <h1 className="govuk-heading-l">Change your password</h1>
        <p className="govuk-body">When you change your password, you will be signed out on your other devices.</p>
        <form onSubmit={submit} noValidate>
          <PasswordInput
            name="currentPassword"
            label="Current password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={setCurrentPassword}
            error={form.errors.currentPassword}
          />
          <PasswordInput
            name="newPassword"
            label="New password"
            hint={NEW_PASSWORD_HINT}
            autoComplete="new-password"
            value={newPassword}
            onChange={setNewPassword}
            error={form.errors.newPassword}
          />
          <PasswordInput
            name="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
            error={form.errors.confirmPassword}
          />
          <div className="govuk-button-group">
            <Button busy={form.busy}>Change password</Button>
            <Link className="govuk-link" to="/">
              Cancel
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}
