import { Polarity } from '@pbw/commitments';
import { MISSING_MARKERS, readIndicatorCsv, readValue } from './indicator-import';
import { IndicatorEntity, IndicatorFrequency, IndicatorUnit, ValueArea } from './indicators.entities';

function indicator(id: string, code: string, frequency: IndicatorFrequency, unit = IndicatorUnit.PERCENTAGE): IndicatorEntity {
  return Object.assign(new IndicatorEntity(), {
    id,
    partnershipId: 'p',
    code,
    name: code,
    definition: '',
    unit,
    polarity: Polarity.HIGHER_IS_BETTER,
    target: null,
    amberTolerance: 0,
    frequency,
    subGroupId: null,
    source: '',
    version: 1,
    retiredAt: null,
  });
}

const CLA = indicator('id-cla', 'CLA-RATE', IndicatorFrequency.ANNUAL, IndicatorUnit.RATE_PER_10000);
const PEP = indicator('id-pep', 'PEP', IndicatorFrequency.QUARTERLY);
const MISS = indicator('id-miss', 'Missing.Episodes', IndicatorFrequency.MONTHLY, IndicatorUnit.COUNT);
/** As the service builds it: keyed by lower-case code. */
const BY_CODE = new Map([CLA, PEP, MISS].map((i) => [i.code.toLowerCase(), i]));

const HEADER = 'time_period,time_identifier,geographic_level,indicator,value';
const csv = (...lines: string[]) => lines.join('\n');
const read = (text: string) => readIndicatorCsv(text, BY_CODE);
const FY2425 = { start: '2024-04-01', end: '2025-03-31', label: '2024-25', frequency: IndicatorFrequency.ANNUAL };

describe('readValue', () => {
  it.each([
    ['92', 92],
    ['0', 0],
    ['-3.5', -3.5],
    ['+4', 4],
    ['66.7', 66.7],
    ['  12  ', 12],
    ['1,234', 1234],
    ['12,345.67', 12345.67],
    ['1,234,567', 1234567],
    ['0.0001', 0.0001],
  ])('%j is the figure %p', (raw, value) => {
    expect(readValue(raw)).toEqual({ value, marker: null });
  });

  it.each(['c', 'x', 'z', ':', '..', 'low', 'u', 'k', '~'])('%j is missing, with its marker, never zero', (m) => {
    expect(readValue(m)).toEqual({ value: null, marker: m });
  });

  it('reads markers whatever their case and spacing', () => {
    expect(readValue(' C ')).toEqual({ value: null, marker: 'c' });
    expect(readValue('LOW')).toEqual({ value: null, marker: 'low' });
    expect(readValue('X')).toEqual({ value: null, marker: 'x' });
  });

  it('keeps every marker official statistics use, the issue’s six among them', () => {
    expect(MISSING_MARKERS).toEqual(expect.arrayContaining(['c', 'x', 'z', ':', '..', 'low']));
  });

  it.each(['abc', '12a', '1,23', '12,34,567', '1.2.3', '.5', '5.', '45%', '£12', '1 234', '--1', '...', 'n/a', 'NaN', 'Infinity', '1e3'])(
    '%j is refused',
    (raw) => {
      const r = readValue(raw);
      expect(r).toEqual({ error: expect.stringContaining('is not a number or a missing-data marker') });
    },
  );

  it('refuses an empty cell rather than taking it as zero or missing', () => {
    expect(readValue('')).toEqual({ error: 'Give a figure, or a marker such as x (not available) or c (suppressed).' });
    expect(readValue('   ')).toEqual({ error: 'Give a figure, or a marker such as x (not available) or c (suppressed).' });
  });

  it('refuses a figure too large to store', () => {
    expect(readValue('9999999999999')).toEqual({ error: 'The figure is too large.' });
    expect(readValue('1,000,000,000,000')).toEqual({ value: 1e12, marker: null });
  });
});

describe('readIndicatorCsv', () => {
  it('reads a valid file: each row’s indicator, area, period, figure and commentary, by spreadsheet row', () => {
    const r = read(
      csv(
        `${HEADER},area_name,commentary`,
        '202425,Financial year,Local authority,CLA-RATE,92,Anyshire,Rising since the spring',
        '202425,Financial year,Statistical neighbours,CLA-RATE,53,,',
        '202425,Financial year,Regional,cla-rate,61,North West,',
        '202425,Financial year,National,CLA-RATE,64,England,',
        '202425,Financial year Q2,Local authority,PEP,87.5,,',
        '2025,March,Local authority,Missing.Episodes,14,,',
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.rowCount).toBe(6);
    expect(r.rows).toEqual([
      {
        row: 2,
        indicatorId: 'id-cla',
        area: ValueArea.LOCAL,
        period: FY2425,
        value: 92,
        marker: null,
        commentary: 'Rising since the spring',
      },
      { row: 3, indicatorId: 'id-cla', area: ValueArea.STATISTICAL_NEIGHBOURS, period: FY2425, value: 53, marker: null, commentary: null },
      { row: 4, indicatorId: 'id-cla', area: ValueArea.REGION, period: FY2425, value: 61, marker: null, commentary: null },
      { row: 5, indicatorId: 'id-cla', area: ValueArea.ENGLAND, period: FY2425, value: 64, marker: null, commentary: null },
      {
        row: 6,
        indicatorId: 'id-pep',
        area: ValueArea.LOCAL,
        period: { start: '2024-07-01', end: '2024-09-30', label: 'Q2 2024-25', frequency: IndicatorFrequency.QUARTERLY },
        value: 87.5,
        marker: null,
        commentary: null,
      },
      {
        row: 7,
        indicatorId: 'id-miss',
        area: ValueArea.LOCAL,
        period: { start: '2025-03-01', end: '2025-03-31', label: 'March 2025', frequency: IndicatorFrequency.MONTHLY },
        value: 14,
        marker: null,
        commentary: null,
      },
    ]);
  });

  it('takes the columns in any order and case, after a byte order mark, with CRLF line ends', () => {
    const r = read(
      '\uFEFFValue,Indicator,Geographic_Level,TIME_IDENTIFIER,Time_Period\r\n92,CLA-RATE,local authority,financial year,2024-25\r\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { row: 2, indicatorId: 'id-cla', area: ValueArea.LOCAL, period: FY2425, value: 92, marker: null, commentary: null },
    ]);
  });

  it.each([
    ['Local authority', ValueArea.LOCAL],
    ['Local', ValueArea.LOCAL],
    ['Statistical neighbours', ValueArea.STATISTICAL_NEIGHBOURS],
    ['Statistical neighbour', ValueArea.STATISTICAL_NEIGHBOURS],
    ['statistical_neighbours', ValueArea.STATISTICAL_NEIGHBOURS],
    ['Regional', ValueArea.REGION],
    ['Region', ValueArea.REGION],
    ['National', ValueArea.ENGLAND],
    ['England', ValueArea.ENGLAND],
    ['NATIONAL', ValueArea.ENGLAND],
  ])('geographic_level %j is %s', (level, area) => {
    const r = read(csv(HEADER, `202425,Financial year,${level},CLA-RATE,1`));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.area)).toEqual([area]);
  });

  describe('a header without the columns', () => {
    it('names the one that is missing', () => {
      const r = read(csv('time_period,time_identifier,geographic_level,indicator', '202425,Financial year,National,CLA-RATE'));
      expect(r).toEqual({
        rows: [],
        rowCount: 0,
        errors: [{ row: 1, column: '', message: 'The first row must name the columns; value is missing.' }],
      });
    });

    it('names every one that is missing', () => {
      const r = read(csv('period,identifier,geographic_level,code,value', '202425,Financial year,National,CLA-RATE,1'));
      expect(r.errors).toEqual([
        { row: 1, column: '', message: 'The first row must name the columns; time_period, time_identifier, indicator are missing.' },
      ]);
      expect(r.rows).toEqual([]);
    });

    it('names them all for an empty file', () => {
      expect(read('').errors).toEqual([
        {
          row: 1,
          column: '',
          message: 'The first row must name the columns; time_period, time_identifier, geographic_level, indicator, value are missing.',
        },
      ]);
    });
  });

  it('refuses a header with no rows under it', () => {
    expect(read(`${HEADER}\n\n`)).toEqual({
      rows: [],
      rowCount: 0,
      errors: [{ row: 2, column: '', message: 'The file has no rows of figures under its header.' }],
    });
  });

  it('names every bad row and column, and keeps none of a bad row', () => {
    const r = read(
      csv(
        HEADER,
        '202425,Financial year,Local authority,CLA-RATE,92', // 2: fine
        '202425,Financial year,Local authority,NOPE,5', // 3: unknown code
        '202425,Financial year,County,CLA-RATE,5', // 4: bad level
        '2025,March,Local authority,CLA-RATE,5', // 5: monthly period for an annual indicator
        '202425,Financial year,Local authority,PEP,5', // 6: annual period for a quarterly one
        '202425,Financial year,National,CLA-RATE,lots', // 7: not a number
        '202425,Financial year,Regional,CLA-RATE,', // 8: empty figure
        '202426,Financial year,Statistical neighbours,CLA-RATE,5', // 9: bad second year
        '202425,Fiscal year,Statistical neighbours,CLA-RATE,5', // 10: bad identifier
        ',Financial year,Regional,,abc', // 11: three at once
        '202425,Financial year,Statistical neighbours,CLA-RATE,1,234', // 12: an unquoted thousands comma spills past the header
      ),
    );
    expect(r.rowCount).toBe(11);
    expect(r.rows.map((x) => x.row)).toEqual([2]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'indicator'],
      [4, 'geographic_level'],
      [5, 'time_identifier'],
      [6, 'time_identifier'],
      [7, 'value'],
      [8, 'value'],
      [9, 'time_period'],
      [10, 'time_identifier'],
      [11, 'indicator'],
      [11, 'time_period'],
      [11, 'value'],
      [12, ''],
    ]);
    const at = (row: number, column: string) => r.errors.find((e) => e.row === row && e.column === column)?.message;
    expect(at(3, 'indicator')).toBe('No indicator has the code “NOPE”.');
    expect(at(4, 'geographic_level')).toBe(
      '“County” is not an area level. Use Local authority, Statistical neighbours, Regional or National.',
    );
    expect(at(5, 'time_identifier')).toBe('CLA-RATE is reported annually; this row gives a monthly period.');
    expect(at(6, 'time_identifier')).toBe('PEP is reported quarterly; this row gives an annual period.');
    expect(at(7, 'value')).toContain('“lots” is not a number or a missing-data marker');
    expect(at(8, 'value')).toBe('Give a figure, or a marker such as x (not available) or c (suppressed).');
    expect(at(9, 'time_period')).toBe('For a financial year, time_period must be like 202425 (2024 to 2025).');
    expect(at(10, 'time_identifier')).toContain('“Fiscal year” is not a period we recognise.');
    expect(at(11, 'indicator')).toBe('Give the indicator’s code.');
    expect(at(12, '')).toBe(
      'This row has more cells than the header row has columns. Put a figure with a thousands comma in quotes, as "1,234".',
    );
  });

  it('refuses the second of two rows for one indicator, period and area, naming the first', () => {
    const r = read(
      csv(
        HEADER,
        '202425,Financial year,Local authority,CLA-RATE,92',
        '202425,Financial year,National,CLA-RATE,64',
        '202425,Financial year,Local authority,cla-rate,93',
        // The same twelve months named the other way, and the same area by another name.
        '2025,Reporting year,Local,CLA-RATE,94',
        '202425,Financial year,England,CLA-RATE,64',
      ),
    );
    expect(r.errors).toEqual([
      { row: 4, column: '', message: 'This repeats row 2: one row per indicator, period and area.' },
      { row: 5, column: '', message: 'This repeats row 2: one row per indicator, period and area.' },
      { row: 6, column: '', message: 'This repeats row 3: one row per indicator, period and area.' },
    ]);
    expect(r.rows.map((x) => [x.row, x.value])).toEqual([
      [2, 92],
      [3, 64],
    ]);
  });

  it('names a repeat even when the row it repeats, or the repeat itself, has other errors', () => {
    const r = read(
      csv(
        HEADER,
        '202425,Financial year,Local authority,CLA-RATE,lots', // 2: bad figure
        '202425,Financial year,Local authority,CLA-RATE,92', // 3: repeats 2
        '202425,Financial year,National,CLA-RATE,64', // 4
        '202425,Financial year,National,CLA-RATE,', // 5: repeats 4, and no figure
      ),
    );
    expect(r.errors.map((e) => [e.row, e.column, e.message.slice(0, 20)])).toEqual([
      [2, 'value', '“lots” is not a numb'],
      [3, '', 'This repeats row 2: '],
      [5, 'value', 'Give a figure, or a '],
      [5, '', 'This repeats row 4: '],
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([4]);
  });

  it('refuses cells past the header, but not empty ones', () => {
    const r = read(
      csv(
        HEADER,
        '2025,March,Local authority,Missing.Episodes,1,234',
        '2025,April,Local authority,Missing.Episodes,"1,234"',
        '2025,May,Local authority,Missing.Episodes,7,,  ,',
      ),
    );
    expect(r.errors).toEqual([
      {
        row: 2,
        column: '',
        message: 'This row has more cells than the header row has columns. Put a figure with a thousands comma in quotes, as "1,234".',
      },
    ]);
    expect(r.rows.map((x) => [x.row, x.value])).toEqual([
      [3, 1234],
      [4, 7],
    ]);
  });

  it('takes a calendar quarter and the financial quarter of the same months as one period', () => {
    const r = read(csv(HEADER, '202425,Financial year Q1,Local authority,PEP,80', '2024,Calendar year Q2,Local,PEP,80'));
    expect(r.errors).toEqual([{ row: 3, column: '', message: 'This repeats row 2: one row per indicator, period and area.' }]);
  });

  it('does not take the same area in different periods, or different areas in one period, as repeats', () => {
    const r = read(
      csv(
        HEADER,
        '202324,Financial year,Local authority,CLA-RATE,88',
        '202425,Financial year,Local authority,CLA-RATE,92',
        '202425,Financial year Q1,Local authority,PEP,80',
        '202425,Financial year Q2,Local authority,PEP,81',
        '2024,Calendar year Q1,Local authority,PEP,82',
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(5);
  });

  it('stores every suppression marker as missing with the marker kept, never as zero', () => {
    const markers = [...MISSING_MARKERS, 'C', ' LOW '];
    const r = read(csv(HEADER, ...markers.map((m, i) => `${2000 + i},Calendar year Q1,Local authority,PEP,${m}`)));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.value, x.marker])).toEqual([...MISSING_MARKERS, 'c', 'low'].map((m) => [null, m]));
    expect(r.rows.every((x) => x.value !== 0)).toBe(true);
  });

  it('reads thousands commas inside quoted cells', () => {
    const r = read(csv(HEADER, '2025,March,Local authority,Missing.Episodes,"1,234"', '2025,April,National,Missing.Episodes,"12,345.5"'));
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.value)).toEqual([1234, 12345.5]);
  });

  it('ignores blank lines, counting them in the row numbers as a spreadsheet does', () => {
    const r = read(
      csv(HEADER, '', '202425,Financial year,Local authority,CLA-RATE,92', ',,,,', '   ', '202425,Financial year,Bad,CLA-RATE,64', '', ''),
    );
    expect(r.rowCount).toBe(2);
    expect(r.rows.map((x) => x.row)).toEqual([3]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[6, 'geographic_level']]);
  });

  it('numbers rows as a spreadsheet shows them when a quoted cell runs over several lines', () => {
    const r = read(
      csv(
        `${HEADER},commentary`,
        '202425,Financial year,Local authority,CLA-RATE,92,"First line',
        'second line',
        'third line"',
        '202425,Financial year,National,CLA-RATE,oops,',
      ),
    );
    expect(r.rows.map((x) => [x.row, x.commentary])).toEqual([[2, 'First line\nsecond line\nthird line']]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'value']]);
  });

  it('reads back cells guarded against formulas when the file was exported', () => {
    const r = read(
      csv(
        `${HEADER},commentary`,
        `2025,March,Local authority,Missing.Episodes,'-3,'=HYPERLINK("http://example.test")`,
        `2025,April,Local authority,Missing.Episodes,'+4,'@mention`,
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => [x.value, x.commentary])).toEqual([
      [-3, '=HYPERLINK("http://example.test")'],
      [4, '@mention'],
    ]);
  });

  it('keeps an apostrophe that guards nothing', () => {
    const r = read(csv(`${HEADER},commentary`, `2025,March,Local authority,Missing.Episodes,3,'Tis the season`));
    expect(r.rows.map((x) => x.commentary)).toEqual(["'Tis the season"]);
  });

  it('refuses commentary over 5,000 characters', () => {
    const r = read(csv(`${HEADER},commentary`, `2025,March,Local authority,Missing.Episodes,3,${'a'.repeat(5001)}`));
    expect(r.errors).toEqual([{ row: 2, column: 'commentary', message: 'Commentary must be 5,000 characters or fewer.' }]);
    expect(r.rows).toEqual([]);
  });

  it('names the row of a CSV syntax error', () => {
    const r = read(csv(HEADER, '202425,Financial year,Local authority,CLA-RATE,92', '202425,Financial year,National,CLA-RATE,"64'));
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ row: 3, column: '', message: expect.stringContaining('Row 3') }]);
  });
});
