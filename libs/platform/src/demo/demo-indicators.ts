import { londonToday } from '@pbw/core';
import { AuditRepository, MutationRunner, snapshot } from '@pbw/audit';
import type { TxScope } from '@pbw/db';
import { FrameworkItemRepository, FrameworkRepository } from '@pbw/frameworks';
import { Polarity } from '@pbw/commitments';
import {
  IndicatorFrequency,
  IndicatorRepository,
  IndicatorUnit,
  IndicatorValueRepository,
  type IndicatorValueEntity,
  ValueArea,
  parsePeriod,
  readValue,
} from '@pbw/performance';

/**
 * The demo's performance scorecard: a dozen indicators with the definitions the Department for
 * Education's children looked after statistics (the SSDA903 return) and the care leavers'
 * returns use, three years of Riverside's figures with statistical neighbours, region and
 * England beside them, and a quarterly local measure. The figures are made up but plausible:
 * Riverside's rate of children looked after is high against its neighbours (as the council in
 * shared/seeds/003 found), placement stability is improving, care leavers' education, training
 * and employment is below England, and a few comparator figures are suppressed (c) or not
 * available (x), as published tables have them. Written as the system, each indicator audited.
 *
 * Idempotent: an indicator is added only when no indicator has its code, and figures only for
 * the indicators this run added.
 */

const { HIGHER_IS_BETTER, LOWER_IS_BETTER } = Polarity;
const { PERCENTAGE, RATE_PER_10000, COUNT, DAYS } = IndicatorUnit;

/** Figures as published: a number, or a marker. Order: Riverside, statistical neighbours, region, England. */
type Row = [string, string, string, string];

interface DemoIndicator {
  code: string;
  name: string;
  definition: string;
  unit: IndicatorUnit;
  polarity: Polarity;
  target: number | null;
  tolerance: number;
  frequency: IndicatorFrequency;
  subGroup: string | null;
  source: string;
  principles: string[];
  /** [time_period, time_identifier, figures, commentary on ours]. */
  values: Array<[string, string, Row, string?]>;
}

/** The three reporting years before the demo's: years to 31 March. */
function years(today: string): [string, string, string] {
  const [y, m] = today.split('-').map(Number);
  // Figures for the year to 31 March are published in the autumn; before October the latest is a year older.
  const latest = m >= 10 ? y : y - 1;
  return [String(latest - 2), String(latest - 1), String(latest)];
}

function indicators(today: string): DemoIndicator[] {
  const [y1, y2, y3] = years(today);
  const RY = 'Reporting year';
  const fy = (y: string) => `${Number(y) - 1}${String(Number(y) % 100).padStart(2, '0')}`;
  return [
    {
      code: 'CLA-RATE',
      name: 'Children looked after per 10,000 children aged under 18',
      definition:
        'Children looked after at 31 March per 10,000 children aged under 18 in the area (mid-year population estimates). High against ' +
        'comparators can mean children come into care who could be supported at home.',
      unit: RATE_PER_10000,
      polarity: LOWER_IS_BETTER,
      target: 80,
      tolerance: 6,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'placements',
      source: 'DfE children looked after in England, SSDA903 return',
      principles: ['CPP-A'],
      values: [
        [y1, RY, ['97', '55', '61', '71']],
        [y2, RY, ['94', '54', '62', '70']],
        [y3, RY, ['92', '53', '64', '70'], 'Down for the third year: the edge of care service is reaching more families before crisis.'],
      ],
    },
    {
      code: 'CLA-COUNT',
      name: 'Children looked after at 31 March',
      definition: 'The number of children looked after by the council at 31 March.',
      unit: COUNT,
      polarity: LOWER_IS_BETTER,
      target: null,
      tolerance: 0,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: null,
      source: 'DfE children looked after in England, SSDA903 return',
      principles: [],
      values: [
        [y1, RY, ['412', 'x', 'x', '83,630']],
        [y2, RY, ['401', 'x', 'x', '83,840']],
        [y3, RY, ['395', 'x', 'x', '83,190']],
      ],
    },
    {
      code: 'PLACE-3PLUS',
      name: 'Children looked after with three or more placements in the year',
      definition:
        'Children looked after at 31 March who had three or more placements during the year, as a percentage of all looked after at 31 March.',
      unit: PERCENTAGE,
      polarity: LOWER_IS_BETTER,
      target: 10,
      tolerance: 1,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'placements',
      source: 'DfE children looked after in England, SSDA903 return',
      principles: ['CPP-F'],
      values: [
        [y1, RY, ['12', '10', '10', '10']],
        [y2, RY, ['11', '10', '9', '10']],
        [y3, RY, ['10.5', '9', '10', '10'], 'Within tolerance: the placement sufficiency plan added twelve in-house foster homes.'],
      ],
    },
    {
      code: 'PLACE-LONG',
      name: 'Long-term placement stability',
      definition:
        'Children under 16 looked after for two and a half years or more who had lived in the same placement for at least two years, ' +
        'or were placed for adoption and their adoptive placement together with their previous placement lasted at least two years.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 70,
      tolerance: 3,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'placements',
      source: 'DfE children looked after in England, SSDA903 return',
      principles: ['CPP-F'],
      values: [
        [y1, RY, ['64', '69', '70', '70']],
        [y2, RY, ['66', '70', '71', '71']],
        [y3, RY, ['68', '70', '70', '71']],
      ],
    },
    {
      code: 'HEALTH-ASSESS',
      name: 'Annual health assessments up to date',
      definition: 'Children looked after continuously for at least 12 months at 31 March whose annual health assessment was up to date.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 95,
      tolerance: 5,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: null,
      source: 'DfE outcomes for children looked after, SSDA903 return',
      principles: ['CPP-A'],
      values: [
        [y1, RY, ['86', '90', '91', '89']],
        [y2, RY, ['89', '91', '90', '89']],
        [y3, RY, ['93', '91', '90', '90']],
      ],
    },
    {
      code: 'DENTAL',
      name: 'Dental checks up to date',
      definition:
        'Children looked after continuously for at least 12 months at 31 March whose teeth had been checked by a dentist in the year.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 85,
      tolerance: 5,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: null,
      source: 'DfE outcomes for children looked after, SSDA903 return',
      principles: ['CPP-A'],
      values: [
        [y1, RY, ['70', '74', '75', '76']],
        [y2, RY, ['78', '79', '80', '79']],
        [
          y3,
          RY,
          ['76', '80', '81', '80'],
          'Down after a local practice closed its NHS list; the designated nurse is arranging a dedicated clinic.',
        ],
      ],
    },
    {
      code: 'PEP-TIMELY',
      name: 'Personal education plans reviewed on time',
      definition:
        'School-age children looked after whose personal education plan was reviewed within the term, as a percentage of those due a review.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 95,
      tolerance: 5,
      frequency: IndicatorFrequency.QUARTERLY,
      subGroup: 'education',
      source: 'Virtual school PEP records',
      principles: ['CPP-E'],
      values: [
        [fy(y3), 'Financial year Q1', ['88', 'x', 'x', 'x']],
        [fy(y3), 'Financial year Q2', ['91', 'x', 'x', 'x']],
        [fy(y3), 'Financial year Q3', ['93', 'x', 'x', 'x']],
        [fy(y3), 'Financial year Q4', ['96', 'x', 'x', 'x'], 'Above target for the first time: the electronic PEP went live in January.'],
      ],
    },
    {
      code: 'MISSING',
      name: 'Children looked after who went missing in the year',
      definition:
        'Children looked after during the year who had at least one missing incident, as a percentage of all children looked after in the year.',
      unit: PERCENTAGE,
      polarity: LOWER_IS_BETTER,
      target: 9,
      tolerance: 1,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: null,
      source: 'DfE children looked after in England, SSDA903 return (missing and away from placement)',
      principles: ['CPP-F'],
      values: [
        [y1, RY, ['11', '10', '11', '11']],
        [y2, RY, ['12', '10', '11', '11']],
        [y3, RY, ['12', '11', '11', '10'], 'Unchanged; return home interviews are now offered within 72 hours in nine cases out of ten.'],
      ],
    },
    {
      code: 'CL-EET-1921',
      name: 'Care leavers aged 19 to 21 in education, employment or training',
      definition:
        'Care leavers aged 19, 20 and 21 in education, employment or training on or around their birthday, as a percentage of all care leavers of those ages.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 60,
      tolerance: 5,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'employment',
      source: 'DfE care leavers returns, SSDA903',
      principles: ['CPP-E', 'CPP-G'],
      values: [
        [y1, RY, ['48', '52', '54', '55']],
        [y2, RY, ['50', '53', '55', '56']],
        [y3, RY, ['53', '54', '55', '56'], 'Up three points; the ring-fenced apprenticeships account for most of the rise.'],
      ],
    },
    {
      code: 'CL-ACCOM-1921',
      name: 'Care leavers aged 19 to 21 in suitable accommodation',
      definition:
        'Care leavers aged 19, 20 and 21 whose accommodation was judged suitable, as a percentage of all care leavers of those ages.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 90,
      tolerance: 3,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'housing',
      source: 'DfE care leavers returns, SSDA903',
      principles: ['CPP-F', 'CPP-G'],
      values: [
        [y1, RY, ['86', '87', '88', '88']],
        [y2, RY, ['88', '88', '88', '88']],
        [y3, RY, ['91', '88', '89', '88']],
      ],
    },
    {
      code: 'CL-TOUCH-1921',
      name: 'Care leavers aged 19 to 21 the council is in touch with',
      definition: 'Care leavers aged 19, 20 and 21 with whom the council was in touch on or around their birthday.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 95,
      tolerance: 3,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'housing',
      source: 'DfE care leavers returns, SSDA903',
      principles: ['CPP-D'],
      values: [
        [y1, RY, ['93', '92', '92', '93']],
        [y2, RY, ['94', '93', '93', '93']],
        [y3, RY, ['92', '93', 'c', '93']],
      ],
    },
    {
      code: 'STAYPUT-18',
      name: 'Care leavers aged 18 staying put',
      definition:
        'Young people who ceased to be looked after on their 18th birthday and were still living with their former foster carers three months later.',
      unit: PERCENTAGE,
      polarity: HIGHER_IS_BETTER,
      target: 30,
      tolerance: 5,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'housing',
      source: 'DfE care leavers returns, SSDA903',
      principles: ['CPP-F', 'CPP-G'],
      values: [
        [y1, RY, ['21', '25', 'c', '28']],
        [y2, RY, ['24', '26', '27', '28']],
        [y3, RY, ['c', '27', '27', '29'], 'Suppressed: fewer than six young people turned 18 in foster care in the year.'],
      ],
    },
    {
      code: 'ADOPT-A1',
      name: 'Average days from entering care to moving in with an adoptive family',
      definition:
        'For children adopted, the average number of days between entering care and moving in with their adoptive family (three-year average).',
      unit: DAYS,
      polarity: LOWER_IS_BETTER,
      target: 426,
      tolerance: 30,
      frequency: IndicatorFrequency.ANNUAL,
      subGroup: 'placements',
      source: 'Adoption and special guardianship leadership board',
      principles: ['CPP-F'],
      values: [
        [y1, RY, ['512', '480', '470', '475']],
        [y2, RY, ['468', '470', '465', '468']],
        [y3, RY, ['441', '462', '458', '463']],
      ],
    },
  ];
}

export interface DemoIndicatorsCreated {
  indicators: number;
  values: number;
}

const AREAS = [ValueArea.LOCAL, ValueArea.STATISTICAL_NEIGHBOURS, ValueArea.REGION, ValueArea.ENGLAND];

export async function loadDemoIndicators(
  tx: TxScope,
  refs: { subGroups: ReadonlyMap<string, string>; secretariatUserId: string },
  today: string = londonToday(),
): Promise<DemoIndicatorsCreated> {
  const mutations = new MutationRunner(new AuditRepository());
  const repo = new IndicatorRepository();
  const values = new IndicatorValueRepository();
  const frameworks = new FrameworkRepository();
  const items = new FrameworkItemRepository();
  const created: DemoIndicatorsCreated = { indicators: 0, values: 0 };

  const builtIn = (await frameworks.list(tx, false, { first: 100 })).edges.map((e) => e.node).filter((f) => f.builtIn);
  const principle = new Map(
    (
      await items.forFrameworks(
        tx,
        builtIn.map((f) => f.id),
        false,
      )
    ).map((i) => [i.code, i.id] as const),
  );

  for (const d of indicators(today)) {
    if (await repo.findByCode(tx, d.code)) continue;
    await mutations.run(tx, 'indicator.create', async (t) => {
      const ind = await repo.insert(t, {
        code: d.code,
        name: d.name,
        definition: d.definition,
        unit: d.unit,
        polarity: d.polarity,
        target: d.target,
        amberTolerance: d.tolerance,
        frequency: d.frequency,
        subGroupId: d.subGroup ? (refs.subGroups.get(d.subGroup) ?? null) : null,
        source: d.source,
        version: 1,
        retiredAt: null,
      });
      const tags = d.principles.flatMap((c) => principle.get(c) ?? []);
      await repo.setFrameworkItems(t, ind.id, tags);
      const rows: Array<Omit<IndicatorValueEntity, 'id' | 'partnershipId'>> = [];
      for (const [tp, ti, figures, commentary] of d.values) {
        const period = parsePeriod(tp, ti);
        if ('error' in period) throw new Error(`Demo indicator ${d.code}: ${period.error}`);
        figures.forEach((raw, i) => {
          const v = readValue(raw);
          if ('error' in v) throw new Error(`Demo indicator ${d.code}: ${v.error}`);
          rows.push({
            indicatorId: ind.id,
            area: AREAS[i],
            periodStart: period.start,
            periodEnd: period.end,
            periodLabel: period.label,
            value: v.value,
            marker: v.marker,
            commentary: i === 0 ? (commentary ?? '') : '',
            updatedByUserId: refs.secretariatUserId,
            updatedAt: new Date(),
          });
        });
      }
      await values.insertMany(t, rows);
      created.indicators++;
      created.values += rows.length;
      return {
        result: ind,
        audit: {
          entityType: 'Indicator',
          entityId: ind.id,
          before: null,
          after: { ...snapshot(ind), frameworkItemIds: tags, values: rows.length },
        },
      };
    });
  }
  return created;
}
