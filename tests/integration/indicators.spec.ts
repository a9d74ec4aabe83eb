/**
 * Issue 7, the performance scorecard: indicators kept by the secretariat (each bad input
 * naming its field and changing nothing), figures recorded by the secretariat or the chair of
 * the indicator's sub-group, figures imported from CSV in the shape published statistics use
 * (a dry run writes nothing; a file with any bad row writes nothing and names every bad row;
 * suppression markers are stored as missing, never as zero), and the scorecard: the latest
 * figure, its RAG and trend by polarity, the comparators, and the series for a chart. Nothing
 * crosses partnerships.
 */
import { randomUUID } from 'node:crypto';
import {
  type GqlClient,
  type GqlResult,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addSubGroup,
  addUser,
  createPartnership,
  principles,
  signIn,
  startTestStack,
  tenantSnapshot,
} from '@pbw/testing';
import { auditIds, auditSince } from './evidence-helpers';

const IND_FIELDS = 'id code name definition unit polarity target amberTolerance frequency source version retiredAt updatedAt';
const FIGURE = 'value marker';
const PERIOD = `periodStart periodEnd label local { ${FIGURE} } statisticalNeighbours { ${FIGURE} } region { ${FIGURE} } england { ${FIGURE} } commentary rag`;

const GQL = {
  indicators: `query($includeRetired: Boolean) { indicators(includeRetired: $includeRetired) { id code } }`,
  indicator: `query($id: ID!) { indicator(id: $id) { ${IND_FIELDS} subGroup { id } frameworkItems { id } canRecord series { ${PERIOD} } } }`,
  scorecard: `query($subGroupId: ID) { scorecard(subGroupId: $subGroupId) {
    indicator { id code } latest { ${PERIOD} } rag trend trendText
    comparators { area figure { ${FIGURE} } comparison } series { ${PERIOD} } } }`,
  createIndicator: `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { ${IND_FIELDS} subGroup { id } frameworkItems { id } } }`,
  updateIndicator: `mutation($input: UpdateIndicatorInput!) { updateIndicator(input: $input) { ${IND_FIELDS} subGroup { id } frameworkItems { id } } }`,
  recordIndicatorValue: `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id series { ${PERIOD} } } }`,
  importIndicatorValues: `mutation($input: ImportIndicatorValuesInput!) { importIndicatorValues(input: $input) {
    valid imported rowCount created updated unchanged missing errors { row column message } } }`,
} as const;
type Op = 'createIndicator' | 'updateIndicator' | 'recordIndicatorValue' | 'importIndicatorValues';

interface Indicator {
  id: string;
  code: string;
  name: string;
  definition: string;
  unit: string;
  polarity: string;
  target: number | null;
  amberTolerance: number;
  frequency: string;
  source: string;
  version: number;
  retiredAt: string | null;
  updatedAt: string;
  subGroup: { id: string } | null;
  frameworkItems: Array<{ id: string }>;
}
interface Figure {
  value: number | null;
  marker: string | null;
}
interface Period {
  periodStart: string;
  periodEnd: string;
  label: string;
  local: Figure | null;
  statisticalNeighbours: Figure | null;
  region: Figure | null;
  england: Figure | null;
  commentary: string;
  rag: string | null;
}
interface Row {
  indicator: { id: string; code: string };
  latest: Period | null;
  rag: string | null;
  trend: string;
  trendText: string;
  comparators: Array<{ area: string; figure: Figure | null; comparison: string }>;
  series: Period[];
}
interface ImportResult {
  valid: boolean;
  imported: boolean;
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  missing: number;
  errors: Array<{ row: number; column: string; message: string }>;
}

const HEADER = 'time_period,time_identifier,geographic_level,indicator,value,commentary';
const file = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';
const SECRETARIAT_ONLY = 'Only the board secretariat keeps the scorecard’s indicators.';
const IMPORT_ONLY = 'Only the board secretariat imports figures.';
const RECORDERS = 'Only the board secretariat and the chair of the indicator’s sub-group record its figures.';
const fig = (value: number | null, marker: string | null = null): Figure => ({ value, marker });

type Who = 'secretariat' | 'boardMember' | 'chair' | 'member' | 'otherChair';
const WHO: Who[] = ['secretariat', 'boardMember', 'chair', 'member', 'otherChair'];

describe('performance indicators and the scorecard', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let Q: TestPartnership;
  let cpp: Record<string, string>;
  let qcpp: Record<string, string>;
  let education: string;
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, TestUser>;
  let qToken: string;
  const as = (who: Who): GqlClient => stack.client(tokens[who]);
  const q = (): GqlClient => stack.client(qToken);

  beforeAll(async () => {
    stack = await startTestStack();
    P = await createPartnership(stack.pg, 'Scoreham');
    Q = await createPartnership(stack.pg, 'Elsewhere');
    cpp = (await principles(stack.pg, P.id)).items;
    qcpp = (await principles(stack.pg, Q.id)).items;
    const otherChair = await addUser(stack.pg, P, 'educhair');
    education = await addSubGroup(stack.pg, P, 'Education', otherChair.id);
    Object.assign(users, { secretariat: P.secretariat, boardMember: P.boardMember, chair: P.chair, member: P.member, otherChair });
    for (const w of WHO) tokens[w] = (await signIn(stack.client(), users[w].email)).accessToken;
    qToken = (await signIn(stack.client(), Q.secretariat.email)).accessToken;
  });
  afterAll(async () => {
    await stack?.close();
  });

  /** A write that must succeed, leaving exactly these audit events (action and entity), all by `who`. */
  async function allowed<T>(c: GqlClient, op: Op, input: Record<string, unknown>, actorId: string, events: (r: T) => string[][]) {
    const known = await auditIds(stack.pg, P.id);
    const r = await c.request<Record<string, T>>(GQL[op], { input });
    expect({ op, errors: r.errors }).toEqual({ op, errors: undefined });
    const result = r.data![op];
    const rows = await auditSince(stack.pg, P.id, known);
    const key = (e: string[]) => e.join(' ');
    expect(rows.map((a) => [a.action, a.entity_type, a.entity_id, a.actor_user_id]).sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
      events(result)
        .map((e) => [...e, actorId])
        .sort((x, y) => key(x).localeCompare(key(y))),
    );
    return result;
  }

  /** A write that must be refused: one error on `op` with this code (and message, and field), and P exactly as it was. */
  async function refused(
    c: GqlClient,
    op: Op,
    input: Record<string, unknown>,
    code: string,
    message?: string,
    field?: string,
  ): Promise<GqlResult<unknown>> {
    const before = await tenantSnapshot(stack.pg, P.id);
    const r = await c.request(GQL[op], { input });
    expect({ op, data: r.data, count: r.errors?.length, path: r.errors?.[0].path, code: r.errors?.[0].extensions?.code }).toEqual({
      op,
      data: null,
      count: 1,
      path: [op],
      code,
    });
    if (message !== undefined) expect(r.errors![0].message).toBe(message);
    if (field !== undefined) expect(r.errors![0].extensions?.fields).toEqual([{ path: field, message }]);
    expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    return r;
  }
  const badInput = (input: Record<string, unknown>, field: string, message: string, op: Op = 'createIndicator', who: Who = 'secretariat') =>
    refused(as(who), op, input, 'BAD_USER_INPUT', message, field);

  const create = (input: Record<string, unknown>, c: GqlClient = as('secretariat'), actor = P.secretariat.id) =>
    allowed<Indicator>(c, 'createIndicator', { unit: 'PERCENTAGE', frequency: 'ANNUAL', ...input }, actor, (i) => [
      ['indicator.create', 'Indicator', i.id],
    ]);
  const versionOf = async (id: string): Promise<number> =>
    (await stack.pg.query<{ v: number }>('SELECT version AS v FROM indicators WHERE id = $1', [id])).rows[0].v;
  const update = async (id: string, input: Record<string, unknown>) =>
    allowed<Indicator>(as('secretariat'), 'updateIndicator', { id, version: await versionOf(id), ...input }, P.secretariat.id, () => [
      ['indicator.update', 'Indicator', id],
    ]);
  const importCsv = async (csv: string, dryRun: boolean, c: GqlClient = as('secretariat')): Promise<ImportResult> =>
    (await c.ok<{ importIndicatorValues: ImportResult }>(GQL.importIndicatorValues, { input: { csv, dryRun } })).importIndicatorValues;
  const scorecard = async (who: Who = 'secretariat', subGroupId?: string): Promise<Row[]> =>
    (await as(who).ok<{ scorecard: Row[] }>(GQL.scorecard, { subGroupId })).scorecard;
  const rowOf = async (code: string, who: Who = 'secretariat'): Promise<Row> => {
    const row = (await scorecard(who)).find((r) => r.indicator.code === code);
    if (!row) throw new Error(`${code} is not on the scorecard`);
    return row;
  };
  /** The stored figures of one indicator, straight from the database, oldest first. */
  const stored = async (indicatorId: string) =>
    (
      await stack.pg.query<{
        area: string;
        start: string;
        end: string;
        label: string;
        value: string | null;
        marker: string | null;
        commentary: string;
      }>(
        `SELECT area, period_start::text AS start, period_end::text AS end, period_label AS label, value::text AS value, marker, commentary
           FROM indicator_values WHERE indicator_id = $1 ORDER BY period_start, period_end, area`,
        [indicatorId],
      )
    ).rows;

  describe('keeping indicators', () => {
    it('the secretariat adds an indicator with every detail', async () => {
      const ind = await create({
        code: 'CLA-RATE',
        name: '  Children looked after per 10,000  ',
        definition: 'Children looked after at 31 March per 10,000 children aged under 18.',
        unit: 'RATE_PER_10000',
        polarity: 'LOWER_IS_BETTER',
        target: 60,
        amberTolerance: 5,
        frequency: 'ANNUAL',
        subGroupId: P.subGroupId,
        source: 'SSDA903 return',
        frameworkItemIds: [cpp['CPP-A'], cpp['CPP-B'], cpp['CPP-A']],
      });
      expect(ind).toEqual({
        id: expect.any(String),
        code: 'CLA-RATE',
        name: 'Children looked after per 10,000',
        definition: 'Children looked after at 31 March per 10,000 children aged under 18.',
        unit: 'RATE_PER_10000',
        polarity: 'LOWER_IS_BETTER',
        target: 60,
        amberTolerance: 5,
        frequency: 'ANNUAL',
        source: 'SSDA903 return',
        version: 1,
        retiredAt: null,
        updatedAt: expect.any(String),
        subGroup: { id: P.subGroupId },
        frameworkItems: expect.arrayContaining([{ id: cpp['CPP-A'] }, { id: cpp['CPP-B'] }]),
      });
      expect(ind.frameworkItems).toHaveLength(2);
      const row = await stack.pg.query('SELECT partnership_id, code, target::text, amber_tolerance::text FROM indicators WHERE id = $1', [
        ind.id,
      ]);
      expect(row.rows).toEqual([{ partnership_id: P.id, code: 'CLA-RATE', target: '60', amber_tolerance: '5' }]);
      // Left out: higher is better, no target, no tolerance, no sub-group.
      const plain = await create({ code: 'PLAIN-1', name: 'Plain', unit: 'COUNT', frequency: 'MONTHLY' });
      expect(plain).toEqual(
        expect.objectContaining({
          polarity: 'HIGHER_IS_BETTER',
          target: null,
          amberTolerance: 0,
          subGroup: null,
          frameworkItems: [],
          source: '',
        }),
      );
    });

    it('refuses bad input, naming the field, and changes nothing', async () => {
      await create({ code: 'DUP-1', name: 'Taken' });
      const ok = { code: 'FRESH-1', name: 'Fresh', unit: 'PERCENTAGE', frequency: 'ANNUAL' };
      const codeRule = 'Code must be up to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.';
      await badInput({ ...ok, code: 'DUP-1' }, 'input.code', 'Another indicator already has the code DUP-1.');
      await badInput({ ...ok, code: 'dup-1' }, 'input.code', 'Another indicator already has the code DUP-1.');
      await badInput({ ...ok, code: 'has space' }, 'input.code', codeRule);
      await badInput({ ...ok, code: '-LEADING' }, 'input.code', codeRule);
      await badInput({ ...ok, code: 'X'.repeat(41) }, 'input.code', codeRule);
      await badInput({ ...ok, code: undefined }, 'input.code', 'Enter a short code for the indicator, such as CLA-RATE.');
      await badInput({ ...ok, name: '   ' }, 'input.name', 'Enter the indicator’s name.');
      await badInput({ ...ok, target: 100.5 }, 'input.target', 'A percentage target must be between 0 and 100.');
      await badInput({ ...ok, target: -1 }, 'input.target', 'A percentage target must be between 0 and 100.');
      await badInput({ ...ok, amberTolerance: -0.5 }, 'input.amberTolerance', 'Amber tolerance cannot be negative.');
      await badInput({ ...ok, subGroupId: randomUUID() }, 'input.subGroupId', 'Choose a sub-group of this partnership.');
      await badInput({ ...ok, subGroupId: Q.subGroupId }, 'input.subGroupId', 'Choose a sub-group of this partnership.');
      await badInput(
        { ...ok, frameworkItemIds: [cpp['CPP-A'], qcpp['CPP-B']] },
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );
      await badInput(
        { ...ok, frameworkItemIds: [randomUUID()] },
        'input.frameworkItemIds',
        'Choose framework items from this partnership.',
      );
      // A target over 100 is fine for a rate.
      await create({ ...ok, code: 'RATE-OK', unit: 'RATE_PER_10000', target: 450 });
      // A retired framework item cannot be newly chosen, but an indicator already linked to it keeps it.
      const fw = await stack.pg.query<{ id: string }>(
        "INSERT INTO frameworks (partnership_id, name, kind) VALUES ($1, 'Scoreham promises', 'PROMISES') RETURNING id",
        [P.id],
      );
      const promise = await stack.pg.query<{ id: string }>(
        "INSERT INTO framework_items (partnership_id, framework_id, code, title, position) VALUES ($1, $2, 'PR-1', 'We will keep you healthy', 1) RETURNING id",
        [P.id, fw.rows[0].id],
      );
      const pr1 = promise.rows[0].id;
      const linked = await create({ ...ok, code: 'LINKED-PR1', frameworkItemIds: [pr1] });
      await stack.pg.query('UPDATE framework_items SET retired_at = now() WHERE id = $1', [pr1]);
      await badInput({ ...ok, frameworkItemIds: [pr1] }, 'input.frameworkItemIds', 'PR-1 has been retired and cannot be chosen.');
      const kept = await update(linked.id, { frameworkItemIds: [pr1, cpp['CPP-A']] });
      expect(kept.frameworkItems.map((i) => i.id).sort()).toEqual([cpp['CPP-A'], pr1].sort());
    });

    it('keeps how often an indicator is reported once it has figures, naming the field', async () => {
      const ind = await create({ code: 'FREQ-1', name: 'Frequency' });
      // Before any figure, the frequency may change.
      await update(ind.id, { frequency: 'QUARTERLY' });
      await allowed(
        as('secretariat'),
        'recordIndicatorValue',
        { indicatorId: ind.id, area: 'LOCAL', timePeriod: '201920', timeIdentifier: 'Financial year Q1', value: '12' },
        P.secretariat.id,
        () => [['indicator.recordValue', 'Indicator', ind.id]],
      );
      await badInput(
        { id: ind.id, version: await versionOf(ind.id), frequency: 'ANNUAL' },
        'input.frequency',
        'This indicator already has figures, so how often it is reported cannot change. Add a new indicator instead.',
        'updateIndicator',
      );
    });

    it('changes an indicator with the version read, refusing a stale one with the current details', async () => {
      const ind = await create({ code: 'STALE-1', name: 'Before', target: 50, subGroupId: P.subGroupId, frameworkItemIds: [cpp['CPP-C']] });
      const changed = await update(ind.id, {
        name: 'After',
        target: null,
        polarity: 'LOWER_IS_BETTER',
        subGroupId: null,
        frameworkItemIds: [],
      });
      expect(changed).toEqual(
        expect.objectContaining({
          name: 'After',
          target: null,
          polarity: 'LOWER_IS_BETTER',
          version: 2,
          subGroup: null,
          frameworkItems: [],
        }),
      );
      const r = await refused(
        as('secretariat'),
        'updateIndicator',
        { id: ind.id, version: 1, name: 'Lost update' },
        'CONFLICT',
        'Someone else changed this indicator since you opened it. Check the current details and make your change again.',
      );
      expect(r.errors![0].extensions?.current).toEqual(
        expect.objectContaining({ id: ind.id, name: 'After', version: 2, frameworkItemIds: [] }),
      );
      // Field rules hold on a change too, against what is stored when the field is left out.
      await badInput(
        { id: ind.id, version: 2, unit: 'PERCENTAGE', target: 120 },
        'input.target',
        'A percentage target must be between 0 and 100.',
        'updateIndicator',
      );
      const rate = await create({ code: 'RATE-2', name: 'Rate', unit: 'RATE_PER_10000', target: 300 });
      await badInput(
        { id: rate.id, version: 1, unit: 'PERCENTAGE' },
        'input.target',
        'A percentage target must be between 0 and 100.',
        'updateIndicator',
      );
      await badInput(
        { id: rate.id, version: 1, code: 'dup-1' },
        'input.code',
        'Another indicator already has the code DUP-1.',
        'updateIndicator',
      );
      // Its own code, in another case, is not a clash.
      expect((await update(rate.id, { code: 'rate-2' })).code).toBe('rate-2');
      await refused(
        as('secretariat'),
        'updateIndicator',
        { id: randomUUID(), version: 1, name: 'Nobody' },
        'NOT_FOUND',
        'Indicator not found.',
      );
    });

    it('only the secretariat creates, changes or imports; nobody else, chairs included', async () => {
      const ind = await create({ code: 'GUARDED', name: 'Guarded', subGroupId: P.subGroupId });
      const csv = file('202425,Financial year,Local authority,GUARDED,50,');
      for (const who of ['boardMember', 'chair', 'member', 'otherChair'] as const) {
        await refused(
          as(who),
          'createIndicator',
          { code: `BY-${who}`, name: 'Mine', unit: 'COUNT', frequency: 'ANNUAL' },
          'FORBIDDEN',
          SECRETARIAT_ONLY,
        );
        await refused(as(who), 'updateIndicator', { id: ind.id, version: 1, name: 'Mine now' }, 'FORBIDDEN', SECRETARIAT_ONLY);
        await refused(as(who), 'importIndicatorValues', { csv, dryRun: false }, 'FORBIDDEN', IMPORT_ONLY);
        await refused(as(who), 'importIndicatorValues', { csv, dryRun: true }, 'FORBIDDEN', IMPORT_ONLY);
      }
    });
  });

  describe('recording a figure', () => {
    let ind: Indicator;
    beforeAll(async () => {
      ind = await create({
        code: 'HEALTH-CHECKS',
        name: 'Annual health assessments',
        target: 90,
        amberTolerance: 2,
        subGroupId: P.subGroupId,
      });
    });
    const record = (input: Record<string, unknown>) => ({
      indicatorId: ind.id,
      timePeriod: '202425',
      timeIdentifier: 'Financial year',
      value: '88',
      ...input,
    });

    it('the chair of the owning sub-group records a figure and its commentary; the secretariat a comparator', async () => {
      const r = await allowed<{ id: string; series: Period[] }>(
        as('chair'),
        'recordIndicatorValue',
        record({ commentary: 'Two practices were late.' }),
        P.chair.id,
        () => [['indicator.recordValue', 'Indicator', ind.id]],
      );
      await allowed(as('secretariat'), 'recordIndicatorValue', record({ area: 'ENGLAND', value: '91.2' }), P.secretariat.id, () => [
        ['indicator.recordValue', 'Indicator', ind.id],
      ]);
      expect(r.series).toEqual([
        {
          periodStart: '2024-04-01',
          periodEnd: '2025-03-31',
          label: '2024-25',
          local: fig(88),
          statisticalNeighbours: null,
          region: null,
          england: null,
          commentary: 'Two practices were late.',
          rag: 'AMBER',
        },
      ]);
      expect(await stored(ind.id)).toEqual([
        { area: 'ENGLAND', start: '2024-04-01', end: '2025-03-31', label: '2024-25', value: '91.2', marker: null, commentary: '' },
        {
          area: 'LOCAL',
          start: '2024-04-01',
          end: '2025-03-31',
          label: '2024-25',
          value: '88',
          marker: null,
          commentary: 'Two practices were late.',
        },
      ]);
      const by = await stack.pg.query('SELECT updated_by_user_id AS u FROM indicator_values WHERE indicator_id = $1 AND area = $2', [
        ind.id,
        'LOCAL',
      ]);
      expect(by.rows).toEqual([{ u: P.chair.id }]);

      // The same figure again changes nothing and audits nothing; a new figure keeps the commentary unless given.
      await allowed(as('chair'), 'recordIndicatorValue', record({}), P.chair.id, () => []);
      await allowed(as('chair'), 'recordIndicatorValue', record({ value: 'c' }), P.chair.id, () => [
        ['indicator.recordValue', 'Indicator', ind.id],
      ]);
      expect((await stored(ind.id)).find((v) => v.area === 'LOCAL')).toEqual(
        expect.objectContaining({ value: null, marker: 'c', commentary: 'Two practices were late.' }),
      );
    });

    it('says who may record', async () => {
      const canRecord = async (who: Who) =>
        (await as(who).ok<{ indicator: { canRecord: boolean } }>(GQL.indicator, { id: ind.id })).indicator.canRecord;
      expect(await Promise.all(WHO.map(canRecord))).toEqual([true, false, true, false, false]);
    });

    it('the chair of another sub-group, a member and a board member may not record', async () => {
      for (const who of ['otherChair', 'member', 'boardMember'] as const) {
        await refused(as(who), 'recordIndicatorValue', record({ value: '12' }), 'FORBIDDEN', RECORDERS);
      }
      // An indicator with no sub-group is the secretariat's alone.
      const orphan = await create({ code: 'ORPHAN', name: 'No sub-group' });
      await refused(as('chair'), 'recordIndicatorValue', record({ indicatorId: orphan.id }), 'FORBIDDEN', RECORDERS);
    });

    it('refuses a bad period, figure or frequency, naming the field', async () => {
      const op = 'recordIndicatorValue';
      await badInput(
        record({ timePeriod: '202426' }),
        'input.timePeriod',
        'For a financial year, time_period must be like 202425 (2024 to 2025).',
        op,
        'chair',
      );
      await badInput(
        record({ timeIdentifier: 'Fortnight' }),
        'input.timeIdentifier',
        '“Fortnight” is not a period we recognise. Use Financial year, Academic year, Reporting year or Calendar year; Financial year Q1 to Q4 or Calendar year Q1 to Q4; or a month name.',
        op,
      );
      const freq = await refused(as('secretariat'), op, record({ timePeriod: '2025', timeIdentifier: 'March' }), 'BAD_USER_INPUT');
      expect(freq.errors![0].extensions?.fields).toEqual([
        { path: 'input.timeIdentifier', message: 'HEALTH-CHECKS is reported annually; choose an annual period.' },
      ]);
      const nan = await refused(as('secretariat'), op, record({ value: 'about 90' }), 'BAD_USER_INPUT');
      expect(nan.errors![0].extensions?.fields).toEqual([
        { path: 'input.value', message: expect.stringContaining('is not a number or a missing-data marker') },
      ]);
      await refused(as('secretariat'), op, record({ indicatorId: randomUUID() }), 'NOT_FOUND', 'Indicator not found.');
    });
  });

  describe('importing figures', () => {
    let cla: Indicator;
    let pep: Indicator;
    beforeAll(async () => {
      cla = await create({
        code: 'IMP-CLA',
        name: 'CLA rate',
        unit: 'RATE_PER_10000',
        polarity: 'LOWER_IS_BETTER',
        target: 60,
        amberTolerance: 5,
      });
      pep = await create({ code: 'IMP-PEP', name: 'Personal education plans', frequency: 'QUARTERLY', target: 95, amberTolerance: 5 });
    });

    const VALID = file(
      '202324,Financial year,Local authority,IMP-CLA,88,First year',
      '202324,Financial year,National,IMP-CLA,67,',
      '202425,Financial year,Local authority,IMP-CLA,92,',
      '202425,Financial year,Statistical neighbours,IMP-CLA,"1,053",',
      '202425,Financial year Q1,Local authority,imp-pep,85,',
      '202425,Financial year Q2,Local authority,IMP-PEP,x,Not yet published',
    );

    it('a dry run checks a valid file, says what it would do, and writes nothing', async () => {
      const before = await tenantSnapshot(stack.pg, P.id);
      expect(await importCsv(VALID, true)).toEqual({
        valid: true,
        imported: false,
        rowCount: 6,
        created: 6,
        updated: 0,
        unchanged: 0,
        missing: 1,
        errors: [],
      });
      expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
    });

    it('a real run writes the figures, with one audit event per indicator', async () => {
      const result = await allowed<ImportResult>(
        as('secretariat'),
        'importIndicatorValues',
        { csv: VALID, dryRun: false },
        P.secretariat.id,
        () => [
          ['indicator.importValues', 'Indicator', cla.id],
          ['indicator.importValues', 'Indicator', pep.id],
        ],
      );
      expect(result).toEqual({ valid: true, imported: true, rowCount: 6, created: 6, updated: 0, unchanged: 0, missing: 1, errors: [] });
      expect(await stored(cla.id)).toEqual([
        { area: 'ENGLAND', start: '2023-04-01', end: '2024-03-31', label: '2023-24', value: '67', marker: null, commentary: '' },
        { area: 'LOCAL', start: '2023-04-01', end: '2024-03-31', label: '2023-24', value: '88', marker: null, commentary: 'First year' },
        { area: 'LOCAL', start: '2024-04-01', end: '2025-03-31', label: '2024-25', value: '92', marker: null, commentary: '' },
        {
          area: 'STATISTICAL_NEIGHBOURS',
          start: '2024-04-01',
          end: '2025-03-31',
          label: '2024-25',
          value: '1053',
          marker: null,
          commentary: '',
        },
      ]);
      expect(await stored(pep.id)).toEqual([
        { area: 'LOCAL', start: '2024-04-01', end: '2024-06-30', label: 'Q1 2024-25', value: '85', marker: null, commentary: '' },
        {
          area: 'LOCAL',
          start: '2024-07-01',
          end: '2024-09-30',
          label: 'Q2 2024-25',
          value: null,
          marker: 'x',
          commentary: 'Not yet published',
        },
      ]);
    });

    it('a changed file counts what it creates, updates and leaves unchanged, in the dry run and for real', async () => {
      const changed = file(
        '202324,Financial year,Local authority,IMP-CLA,88,', // unchanged (no commentary keeps the stored one)
        '202324,Financial year,National,IMP-CLA,67,', // unchanged
        '202425,Financial year,Local authority,IMP-CLA,91.5,', // updated
        '202425,Financial year,Statistical neighbours,IMP-CLA,"1,053",Revised note', // updated: commentary
        '202425,Financial year Q2,Local authority,IMP-PEP,87,', // updated: the marker gives way to a figure
        '202425,Financial year Q3,Local authority,IMP-PEP,c,', // created, missing
        '202425,Financial year,Regional,IMP-CLA,61,', // created
      );
      const counts = { valid: true, rowCount: 7, created: 2, updated: 3, unchanged: 2, missing: 1, errors: [] };
      const before = await tenantSnapshot(stack.pg, P.id);
      expect(await importCsv(changed, true)).toEqual({ ...counts, imported: false });
      expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
      expect(await importCsv(changed, false)).toEqual({ ...counts, imported: true });
      const claRows = await stored(cla.id);
      expect(claRows.map((v) => [v.area, v.start, v.value, v.commentary])).toEqual([
        ['ENGLAND', '2023-04-01', '67', ''],
        ['LOCAL', '2023-04-01', '88', 'First year'],
        ['LOCAL', '2024-04-01', '91.5', ''],
        ['REGION', '2024-04-01', '61', ''],
        ['STATISTICAL_NEIGHBOURS', '2024-04-01', '1053', 'Revised note'],
      ]);
      expect((await stored(pep.id)).map((v) => [v.label, v.value, v.marker])).toEqual([
        ['Q1 2024-25', '85', null],
        ['Q2 2024-25', '87', null],
        ['Q3 2024-25', null, 'c'],
      ]);
      // The same file again: all unchanged.
      expect(await importCsv(changed, false)).toEqual({ ...counts, created: 0, updated: 0, unchanged: 7, imported: true });
    });

    it('an invalid file names every bad row and column and writes nothing, though its other rows are valid', async () => {
      const bad = file(
        '202526,Financial year,Local authority,IMP-CLA,95,', // 2: valid
        '202526,Financial year,Local authority,NO-SUCH,5,', // 3
        '202526,Financial year,County,IMP-CLA,5,', // 4
        '2025,March,Local authority,IMP-CLA,5,', // 5: monthly for an annual indicator
        '202526,Financial year,National,IMP-CLA,sixty,', // 6
        '202527,Financial year,Regional,IMP-CLA,5,', // 7
        '202526,Financial year Q4,Local authority,IMP-PEP,,', // 8: no figure
        '202526,Financial year Q1,Local authority,IMP-PEP,90,', // 9: valid
        '202526,Financial year Q1,Local,IMP-PEP,91,', // 10: repeats 9
        '202526,Financial year Q2,Local authority,IMP-PEP,90,', // 11: valid
      );
      const expected = [
        [3, 'indicator'],
        [4, 'geographic_level'],
        [5, 'time_identifier'],
        [6, 'value'],
        [7, 'time_period'],
        [8, 'value'],
        [10, ''],
      ];
      for (const dryRun of [true, false]) {
        const before = await tenantSnapshot(stack.pg, P.id);
        const r = await importCsv(bad, dryRun);
        // A dry run still says what its valid rows would do; a refused real run did nothing.
        expect({ dryRun, valid: r.valid, imported: r.imported, rowCount: r.rowCount, created: r.created, updated: r.updated }).toEqual({
          dryRun,
          valid: false,
          imported: false,
          rowCount: 10,
          created: dryRun ? 3 : 0,
          updated: 0,
        });
        expect(r.errors.map((e) => [e.row, e.column])).toEqual(expected);
        expect(r.errors.find((e) => e.row === 3)?.message).toBe('No indicator has the code “NO-SUCH”.');
        expect(r.errors.find((e) => e.row === 10)?.message).toBe('This repeats row 9: one row per indicator, period and area.');
        expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
      }
      const none = await stack.pg.query(
        "SELECT count(*)::int AS n FROM indicator_values WHERE partnership_id = $1 AND period_start >= '2025-04-01'",
        [P.id],
      );
      expect(none.rows).toEqual([{ n: 0 }]);
    });

    it('refuses a file without the columns, writing nothing', async () => {
      const before = await tenantSnapshot(stack.pg, P.id);
      const r = await importCsv('period,indicator,value\r\n202425,IMP-CLA,90\r\n', false);
      expect(r).toEqual(
        expect.objectContaining({
          valid: false,
          imported: false,
          errors: [
            {
              row: 1,
              column: '',
              message: 'The first row must name the columns; time_period, time_identifier, geographic_level are missing.',
            },
          ],
        }),
      );
      expect(await tenantSnapshot(stack.pg, P.id)).toEqual(before);
      const empty = await refused(as('secretariat'), 'importIndicatorValues', { csv: '', dryRun: true }, 'BAD_USER_INPUT');
      expect(empty.errors![0].extensions?.fields).toEqual([{ path: 'input.csv', message: 'Choose a CSV file to import.' }]);
    });

    it('stores suppression and missing markers as missing with the marker kept, never as zero', async () => {
      const sup = await create({
        code: 'SUPPRESSED',
        name: 'Small numbers',
        unit: 'COUNT',
        frequency: 'MONTHLY',
        target: 3,
        polarity: 'LOWER_IS_BETTER',
      });
      const markers = ['c', 'x', 'z', ':', '..', 'low', 'C', ' LOW '];
      const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];
      const csv = file(
        ...markers.map((m, i) => `2025,${months[i]},Local authority,SUPPRESSED,${m},`),
        '2025,September,Local authority,SUPPRESSED,0,',
      );
      expect(await importCsv(csv, false)).toEqual(
        expect.objectContaining({ valid: true, imported: true, created: 9, missing: 8, errors: [] }),
      );
      const rows = await stack.pg.query<{ label: string; value: string | null; marker: string | null }>(
        'SELECT period_label AS label, value::text AS value, marker FROM indicator_values WHERE indicator_id = $1 ORDER BY period_start',
        [sup.id],
      );
      expect(rows.rows).toEqual([
        { label: 'January 2025', value: null, marker: 'c' },
        { label: 'February 2025', value: null, marker: 'x' },
        { label: 'March 2025', value: null, marker: 'z' },
        { label: 'April 2025', value: null, marker: ':' },
        { label: 'May 2025', value: null, marker: '..' },
        { label: 'June 2025', value: null, marker: 'low' },
        { label: 'July 2025', value: null, marker: 'c' },
        { label: 'August 2025', value: null, marker: 'low' },
        // A real zero is a figure, with no marker.
        { label: 'September 2025', value: '0', marker: null },
      ]);
      // The api shows them the same way: no figure, the marker, and no RAG.
      const series = (await as('member').ok<{ indicator: { series: Period[] } }>(GQL.indicator, { id: sup.id })).indicator.series;
      expect(series.map((p) => [p.local, p.rag])).toEqual([
        ...['c', 'x', 'z', ':', '..', 'low', 'c', 'low'].map((m) => [fig(null, m), null]),
        [fig(0), 'GREEN'],
      ]);
    });
  });

  describe('the scorecard', () => {
    const ids = {} as Record<string, string>;
    beforeAll(async () => {
      const mk = async (code: string, input: Record<string, unknown>) => {
        ids[code] = (await create({ code, name: code, ...input })).id;
      };
      // Lower is better: 92 per 10,000 against a target of 60, statistical neighbours 53, England 64.
      await mk('SC-CLA', { unit: 'RATE_PER_10000', polarity: 'LOWER_IS_BETTER', target: 60, amberTolerance: 5, subGroupId: P.subGroupId });
      // Higher is better, quarterly, at the decimal tolerance edge.
      await mk('SC-PEP', { frequency: 'QUARTERLY', target: 66.7, amberTolerance: 0.1, subGroupId: education });
      // Lower is better, getting better, on target.
      await mk('SC-MOVES', { polarity: 'LOWER_IS_BETTER', target: 10, amberTolerance: 1 });
      // Higher is better, the latest figure suppressed.
      await mk('SC-SUPP', { target: 90, amberTolerance: 2 });
      // No target, no change.
      await mk('SC-NOTGT', { unit: 'COUNT' });
      // Higher is better, getting worse.
      await mk('SC-EET', { target: 60, amberTolerance: 5 });
      // Retired: leaves the scorecard.
      await mk('SC-OLD', { target: 50 });
      const result = await importCsv(
        file(
          // Out of order on purpose: the series comes back oldest first.
          '202425,Financial year,Local authority,SC-CLA,92,Rising',
          '202425,Financial year,Statistical neighbours,SC-CLA,53,',
          '202425,Financial year,Regional,SC-CLA,92,',
          '202425,Financial year,National,SC-CLA,64,',
          '202223,Financial year,Local authority,SC-CLA,84,',
          '202223,Financial year,National,SC-CLA,70,',
          '202324,Financial year,Local authority,SC-CLA,88,',
          '202324,Financial year,Statistical neighbours,SC-CLA,52,',
          '202324,Financial year,Regional,SC-CLA,60,',
          '202324,Financial year,National,SC-CLA,66,',
          // A comparator published for a later year than ours does not move "latest".
          '202526,Financial year,National,SC-CLA,63,',
          '202425,Financial year Q1,Local authority,SC-PEP,66.59,',
          '202425,Financial year Q2,Local authority,SC-PEP,66.6,',
          '202425,Financial year Q2,Statistical neighbours,SC-PEP,66.6,',
          '202425,Financial year Q2,Regional,SC-PEP,c,',
          '202425,Financial year Q2,National,SC-PEP,70,',
          '202324,Financial year,Local authority,SC-MOVES,11,',
          '202425,Financial year,Local authority,SC-MOVES,10,',
          '202425,Financial year,National,SC-MOVES,10.5,',
          '202324,Financial year,Local authority,SC-SUPP,91,',
          '202425,Financial year,Local authority,SC-SUPP,c,Fewer than five children',
          '202425,Financial year,National,SC-SUPP,89,',
          '202324,Financial year,Local authority,SC-NOTGT,12,',
          '202425,Financial year,Local authority,SC-NOTGT,12,',
          '202324,Financial year,Local authority,SC-EET,62,',
          '202425,Financial year,Local authority,SC-EET,57,',
          '202425,Financial year,Local authority,SC-OLD,40,',
        ),
        false,
      );
      expect(result).toEqual(expect.objectContaining({ valid: true, imported: true, created: 27 }));
      await update(ids['SC-OLD'], { retired: true });
    });

    it('gives each current indicator’s latest figure, RAG, trend and comparators, and its whole series oldest first', async () => {
      const cla = await rowOf('SC-CLA');
      const period = (start: string, end: string, label: string, o: Partial<Period>): Period => ({
        periodStart: start,
        periodEnd: end,
        label,
        local: null,
        statisticalNeighbours: null,
        region: null,
        england: null,
        commentary: '',
        rag: null,
        ...o,
      });
      const y2425 = period('2024-04-01', '2025-03-31', '2024-25', {
        local: fig(92),
        statisticalNeighbours: fig(53),
        region: fig(92),
        england: fig(64),
        commentary: 'Rising',
        rag: 'RED',
      });
      expect(cla).toEqual({
        indicator: { id: ids['SC-CLA'], code: 'SC-CLA' },
        latest: y2425,
        rag: 'RED',
        // 88 to 92, lower being better.
        trend: 'WORSENING',
        trendText: 'Getting worse',
        comparators: [
          { area: 'STATISTICAL_NEIGHBOURS', figure: fig(53), comparison: 'WORSE' },
          { area: 'REGION', figure: fig(92), comparison: 'SAME' },
          { area: 'ENGLAND', figure: fig(64), comparison: 'WORSE' },
        ],
        series: [
          period('2022-04-01', '2023-03-31', '2022-23', { local: fig(84), england: fig(70), rag: 'RED' }),
          period('2023-04-01', '2024-03-31', '2023-24', {
            local: fig(88),
            statisticalNeighbours: fig(52),
            region: fig(60),
            england: fig(66),
            rag: 'RED',
          }),
          y2425,
          period('2025-04-01', '2026-03-31', '2025-26', { england: fig(63) }),
        ],
      });

      const pep = await rowOf('SC-PEP');
      expect(pep.series.map((p) => [p.label, p.local, p.rag])).toEqual([
        ['Q1 2024-25', fig(66.59), 'RED'],
        ['Q2 2024-25', fig(66.6), 'AMBER'],
      ]);
      expect({ rag: pep.rag, trend: pep.trend, text: pep.trendText, latest: pep.latest?.label }).toEqual({
        rag: 'AMBER',
        trend: 'IMPROVING',
        text: 'Improving',
        latest: 'Q2 2024-25',
      });
      expect(pep.comparators).toEqual([
        { area: 'STATISTICAL_NEIGHBOURS', figure: fig(66.6), comparison: 'SAME' },
        { area: 'REGION', figure: fig(null, 'c'), comparison: 'NOT_COMPARABLE' },
        { area: 'ENGLAND', figure: fig(70), comparison: 'WORSE' },
      ]);

      const moves = await rowOf('SC-MOVES');
      expect({ series: moves.series.map((p) => p.rag), rag: moves.rag, trend: moves.trend }).toEqual({
        series: ['AMBER', 'GREEN'],
        rag: 'GREEN',
        trend: 'IMPROVING',
      });
      expect(moves.comparators).toEqual([
        { area: 'STATISTICAL_NEIGHBOURS', figure: null, comparison: 'NOT_COMPARABLE' },
        { area: 'REGION', figure: null, comparison: 'NOT_COMPARABLE' },
        { area: 'ENGLAND', figure: fig(10.5), comparison: 'BETTER' },
      ]);

      const eet = await rowOf('SC-EET');
      expect({ series: eet.series.map((p) => p.rag), rag: eet.rag, trend: eet.trend, text: eet.trendText }).toEqual({
        series: ['GREEN', 'AMBER'],
        rag: 'AMBER',
        trend: 'WORSENING',
        text: 'Getting worse',
      });

      const notgt = await rowOf('SC-NOTGT');
      expect({ rag: notgt.rag, trend: notgt.trend, text: notgt.trendText, series: notgt.series.map((p) => p.rag) }).toEqual({
        rag: null,
        trend: 'NO_CHANGE',
        text: 'No change',
        series: [null, null],
      });
    });

    it('a suppressed latest figure is the latest, with no RAG and no trend', async () => {
      const supp = await rowOf('SC-SUPP');
      expect({ latest: supp.latest?.local, label: supp.latest?.label, commentary: supp.latest?.commentary }).toEqual({
        latest: fig(null, 'c'),
        label: '2024-25',
        commentary: 'Fewer than five children',
      });
      expect({ rag: supp.rag, trend: supp.trend, text: supp.trendText }).toEqual({
        rag: null,
        trend: 'NOT_COMPARABLE',
        text: 'Not comparable',
      });
      expect(supp.comparators[2]).toEqual({ area: 'ENGLAND', figure: fig(89), comparison: 'NOT_COMPARABLE' });
      expect(supp.series.map((p) => p.rag)).toEqual(['GREEN', null]);
    });

    it('an indicator with no figures yet has no latest, RAG or trend', async () => {
      await create({ code: 'SC-EMPTY', name: 'Nothing yet', target: 10 });
      expect(await rowOf('SC-EMPTY')).toEqual({
        indicator: { id: expect.any(String), code: 'SC-EMPTY' },
        latest: null,
        rag: null,
        trend: 'NOT_COMPARABLE',
        trendText: 'Not comparable',
        comparators: [
          { area: 'STATISTICAL_NEIGHBOURS', figure: null, comparison: 'NOT_COMPARABLE' },
          { area: 'REGION', figure: null, comparison: 'NOT_COMPARABLE' },
          { area: 'ENGLAND', figure: null, comparison: 'NOT_COMPARABLE' },
        ],
        series: [],
      });
    });

    it('retired indicators leave the scorecard and the list, and come back when restored', async () => {
      const codes = async () => (await scorecard()).map((r) => r.indicator.code);
      const listed = async (includeRetired?: boolean) =>
        (await as('secretariat').ok<{ indicators: Array<{ code: string }> }>(GQL.indicators, { includeRetired })).indicators.map(
          (i) => i.code,
        );
      expect(await codes()).not.toContain('SC-OLD');
      expect(await listed()).not.toContain('SC-OLD');
      expect(await listed(true)).toContain('SC-OLD');
      const back = await update(ids['SC-OLD'], { retired: false });
      expect(back.retiredAt).toBeNull();
      expect(await codes()).toContain('SC-OLD');
      await update(ids['SC-OLD'], { retired: true });
      expect(await codes()).not.toContain('SC-OLD');
    });

    it('is in code order, and one sub-group’s on request', async () => {
      const all = (await scorecard()).map((r) => r.indicator.code);
      expect(all).toEqual([...all].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
      expect((await scorecard('secretariat', education)).map((r) => r.indicator.code)).toEqual(['SC-PEP']);
      expect((await scorecard('secretariat', P.subGroupId)).map((r) => r.indicator.code)).toEqual(
        expect.arrayContaining(['SC-CLA', 'HEALTH-CHECKS']),
      );
    });

    it('board members, members and chairs read the same scorecard as the secretariat', async () => {
      const mine = await scorecard('secretariat');
      for (const who of ['boardMember', 'member', 'chair', 'otherChair'] as const) {
        expect({ who, rows: await scorecard(who) }).toEqual({ who, rows: mine });
      }
    });
  });

  describe('partnerships', () => {
    it('nothing crosses partnerships: ids are NOT_FOUND, codes unknown, and the scorecards separate', async () => {
      const ours = await create({ code: 'SHARED-CODE', name: 'Ours', target: 50, subGroupId: P.subGroupId });
      // The other partnership may use the same code for its own indicator.
      const theirs = (
        await q().ok<{ createIndicator: Indicator }>(GQL.createIndicator, {
          input: { code: 'SHARED-CODE', name: 'Theirs', unit: 'PERCENTAGE', frequency: 'ANNUAL' },
        })
      ).createIndicator;
      expect(theirs.id).not.toBe(ours.id);
      const pBefore = await tenantSnapshot(stack.pg, P.id);

      const read = await q().request(GQL.indicator, { id: ours.id });
      expect({ data: read.data, code: read.errors?.[0].extensions?.code, message: read.errors?.[0].message }).toEqual({
        data: null,
        code: 'NOT_FOUND',
        message: 'Indicator not found.',
      });
      for (const [op, input] of [
        ['updateIndicator', { id: ours.id, version: 1, name: 'Taken' }],
        ['recordIndicatorValue', { indicatorId: ours.id, timePeriod: '202425', timeIdentifier: 'Financial year', value: '1' }],
      ] as const) {
        const r = await q().request(GQL[op], { input });
        expect({ op, data: r.data, code: r.errors?.[0].extensions?.code }).toEqual({ op, data: null, code: 'NOT_FOUND' });
      }
      // Their import knows only their codes: one of ours (not shared) is unknown to them.
      const r = await importCsv(
        file('202425,Financial year,Local authority,SC-CLA,1,', '202425,Financial year,Local authority,SHARED-CODE,70,'),
        false,
        q(),
      );
      expect(r.errors).toEqual([{ row: 2, column: 'indicator', message: 'No indicator has the code “SC-CLA”.' }]);
      expect(r.imported).toBe(false);
      // A valid import of theirs writes to their indicator only.
      expect(await importCsv(file('202425,Financial year,Local authority,SHARED-CODE,70,'), false, q())).toEqual(
        expect.objectContaining({ imported: true, created: 1 }),
      );
      expect(await stored(ours.id)).toEqual([]);
      expect((await stored(theirs.id)).map((v) => v.value)).toEqual(['70']);
      expect(await tenantSnapshot(stack.pg, P.id)).toEqual(pBefore);

      const theirCard = (await q().ok<{ scorecard: Row[] }>(GQL.scorecard)).scorecard;
      expect(theirCard.map((x) => x.indicator.id)).toEqual([theirs.id]);
      expect((await scorecard()).map((x) => x.indicator.id)).not.toContain(theirs.id);
      // Our scorecard asked for their sub-group is empty, not theirs.
      expect(await scorecard('secretariat', Q.subGroupId)).toEqual([]);
    });
  });
});
