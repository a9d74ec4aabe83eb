import { IndicatorFrequency } from './indicators.entities';
import { TIME_IDENTIFIER_HELP, parsePeriod } from './periods';

const { MONTHLY, QUARTERLY, ANNUAL } = IndicatorFrequency;

describe('parsePeriod', () => {
  it.each([
    // Years
    ['202425', 'Financial year', '2024-04-01', '2025-03-31', '2024-25', ANNUAL],
    ['2024-25', 'Financial year', '2024-04-01', '2025-03-31', '2024-25', ANNUAL],
    ['2024/25', 'financial year', '2024-04-01', '2025-03-31', '2024-25', ANNUAL],
    ['199900', 'Financial year', '1999-04-01', '2000-03-31', '1999-00', ANNUAL],
    ['202324', 'Academic year', '2023-09-01', '2024-08-31', '2023/24', ANNUAL],
    ['2023-24', 'ACADEMIC YEAR', '2023-09-01', '2024-08-31', '2023/24', ANNUAL],
    // Children looked after are counted in the year to 31 March: 2025 is April 2024 to March 2025.
    ['2025', 'Reporting year', '2024-04-01', '2025-03-31', 'Year to 31 March 2025', ANNUAL],
    ['2024', 'Calendar year', '2024-01-01', '2024-12-31', '2024', ANNUAL],
    // Quarters of the financial year: Q4 falls in the second calendar year.
    ['202425', 'Financial year Q1', '2024-04-01', '2024-06-30', 'Q1 2024-25', QUARTERLY],
    ['202425', 'Financial year Q2', '2024-07-01', '2024-09-30', 'Q2 2024-25', QUARTERLY],
    ['202425', 'Financial year Q3', '2024-10-01', '2024-12-31', 'Q3 2024-25', QUARTERLY],
    ['202425', 'Financial year Q4', '2025-01-01', '2025-03-31', 'Q4 2024-25', QUARTERLY],
    ['2024-25', 'financial year q4', '2025-01-01', '2025-03-31', 'Q4 2024-25', QUARTERLY],
    // Quarters of the calendar year.
    ['2024', 'Calendar year Q1', '2024-01-01', '2024-03-31', 'Q1 2024', QUARTERLY],
    ['2024', 'Calendar year Q2', '2024-04-01', '2024-06-30', 'Q2 2024', QUARTERLY],
    ['2024', 'Calendar year Q3', '2024-07-01', '2024-09-30', 'Q3 2024', QUARTERLY],
    ['2024', 'Calendar year Q4', '2024-10-01', '2024-12-31', 'Q4 2024', QUARTERLY],
    // Months, with their real last days (leap years included).
    ['2025', 'January', '2025-01-01', '2025-01-31', 'January 2025', MONTHLY],
    ['2024', 'February', '2024-02-01', '2024-02-29', 'February 2024', MONTHLY],
    ['2025', 'February', '2025-02-01', '2025-02-28', 'February 2025', MONTHLY],
    ['2025', 'march', '2025-03-01', '2025-03-31', 'March 2025', MONTHLY],
    ['2025', 'APRIL', '2025-04-01', '2025-04-30', 'April 2025', MONTHLY],
    ['2025', 'June', '2025-06-01', '2025-06-30', 'June 2025', MONTHLY],
    ['2025', 'September', '2025-09-01', '2025-09-30', 'September 2025', MONTHLY],
    ['2025', 'December', '2025-12-01', '2025-12-31', 'December 2025', MONTHLY],
    // White space around and inside is forgiven.
    [' 202425 ', '  Financial   year  ', '2024-04-01', '2025-03-31', '2024-25', ANNUAL],
  ])('%s %s', (timePeriod, timeIdentifier, start, end, label, frequency) => {
    expect(parsePeriod(timePeriod, timeIdentifier)).toEqual({ start, end, label, frequency });
  });

  it('names the same twelve months alike whether as a financial year or a reporting year', () => {
    const days = (r: ReturnType<typeof parsePeriod>) => ('error' in r ? r : { start: r.start, end: r.end });
    expect(days(parsePeriod('202425', 'Financial year'))).toEqual(days(parsePeriod('2025', 'Reporting year')));
    expect(days(parsePeriod('202425', 'Financial year'))).toEqual({ start: '2024-04-01', end: '2025-03-31' });
  });

  it.each([
    // The second year must follow the first.
    ['202426', 'Financial year'],
    ['202423', 'Financial year'],
    ['2024-26', 'Financial year'],
    ['202426', 'Academic year'],
    ['202426', 'Financial year Q2'],
    // A two-year period needs both years; a one-year one just one.
    ['2024', 'Financial year'],
    ['2024', 'Academic year'],
    ['2024', 'Financial year Q1'],
    ['202425', 'Reporting year'],
    ['202425', 'Calendar year'],
    ['202425', 'Calendar year Q3'],
    ['202425', 'March'],
    // Not years at all.
    ['', 'Financial year'],
    ['', 'Calendar year'],
    ['', 'March'],
    ['24', 'Calendar year'],
    ['20245', 'Calendar year'],
    ['2O24', 'Calendar year'],
    ['2024 25', 'Financial year'],
    ['2024.25', 'Financial year'],
    ['next year', 'Reporting year'],
  ])('time_period %j with %j is refused', (timePeriod, timeIdentifier) => {
    const r = parsePeriod(timePeriod, timeIdentifier);
    expect(r).toEqual({ column: 'time_period', error: expect.any(String) });
    expect((r as { error: string }).error).toMatch(/time_period must be/);
  });

  it('says what a two-year period should look like', () => {
    expect(parsePeriod('202426', 'Financial year')).toEqual({
      column: 'time_period',
      error: 'For a financial year, time_period must be like 202425 (2024 to 2025).',
    });
    expect(parsePeriod('2025', 'March')).toEqual(expect.objectContaining({ start: '2025-03-01' }));
    expect(parsePeriod('202425', 'March')).toEqual({
      column: 'time_period',
      error: 'For a month, time_period must be the year, for example 2025.',
    });
  });

  it.each([
    'Financial year Q5',
    'Financial year Q0',
    'Calendar year Q',
    'Quarter 1',
    'Q1',
    'Financial quarter',
    'Year',
    'Week 12',
    'Sept',
    'Marchh',
    '',
    'Tax year',
  ])('time_identifier %j is refused, naming the forms we read', (timeIdentifier) => {
    const r = parsePeriod('2024', timeIdentifier);
    expect(r).toEqual({
      column: 'time_identifier',
      error: `“${timeIdentifier.trim()}” is not a period we recognise. ${TIME_IDENTIFIER_HELP}`,
    });
  });

  it('reads a two-year period written with an en dash, as UK publications print it', () => {
    expect(parsePeriod('2024\u201325', 'Financial year')).toMatchObject({ start: '2024-04-01', end: '2025-03-31', label: '2024-25' });
  });
});
