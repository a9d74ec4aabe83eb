import holidays from './data/bank-holidays-england-and-wales.json';

/**
 * Working days in England and Wales (DESIGN.md §6): Monday to Friday, less the bank holidays
 * GOV.UK publishes, shipped as data (data/bank-holidays-england-and-wales.json) so a new year
 * is a data change, not a code change. Dates are London calendar days, YYYY-MM-DD.
 */
export interface BankHolidays {
  /** The last date the data covers: working days beyond it count weekends only. */
  coveredUntil: string;
  has(day: string): boolean;
}

export function bankHolidays(events: ReadonlyArray<{ date: string }> = holidays.events): BankHolidays {
  const days = new Set(events.map((e) => e.date));
  const last = [...days].sort().pop() ?? '0000-00-00';
  return { coveredUntil: `${last.slice(0, 4)}-12-31`, has: (day) => days.has(day) };
}

const DEFAULT = bankHolidays();

function shift(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return dow === 0 || dow === 6;
}

export function isWorkingDay(day: string, hols: BankHolidays = DEFAULT): boolean {
  return !isWeekend(day) && !hols.has(day);
}

/**
 * The day `n` working days after (or, for a negative n, before) `day`, not counting `day`
 * itself: three working days before Monday 4 May 2026 (a bank holiday week) is Wednesday
 * 29 April. With n = 0, the day itself if it is a working day, else the working day before.
 */
export function addWorkingDays(day: string, n: number, hols: BankHolidays = DEFAULT): string {
  if (!Number.isInteger(n)) throw new Error('Working days must be a whole number');
  if (n === 0) {
    let d = day;
    while (!isWorkingDay(d, hols)) d = shift(d, -1);
    return d;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  let d = day;
  while (left > 0) {
    d = shift(d, step);
    if (isWorkingDay(d, hols)) left--;
  }
  return d;
}
