/**
 * /notifications/settings: how the signed-in person hears about each kind of notification
 * (at once, a daily or weekly summary e-mail, or not at all; security e-mails always go at
 * once), and their private calendar link: made here, shown once, replaced or turned off.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ErrorSummary, Radios, type Errors } from '../../components/forms';
import { WarningText } from '../../components/govuk';
import { Loaded, formatDateTime, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { DeliveryMode, NotificationKind, NotificationSettingsQuery } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { usePageTitle } from '../../lib/page';
import { BackLink } from '../admin/shared';
import { DoneBanner, done, type Done } from './common';

const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationPreferences {
      kind
      label
      mode
      canChange
    }
    calendarFeed {
      createdAt
      lastUsedAt
      url
    }
  }
`);

const SetNotificationPreferenceDocument = graphql(`
  mutation SetNotificationPreference($input: SetNotificationPreferenceInput!) {
    setNotificationPreference(input: $input) {
      kind
      label
      mode
      canChange
    }
  }
`);

const CreateCalendarFeedDocument = graphql(`
  mutation CreateCalendarFeed {
    createCalendarFeed {
      createdAt
      lastUsedAt
      url
    }
  }
`);

const RevokeCalendarFeedDocument = graphql(`
  mutation RevokeCalendarFeed {
    revokeCalendarFeed
  }
`);

type Preference = NotificationSettingsQuery['notificationPreferences'][number];
type Feed = NonNullable<NotificationSettingsQuery['calendarFeed']>;

const MODE_OPTIONS: Array<{ value: DeliveryMode; label: string }> = [
  { value: 'IMMEDIATE', label: 'At once' },
  { value: 'DAILY', label: 'Daily summary' },
  { value: 'WEEKLY', label: 'Weekly summary' },
  { value: 'OFF', label: 'Off' },
];

/** The radios' name, and so the first radio's id, for one kind. */
const modeField = (kind: NotificationKind) => `mode-${kind}`;

export function NotificationSettingsPage() {
  const q = useQuery(() => gql(NotificationSettingsDocument), []);
  const [errors, setErrors] = useState<Errors>({});
  usePageTitle('Notification settings', Object.keys(errors).length > 0);
  return (
    <>
      <BackLink to="/notifications">Back to notifications</BackLink>
      <Loaded query={q}>
        {(data) => (
          <SettingsView preferences={data.notificationPreferences} feed={data.calendarFeed ?? null} errors={errors} setErrors={setErrors} />
        )}
      </Loaded>
    </>
  );
}

function SettingsView({
  preferences,
  feed: initialFeed,
  errors,
  setErrors,
}: {
  preferences: Preference[];
  feed: Feed | null;
  errors: Errors;
  setErrors: (e: Errors) => void;
}) {
  const changeable = preferences.filter((p) => p.canChange);
  const fixed = preferences.filter((p) => !p.canChange);
  const [saved, setSaved] = useState<Record<string, DeliveryMode>>(() => Object.fromEntries(preferences.map((p) => [p.kind, p.mode])));
  const [modes, setModes] = useState<Record<string, DeliveryMode>>(saved);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Done>();
  const [feed, setFeed] = useState<Feed | null>(initialFeed);
  const [newUrl, setNewUrl] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    let next = saved;
    try {
      // One kind at a time, as the api takes them; the first refused stops the rest.
      for (const p of changeable) {
        const mode = modes[p.kind];
        if (mode === next[p.kind]) continue;
        try {
          const all = await gql(SetNotificationPreferenceDocument, { input: { kind: p.kind, mode } });
          next = Object.fromEntries(all.setNotificationPreference.map((x) => [x.kind, x.mode]));
          setSaved(next);
        } catch (err) {
          const message = err instanceof Error ? err.message : 'Something went wrong. Try again.';
          const field = err instanceof ApiError && err.fields.length ? err.fields[0].message : undefined;
          setErrors(field ? { [modeField(p.kind)]: field } : { form: message });
          return;
        }
      }
      setMessage(done('Your notification settings are saved'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DoneBanner done={message} id="settings-done" />
      <ErrorSummary errors={errors} fields={changeable.map((p) => modeField(p.kind))} />
      <h1 className="govuk-heading-l">Notification settings</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">How you hear about each kind of notification</h2>
          <p className="govuk-body">
            Each notification appears in your{' '}
            <Link className="govuk-link" to="/notifications">
              notifications
            </Link>{' '}
            and can be e-mailed to you:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <strong>At once</strong>: an e-mail as soon as it happens
            </li>
            <li>
              <strong>Daily summary</strong> or <strong>Weekly summary</strong>: one e-mail listing them all
            </li>
            <li>
              <strong>Off</strong>: not at all, neither here nor by e-mail
            </li>
          </ul>
          <form onSubmit={submit} noValidate id="preferences">
            {changeable.map((p) => (
              <Radios
                key={p.kind}
                name={modeField(p.kind)}
                label={p.label}
                value={modes[p.kind]}
                onChange={(v) => setModes((m) => ({ ...m, [p.kind]: v as DeliveryMode }))}
                options={MODE_OPTIONS}
                error={errors[modeField(p.kind)]}
                smallInline
              />
            ))}
            <Button busy={busy}>Save settings</Button>
          </form>

          {fixed.length > 0 && (
            <>
              <h2 className="govuk-heading-m">Security e-mails</h2>
              <p className="govuk-body">These keep your account safe, so they cannot be turned off or put in a summary.</p>
              <dl className="govuk-summary-list" id="fixed-preferences">
                {fixed.map((p) => (
                  <div className="govuk-summary-list__row" key={p.kind} data-kind={p.kind}>
                    <dt className="govuk-summary-list__key">{p.label}</dt>
                    <dd className="govuk-summary-list__value">Always sent at once</dd>
                  </div>
                ))}
              </dl>
            </>
          )}

          <CalendarFeedSection
            feed={feed}
            newUrl={newUrl}
            onChanged={(f, url) => {
              setFeed(f);
              setNewUrl(url);
            }}
            setErrors={setErrors}
          />
        </div>
      </div>
    </>
  );
}

function CalendarFeedSection({
  feed,
  newUrl,
  onChanged,
  setErrors,
}: {
  feed: Feed | null;
  newUrl: string | undefined;
  onChanged: (feed: Feed | null, url?: string) => void;
  setErrors: (e: Errors) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Done>();
  const [copied, setCopied] = useState('');

  const act = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    setCopied('');
    try {
      await fn();
    } catch (err) {
      setErrors({ calendar: err instanceof Error ? err.message : 'Something went wrong. Try again.' });
    } finally {
      setBusy(false);
    }
  };

  const make = () =>
    act(async () => {
      const { createCalendarFeed: f } = await gql(CreateCalendarFeedDocument);
      onChanged({ createdAt: f.createdAt, lastUsedAt: f.lastUsedAt, url: null }, f.url ?? undefined);
      setMessage(
        feed ? done('Your new calendar link is ready', 'Your old link has stopped working.') : done('Your calendar link is ready'),
      );
    });

  const turnOff = () =>
    act(async () => {
      await gql(RevokeCalendarFeedDocument);
      onChanged(null);
      setMessage(done('Your calendar link is turned off', 'Calendars that used it will stop showing your dates.'));
    });

  const copy = async () => {
    if (!newUrl) return;
    try {
      await navigator.clipboard.writeText(newUrl);
      setCopied('Link copied.');
    } catch {
      setCopied('Your browser did not let us copy the link. Select it and copy it instead.');
    }
  };

  return (
    <section aria-labelledby="calendar-heading" id="calendar">
      <h2 className="govuk-heading-m" id="calendar-heading">
        Calendar feed
      </h2>
      <p className="govuk-body">
        A private calendar link puts board meetings, report deadlines and the due dates of your actions in Outlook, Google Calendar or Apple
        Calendar, and keeps them up to date.
      </p>
      <DoneBanner done={message} id="calendar-done" />
      {newUrl && (
        <div className="govuk-inset-text" id="calendar-new">
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="calendar-url">
              Your calendar link
            </label>
            <div className="govuk-hint" id="calendar-url-hint">
              Copy this link and add it to your calendar program as a calendar from the internet: in Outlook, “Add calendar” then “Subscribe
              from web”; in Google Calendar, “Other calendars” then “From URL”; in Apple Calendar, “File” then “New Calendar Subscription”.
            </div>
            <input
              className="govuk-input"
              id="calendar-url"
              name="calendar-url"
              type="text"
              readOnly
              spellCheck={false}
              value={newUrl}
              aria-describedby="calendar-url-hint"
              onFocus={(e) => e.currentTarget.select()}
            />
          </div>
          {typeof navigator !== 'undefined' && navigator.clipboard && (
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void copy()}>
              Copy link
            </button>
          )}
          <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0" aria-live="polite">
            {copied}
          </p>
        </div>
      )}
      {newUrl && (
        <WarningText>
          This link is shown only once. Anyone who has it can see your dates, so keep it private. If you lose it, make a new link.
        </WarningText>
      )}
      {feed ? (
        <>
          <dl className="govuk-summary-list" id="calendar-feed">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Link made</dt>
              <dd className="govuk-summary-list__value">{formatDateTime(feed.createdAt)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Last used</dt>
              <dd className="govuk-summary-list__value">{feed.lastUsedAt ? formatDateTime(feed.lastUsedAt) : 'Not used yet'}</dd>
            </div>
          </dl>
          <p className="govuk-body">A new link replaces this one: the old link stops working.</p>
          <div className="govuk-button-group">
            <Button secondary type="button" busy={busy} onClick={() => void make()}>
              Make a new link
            </Button>
            <Button warning type="button" busy={busy} onClick={() => void turnOff()}>
              Turn off calendar link
            </Button>
          </div>
        </>
      ) : (
        <>
          <p className="govuk-body" id="calendar-none">
            You do not have a calendar link.
          </p>
          <Button type="button" busy={busy} onClick={() => void make()}>
            Make a calendar link
          </Button>
        </>
      )}
    </section>
  );
}
