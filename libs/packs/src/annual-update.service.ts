import { Injectable } from '@nestjs/common';
import { conflict, fieldError, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import { PartnershipRepository } from '@pbw/identity';
import { financialYear } from '@pbw/principles';
import { type AnnualUpdateEntity, annualUpdateContent, draftAnnualUpdate } from './annual-update';
import type { GenerateAnnualUpdateInput, UpdateAnnualUpdateInput } from './annual-update.dto';
import { AnnualFactsRepository, AnnualUpdateRepository } from './annual-update.repository';
import { buildPack } from './pack-pdf';

const ONLY_SECRETARIAT = 'Only the board secretariat writes the annual update.';

/** The annual update: generated from the year's work as a draft, amended by the secretariat, exported as PDF. */
@Injectable()
export class AnnualUpdateService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly updates: AnnualUpdateRepository,
    private readonly facts: AnnualFactsRepository,
    private readonly partnerships: PartnershipRepository,
  ) {}

  async get(scope: Scope, period: string): Promise<AnnualUpdateEntity | null> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.updates.byPeriod(scope, period);
  }

  generate(scope: Scope, input: GenerateAnnualUpdateInput): Promise<AnnualUpdateEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    const range = financialYear(input.period);
    if (!range) throw fieldError('input.period', 'Give a financial year such as 2026-27, its two years one after the other.');
    return this.mutations.run(scope, 'annualUpdate.generate', async (tx) => {
      const existing = await this.updates.byPeriod(tx, input.period);
      if (existing && !input.replace) {
        throw fieldError('input.period', `There is already a draft for ${input.period}. Open it, or ask for a fresh one in its place.`);
      }
      const name = (await this.partnerships.current(tx))?.name ?? '';
      const draft = draftAnnualUpdate({
        partnershipName: name,
        period: input.period,
        ...range,
        ...(await this.facts.facts(tx, range.from, range.to)),
      });
      const before = existing ? snapshot(existing) : null;
      const saved = existing
        ? await this.updates.save(tx, { ...existing, ...draft, version: existing.version + 1, generatedAt: new Date() })
        : await this.updates.insert(tx, { period: input.period, ...draft, version: 1, generatedAt: new Date() });
      return { result: saved, audit: { entityType: 'AnnualUpdate', entityId: saved.id, before, after: snapshot(saved) } };
    });
  }

  update(scope: Scope, input: UpdateAnnualUpdateInput): Promise<AnnualUpdateEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'annualUpdate.update', async (tx) => {
      const u = await this.updates.lockById(tx, input.id);
      if (!u) throw notFound('Annual update');
      if (u.version !== input.version)
        throw conflict('Someone else changed this update since you opened it. Look at it again and redo your change.', u);
      const before = snapshot(u);
      const saved = await this.updates.save(tx, {
        ...u,
        title: input.title ?? u.title,
        sections: input.sections ? input.sections.map((s) => ({ heading: s.heading, body: s.body })) : u.sections,
        version: u.version + 1,
      });
      return { result: saved, audit: { entityType: 'AnnualUpdate', entityId: u.id, before, after: snapshot(saved) } };
    });
  }

  /** The update as it stands, as PDF (made when asked: the draft may change until the day it goes). */
  async pdf(scope: Scope, id: string): Promise<{ pdf: Buffer; update: AnnualUpdateEntity } | null> {
    if (!AccessPolicy.isSecretariat(scope.actor)) return null;
    const u = await this.updates.findById(scope, id);
    if (!u) return null;
    const name = (await this.partnerships.current(scope))?.name ?? '';
    return { pdf: (await buildPack(annualUpdateContent(u, name))).pdf, update: u };
  }
}
