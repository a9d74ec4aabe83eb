import { IndicatorFrequency } from './indicators.entities';

/** A reporting period as official statistics name it, resolved to its London calendar days. */
export interface Period {
  start: string;
  end: string;
  label: string;
  frequency: IndicatorFrequency;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** The first day of month m (1-12) of year y, then the last day of the month `months - 1` later. */
function span(y: number, m: number, months: number): { start: string; end: string } {
  const endMonthIndex = m - 1 + months - 1;
  const ey = y + Math.floor(endMonthIndex / 12);
  const em = (endMonthIndex % 12) + 1;
  return { start: `${y}-${pad(m)}-01`, end: `${ey}-${pad(em)}-${pad(lastDay(ey, em))}` };
}

/** "202425" or "2024-25" (or "2024/25"): a two-year period whose second year follows the first. */
function twoYear(timePeriod: string): number | null {
  const m = /^(\d{4})(?:[-/\u2013]?)(\d{2})$/.exec(timePeriod);
  if (!m) return null;
  const first = Number(m[1]);
  return (first + 1) % 100 === Number(m[2]) ? first : null;
}

function oneYear(timePeriod: string): number | null {
  return /^\d{4}$/.test(timePeriod) ? Number(timePeriod) : null;
}

/** How often an indicator is reported, and the kind of period it takes, as words in a sentence. */
export const FREQUENCY_WORDS: Record<IndicatorFrequency, { reported: string; aPeriod: string }> = {
  MONTHLY: { reported: 'monthly', aPeriod: 'a monthly period' },
  QUARTERLY: { reported: 'quarterly', aPeriod: 'a quarterly period' },
  ANNUAL: { reported: 'annually', aPeriod: 'an annual period' },
};

export const TIME_IDENTIFIER_HELP =
  'Use Financial year, Academic year, Reporting year or Calendar year; Financial year Q1 to Q4 or Calendar year Q1 to Q4; or a month name.';

/**
 * Reads the time_period and time_identifier columns of published statistics (for example 202425 with
 * "Financial year", 2024 with "Reporting year" — the year to 31 March, as children looked after are
 * counted — 202425 with "Financial year Q2", or 2024 with "March"). Returns an error message instead
 * when the pair does not name a period.
 */
export function parsePeriod(timePeriod: string, timeIdentifier: string): Period | { error: string; column: string } {
  const tp = timePeriod.trim();
  const ti = timeIdentifier.trim().toLowerCase().replace(/\s+/g, ' ');
  const month = MONTHS.indexOf(ti);
  if (month >= 0) {
    const y = oneYear(tp);
    if (y === null) return { column: 'time_period', error: 'For a month, time_period must be the year, for example 2025.' };
    const m = month + 1;
    return {
      ...span(y, m, 1),
      label: `${timeIdentifier.trim()[0].toUpperCase()}${ti.slice(1)} ${y}`,
      frequency: IndicatorFrequency.MONTHLY,
    };
  }
  const quarter = /^(financial|calendar) year q([1-4])$/.exec(ti);
  if (quarter) {
    const q = Number(quarter[2]);
    if (quarter[1] === 'financial') {
      const y = twoYear(tp);
      if (y === null)
        return { column: 'time_period', error: 'For a financial-year quarter, time_period must be the year, for example 202425.' };
      const startMonth = 4 + (q - 1) * 3;
      const sy = startMonth > 12 ? y + 1 : y;
      return {
        ...span(sy, ((startMonth - 1) % 12) + 1, 3),
        label: `Q${q} ${y}-${pad((y + 1) % 100)}`,
        frequency: IndicatorFrequency.QUARTERLY,
      };
    }
    const y = oneYear(tp);
    if (y === null) return { column: 'time_period', error: 'For a calendar-year quarter, time_period must be the year, for example 2025.' };
    return { ...span(y, 1 + (q - 1) * 3, 3), label: `Q${q} ${y}`, frequency: IndicatorFrequency.QUARTERLY };
  }
  switch (ti) {
    case 'financial year':
    case 'academic year': {
      const y = twoYear(tp);
      if (y === null) return { column: 'time_period', error: `For a ${ti}, time_period must be like 202425 (2024 to 2025).` };
      const label = `${y}-${pad((y + 1) % 100)}`;
      return ti === 'financial year'
        ? { ...span(y, 4, 12), label, frequency: IndicatorFrequency.ANNUAL }
        : { ...span(y, 9, 12), label: `${y}/${pad((y + 1) % 100)}`, frequency: IndicatorFrequency.ANNUAL };
    }
    case 'reporting year': {
      const y = oneYear(tp);
      if (y === null)
        return { column: 'time_period', error: 'For a reporting year, time_period must be the year it ends, for example 2025.' };
      return { ...span(y - 1, 4, 12), label: `Year to 31 March ${y}`, frequency: IndicatorFrequency.ANNUAL };
    }
    case 'calendar year': {
      const y = oneYear(tp);
      if (y === null) return { column: 'time_period', error: 'For a calendar year, time_period must be the year, for example 2025.' };
      return { ...span(y, 1, 12), label: String(y), frequency: IndicatorFrequency.ANNUAL };
    }
    default:
      return { column: 'time_identifier', error: `“${timeIdentifier.trim()}” is not a period we recognise. ${TIME_IDENTIFIER_HELP}` };
  }
}
