import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, ErrorSummary, TextInput, useApiForm } from '../../components/forms';
import { PasswordInput } from '../../components/govuk';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';

const SignInDocument = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { me, startSession } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm();
  usePageTitle('Sign in', form.hasErrors);
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const data = await form.run(() => gql(SignInDocument, { input: { email, password } }));
    if (data) {
      await startSession(data.signIn);
      navigate(safeNext(params.get('next')), { replace: true });
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={form.errors} fields={['email', 'password']} />
        <h1 className="govuk-heading-l">Sign in</h1>
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
          <PasswordInput
            name="password"
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={form.errors.password}
          />
          <Button busy={form.busy}>Sign in</Button>
        </form>
        <p className="govuk-body">
          <Link className="govuk-link" to="/reset-password">
            I have forgotten my password
          </Link>
        </p>
      </div>
    </div>
  );
}
