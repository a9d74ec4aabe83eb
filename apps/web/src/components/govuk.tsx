import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { describedBy, HintAndError, Label, type FieldProps } from './forms';

/**
 * The GOV.UK password input: a password field with a Show/Hide button, whose state is
 * announced to screen readers. The password is hidden again when its form is submitted.
 */
export function PasswordInput(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    autoComplete: 'current-password' | 'new-password';
  },
) {
  const { name, error } = props;
  const [visible, setVisible] = useState(false);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const hide = () => setVisible(false);
    form.addEventListener('submit', hide);
    return () => form.removeEventListener('submit', hide);
  }, []);

  const toggle = () => {
    setVisible(!visible);
    setStatus(visible ? 'Your password is hidden' : 'Your password is visible');
  };

  return (
    <div className={`govuk-form-group govuk-password-input${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          ref={input}
          className={`govuk-input govuk-password-input__input${error ? ' govuk-input--error' : ''}`}
          id={name}
          name={name}
          type={visible ? 'text' : 'password'}
          value={props.value}
          autoComplete={props.autoComplete}
          autoCapitalize="none"
          spellCheck={false}
          aria-describedby={describedBy(name, props.hint, error)}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          data-module="govuk-button"
          aria-controls={name}
          aria-label={visible ? 'Hide password' : 'Show password'}
          onClick={toggle}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      <div className="govuk-password-input__sr-status govuk-visually-hidden" aria-live="polite">
        {status}
      </div>
    </div>
  );
}

/** The GOV.UK notification banner: "Important" by default, or a green "Success" banner announced as an alert. */
export function NotificationBanner({
  heading,
  children,
  success,
  title,
}: {
  heading?: ReactNode;
  children?: ReactNode;
  success?: boolean;
  title?: string;
}) {
  const id = useId();
  return (
    <div
      className={`govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`}
      role={success ? 'alert' : 'region'}
      aria-labelledby={id}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading && <p className="govuk-notification-banner__heading">{heading}</p>}
        {children}
      </div>
    </div>
  );
}

/** A success message carried to the next page: `navigate(to, { state: flash('Saved') })`, shown there by <FlashBanner />. */
export interface Flash {
  heading: string;
  body?: string;
}

export function flash(heading: string, body?: string): { flash: Flash } {
  return { flash: { heading, body } };
}

/**
 * Shows the success message the previous page sent with `flash()`, once: the message is
 * taken out of the browser history, so reloading or going back does not show it again.
 */
export function FlashBanner() {
  const location = useLocation();
  const navigate = useNavigate();
  const incoming = (location.state as { flash?: Flash } | null)?.flash;
  const [shown, setShown] = useState<Flash | undefined>(incoming);
  if (incoming && incoming !== shown) setShown(incoming);
  useEffect(() => {
    if (incoming) navigate(`${location.pathname}${location.search}${location.hash}`, { replace: true, state: null });
  }, [incoming, navigate, location.pathname, location.search, location.hash]);
  if (!shown) return null;
  return (
    <NotificationBanner success heading={shown.heading}>
      {shown.body && <p className="govuk-body">{shown.body}</p>}
    </NotificationBanner>
  );
}

/** The GOV.UK warning text: an important consequence, said before someone acts. */
export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span> {children}
      </strong>
    </div>
  );
}
