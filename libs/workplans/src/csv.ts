/**
 * RFC 4180 CSV, small and dependency-free: what spreadsheets (Excel, LibreOffice, Google
 * Sheets) write and read.
 *
 * Reading: fields separated by commas; records by CRLF, LF or a lone CR; a field in double
 * quotes may hold commas, line breaks and quotes (doubled, `""`); a leading UTF-8 byte order
 * mark is dropped; a final line break does not start another record. A quote inside an
 * unquoted field is kept as it is (hand-made files do this); anything but a comma or a line
 * break straight after a closing quote is an error, as is a quoted field never closed.
 *
 * Writing: CRLF line endings; a field is quoted when it holds a comma, a quote, a line break
 * or starts or ends with white space. `guardCell` protects a cell from being run as a
 * formula by the spreadsheet that opens the file (DESIGN.md §6).
 */

const BOM = '\uFEFF';

/** A file that is not valid CSV. `row` is the record it was found in, counted from 1. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Parses CSV text into records of fields. Every record is kept, blank ones too, so record i is spreadsheet row i + 1. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = s.length;
  if (n === 0) return rows;

  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < n) {
    // At the start of a field.
    if (s[i] === '"') {
      const startRow = rows.length + 1;
      i++;
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(`Row ${startRow} has a quoted cell that is never closed: a " is missing.`, startRow);
        const c = s[i];
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      // After the closing quote: a comma, a line break or the end.
      if (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
        throw new CsvSyntaxError(
          `Row ${rows.length + 1} has text after a quoted cell's closing ". Put the whole cell in quotes and double any " inside it.`,
          rows.length + 1,
        );
      }
    } else {
      while (i < n && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') field += s[i++];
    }
    if (i >= n) {
      endRow();
      break;
    }
    const c = s[i];
    if (c === ',') {
      endField();
      i++;
      // A comma at the very end of the text still ends a record with one more (empty) field.
      if (i >= n) endRow();
      continue;
    }
    // A line break: \r\n, \n or a lone \r.
    i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    endRow();
  }
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell safe to open in a spreadsheet: text starting with = + - @, a tab or a carriage
 * return would be run as a formula (CSV injection), so it gets a leading single quote, which
 * spreadsheets show as text.
 */
export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes guardCell: a cell that is a single quote followed by a formula character loses the quote. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function quoteIfNeeded(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface WriteCsvOptions {
  /** Guard every cell against formula injection (guardCell). Default true. */
  guard?: boolean;
  /** Start with a UTF-8 byte order mark, so Excel reads accented letters and curly quotes right. Default false. */
  bom?: boolean;
}

/** Writes records as CSV text: CRLF after every record, cells quoted where needed. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: WriteCsvOptions = {}): string {
  const guard = options.guard ?? true;
  const body = rows.map((r) => r.map((v) => quoteIfNeeded(guard ? guardCell(v) : v)).join(',') + '\r\n').join('');
  return (options.bom ? BOM : '') + body;
}
