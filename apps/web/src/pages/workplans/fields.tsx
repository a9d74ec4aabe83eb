/**
 * Form fields the work plan pages need beyond components/forms.tsx: checkboxes, a select
 * with option groups and a short number input with a suffix (the date input is in
 * components/dates.tsx). They use the same label, hint and error pieces as forms.tsx.
 */
import type { ReactNode } from 'react';
import { describedBy, HintAndError, Label, type FieldProps, type Option } from '../../components/forms';

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
