/**
 * The secretariat's reminder rules: /admin/reminders lists each kind of reminder with who
 * hears and when, in words; /admin/reminders/:kind changes one (on or off, and only the
 * settings that rule has) and previews its e-mail, alone or in a daily or weekly summary.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, ErrorSummary, Radios, Select, TextInput, useApiForm, type Errors } from '../../components/forms';
import { NotFound } from '../../components/layout';
import { FlashBanner, Loaded, Tag, flash, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { DeliveryMode, NotificationKind, ReminderRuleFieldsFragment, SetReminderRuleInput } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { Breadcrumbs } from '../workplans/common';
import { NumberInput } from '../workplans/fields';
import { onlyFields } from './shared';

export const ReminderRuleFieldsFragmentDoc = graphql(`
  fragment ReminderRuleFields on ReminderRule {
    kind
    label
    description
    enabled
    daysBefore
    repeatEveryDays
    chairAfterDays
    secretariatAfterDays
    settings
    isDefault
  }
`);

const ReminderRulesDocument = graphql(`
  query ReminderRules {
    reminderRules {
      ...ReminderRuleFields
    }
  }
`);

const SetReminderRuleDocument = graphql(`
  mutation SetReminderRule($input: SetReminderRuleInput!) {
    setReminderRule(input: $input) {
      ...ReminderRuleFields
    }
  }
`);

const EmailPreviewDocument = graphql(`
  query EmailPreview($kind: NotificationKind!, $digest: DeliveryMode) {
    emailPreview(kind: $kind, digest: $digest) {
      subject
      text
      html
    }
  }
`);

type Rule = ReminderRuleFieldsFragment;
type NumberField = 'repeatEveryDays' | 'chairAfterDays' | 'secretariatAfterDays';

/** The rule's address: ACTION_DUE is /admin/reminders/action-due. */
export function ruleSlug(kind: NotificationKind): string {
  return kind.toLowerCase().replace(/_/g, '-');
}

/** What "days before" counts to, for each kind that has them; report deadlines count working days. */
const BEFORE: Partial<Record<NotificationKind, { what: string; working?: boolean }>> = {
  ACTION_DUE: { what: 'the due date' },
  REPORT_DEADLINE: { what: 'the report deadline', working: true },
  COMMITMENT_REVIEW_DUE: { what: 'the review date' },
  VOICE_RESPONSE_DUE: { what: 'the answer is due' },
};

function beforeOf(kind: NotificationKind): { what: string; working?: boolean } {
  return BEFORE[kind] ?? { what: 'the date' };
}

/** The label of the days-before field: "Days before the due date", "Working days before the report deadline". */
function daysBeforeLabel(kind: NotificationKind): string {
  const b = beforeOf(kind);
  return `${b.working ? 'Working days' : 'Days'} before ${b.what}`;
}

function listOf(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "14 and 3 days before the due date, and on the day"; 0 is "on the day". */
export function daysBeforeWords(kind: NotificationKind, days: readonly number[]): string {
  const b = beforeOf(kind);
  const sorted = [...new Set(days)].sort((x, y) => y - x);
  const ahead = sorted.filter((d) => d > 0);
  const parts: string[] = [];
  if (ahead.length) {
    const unit = ahead.length === 1 && ahead[0] === 1 ? 'day' : 'days';
    parts.push(`${listOf(ahead.map(String))} ${b.working ? 'working ' : ''}${unit} before ${b.what}`);
  }
  if (sorted.includes(0)) parts.push(parts.length ? 'and on the day' : `on the day (${b.what.replace(/^the /, '')})`);
  return parts.length ? capitalise(parts.join(', ')) : 'No days given';
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** Each of the rule's settings, in words, as summary rows. */
function settingRows(rule: Rule): Array<{ key: string; label: string; value: string }> {
  const rows: Array<{ key: string; label: string; value: string }> = [];
  for (const s of rule.settings) {
    if (s === 'daysBefore') rows.push({ key: s, label: 'When', value: daysBeforeWords(rule.kind, rule.daysBefore) });
    if (s === 'repeatEveryDays')
      rows.push({
        key: s,
        label: 'Owner reminded',
        value: rule.repeatEveryDays ? `Every ${days(rule.repeatEveryDays)} while it is overdue` : 'Not reminded again',
      });
    if (s === 'chairAfterDays')
      rows.push({
        key: s,
        label: 'Chair told',
        value: rule.chairAfterDays ? `When it is ${days(rule.chairAfterDays)} overdue` : 'Not told',
      });
    if (s === 'secretariatAfterDays')
      rows.push({
        key: s,
        label: 'Secretariat told',
        value: rule.secretariatAfterDays ? `When it is ${days(rule.secretariatAfterDays)} overdue` : 'Not told',
      });
  }
  return rows;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

/** /admin/reminders: every reminder rule as a summary card with its settings in words. */
export function ReminderRulesPage() {
  usePageTitle('Reminders');
  const q = useQuery(() => gql(ReminderRulesDocument), []);
  return (
    <>
      <FlashBanner />
      <span className="govuk-caption-l">Partnership</span>
      <h1 className="govuk-heading-l">Reminders</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            When the workspace reminds people in this partnership, and who it tells. Each person chooses whether they get an e-mail at once
            or a daily or weekly summary.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/admin/failed-jobs" id="failed-jobs-link">
              See reminder and e-mail jobs that failed
            </Link>
          </p>
        </div>
      </div>
      <Loaded query={q}>
        {({ reminderRules }) => (
          <div id="reminder-rules">
            {reminderRules.map((r) => (
              <div className="govuk-summary-card" key={r.kind} data-kind={r.kind}>
                <div className="govuk-summary-card__title-wrapper">
                  <h2 className="govuk-summary-card__title">
                    {r.label}
                    {r.isDefault && (
                      <>
                        {' '}
                        <Tag colour="grey">Default</Tag>
                      </>
                    )}
                  </h2>
                  <ul className="govuk-summary-card__actions">
                    <li className="govuk-summary-card__action">
                      <Link className="govuk-link" to={`/admin/reminders/${ruleSlug(r.kind)}`}>
                        Change<span className="govuk-visually-hidden"> {r.label.toLowerCase()}</span>
                      </Link>
                    </li>
                  </ul>
                </div>
                <div className="govuk-summary-card__content">
                  <dl className="govuk-summary-list">
                    <Row label="Sent">{r.enabled ? 'Yes' : 'No, turned off'}</Row>
                    <Row label="Who hears">{r.description}</Row>
                    {r.enabled &&
                      settingRows(r).map((row) => (
                        <Row key={row.key} label={row.label}>
                          <span data-setting={row.key}>{row.value}</span>
                        </Row>
                      ))}
                  </dl>
                </div>
              </div>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}

/** /admin/reminders/:kind: the change form and the e-mail preview. */
export function ReminderRulePage() {
  const { kind: slug = '' } = useParams();
  const q = useQuery(() => gql(ReminderRulesDocument), []);
  return (
    <Loaded query={q}>
      {({ reminderRules }) => {
        const rule = reminderRules.find((r) => ruleSlug(r.kind) === slug);
        return rule ? <ReminderRuleView key={rule.kind} rule={rule} /> : <NotFound />;
      }}
    </Loaded>
  );
}

interface Values {
  enabled: 'yes' | 'no';
  daysBefore: string;
  repeatEveryDays: string;
  chairAfterDays: string;
  secretariatAfterDays: string;
}

const NUMBER_FIELDS: Record<NumberField, { label: string; hint: string; error: string }> = {
  repeatEveryDays: {
    label: 'How often should the owner be reminded while the action is overdue?',
    hint: 'Every this many days, from 1 to 90. Leave it empty to remind them only once it is overdue by the days below.',
    error: 'Enter how often the owner is reminded as a whole number of days',
  },
  chairAfterDays: {
    label: 'How many days overdue before the sub-group’s chair is told?',
    hint: 'Leave it empty if the chair is not told.',
    error: 'Enter the days overdue before the chair is told as a whole number',
  },
  secretariatAfterDays: {
    label: 'How many days overdue before the secretariat is told?',
    hint: 'At least as many as for the chair. Leave it empty if the secretariat is not told.',
    error: 'Enter the days overdue before the secretariat is told as a whole number',
  },
};

const FIELD_ORDER = ['enabled', 'daysBefore', 'repeatEveryDays', 'chairAfterDays', 'secretariatAfterDays'];

/** "14, 3, 0" as [14, 3, 0]; null when any part is not a whole number (an empty box is []). */
export function parseDays(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.some((p) => !/^\d{1,6}$/.test(p))) return null;
  return parts.map(Number);
}

function ReminderRuleView({ rule }: { rule: Rule }) {
  const navigate = useNavigate();
  const form = useApiForm();
  const has = (f: string) => rule.settings.includes(f);
  const fields = FIELD_ORDER.filter((f) => f === 'enabled' || has(f));
  const errors = onlyFields(form.errors, fields);
  usePageTitle(`Change reminder: ${rule.label}`, form.hasErrors);
  const [v, setV] = useState<Values>({
    enabled: rule.enabled ? 'yes' : 'no',
    daysBefore: rule.daysBefore.join(', '),
    repeatEveryDays: rule.repeatEveryDays?.toString() ?? '',
    chairAfterDays: rule.chairAfterDays?.toString() ?? '',
    secretariatAfterDays: rule.secretariatAfterDays?.toString() ?? '',
  });
  const set = (k: keyof Values) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const daysLabel = daysBeforeLabel(rule.kind);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    const input: SetReminderRuleInput = { kind: rule.kind, enabled: v.enabled === 'yes' };
    if (has('daysBefore')) {
      const parsed = parseDays(v.daysBefore);
      if (parsed === null) found.daysBefore = `${daysLabel} must be whole numbers separated by commas, like 14, 3, 0`;
      else input.daysBefore = parsed;
    }
    for (const f of ['repeatEveryDays', 'chairAfterDays', 'secretariatAfterDays'] as const) {
      if (!has(f)) continue;
      const text = v[f].trim();
      if (!text) input[f] = null;
      else if (!/^\d{1,6}$/.test(text)) found[f] = NUMBER_FIELDS[f].error;
      else input[f] = Number(text);
    }
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const saved = await form.run(() => gql(SetReminderRuleDocument, { input }));
    if (saved) navigate('/admin/reminders', { state: flash('Reminder saved', `${saved.setReminderRule.label}.`) });
  };

  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/admin/partnership', label: 'Partnership' },
          { to: '/admin/reminders', label: 'Reminders' },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} fields={fields} />
          <span className="govuk-caption-l">Change reminder</span>
          <h1 className="govuk-heading-l">{rule.label}</h1>
          <p className="govuk-body" id="rule-description">
            {rule.description}
          </p>
          <form onSubmit={submit} noValidate id="reminder-rule">
            <Radios
              name="enabled"
              label="Send this reminder?"
              value={v.enabled}
              onChange={(x) => set('enabled')(x)}
              options={[
                { value: 'yes', label: 'Yes' },
                { value: 'no', label: 'No' },
              ]}
              error={errors.enabled}
            />
            {has('daysBefore') && (
              <TextInput
                name="daysBefore"
                label={daysLabel}
                hint={`Whole numbers separated by commas, for example 14, 3, 0. Use 0 for a reminder on the day itself.`}
                value={v.daysBefore}
                onChange={set('daysBefore')}
                error={errors.daysBefore}
                width="10"
                spellCheck={false}
              />
            )}
            {(['repeatEveryDays', 'chairAfterDays', 'secretariatAfterDays'] as const).filter(has).map((f) => (
              <NumberInput
                key={f}
                name={f}
                label={NUMBER_FIELDS[f].label}
                hint={NUMBER_FIELDS[f].hint}
                value={v[f]}
                onChange={set(f)}
                error={errors[f]}
                suffix="days"
              />
            ))}
            <div className="govuk-button-group">
              <Button busy={form.busy}>Save reminder</Button>
              <Link className="govuk-link" to="/admin/reminders">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
      <EmailPreview kind={rule.kind} />
    </>
  );
}

const PREVIEW_OPTIONS = [
  { value: '', label: 'A single e-mail' },
  { value: 'DAILY', label: 'In a daily summary' },
  { value: 'WEEKLY', label: 'In a weekly summary' },
];

/** The e-mail as it would go out, with example wording: its subject, the HTML in a sandboxed frame, and the plain text. */
function EmailPreview({ kind }: { kind: NotificationKind }) {
  const [digest, setDigest] = useState<'' | DeliveryMode>('');
  const [choice, setChoice] = useState<'' | DeliveryMode>('');
  const q = useQuery(() => gql(EmailPreviewDocument, { kind, digest: digest || null }), [kind, digest]);
  return (
    <section aria-labelledby="preview-heading" id="email-preview">
      <h2 className="govuk-heading-m" id="preview-heading">
        E-mail preview
      </h2>
      <p className="govuk-body">The e-mail people get for this reminder, with example wording.</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setDigest(choice);
        }}
      >
        <Select
          name="previewAs"
          label="Preview as"
          value={choice}
          onChange={(x) => setChoice(x as '' | DeliveryMode)}
          options={PREVIEW_OPTIONS}
        />
        <Button secondary>Show preview</Button>
      </form>
      <Loaded query={q}>
        {({ emailPreview: p }) => (
          <>
            <dl className="govuk-summary-list">
              <Row label="Subject">
                <span id="preview-subject">{p.subject}</span>
              </Row>
            </dl>
            <iframe
              className="app-email-preview govuk-!-margin-bottom-6"
              id="preview-frame"
              title={`Preview of the e-mail: ${p.subject}`}
              sandbox=""
              srcDoc={p.html}
            />
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Plain text version</span>
              </summary>
              <div className="govuk-details__text">
                <pre className="govuk-body-s app-pre-wrap govuk-!-margin-bottom-0" id="preview-text">
                  {p.text}
                </pre>
              </div>
            </details>
          </>
        )}
      </Loaded>
      <p className="govuk-body">
        <Link className="govuk-link" to="/admin/reminders">
          Back to all reminders
        </Link>
      </p>
    </section>
  );
}
