/**
 * Form fields the work plan pages need beyond components/forms.tsx: the GOV.UK date input
 * (with its checks and messages), checkboxes, a select with option groups and a short
 * number input with a suffix. They use the same label, hint and error pieces as forms.tsx.
 */
import type { ReactNode } from 'react';
import { describedBy, HintAndError, Label, type Errors, type FieldProps, type Option } from '../../components/forms';

// ---- dates ---------------------------------------------------------------------------------

export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export type DatePart = keyof DateParts;

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** A calendar date (`YYYY-MM-DD`) as the date input's three boxes; empty for none. */
export function datePartsFrom(day: string | null | undefined): DateParts {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : EMPTY_DATE;
}

export interface DateProblem {
  message: string;
  parts: DatePart[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month as a number or a name ("11", "Nov", "November"), as the GOV.UK date pattern suggests accepting. */
function monthNumber(v: string): number {
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const name = v.toLowerCase();
  const i = name.length >= 3 ? MONTHS.findIndex((m) => m.startsWith(name)) : -1;
  return i >= 0 ? i + 1 : NaN;
}

/**
 * The GOV.UK date input's checks and messages. `label` starts the messages ("Due date must
 * be a real date"); an empty date is `null`, or the `required` message when one is given.
 */
export function checkDate(label: string, p: DateParts, required?: string): { value: string | null; problem?: DateProblem } {
  const t = { day: p.day.trim(), month: p.month.trim(), year: p.year.trim() };
  const missing = (['day', 'month', 'year'] as DatePart[]).filter((k) => !t[k]);
  if (missing.length === 3)
    return required ? { value: null, problem: { message: required, parts: ['day', 'month', 'year'] } } : { value: null };
  if (missing.length) return { value: null, problem: { message: `${label} must include a ${missing.join(' and ')}`, parts: missing } };
  const d = /^\d{1,2}$/.test(t.day) ? Number(t.day) : NaN;
  const m = monthNumber(t.month);
  const bad: DatePart[] = [];
  if (!(d >= 1 && d <= 31)) bad.push('day');
  if (!(m >= 1 && m <= 12)) bad.push('month');
  if (!/^\d+$/.test(t.year)) bad.push('year');
  if (bad.length) return { value: null, problem: { message: `${label} must be a real date`, parts: bad } };
  if (t.year.length !== 4) return { value: null, problem: { message: `Year must include 4 numbers`, parts: ['year'] } };
  const y = Number(t.year);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (y < 1000 || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return { value: null, problem: { message: `${label} must be a real date`, parts: ['day', 'month', 'year'] } };
  }
  return { value: `${t.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Europe/London, as `YYYY-MM-DD`. */
export function todayInLondon(): string {
  return LONDON_DAY.format(new Date());
}

/** A calendar date `n` days after another (n may be negative). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The error summary's targets for date fields: an error keyed by a date field's name links
 * to the first of its boxes with a problem (`dueDate-day`), as the GOV.UK pattern asks.
 */
export function withDateTargets(errors: Errors, problems: Record<string, DatePart[] | undefined>): Errors {
  const out: Errors = {};
  for (const [k, v] of Object.entries(errors)) {
    if (k in problems) out[`${k}-${problems[k]?.[0] ?? 'day'}`] = v;
    else out[k] = v;
  }
  return out;
}

/**
 * The GOV.UK date input: Day, Month and Year boxes in a fieldset whose legend asks the
 * question. Box ids are `${name}-day`, `${name}-month` and `${name}-year`.
 */
export function DateField({
  name,
  legend,
  hint,
  value,
  onChange,
  error,
  errorParts,
  legendClassName = 'govuk-fieldset__legend--s',
}: {
  name: string;
  legend: string;
  hint?: string;
  value: DateParts;
  onChange: (v: DateParts) => void;
  error?: string;
  /** The boxes the error is about; all three when not given. */
  errorParts?: DatePart[];
  legendClassName?: string;
}) {
  const bad = error ? (errorParts ?? ['day', 'month', 'year']) : [];
  const item = (part: DatePart, label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`${name}-${part}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${bad.includes(part) ? ' govuk-input--error' : ''}`}
          id={`${name}-${part}`}
          name={`${name}-${part}`}
          type="text"
          inputMode="numeric"
          value={value[part]}
          onChange={(e) => onChange({ ...value, [part]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className="govuk-date-input" id={name}>
          {item('day', 'Day', 2)}
          {item('month', 'Month', 2)}
          {item('year', 'Year', 4)}
        </div>
      </fieldset>
    </div>
  );
}

// ---- checkboxes ----------------------------------------------------------------------------

/**
 * Checkboxes in a fieldset with a legend. The first box carries the field's id (`name`) so
 * the error summary can focus it; the others are `${name}-2`, `${name}-3`, ...
 */
export function Checkboxes({
  name,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  small,
  legendClassName = 'govuk-fieldset__legend--s',
}: {
  name: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  options: Array<Option & { hint?: string }>;
  value: string[];
  onChange: (v: string[]) => void;
  small?: boolean;
  legendClassName?: string;
}) {
  const toggle = (v: string, on: boolean) => onChange(on ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName}`}>{legend}</legend>
        <HintAndError name={name} hint={hint} error={error} />
        <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`} data-module="govuk-checkboxes">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${i + 1}`;
            return (
              <div className="govuk-checkboxes__item" key={o.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={o.value}
                  checked={value.includes(o.value)}
                  aria-describedby={o.hint ? `${id}-item-hint` : undefined}
                  onChange={(e) => toggle(o.value, e.target.checked)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {o.label}
                </label>
                {o.hint && (
                  <div id={`${id}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
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

/** One checkbox on its own, for a yes-or-no filter such as "Overdue only". */
export function SingleCheckbox({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="govuk-checkboxes__item">
      <input
        className="govuk-checkboxes__input"
        id={name}
        name={name}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${name}-item-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="govuk-label govuk-checkboxes__label" htmlFor={name}>
        {label}
      </label>
      {hint && (
        <div id={`${name}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
          {hint}
        </div>
      )}
    </div>
  );
}

// ---- selects and short inputs ---------------------------------------------------------------

export interface OptionGroup {
  label: string;
  options: Option[];
}

/** A select whose options sit in labelled groups (`<optgroup>`), such as framework items by framework. */
export function GroupedSelect(
  props: FieldProps & { value: string; onChange: (v: string) => void; groups: OptionGroup[]; placeholder?: string },
) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <select
        className={`govuk-select govuk-!-width-full${error ? ' govuk-select--error' : ''}`}
        id={name}
        name={name}
        value={props.value}
        aria-describedby={describedBy(name, props.hint, error)}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A short whole-number input with a suffix ("days"), as the GOV.UK input with a suffix. */
export function NumberInput(props: FieldProps & { value: string; onChange: (v: string) => void; suffix?: string }) {
  const { name, error } = props;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Label {...props} />
      <HintAndError {...props} />
      <div className="govuk-input__wrapper">
        <input
          className={`govuk-input govuk-input--width-3${error ? ' govuk-input--error' : ''}`}
          id={name}
          name={name}
          type="text"
          inputMode="numeric"
          spellCheck={false}
          value={props.value}
          aria-describedby={describedBy(name, props.hint, error)}
          onChange={(e) => props.onChange(e.target.value)}
        />
        {props.suffix && (
          <div className="govuk-input__suffix" aria-hidden="true">
            {props.suffix}
          </div>
        )}
      </div>
    </div>
  );
}

/** Text for an option that would otherwise stretch a select across the page. */
export function shorten(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
