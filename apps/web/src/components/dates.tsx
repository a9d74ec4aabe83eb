/**
 * The GOV.UK date input, with its checks and messages, for every page that asks for a
 * calendar date (work plans, the audit log's filters). Calendar dates are `YYYY-MM-DD`,
 * meaning the day in Europe/London.
 */
import { describedBy, HintAndError, type Errors } from './forms';

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
  if (t.year.length !== 4)
    return { value: null, problem: { message: `Year in ${label.toLowerCase()} must include 4 numbers`, parts: ['year'] } };
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
