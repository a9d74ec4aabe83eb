/**
 * /annual-update?period=2026-27: the secretariat's corporate parenting annual update for a
 * financial year (this one unless another is chosen). With none yet, it is drafted from the
 * workspace; then the title and each section's heading and text are amended here, sections
 * added, removed or moved, and saved with the version read, so a save over someone else's is
 * refused and theirs shown. "Draft it again" (after a confirm) replaces every edit with a fresh
 * draft. The PDF is the update as last saved.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ErrorSummary, TextInput, Textarea, errorsFrom, useApiForm, type Errors } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, flash, formatDateTime, useQuery } from '../../components/lists';
import { WarningText } from '../../components/govuk';
import { graphql } from '../../gql';
import type { AnnualUpdateFieldsFragment } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { ensureAccessToken } from '../../lib/session';
import { usePageTitle } from '../../lib/page';
import { DoneBanner, done, type Done } from '../notifications/common';
import { YearChooser, usePeriod, yearInWords } from '../principles/common';

export const AnnualUpdateFieldsFragmentDoc = graphql(`
  fragment AnnualUpdateFields on AnnualUpdate {
    id
    period
    title
    version
    generatedAt
    updatedAt
    sections {
      heading
      body
    }
  }
`);

const AnnualUpdateDocument = graphql(`
  query AnnualUpdatePage($period: String!) {
    annualUpdate(period: $period) {
      ...AnnualUpdateFields
    }
  }
`);

const GenerateAnnualUpdateDocument = graphql(`
  mutation GenerateAnnualUpdate($input: GenerateAnnualUpdateInput!) {
    generateAnnualUpdate(input: $input) {
      ...AnnualUpdateFields
    }
  }
`);

const UpdateAnnualUpdateDocument = graphql(`
  mutation UpdateAnnualUpdate($input: UpdateAnnualUpdateInput!) {
    updateAnnualUpdate(input: $input) {
      ...AnnualUpdateFields
    }
  }
`);

type Update = AnnualUpdateFieldsFragment;
interface Section {
  /** Stable across moves and removals, so React keeps each textarea with its own text. */
  key: number;
  heading: string;
  body: string;
}

const headingField = (i: number) => `section-${i}-heading`;
const bodyField = (i: number) => `section-${i}-body`;

export function AnnualUpdatePage() {
  const period = usePeriod();
  const q = useQuery(async () => (await gql(AnnualUpdateDocument, { period })).annualUpdate ?? null, [period]);
  return (
    <>
      <FlashBanner />
      <span className="govuk-caption-l">
        {period} ({yearInWords(period)})
      </span>
      <h1 className="govuk-heading-l">Annual update</h1>
      <p className="govuk-body">
        The partnership&apos;s corporate parenting annual update for a financial year: drafted from the workspace, then amended here before
        it goes to the council.
      </p>
      <YearChooser period={period} action="/annual-update" />
      <Loaded query={q}>
        {(u) => (u ? <Editor key={`${u.id}:${u.version}`} update={u} /> : <NoDraft period={period} onDrafted={q.reload} />)}
      </Loaded>
    </>
  );
}

function NoDraft({ period, onDrafted }: { period: string; onDrafted: () => void }) {
  const form = useApiForm();
  usePageTitle(`Annual update ${period}`, form.hasErrors);
  const draft = async (e: FormEvent) => {
    e.preventDefault();
    const made = await form.run(() => gql(GenerateAnnualUpdateDocument, { input: { period, replace: false } }));
    if (made) onDrafted();
  };
  return (
    <form onSubmit={draft} noValidate id="draft-form">
      <ErrorSummary errors={form.errors} fields={[]} />
      <h2 className="govuk-heading-m">There is no annual update for {period} yet</h2>
      <p className="govuk-body">
        Draft it from the workspace: the year&apos;s completed actions and met commitments, what was slower to progress, the scorecard
        against statistical neighbours and England, and what young people said and what was done. You can then change every part of it.
      </p>
      <Button busy={form.busy}>Draft it from the workspace</Button>
    </form>
  );
}

function Editor({ update: initial }: { update: Update }) {
  const [title, setTitle] = useState(initial.title);
  const [sections, setSections] = useState<Section[]>(() => initial.sections.map((s, i) => ({ key: i, ...s })));
  const [nextKey, setNextKey] = useState(initial.sections.length);
  const [version, setVersion] = useState(initial.version);
  const [updatedAt, setUpdatedAt] = useState(initial.updatedAt);
  const [theirs, setTheirs] = useState<Pick<Update, 'title' | 'sections'> | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Done>();
  const [downloadError, setDownloadError] = useState('');
  usePageTitle(`Annual update ${initial.period}`, Object.keys(errors).length > 0);

  const change = (i: number, patch: Partial<Section>) => setSections((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) =>
    setSections((all) => {
      const next = [...all];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });
  const add = () => {
    setSections((all) => [...all, { key: nextKey, heading: '', body: '' }]);
    setNextKey((k) => k + 1);
    // After React has drawn the new section, its heading takes the focus.
    setTimeout(() => document.getElementById(headingField(sections.length))?.focus(), 0);
  };
  const remove = (i: number) => {
    setSections((all) => all.filter((_, j) => j !== i));
    setMessage(done(`Section ${i + 1} removed`, 'It goes from the update when you save your changes.'));
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    try {
      const saved = (
        await gql(UpdateAnnualUpdateDocument, {
          input: { id: initial.id, version, title, sections: sections.map((s) => ({ heading: s.heading, body: s.body })) },
        })
      ).updateAnnualUpdate;
      setVersion(saved.version);
      setUpdatedAt(saved.updatedAt);
      setTitle(saved.title);
      setSections(saved.sections.map((s, i) => ({ key: nextKey + i, ...s })));
      setNextKey((k) => k + saved.sections.length);
      setTheirs(null);
      setMessage(done('Annual update saved', `Version ${saved.version}. The PDF now has these changes.`));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        const current = err.extensions.current as Partial<Update> | undefined;
        if (current?.version !== undefined) setVersion(current.version);
        setTheirs({ title: current?.title ?? '', sections: current?.sections ?? [] });
        setErrors({
          form: 'Someone else saved this annual update since you opened it, so your changes have not been saved. Theirs are shown below your form: check yours against them, then save again.',
        });
      } else if (err instanceof ApiError && err.fields.length) {
        const out: Errors = {};
        for (const [key, text] of Object.entries(errorsFrom(err.fields))) {
          const at = /^sections\.(\d+)\.(heading|body)$/.exec(key);
          if (key === 'title') out.title = text;
          else if (at)
            out[at[2] === 'heading' ? headingField(Number(at[1])) : bodyField(Number(at[1]))] = `Section ${Number(at[1]) + 1}: ${text}`;
          else out.form = text;
        }
        setErrors(out);
      } else setErrors({ form: err instanceof Error ? err.message : 'Something went wrong. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    setDownloadError('');
    try {
      const token = await ensureAccessToken();
      // A fetch, not a link: the api reads the session from the Authorization header, which a plain link cannot send.
      const res = await fetch(`/annual-updates/${initial.id}.pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        throw new Error(body.message ?? 'The PDF could not be made. Try again.');
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `annual-update-${initial.period}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setDownloadError(err instanceof Error ? err.message : 'The PDF could not be made. Try again.');
    }
  };

  const fieldIds = ['title', ...sections.flatMap((_, i) => [headingField(i), bodyField(i)])];
  return (
    <>
      <DoneBanner done={message} id="annual-done" />
      <ErrorSummary errors={errors} fields={fieldIds} />
      <p className="govuk-body app-muted" id="annual-version">
        Version {version}, last saved {formatDateTime(updatedAt)}. Drafted from the workspace {formatDateTime(initial.generatedAt)}.
      </p>
      <div className="govuk-button-group">
        <Button secondary type="button" onClick={() => void download()}>
          Download as PDF
        </Button>
        <Link className="govuk-link" to={`/annual-update/draft-again?period=${initial.period}`}>
          Draft it again from the workspace
        </Link>
      </div>
      {downloadError && (
        <p className="govuk-error-message" role="alert" id="download-error">
          <span className="govuk-visually-hidden">Error:</span> {downloadError}
        </p>
      )}
      <p className="govuk-body">The PDF has the update as last saved: save your changes first.</p>

      <form onSubmit={save} noValidate id="annual-form">
        <TextInput name="title" label="Title" value={title} onChange={setTitle} error={errors.title} width="full" />
        <h2 className="govuk-heading-m">Sections</h2>
        {sections.length === 0 && (
          <p className="govuk-body" id="no-sections">
            The update has no sections.
          </p>
        )}
        {sections.map((s, i) => (
          <fieldset className="govuk-fieldset app-annual-section govuk-!-margin-bottom-6" key={s.key} data-section={i + 1}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Section {i + 1}
              {s.heading.trim() ? `: ${s.heading.trim()}` : ''}
            </legend>
            <TextInput
              name={headingField(i)}
              label="Heading"
              value={s.heading}
              onChange={(v) => change(i, { heading: v })}
              error={errors[headingField(i)]}
              width="full"
            />
            <Textarea
              name={bodyField(i)}
              label="Text"
              hint="Start a line with a dash and a space (- ) to make it a bullet point."
              rows={8}
              value={s.body}
              onChange={(v) => change(i, { body: v })}
              error={errors[bodyField(i)]}
            />
            <div className="govuk-button-group">
              {i > 0 && (
                <Button secondary type="button" onClick={() => move(i, -1)}>
                  Move up<span className="govuk-visually-hidden"> section {i + 1}</span>
                </Button>
              )}
              {i < sections.length - 1 && (
                <Button secondary type="button" onClick={() => move(i, 1)}>
                  Move down<span className="govuk-visually-hidden"> section {i + 1}</span>
                </Button>
              )}
              <Button warning type="button" onClick={() => remove(i)}>
                Remove<span className="govuk-visually-hidden"> section {i + 1}</span>
              </Button>
            </div>
          </fieldset>
        ))}
        <div className="govuk-button-group">
          <Button secondary type="button" onClick={add}>
            Add a section
          </Button>
        </div>
        <Button busy={busy}>Save changes</Button>
      </form>

      {theirs && (
        <section className="govuk-inset-text" id="theirs" aria-labelledby="theirs-heading">
          <h2 className="govuk-heading-m" id="theirs-heading">
            As someone else saved it
          </h2>
          <p className="govuk-body govuk-!-font-weight-bold">{theirs.title}</p>
          {theirs.sections.map((s, i) => (
            <div key={i}>
              <h3 className="govuk-heading-s">{s.heading}</h3>
              {s.body.trim() ? <MultilineText text={s.body} /> : <p className="govuk-body">No text</p>}
            </div>
          ))}
        </section>
      )}
    </>
  );
}

/** /annual-update/draft-again?period=…: a confirm before a fresh draft replaces every edit. */
export function DraftAnnualUpdateAgainPage() {
  const period = usePeriod();
  const navigate = useNavigate();
  const form = useApiForm();
  usePageTitle(`Draft the ${period} annual update again`, form.hasErrors);
  const back = `/annual-update?period=${period}`;
  const q = useQuery(async () => (await gql(AnnualUpdateDocument, { period })).annualUpdate ?? null, [period]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const made = await form.run(() => gql(GenerateAnnualUpdateDocument, { input: { period, replace: true } }));
    if (made)
      navigate(back, { state: flash(`The ${period} annual update was drafted again`, `Version ${made.generateAnnualUpdate.version}.`) });
  };
  return (
    <Loaded query={q}>
      {(u) =>
        u ? (
          <form onSubmit={submit} noValidate>
            <ErrorSummary errors={form.errors} fields={[]} />
            <span className="govuk-caption-l">Annual update {period}</span>
            <h1 className="govuk-heading-l">Draft the annual update again?</h1>
            <p className="govuk-body">A fresh draft is made from the workspace as it is today.</p>
            <WarningText>
              It replaces the title and every section, with all the changes made since it was drafted (version {u.version}).
            </WarningText>
            <div className="govuk-button-group">
              <Button warning busy={form.busy}>
                Yes, draft it again
              </Button>
              <Link className="govuk-link" to={back}>
                Cancel
              </Link>
            </div>
          </form>
        ) : (
          <>
            <h1 className="govuk-heading-l">There is no annual update for {period} yet</h1>
            <p className="govuk-body">
              <Link className="govuk-link" to={back}>
                Draft it from the workspace
              </Link>
            </p>
          </>
        )
      }
    </Loaded>
  );
}
