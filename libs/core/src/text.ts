import { Transform } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Trims surrounding whitespace from single-line text inputs such as names and emails. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A calendar date, YYYY-MM-DD, meaning the day in Europe/London (DESIGN.md §6); `what` names it in messages. */
export const CalendarDate =
  (what: string): PropertyDecorator =>
  (target, key) => {
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: `${what} must be a date like 2026-03-31.` })(target, key);
    IsISO8601({ strict: true }, { message: `${what} must be a real date.` })(target, key);
  };

/** The longest comment (on evidence or a report, or a reason for returning one), in characters. */
export const COMMENT_MAX = 5000;

/** A comment people write: trimmed, required (with `emptyMessage`), and at most COMMENT_MAX characters. */
export const CommentText =
  (emptyMessage: string): PropertyDecorator =>
  (target, key) => {
    for (const d of [
      Trim(),
      IsString(),
      IsNotEmpty({ message: emptyMessage }),
      MaxLength(COMMENT_MAX, { message: 'Comment must be 5,000 characters or fewer.' }),
    ])
      d(target, key);
  };

export const NormaliseEmail = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** Today's date in England (YYYY-MM-DD): due dates and deadlines are London calendar days. */
export function londonToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The London time `hhmm` on a date, as an instant (British Summer Time or not). */
export function londonTime(date: string, hhmm: string): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(guess));
  return new Date(guess.getTime() - (hour - guess.getUTCHours()) * 3_600_000);
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A London calendar day as people write it in letters and e-mails: 2027-01-15 is "15 January 2027". */
export function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
