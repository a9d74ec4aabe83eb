/**
 * /admin/personal-data-names: the names the personal-data check looks for in a pack's public
 * edition (children and young people the board discusses, for example), one per line. Saving
 * replaces the list; the audit log records how many, never the names.
 */
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { Loaded, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { DoneBanner, done, type Done } from '../notifications/common';
import { BackLink } from './shared';

const PersonalDataNamesDocument = graphql(`
  query PersonalDataNames {
    personalDataNames
  }
`);

const SetPersonalDataNamesDocument = graphql(`
  mutation SetPersonalDataNames($input: SetPersonalDataNamesInput!) {
    setPersonalDataNames(input: $input)
  }
`);

const TITLE = 'Names the personal-data check looks for';

export function PersonalDataNamesPage() {
  usePageTitle(TITLE);
  const q = useQuery(() => gql(PersonalDataNamesDocument), []);
  return <Loaded query={q}>{(d) => <NamesForm names={d.personalDataNames} />}</Loaded>;
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function NamesForm({ names }: { names: string[] }) {
  const [text, setText] = useState(names.join('\n'));
  const [saved, setSaved] = useState(names.length);
  const [message, setMessage] = useState<Done>();
  const form = useApiForm();
  usePageTitle(TITLE, form.hasErrors);
  // The api names a bad entry by its place in the list (names[3]); the page has one field for them all.
  const nameErrors = Object.entries(form.errors).filter(([k]) => k === 'names' || k.startsWith('names['));
  const errors = nameErrors.length
    ? {
        ...Object.fromEntries(Object.entries(form.errors).filter(([k]) => !k.startsWith('names'))),
        names: nameErrors
          .map(([k, v]) => {
            const i = /^names\[(\d+)\]$/.exec(k);
            return i ? `Line ${Number(i[1]) + 1} (${lines(text)[Number(i[1])] ?? ''}): ${v}` : v;
          })
          .join(' '),
      }
    : form.errors;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(undefined);
    const r = await form.run(() => gql(SetPersonalDataNamesDocument, { input: { names: lines(text) } }));
    if (!r) return;
    setText(r.setPersonalDataNames.join('\n'));
    setSaved(r.setPersonalDataNames.length);
    setMessage(
      done(
        'Names saved',
        `The check looks for ${r.setPersonalDataNames.length} ${r.setPersonalDataNames.length === 1 ? 'name' : 'names'} in packs compiled from now on.`,
      ),
    );
  };

  return (
    <>
      <BackLink to="/admin/partnership" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <DoneBanner done={message} id="names-saved" />
          <ErrorSummary errors={errors} fields={['names']} />
          <h1 className="govuk-heading-l">{TITLE}</h1>
          <p className="govuk-body">
            Before a board pack’s public edition is published, its text is checked for personal data. Besides dates of birth, NHS numbers,
            postcodes, phone numbers and e-mail addresses, it looks for the names on this list: for example, children and young people the
            board may discuss.
          </p>
          <p className="govuk-body" id="names-count">
            The list has {saved} {saved === 1 ? 'name' : 'names'}.
          </p>
          <form onSubmit={submit} noValidate>
            <Textarea
              name="names"
              label="Names to look for"
              hint="One name per line, as it would be written. Capitals do not matter; a name listed twice is kept once."
              value={text}
              onChange={setText}
              error={errors.names}
              rows={10}
            />
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save the names</Button>
              <Link className="govuk-link" to="/admin/partnership">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
