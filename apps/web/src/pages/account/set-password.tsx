import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, ErrorSummary, useApiForm } from '../../components/forms';
import { flash, PasswordInput } from '../../components/govuk';
import type { SessionTokens } from '../../lib/session';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { NEW_PASSWORD_HINT, newPasswordErrors } from './password-rules';

const FIELDS = ['password', 'confirmPassword'];

/**
 * Choosing a password from a one-time link (an invitation or a password reset). The link's
 * token is checked only when the form is sent; a bad one is a summary line with no field.
 */
export function SetPasswordForm({
  title,
  intro,
  button,
  send,
  done,
  afterError,
}: {
  title: string;
  intro?: ReactNode;
  button: string;
  /** Sends the new password with the link's token; answers the new session. */
  send: (password: string) => Promise<SessionTokens>;
  /** The success banner on the home page. */
  done: { heading: string; body?: string };
  /** Shown under the form once the api has refused the link. */
  afterError?: ReactNode;
}) {
  const { me, signOut, startSession } = useAuth();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useApiForm();
  usePageTitle(title, form.hasErrors);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = newPasswordErrors(password, confirm, 'password');
    if (Object.keys(problems).length) {
      form.setErrors(problems);
      return;
    }
    const session = await form.run(() => send(password));
    if (!session) return;
    // Someone else signed in on this browser: end that session rather than leave it behind.
    if (me) await signOut();
    await startSession(session);
    navigate('/', { replace: true, state: flash(done.heading, done.body) });
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={form.errors} fields={FIELDS} />
        <h1 className="govuk-heading-l">{title}</h1>
        {intro}
        {me && (
          <div className="govuk-inset-text">
            You are signed in as {me.name} ({me.email}). Setting a password here signs you out of that account.
          </div>
        )}
        <form onSubmit={submit} noValidate>
          <PasswordInput
            name="password"
            label="New password"
            hint={NEW_PASSWORD_HINT}
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={form.errors.password}
          />
          <PasswordInput
            name="confirmPassword"
            label="Confirm new password"
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
            error={form.errors.confirmPassword}
          />
          <Button busy={form.busy}>{button}</Button>
        </form>
        {form.errors.token && afterError}
      </div>
    </div>
  );
}

/** A link page opened without its token (cut short when copied). */
export function IncompleteLink({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
      </div>
    </div>
  );
}
