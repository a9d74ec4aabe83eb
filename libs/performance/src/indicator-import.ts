import { CsvSyntaxError, parseCsv, unguardCell } from '@pbw/workplans';
import { type IndicatorEntity, ValueArea } from './indicators.entities';
import { FREQUENCY_WORDS, type Period, parsePeriod } from './periods';

/**
 * The markers official statistics print instead of a figure: c confidential (suppressed), x not
 * available, z not applicable, : and .. not available (ONS style), low a figure that rounds to
 * zero, u low reliability, k less than half the unit shown, ~ rounds to zero. Each is stored as
 * missing with its marker kept: never as zero.
 */
export const MISSING_MARKERS: readonly string[] = ['c', 'x', 'z', ':', '..', 'low', 'u', 'k', '~'];

export const REQUIRED_COLUMNS = ['time_period', 'time_identifier', 'geographic_level', 'indicator', 'value'] as const;
export const OPTIONAL_COLUMNS = ['area_name', 'commentary'] as const;

/** geographic_level as published statistics write it, and our own area names. */
const LEVELS: Record<string, ValueArea> = {
  'local authority': ValueArea.LOCAL,
  local: ValueArea.LOCAL,
  'statistical neighbours': ValueArea.STATISTICAL_NEIGHBOURS,
  'statistical neighbour': ValueArea.STATISTICAL_NEIGHBOURS,
  statistical_neighbours: ValueArea.STATISTICAL_NEIGHBOURS,
  regional: ValueArea.REGION,
  region: ValueArea.REGION,
  national: ValueArea.ENGLAND,
  england: ValueArea.ENGLAND,
};

export const LEVEL_HELP = 'Use Local authority, Statistical neighbours, Regional or National.';

export interface CellError {
  row: number;
  column: string;
  message: string;
}

export interface ImportedValue {
  row: number;
  indicatorId: string;
  area: ValueArea;
  period: Period;
  value: number | null;
  marker: string | null;
  /** Null when the file has no commentary for the row: what is stored stays. */
  commentary: string | null;
}

const NUMBER = /^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;
const MAX_ROWS = 20_000;

/** A cell's value: a number (thousands commas allowed), a missing-data marker, or an error. */
export function readValue(raw: string): { value: number | null; marker: string | null } | { error: string } {
  const s = raw.trim();
  if (!s) return { error: 'Give a figure, or a marker such as x (not available) or c (suppressed).' };
  const marker = MISSING_MARKERS.find((m) => m === s.toLowerCase());
  if (marker) return { value: null, marker };
  if (!NUMBER.test(s)) {
    return { error: `“${s.slice(0, 40)}” is not a number or a missing-data marker (${MISSING_MARKERS.join(' ')}).` };
  }
  const value = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(value) || Math.abs(value) > 1e12) return { error: 'The figure is too large.' };
  return { value, marker: null };
}

/**
 * Checks a whole file of values, one row per indicator, period and area, and names every
 * problem by spreadsheet row (the header is row 1) and column. Nothing here writes.
 */
export function readIndicatorCsv(
  text: string,
  byCode: ReadonlyMap<string, IndicatorEntity>,
): { rows: ImportedValue[]; errors: CellError[]; rowCount: number } {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { rows: [], errors: [{ row: e.row, column: '', message: e.message }], rowCount: 0 };
    throw e;
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (!records.length || missing.length) {
    return {
      rows: [],
      errors: [
        {
          row: 1,
          column: '',
          message: `The first row must name the columns; ${missing.join(', ') || REQUIRED_COLUMNS.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.`,
        },
      ],
      rowCount: 0,
    };
  }
  const col = (name: string) => header.indexOf(name);
  const body = records
    .slice(1)
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length > MAX_ROWS) {
    return { rows: [], errors: [{ row: 1, column: '', message: `A file can hold at most ${MAX_ROWS} rows.` }], rowCount: body.length };
  }
  const errors: CellError[] = [];
  const rows: ImportedValue[] = [];
  const seen = new Map<string, number>();
  for (const { cells, row } of body) {
    const cell = (name: string) => (col(name) >= 0 ? unguardCell((cells[col(name)] ?? '').trim()) : '');
    const rowErrors: CellError[] = [];
    const fail = (column: string, message: string) => rowErrors.push({ row, column, message });
    // An unquoted 1,234 spills into the next cell: refuse it rather than read the figure as 1.
    if (cells.slice(header.length).some((c) => c.trim() !== '')) {
      fail('', 'This row has more cells than the header row has columns. Put a figure with a thousands comma in quotes, as "1,234".');
    }

    const code = cell('indicator');
    const indicator = code ? byCode.get(code.toLowerCase()) : undefined;
    if (!code) fail('indicator', 'Give the indicator’s code.');
    else if (!indicator) fail('indicator', `No indicator has the code “${code.slice(0, 40)}”.`);

    const level = LEVELS[cell('geographic_level').toLowerCase()];
    if (!level) fail('geographic_level', `“${cell('geographic_level').slice(0, 40)}” is not an area level. ${LEVEL_HELP}`);

    const period = parsePeriod(cell('time_period'), cell('time_identifier'));
    if ('error' in period) fail(period.column, period.error);
    else if (indicator && period.frequency !== indicator.frequency) {
      fail(
        'time_identifier',
        `${indicator.code} is reported ${FREQUENCY_WORDS[indicator.frequency].reported}; this row gives ${FREQUENCY_WORDS[period.frequency].aPeriod}.`,
      );
    }

    const value = readValue(cell('value'));
    if ('error' in value) fail('value', value.error);

    const commentary = col('commentary') >= 0 ? cell('commentary') : '';
    if (commentary.length > 5000) fail('commentary', 'Commentary must be 5,000 characters or fewer.');

    // A repeat is named even when either row has other errors, so one dry run lists every bad row.
    if (indicator && level && !('error' in period)) {
      const key = `${indicator.id}|${level}|${period.start}|${period.end}`;
      const first = seen.get(key);
      if (first !== undefined) fail('', `This repeats row ${first}: one row per indicator, period and area.`);
      else seen.set(key, row);
    }
    if (!rowErrors.length && indicator && level && !('error' in period) && !('error' in value)) {
      rows.push({ row, indicatorId: indicator.id, area: level, period, ...value, commentary: commentary || null });
    }
    errors.push(...rowErrors);
  }
  if (!body.length) errors.push({ row: 2, column: '', message: 'The file has no rows of figures under its header.' });
  return { rows, errors, rowCount: body.length };
}
