import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, type FieldError } from '../lib/api';

/** Field errors keyed by field name: the api's `input.email` becomes `email`. */
export type Errors = Record<string, string>;

export function fieldName(path: string): string {
  return path.replace(/^input\./, '').replace(/^filter\./, '');
}

export function errorsFrom(fields: FieldError[]): Errors {
  const out: Errors = {};
  for (const f of fields) {
    const name = fieldName(f.path) || 'form';
    if (!out[name]) out[name] = f.message;
  }
  return out;
}

/**
 * Form state for one GOV.UK form: errors from the api (field errors inline and in the
 * summary; other errors as a summary line), and a busy flag that stops double submits.
 */
export function useApiForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const run = async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    if (busy) return undefined;
    setBusy(true);
    setErrors({});
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setErrors(errorsFrom(e.fields));
      else setErrors({ form: e instanceof Error ? e.message : 'Something went wrong. Try again.' });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, busy, run, hasErrors: Object.keys(errors).length > 0 };
}

/**
 * The GOV.UK error summary: focused when it appears, each message linking to its field.
 * `fields`, when given, names the fields on the page: a message for any other name (such as
 * an invitation link's `token`) is shown as a line without a link, as `form` always is.
 */
export function ErrorSummary({ errors, fields }: { errors: Errors; fields?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const key = entries.map(([k, v]) => `${k}:${v}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (!entries.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([name, message]) => (
              <li key={name}>
                {name === 'form' || (fields && !fields.includes(name)) ? (
                  message
                ) : (
                  <a
                    href={`#${name}`}
                    onClick={(e) => {
                      e.preventDefault();
                      const el = document.getElementById(name);
                      el?.focus();
                      el?.scrollIntoView({ block: 'center' });
                    }}
                  >
                    {message}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Page-heading label, for one-question pages. */
  isPageHeading?: boolean;
}

export function Label({ name, label, isPageHeading }: Pick<FieldProps, 'name' | 'label' | 'isPageHeading'>) {
  const l = (
    <label className={`govuk-label${isPageHeading ? ' govuk-label--l' : ''}`} htmlFor={name}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{l}</h1> : l;
}

export function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function HintAndError({ name, hint, error }: Pick<FieldProps, 'name' | 'hint' | 'error'>) {
  return (
    <>
      {hint && (
        <div id={`${name}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${name}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
    </>
  );
}

export function TextInput(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'email' | 'password';
    autoComplete?: string;
    width?: 'full' | 'two-thirds' | 'one-half' | '20' | '10';
    spellCheck?: boolean;
  },
) {
  const { name, error, width = 'two-thirds' } = props;
  const widthClass = /^\d+$/.test(width) ? `govuk-input--width-${width}` : `govuk-!-width-${width}`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <input
        className={`govuk-input ${widthClass}${error ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        spellCheck={props.spellCheck}
        aria-describedby={describedBy(name, props.hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function Textarea(props: FieldProps & { value: string; onChange: (v: string) => void; rows?: number }) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <textarea
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={props.rows ?? 5}
        value={props.value}
        aria-describedby={describedBy(name, props.hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(props: FieldProps & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string }) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <select
        className={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={name}
        name={name}
        value={props.value}
        aria-describedby={describedBy(name, props.hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radios in a fieldset with a legend; the first radio carries the field's id so the error summary can focus it. */
export function Radios(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    options: Array<Option & { hint?: string }>;
    /** GOV.UK's smaller radios, side by side from tablet width up: for several short questions on one page. */
    smallInline?: boolean;
  },
) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, props.hint, error)}>
        <legend className={`govuk-fieldset__legend ${props.isPageHeading ? 'govuk-fieldset__legend--l' : 'govuk-fieldset__legend--s'}`}>
          {props.isPageHeading ? <h1 className="govuk-fieldset__heading">{props.label}</h1> : props.label}
        </legend>
        <HintAndError {...props} />
        <div className={`govuk-radios${props.smallInline ? ' govuk-radios--small govuk-radios--inline' : ''}`} data-module="govuk-radios">
          {props.options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={name}
                  type="radio"
                  value={o.value}
                  checked={props.value === o.value}
                  aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                  onChange={() => props.onChange(o.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {o.label}
                </label>
                {o.hint && (
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                    {o.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({
  children,
  busy,
  secondary,
  warning,
  type = 'submit',
  onClick,
}: {
  children: ReactNode;
  busy?: boolean;
  secondary?: boolean;
  warning?: boolean;
  type?: 'submit' | 'button';
  onClick?: () => void;
}) {
  const cls = `govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`;
  return (
    <button type={type} className={cls} data-module="govuk-button" disabled={busy} aria-disabled={busy || undefined} onClick={onClick}>
      {children}
    </button>
  );
}
