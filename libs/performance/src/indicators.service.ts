import { Injectable } from '@nestjs/common';
import { conflict, fieldError, notFound, type Actor } from '@pbw/core';
import { AccessPolicy, grouped } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { SubGroupRepository } from '@pbw/boards';
import { FrameworkItemRepository, assertChoosableItems } from '@pbw/frameworks';
import { Polarity } from '@pbw/commitments';
import type {
  CreateIndicatorInput,
  ImportIndicatorValuesInput,
  IndicatorFieldsInput,
  IndicatorImportResultType,
  IndicatorPeriodType,
  RecordIndicatorValueInput,
  ScorecardRowType,
  UpdateIndicatorInput,
} from './indicators.dto';
import { type IndicatorEntity, IndicatorUnit, type IndicatorValueEntity, ValueArea, COMPARATOR_AREAS } from './indicators.entities';
import { IndicatorRepository, IndicatorValueRepository } from './indicators.repository';
import { type ImportedValue, readIndicatorCsv, readValue } from './indicator-import';
import { FREQUENCY_WORDS, parsePeriod } from './periods';
import { compareWith, ragOf, TREND_WORDS, trendOf } from './scoring';

const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];
const key = (indicatorId: string, area: string, start: string, end: string) => `${indicatorId}|${area}|${start}|${end}`;

const AREA_FIELD: Record<ValueArea, 'local' | 'statisticalNeighbours' | 'region' | 'england'> = {
  LOCAL: 'local',
  STATISTICAL_NEIGHBOURS: 'statisticalNeighbours',
  REGION: 'region',
  ENGLAND: 'england',
};

/** An indicator's figures gathered into periods, oldest first, each with its RAG against the target. */
export function seriesOf(ind: IndicatorEntity, values: readonly IndicatorValueEntity[]): IndicatorPeriodType[] {
  const periods = new Map<string, IndicatorPeriodType>();
  for (const v of values) {
    const k = `${v.periodStart}|${v.periodEnd}`;
    let p = periods.get(k);
    if (!p) {
      p = {
        periodStart: v.periodStart,
        periodEnd: v.periodEnd,
        label: v.periodLabel,
        local: null,
        statisticalNeighbours: null,
        region: null,
        england: null,
        commentary: '',
        rag: null,
      };
      periods.set(k, p);
    }
    p[AREA_FIELD[v.area]] = { value: v.value, marker: v.marker };
    if (v.area === ValueArea.LOCAL) {
      // Our row names the period as we report it, and carries the commentary.
      p.label = v.periodLabel;
      p.commentary = v.commentary;
      p.rag = ragOf(v.value, ind.target, ind.amberTolerance, ind.polarity);
    }
  }
  return [...periods.values()].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.periodEnd.localeCompare(b.periodEnd));
}

/** The scorecard row: the latest period with a figure of ours (a marker counts), its RAG, trend and comparators. */
export function scorecardRow(ind: IndicatorEntity, values: readonly IndicatorValueEntity[]): ScorecardRowType {
  const series = seriesOf(ind, values);
  const ours = series.filter((p) => p.local !== null);
  const latest = ours.length ? ours[ours.length - 1] : null;
  const before = ours.length > 1 ? ours[ours.length - 2] : null;
  const trend = trendOf(before?.local?.value, latest?.local?.value, ind.polarity);
  return {
    indicator: ind,
    latest,
    rag: latest?.rag ?? null,
    trend,
    trendText: TREND_WORDS[trend],
    comparators: COMPARATOR_AREAS.map((area) => {
      const figure = latest ? latest[AREA_FIELD[area]] : null;
      return { area, figure, comparison: compareWith(latest?.local?.value, figure?.value, ind.polarity) };
    }),
    series,
  };
}

/**
 * The performance scorecard (DESIGN.md §2, Indicator and IndicatorValue): the secretariat keeps
 * the indicators and imports figures; the chair of an indicator's sub-group records its figures
 * and commentary too; everyone in the partnership reads the scorecard.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly indicators: IndicatorRepository,
    private readonly values: IndicatorValueRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly items: FrameworkItemRepository,
  ) {}

  static canRecord(actor: Actor, ind: IndicatorEntity): boolean {
    return AccessPolicy.isSecretariat(actor) || (ind.subGroupId !== null && AccessPolicy.isChairOf(actor, ind.subGroupId));
  }

  list(scope: Scope, o: { includeRetired?: boolean; subGroupId?: string }): Promise<IndicatorEntity[]> {
    return this.indicators.list(scope, o);
  }

  async get(scope: Scope, id: string): Promise<IndicatorEntity> {
    const ind = await this.indicators.findById(scope, id);
    if (!ind) throw notFound('Indicator');
    return ind;
  }

  async scorecard(scope: Scope, subGroupId?: string): Promise<ScorecardRowType[]> {
    const inds = await this.indicators.list(scope, { subGroupId });
    const byIndicator = grouped(
      await this.values.forIndicators(
        scope,
        inds.map((i) => i.id),
      ),
      (v) => v.indicatorId,
    );
    return inds.map((ind) => scorecardRow(ind, byIndicator.get(ind.id) ?? []));
  }

  async series(scope: Scope, ind: IndicatorEntity): Promise<IndicatorPeriodType[]> {
    return seriesOf(ind, await this.values.forIndicators(scope, [ind.id]));
  }

  frameworkItemLinks(scope: Scope, ids: readonly string[]) {
    return this.indicators.frameworkItems(scope, ids);
  }

  create(scope: Scope, input: CreateIndicatorInput): Promise<IndicatorEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat keeps the scorecard’s indicators.');
    return this.mutations.run(scope, 'indicator.create', async (tx) => {
      if (!input.code) throw fieldError('input.code', 'Enter a short code for the indicator, such as CLA-RATE.');
      if (!input.name) throw fieldError('input.name', 'Enter the indicator’s name.');
      if (!input.unit) throw fieldError('input.unit', 'Choose a unit.');
      if (!input.frequency) throw fieldError('input.frequency', 'Choose how often it is reported.');
      const itemIds = await this.check(tx, input, null);
      const ind = await this.indicators.insert(tx, {
        code: input.code,
        name: input.name,
        definition: input.definition ?? '',
        unit: input.unit,
        polarity: input.polarity ?? Polarity.HIGHER_IS_BETTER,
        target: input.target ?? null,
        amberTolerance: input.amberTolerance ?? 0,
        frequency: input.frequency,
        subGroupId: input.subGroupId ?? null,
        source: input.source ?? '',
        version: 1,
        retiredAt: null,
      });
      await this.indicators.setFrameworkItems(tx, ind.id, itemIds);
      return {
        result: ind,
        audit: { entityType: 'Indicator', entityId: ind.id, before: null, after: { ...snapshot(ind), frameworkItemIds: itemIds } },
      };
    });
  }

  update(scope: Scope, input: UpdateIndicatorInput): Promise<IndicatorEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat keeps the scorecard’s indicators.');
    return this.mutations.run(scope, 'indicator.update', async (tx) => {
      const ind = await this.indicators.lockById(tx, input.id);
      if (!ind) throw notFound('Indicator');
      const before = await this.view(tx, ind);
      if (input.version !== ind.version) {
        throw conflict(
          'Someone else changed this indicator since you opened it. Check the current details and make your change again.',
          before,
        );
      }
      const itemIds = await this.check(tx, input, ind);
      if (input.frequency && input.frequency !== ind.frequency && (await this.values.forIndicators(tx, [ind.id])).length) {
        // Its figures are kept by period; a new frequency would leave them in periods the indicator no longer reports.
        throw fieldError(
          'input.frequency',
          'This indicator already has figures, so how often it is reported cannot change. Add a new indicator instead.',
        );
      }
      ind.code = input.code ?? ind.code;
      ind.name = input.name ?? ind.name;
      ind.definition = input.definition ?? ind.definition;
      ind.unit = input.unit ?? ind.unit;
      ind.polarity = input.polarity ?? ind.polarity;
      if (input.target !== undefined) ind.target = input.target;
      ind.amberTolerance = input.amberTolerance ?? ind.amberTolerance;
      ind.frequency = input.frequency ?? ind.frequency;
      if (input.subGroupId !== undefined) ind.subGroupId = input.subGroupId;
      ind.source = input.source ?? ind.source;
      if (input.retired !== undefined && input.retired !== null) ind.retiredAt = input.retired ? (ind.retiredAt ?? new Date()) : null;
      ind.version += 1;
      const saved = await this.indicators.save(tx, ind);
      await this.indicators.setFrameworkItems(tx, ind.id, itemIds);
      return { result: saved, audit: { entityType: 'Indicator', entityId: ind.id, before, after: await this.view(tx, saved) } };
    });
  }

  /** One figure, ours or a comparator's, for one period; its commentary stays unless given. */
  recordValue(scope: Scope, input: RecordIndicatorValueInput): Promise<IndicatorEntity> {
    return this.mutations.run(scope, 'indicator.recordValue', async (tx) => {
      const [ind] = await this.indicators.lockMany(tx, [input.indicatorId]);
      if (!ind) throw notFound('Indicator');
      AccessPolicy.assert(
        IndicatorsService.canRecord(tx.actor, ind),
        'Only the board secretariat and the chair of the indicator’s sub-group record its figures.',
      );
      const period = parsePeriod(input.timePeriod, input.timeIdentifier);
      if ('error' in period) throw fieldError(period.column === 'time_period' ? 'input.timePeriod' : 'input.timeIdentifier', period.error);
      if (period.frequency !== ind.frequency) {
        throw fieldError(
          'input.timeIdentifier',
          `${ind.code} is reported ${FREQUENCY_WORDS[ind.frequency].reported}; choose ${FREQUENCY_WORDS[ind.frequency].aPeriod}.`,
        );
      }
      const value = readValue(input.value);
      if ('error' in value) throw fieldError('input.value', value.error);
      const row: ImportedValue = {
        row: 0,
        indicatorId: ind.id,
        area: input.area,
        period,
        ...value,
        commentary: input.commentary?.trim() ?? null,
      };
      const changes = await this.write(tx, await this.values.forIndicators(tx, [ind.id]), [row]);
      return {
        result: ind,
        // Recording the figure already stored changes nothing, so there is nothing to audit.
        audit: changes.after.length
          ? { entityType: 'Indicator', entityId: ind.id, before: changes.before[0] ?? null, after: changes.after[0] }
          : [],
        allowNoChange: true,
      };
    });
  }

  /**
   * Figures from a CSV of published statistics. Every row is checked first; nothing is written
   * unless the whole file is valid and this is not a dry run. The counts say what an import
   * would do (a dry run) or did.
   */
  async importValues(scope: Scope, input: ImportIndicatorValuesInput): Promise<IndicatorImportResultType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat imports figures.');
    const check = async (s: Scope) => {
      const all = await this.indicators.list(s, { includeRetired: true });
      const byCode = new Map(all.map((i) => [i.code.toLowerCase(), i]));
      return { all, ...readIndicatorCsv(input.csv, byCode) };
    };
    if (input.dryRun) {
      const r = await check(scope);
      const existing = await this.values.forIndicators(scope, dedupe(r.rows.map((x) => x.indicatorId)));
      return { ...this.counts(r.rows, existing), rowCount: r.rowCount, errors: r.errors, valid: !r.errors.length, imported: false };
    }
    const first = await check(scope);
    if (first.errors.length) {
      // Nothing was written, so nothing is counted.
      return {
        rowCount: first.rowCount,
        errors: first.errors,
        valid: false,
        imported: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        missing: 0,
      };
    }
    return this.mutations.run<IndicatorImportResultType>(scope, 'indicator.importValues', async (tx) => {
      const ids = dedupe(first.rows.map((r) => r.indicatorId));
      const locked = await this.indicators.lockMany(tx, ids);
      // Read again under the lock: an indicator renamed or a file raced by another import is checked as it is now.
      const r = await check(tx);
      if (r.errors.length || locked.length !== ids.length) {
        return {
          result: {
            rowCount: r.rowCount,
            errors: r.errors,
            valid: false,
            imported: false,
            created: 0,
            updated: 0,
            unchanged: 0,
            missing: 0,
          },
          audit: [],
          allowNoChange: true,
        };
      }
      const existing = await this.values.forIndicators(tx, ids);
      const counts = this.counts(r.rows, existing);
      // One entry per indicator, saying what the import did to its figures: counted before writing changes them.
      const audit = locked.map((ind) => {
        const own = r.rows.filter((x) => x.indicatorId === ind.id);
        const c = this.counts(own, existing);
        return {
          entityType: 'Indicator',
          entityId: ind.id,
          before: null,
          after: { imported: { rows: own.length, created: c.created, updated: c.updated, unchanged: c.unchanged, missing: c.missing } },
        };
      });
      await this.write(tx, existing, r.rows);
      return { result: { ...counts, rowCount: r.rowCount, errors: [], valid: true, imported: true }, audit };
    });
  }

  private counts(rows: readonly ImportedValue[], existing: readonly IndicatorValueEntity[]) {
    const stored = new Map(existing.map((v) => [key(v.indicatorId, v.area, v.periodStart, v.periodEnd), v]));
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const r of rows) {
      const v = stored.get(key(r.indicatorId, r.area, r.period.start, r.period.end));
      if (!v) created++;
      else if (sameFigure(v, r)) unchanged++;
      else updated++;
    }
    return { created, updated, unchanged, missing: rows.filter((r) => r.value === null).length };
  }

  /** Inserts new figures and changes the ones that differ, given the figures stored now; returns the before and after of each changed one. */
  private async write(tx: TxScope, existing: readonly IndicatorValueEntity[], rows: readonly ImportedValue[]) {
    const stored = new Map(existing.map((v) => [key(v.indicatorId, v.area, v.periodStart, v.periodEnd), v]));
    const userId = tx.actor.userId ?? undefined;
    const fresh: Array<Omit<IndicatorValueEntity, 'id' | 'partnershipId'>> = [];
    const before: Record<string, unknown>[] = [];
    const after: Record<string, unknown>[] = [];
    const now = new Date();
    for (const r of rows) {
      const v = stored.get(key(r.indicatorId, r.area, r.period.start, r.period.end));
      if (!v) {
        const row = {
          indicatorId: r.indicatorId,
          area: r.area,
          periodStart: r.period.start,
          periodEnd: r.period.end,
          periodLabel: r.period.label,
          value: r.value,
          marker: r.marker,
          commentary: r.commentary ?? '',
          updatedByUserId: userId as string,
          updatedAt: now,
        };
        fresh.push(row);
        after.push(row);
      } else if (!sameFigure(v, r)) {
        before.push(snapshot(v));
        v.value = r.value;
        v.marker = r.marker;
        v.periodLabel = r.period.label;
        if (r.commentary !== null) v.commentary = r.commentary;
        v.updatedByUserId = userId as string;
        v.updatedAt = now;
        after.push(snapshot(await this.values.save(tx, v)));
      }
    }
    await this.values.insertMany(tx, fresh);
    return { before, after };
  }

  private async view(scope: Scope, ind: IndicatorEntity): Promise<Record<string, unknown>> {
    const links = await this.indicators.frameworkItems(scope, [ind.id]);
    return { ...snapshot(ind), frameworkItemIds: links.map((l) => l.frameworkItemId).sort() };
  }

  private async check(tx: TxScope, input: IndicatorFieldsInput, current: IndicatorEntity | null): Promise<string[]> {
    if (input.code && input.code.toLowerCase() !== current?.code.toLowerCase()) {
      const clash = await this.indicators.findByCode(tx, input.code);
      if (clash && clash.id !== current?.id) throw fieldError('input.code', `Another indicator already has the code ${clash.code}.`);
    }
    if (input.subGroupId && !(await this.subGroups.findById(tx, input.subGroupId))) {
      throw fieldError('input.subGroupId', 'Choose a sub-group of this partnership.');
    }
    const unit = input.unit ?? current?.unit;
    if (unit === IndicatorUnit.PERCENTAGE) {
      const target = input.target !== undefined ? input.target : current?.target;
      if (target !== null && target !== undefined && (target < 0 || target > 100)) {
        throw fieldError('input.target', 'A percentage target must be between 0 and 100.');
      }
    }
    const curItems = current ? (await this.indicators.frameworkItems(tx, [current.id])).map((l) => l.frameworkItemId) : [];
    if (!input.frameworkItemIds) return curItems;
    const itemIds = dedupe(input.frameworkItemIds);
    await assertChoosableItems(
      this.items,
      tx,
      itemIds,
      curItems,
      'input.frameworkItemIds',
      'Choose framework items from this partnership.',
    );
    return itemIds;
  }
}

function sameFigure(v: IndicatorValueEntity, r: ImportedValue): boolean {
  return (
    v.value === r.value &&
    v.marker === r.marker &&
    (r.commentary === null || r.commentary === v.commentary) &&
    v.periodLabel === r.period.label
  );
}
