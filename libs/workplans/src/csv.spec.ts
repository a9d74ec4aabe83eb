import { CsvSyntaxError, guardCell, parseCsv, unguardCell, writeCsv } from './csv';
import { parseCalendarDate } from './workplan-csv.service';

describe('parseCsv', () => {
  it('reads plain fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('accepts CRLF, LF and lone CR line endings, mixed', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('does not add a record for a final line break, with or without one', () => {
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });

  it('drops a leading byte order mark', () => {
    expect(parseCsv('\uFEFFobjective,title\r\nx,y\r\n')).toEqual([
      ['objective', 'title'],
      ['x', 'y'],
    ]);
  });

  it('keeps a BOM that is not at the start', () => {
    expect(parseCsv('a,\uFEFFb')).toEqual([['a', '\uFEFFb']]);
  });

  it('reads quoted fields with embedded commas, doubled quotes and line breaks', () => {
    const text = 'title,description\r\n"Care leavers, aged 18-25","Said ""yes"" at the panel\r\nthen a second line\nand a third"\r\n';
    expect(parseCsv(text)).toEqual([
      ['title', 'description'],
      ['Care leavers, aged 18-25', 'Said "yes" at the panel\r\nthen a second line\nand a third'],
    ]);
  });

  it('reads empty fields, quoted empty fields and trailing commas', () => {
    expect(parseCsv('a,,c\n"",x,\n,')).toEqual([
      ['a', '', 'c'],
      ['', 'x', ''],
      ['', ''],
    ]);
  });

  it('keeps blank lines as blank records, so record numbers match spreadsheet rows', () => {
    expect(parseCsv('h\n\nx\n')).toEqual([['h'], [''], ['x']]);
  });

  it('keeps white space and a quote inside an unquoted field as written', () => {
    expect(parseCsv(' a , 5" screen ')).toEqual([[' a ', ' 5" screen ']]);
  });

  it('returns nothing for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
  });

  it('refuses a quoted field that is never closed, naming the record it began in', () => {
    let err: unknown;
    try {
      parseCsv('a,b\n1,2\n"never closed,3\n4,5\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect((err as CsvSyntaxError).row).toBe(3);
    expect((err as CsvSyntaxError).message).toMatch(/Row 3/);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('a\n"quoted" tail\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a\n"quoted" tail\n');
    } catch (e) {
      expect((e as CsvSyntaxError).row).toBe(2);
    }
  });
});

describe('writeCsv', () => {
  it('writes CRLF records and quotes only where needed', () => {
    expect(
      writeCsv(
        [
          ['a', 'b,c', 'say "hi"'],
          ['line\nbreak', ' padded', 'plain'],
        ],
        { guard: false },
      ),
    ).toBe('a,"b,c","say ""hi"""\r\n"line\nbreak"," padded",plain\r\n');
  });

  it('adds a byte order mark when asked', () => {
    expect(writeCsv([['x']], { bom: true })).toBe('\uFEFFx\r\n');
  });

  it('guards cells by default', () => {
    expect(writeCsv([['=SUM(A1:A2)', '+1', '-2', '@cmd', 'fine']])).toBe("'=SUM(A1:A2),'+1,'-2,'@cmd,fine\r\n");
  });

  it('round-trips awkward text through parseCsv', () => {
    const rows = [
      ['objective', 'title', 'description'],
      ['Stable homes', 'Review, "match" and support', 'Line one\r\nLine two\nLine three\rLine four'],
      ['', ' lead and trail ', '""'],
      ['Émilie’s “curly” text', 'tab\there', ','],
    ];
    expect(parseCsv(writeCsv(rows, { guard: false, bom: true }))).toEqual(rows);
  });

  it('round-trips guarded cells through unguardCell', () => {
    const rows = [['=HYPERLINK("http://evil.example","click")', '-1 young person', '\tTabbed', 'ordinary']];
    const back = parseCsv(writeCsv(rows)).map((r) => r.map(unguardCell));
    expect(back).toEqual(rows);
  });
});

describe('guardCell / unguardCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+44 1234', "'+44 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
  ])('prefixes %j with a single quote', (value, guarded) => {
    expect(guardCell(value)).toBe(guarded);
    expect(unguardCell(guarded)).toBe(value);
  });

  it.each(['plain', '', 'a=b', ' =not first', "'quoted already", '2026-04-01'])('leaves %j alone', (value) => {
    expect(guardCell(value)).toBe(value);
    expect(unguardCell(value)).toBe(value);
  });

  it('only unguards a quote that stands before a formula character', () => {
    expect(unguardCell("'plain")).toBe("'plain");
    expect(unguardCell("''=x")).toBe("''=x");
  });
});

describe('parseCalendarDate', () => {
  it('reads YYYY-MM-DD and UK D/M/YYYY', () => {
    expect(parseCalendarDate('2027-03-31')).toBe('2027-03-31');
    expect(parseCalendarDate(' 31/03/2027 ')).toBe('2027-03-31');
    expect(parseCalendarDate('1/4/2026')).toBe('2026-04-01');
    expect(parseCalendarDate('2028-02-29')).toBe('2028-02-29');
  });

  it('is null for a blank cell', () => {
    expect(parseCalendarDate('')).toBeNull();
    expect(parseCalendarDate('  ')).toBeNull();
  });

  it.each(['2026-02-30', '2027-13-01', '31 March 2027', '2027/03/31', '03/31/2027', 'soon', '2027-3-31'])('refuses %j', (raw) => {
    expect(parseCalendarDate(raw)).toBe('bad');
  });
});
