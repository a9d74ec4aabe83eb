import { escapeText, fold, renderCalendar } from './ical';

describe('ical', () => {
  it('escapes text and folds long lines at 75 octets without splitting a character', () => {
    expect(escapeText('a, b; c\\d\ne')).toBe('a\\, b\\; c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const lines = fold(long).split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(long);
  });

  it('writes timed and all-day events with CRLF line ends', () => {
    const ics = renderCalendar(
      'Riverside board',
      [
        { uid: 'm1@x', summary: 'Board', start: new Date('2027-01-12T10:00:00Z'), minutes: 90 },
        { uid: 'a1@x', summary: 'Action due', day: '2027-01-31' },
      ],
      new Date('2026-12-07T12:00:00Z'),
    );
    expect(ics).toContain('DTSTART:20270112T100000Z\r\nDTEND:20270112T113000Z\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\n');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTAMP:20261207T120000Z');
  });
});
