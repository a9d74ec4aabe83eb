import { Injectable } from '@nestjs/common';
import { conflict, fieldError, londonToday, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { FrameworkItemRepository, FrameworkKind, FrameworkRepository } from '@pbw/frameworks';
import { EvidenceRepository } from '@pbw/evidence';
import { ActionRepository } from '@pbw/workplans';
import { CommitmentRepository } from '@pbw/commitments';
import { IndicatorRepository } from '@pbw/performance';
import { CoverageFlag, type CoverageArgs, type CoverageType, type SaveSelfAssessmentInput } from './principles.dto';
import { CoverageRepository } from './coverage.repository';
import { financialYear, financialYearOf } from './periods';
import type { SelfAssessmentEntity } from './self-assessment.entities';
import { type LinkKind, SelfAssessmentRepository } from './self-assessment.repository';

const dedupe = (ids: readonly string[]): string[] => [...new Set(ids)];

const LINK_INPUT: Record<LinkKind, { field: keyof SaveSelfAssessmentInput; path: string; message: string }> = {
  evidence: { field: 'evidenceIds', path: 'input.evidenceIds', message: 'Choose evidence from this partnership.' },
  actions: { field: 'actionIds', path: 'input.actionIds', message: 'Choose actions from this partnership.' },
  commitments: { field: 'commitmentIds', path: 'input.commitmentIds', message: 'Choose commitments from this partnership.' },
  indicators: { field: 'indicatorIds', path: 'input.indicatorIds', message: 'Choose indicators from this partnership.' },
};
const KINDS = Object.keys(LINK_INPUT) as LinkKind[];

/** A gap in words, so a flag reads without its colour or icon. */
export function gapSummary(flags: readonly CoverageFlag[]): string {
  const noAction = flags.includes(CoverageFlag.NO_ACTIVE_ACTION);
  const noEvidence = flags.includes(CoverageFlag.NO_EVIDENCE_IN_PERIOD);
  if (noAction && noEvidence) return 'No active action and no evidence in this period';
  if (noAction) return 'No active action';
  if (noEvidence) return 'No evidence in this period';
  return '';
}

/**
 * The corporate parenting principles as the board evaluates them (DESIGN.md §2,
 * SelfAssessment): the coverage matrix of each principle against the work behind it, and the
 * secretariat's self-assessment per principle per financial year, which everyone reads.
 */
@Injectable()
export class PrinciplesService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly assessments: SelfAssessmentRepository,
    private readonly coverageRows: CoverageRepository,
    private readonly frameworks: FrameworkRepository,
    private readonly items: FrameworkItemRepository,
    private readonly evidence: EvidenceRepository,
    private readonly actions: ActionRepository,
    private readonly commitments: CommitmentRepository,
    private readonly indicators: IndicatorRepository,
  ) {}

  private async frameworkOrPrinciples(scope: Scope, frameworkId?: string): Promise<string> {
    if (frameworkId) {
      const f = await this.frameworks.findById(scope, frameworkId);
      if (!f) throw notFound('Framework');
      return f.id;
    }
    const all = await this.frameworks.list(scope, true, { first: 100 });
    const builtIn = all.edges.map((e) => e.node).find((f) => f.builtIn && f.kind === FrameworkKind.PRINCIPLES);
    if (!builtIn) throw notFound('Framework');
    return builtIn.id;
  }

  async coverage(scope: Scope, args: CoverageArgs): Promise<CoverageType> {
    const period = args.period ?? financialYearOf(args.to ?? args.from ?? londonToday());
    const fy = financialYear(period);
    if (!fy) throw fieldError('period', 'Period must be a financial year like 2025-26.');
    const from = args.from ?? fy.from;
    const to = args.to ?? fy.to;
    if (from > to) throw fieldError('from', 'The start of the period must be on or before its end.');
    const frameworkId = await this.frameworkOrPrinciples(scope, args.frameworkId);
    const raw = await this.coverageRows.rows(scope, frameworkId, from, to);
    const assessed = new Map(
      (
        await this.assessments.list(
          scope,
          period,
          raw.map((r) => r.frameworkItemId),
        )
      ).map((a) => [a.frameworkItemId, a.id]),
    );
    return {
      frameworkId,
      period,
      from,
      to,
      rows: raw.map((r) => {
        const activeActions = r.red + r.amber + r.green;
        const flags = [
          ...(activeActions === 0 ? [CoverageFlag.NO_ACTIVE_ACTION] : []),
          ...(r.evidence === 0 ? [CoverageFlag.NO_EVIDENCE_IN_PERIOD] : []),
        ];
        return { ...r, activeActions, flags, gapSummary: gapSummary(flags), selfAssessmentId: assessed.get(r.frameworkItemId) ?? null };
      }),
    };
  }

  async list(scope: Scope, period: string, frameworkId?: string): Promise<SelfAssessmentEntity[]> {
    if (!financialYear(period)) throw fieldError('period', 'Period must be a financial year like 2025-26.');
    if (!frameworkId) return this.assessments.list(scope, period);
    const f = await this.frameworks.findById(scope, frameworkId);
    if (!f) throw notFound('Framework');
    const items = await this.items.forFrameworks(scope, [f.id]);
    return this.assessments.list(
      scope,
      period,
      items.map((i) => i.id),
    );
  }

  async get(scope: Scope, id: string): Promise<SelfAssessmentEntity> {
    const a = await this.assessments.findById(scope, id);
    if (!a) throw notFound('Self-assessment');
    return a;
  }

  /** Linked ids of one kind for each self-assessment; the reader's visibility is applied when they are loaded. */
  linked(scope: Scope, kind: LinkKind, ids: readonly string[]) {
    return this.assessments.linked(scope, kind, ids);
  }

  /** Creates the self-assessment for the principle and year, or changes it (with the version read). */
  save(scope: Scope, input: SaveSelfAssessmentInput): Promise<SelfAssessmentEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat writes the principles self-assessment.');
    return this.mutations.run(scope, 'selfAssessment.save', async (tx) => {
      if (!financialYear(input.period)) throw fieldError('input.period', 'Period must be a financial year like 2025-26.');
      const item = await this.items.findById(tx, input.frameworkItemId);
      if (!item) throw fieldError('input.frameworkItemId', 'Choose a principle or framework item of this partnership.');
      const current = await this.assessments.lockFor(tx, item.id, input.period);
      const before = current ? await this.view(tx, current) : null;
      if (current && input.version !== current.version) {
        throw conflict('Someone else changed this self-assessment since you opened it. Check it as it is now and save again.', before);
      }
      if (!current && (item.retiredAt || (await this.items.inRetiredFrameworks(tx, [item.id])).length)) {
        throw fieldError('input.frameworkItemId', `${item.code} has been retired and cannot be assessed.`);
      }
      const links = await this.checkLinks(tx, input, current);
      let saved: SelfAssessmentEntity;
      if (current) {
        current.rating = input.rating;
        current.narrative = input.narrative;
        current.updatedByUserId = tx.actor.userId as string;
        current.version += 1;
        saved = await this.assessments.save(tx, current);
      } else {
        saved = await this.assessments.insert(tx, {
          frameworkItemId: item.id,
          period: input.period,
          rating: input.rating,
          narrative: input.narrative,
          version: 1,
          updatedByUserId: tx.actor.userId ?? undefined,
        });
      }
      for (const kind of KINDS) await this.assessments.setLinks(tx, kind, saved.id, links[kind]);
      return { result: saved, audit: { entityType: 'SelfAssessment', entityId: saved.id, before, after: await this.view(tx, saved) } };
    });
  }

  private async view(scope: Scope, a: SelfAssessmentEntity): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = snapshot(a);
    for (const kind of KINDS) out[`${kind}Ids`] = (await this.assessments.linked(scope, kind, [a.id])).map((l) => l.id).sort();
    return out;
  }

  /** Each list the input names must be records of this partnership the writer can see; a list left out stays as it was. */
  private async checkLinks(
    tx: TxScope,
    input: SaveSelfAssessmentInput,
    current: SelfAssessmentEntity | null,
  ): Promise<Record<LinkKind, string[]>> {
    const repos: Record<LinkKind, { findByIds(s: Scope, ids: readonly string[]): Promise<Array<{ id: string }>> }> = {
      evidence: this.evidence,
      actions: this.actions,
      commitments: this.commitments,
      indicators: this.indicators,
    };
    const out = {} as Record<LinkKind, string[]>;
    for (const kind of KINDS) {
      const given = input[LINK_INPUT[kind].field] as string[] | undefined;
      if (given === undefined || given === null) {
        out[kind] = current ? (await this.assessments.linked(tx, kind, [current.id])).map((l) => l.id) : [];
        continue;
      }
      const ids = dedupe(given);
      const found = await repos[kind].findByIds(tx, ids);
      if (found.length !== ids.length) throw fieldError(LINK_INPUT[kind].path, LINK_INPUT[kind].message);
      out[kind] = ids;
    }
    return out;
  }
}
