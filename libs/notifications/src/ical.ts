/**
 * A small iCalendar (RFC 5545) writer for the calendar feed: timed and all-day events, text
 * escaped, lines folded at 75 octets, CRLF line ends, as calendar programs expect.
 */
export interface CalendarEvent {
  uid: string;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string;
  /** A timed event's start, and how long it lasts. */
  start?: Date;
  minutes?: number;
  /** An all-day event's London day, YYYY-MM-DD. */
  day?: string;
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line so no line is longer than 75 octets, never splitting a character. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    // Continuation lines start with a space, which counts toward their 75.
    if (octets + n > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const utc = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
const date = (day: string): string => day.replace(/-/g, '');
const nextDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

export function renderCalendar(name: string, events: readonly CalendarEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Partnership Board Workspace//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Europe/London',
  ];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `DTSTAMP:${utc(now)}`);
    if (e.start) {
      lines.push(`DTSTART:${utc(e.start)}`, `DTEND:${utc(new Date(e.start.getTime() + (e.minutes ?? 120) * 60_000))}`);
    } else if (e.day) {
      lines.push(`DTSTART;VALUE=DATE:${date(e.day)}`, `DTEND;VALUE=DATE:${date(nextDay(e.day))}`, 'TRANSP:TRANSPARENT');
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
