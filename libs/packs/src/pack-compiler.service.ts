import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { PDFDocument as PdfLibDocument } from 'pdf-lib';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, londonToday } from '@pbw/core';
import { Scope } from '@pbw/db';
import { FILE_STORAGE, type FileStorage } from '@pbw/files';
import { UserRepository } from '@pbw/identity';
import { AgendaItemRepository, BoardActionRepository, MeetingRepository, numberAgenda } from '@pbw/meetings';
import { CoverageRepository, financialYear, financialYearOf } from '@pbw/principles';
import { type PackData, PackEdition, packContent } from './pack-content';
import { PackDataRepository } from './pack-data.repository';
import { buildPack } from './pack-pdf';
import { type BoardPackEntity, PackStatus } from './packs.entities';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository } from './packs.repository';
import { type Finding, findPersonalData } from './personal-data';
import { readPdf } from './pdf-text';

export type Progress = (percent: number, step: string) => Promise<void>;

const SUPERSEDED = 'Another attempt of this compile was running at the same time; this one gave way and will be tried again.';

async function read(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await storage.open(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const whenOf = (d: Date): string =>
  d.toLocaleString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });

/**
 * Compiles one pack version in the worker: gathers the meeting's content, lays out both
 * editions, stores them and records their sha256. A cancelled pack stops between steps and
 * keeps nothing; one already done is left as it is (a retried job makes no second version).
 */
@Injectable()
export class PackCompiler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly ds: DataSource,
    private readonly packs: BoardPackRepository,
    private readonly data: PackDataRepository,
    private readonly meetings: MeetingRepository,
    private readonly items: AgendaItemRepository,
    private readonly actions: BoardActionRepository,
    private readonly users: UserRepository,
    private readonly coverage: CoverageRepository,
    private readonly findings: PackFindingRepository,
    private readonly names: PersonalDataNameRepository,
  ) {}

  /** Sets progress unless the pack was cancelled meanwhile; answers whether to go on. */
  private async step(scope: Scope, packId: string, percent: number, step: string, progress: Progress): Promise<boolean> {
    const go = await scope.transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.CANCELLED) return false;
      await this.packs.save(tx, { ...p, status: PackStatus.RUNNING, progress: percent, step, startedAt: p.startedAt ?? new Date() });
      return true;
    });
    if (go) await progress(percent, step);
    return go;
  }

  /**
   * Forgets and deletes the editions recorded on an unfinished pack: those of an attempt that
   * died (killed, or lost its lock) before marking it done, or of one cancelled or failed. A
   * done pack's are its own and are never touched.
   */
  private async discard(scope: Scope, packId: string): Promise<void> {
    const keys = await scope.transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.DONE) return [];
      const left = [p.membersKey, p.publicKey].filter((k): k is string => k !== null);
      if (left.length) await this.packs.save(tx, { ...p, membersKey: null, publicKey: null });
      return left;
    });
    // After the commit: while the row still named them, a retry could not have started afresh.
    for (const k of keys) await this.storage.delete(k);
  }

  /**
   * Records a stored edition on the pack as soon as it is stored, so that if this attempt dies
   * the next one (or the sweep of finished packs) finds the file and deletes it. A slot already
   * taken means another attempt of this compile is running at the same time (this one lost its
   * lock and was taken back): this one gives way, and its job is retried.
   */
  private async record(scope: Scope, packId: string, edition: PackEdition, key: string): Promise<boolean> {
    return scope.transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.CANCELLED) return false;
      const taken = edition === PackEdition.MEMBERS ? p.membersKey : p.publicKey;
      if (taken !== null) throw new Error(SUPERSEDED);
      await this.packs.save(tx, edition === PackEdition.MEMBERS ? { ...p, membersKey: key } : { ...p, publicKey: key });
      return true;
    });
  }

  /**
   * Papers are read from storage while gathering; when that fails, says which paper of which
   * item, so the secretariat can attach it again. A paper whose bytes are gone will not come
   * back by retrying, so the job fails at once.
   */
  private async missingPaper(scope: Scope, pack: BoardPackEntity): Promise<UnrecoverableError | null> {
    const items = numberAgenda(await this.items.forMeeting(scope, pack.meetingId));
    for (const paper of await this.data.papers(scope, pack.meetingId)) {
      if (paper.contentType !== 'application/pdf') continue;
      const readable = await this.storage.open(paper.storageKey).catch(() => null);
      if (readable) {
        readable.destroy();
        continue;
      }
      const item = items.find((i) => i.id === paper.agendaItemId);
      return new UnrecoverableError(
        `The paper ${paper.originalName} for item ${item ? `${item.number} ${item.title}` : 'on the agenda'} is missing from file storage. ` +
          'Remove it from the item and attach it again, then compile again.',
      );
    }
    return null;
  }

  /**
   * A paper that is not a PDF we can read (damaged, or cut short in the upload) should not sink
   * the whole pack: it is listed, like a non-PDF paper, with a note that it could not be merged.
   */
  private async unmergeable(data: PackData): Promise<PackData> {
    const papers = new Map(data.papers);
    for (const [itemId, paper] of papers) {
      if (!paper.pdf) continue;
      const pages = await PdfLibDocument.load(paper.pdf, { ignoreEncryption: true })
        .then((d) => d.getPageCount())
        .catch(() => 0);
      if (!pages)
        papers.set(itemId, { ...paper, pdf: null, name: `${paper.name} (it could not be merged into the pack: the PDF is damaged)` });
    }
    return { ...data, papers };
  }

  async compile(partnershipId: string, packId: string, progress: Progress): Promise<'done' | 'cancelled' | 'skipped'> {
    const scope = Scope.system(partnershipId, this.ds);
    const pack = await this.packs.findById(scope, packId);
    if (!pack || pack.status === PackStatus.DONE) return 'skipped';
    // Editions stored by an attempt that died (or before a cancel) are deleted before anything is made again.
    await this.discard(scope, packId);
    if (pack.status === PackStatus.CANCELLED) return 'cancelled';
    const stored: string[] = [];
    let kept = false;
    const cancelled = async (): Promise<'cancelled'> => {
      await this.discard(scope, packId);
      return 'cancelled';
    };
    try {
      if (!(await this.step(scope, packId, 5, 'Gathering the reports, papers and figures', progress))) return await cancelled();
      let data: PackData;
      try {
        data = await this.gather(scope, pack);
      } catch (err) {
        throw (await this.missingPaper(scope, pack)) ?? err;
      }
      data = await this.unmergeable(data);
      const built: Array<{ edition: PackEdition; key: string; sha256: string; pages: number }> = [];
      let found: Finding[] = [];
      for (const [i, edition] of [PackEdition.MEMBERS, PackEdition.PUBLIC].entries()) {
        const words = edition === PackEdition.MEMBERS ? 'the members’ edition' : 'the public edition';
        if (!(await this.step(scope, packId, 30 + i * 30, `Laying out ${words}`, progress))) return await cancelled();
        const b = await buildPack(packContent(data, edition));
        const file = await this.storage.put(
          (async function* () {
            yield b.pdf;
          })(),
        );
        stored.push(file.key);
        if (!(await this.record(scope, packId, edition, file.key))) return await cancelled();
        built.push({ edition, key: file.key, sha256: file.sha256, pages: b.pageCount });
        if (edition === PackEdition.PUBLIC) {
          if (!(await this.step(scope, packId, 90, 'Checking the public edition for personal data', progress))) return await cancelled();
          // The whole edition as printed, papers included, so each finding has its page.
          found = findPersonalData(
            (await readPdf(b.pdf)).pages,
            (await this.names.all(scope)).map((n) => n.name),
          );
        }
      }
      const [members, pub] = built;
      const finished = await scope.transaction(async (tx) => {
        const p = await this.packs.lockById(tx, packId);
        if (!p || p.status === PackStatus.CANCELLED) return false;
        // Another attempt has taken over (this one lost its lock): its editions, not these, are the pack's.
        if (p.membersKey !== members.key || p.publicKey !== pub.key) throw new Error(SUPERSEDED);
        // A retry after a crash finds again what it found: the findings are the run's that finishes.
        for (const old of await this.findings.forPack(tx, packId)) await this.findings.remove(tx, old);
        await this.findings.insertMany(
          tx,
          found.map((f) => ({
            packId,
            kind: f.kind,
            page: f.page,
            match: f.match,
            context: f.context,
            clearedAt: null,
            clearedByUserId: null,
            clearNote: null,
          })),
        );
        await this.packs.save(tx, {
          ...p,
          status: PackStatus.DONE,
          progress: 100,
          step: 'Done',
          membersKey: members.key,
          membersSha256: members.sha256,
          membersPages: members.pages,
          publicKey: pub.key,
          publicSha256: pub.sha256,
          publicPages: pub.pages,
          finishedAt: new Date(),
        });
        return true;
      });
      if (!finished) return await cancelled();
      kept = true;
    } finally {
      // Whatever this attempt stored and did not make the pack's (cancelled, failed, given way) goes.
      if (!kept) for (const k of stored) await this.storage.delete(k).catch(() => undefined);
    }
    await progress(100, 'Done');
    return 'done';
  }

  /**
   * Records why a compile failed for good (after its retries, or at once when retrying cannot
   * help), for the secretariat to see; editions an attempt stored are deleted.
   */
  async fail(partnershipId: string, packId: string, reason: string): Promise<void> {
    const scope = Scope.system(partnershipId, this.ds);
    await scope.transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.DONE || p.status === PackStatus.CANCELLED) return;
      await this.packs.save(tx, { ...p, status: PackStatus.FAILED, error: reason.slice(0, 1000), step: 'Failed', finishedAt: new Date() });
    });
    await this.discard(scope, packId);
  }

  /** Deletes editions still recorded on packs that ended cancelled or failed (an attempt died before it could). */
  async discardUnfinished(partnershipId: string, packId: string): Promise<void> {
    await this.discard(Scope.system(partnershipId, this.ds), packId);
  }

  private async gather(scope: Scope, pack: BoardPackEntity): Promise<PackData> {
    const m = await this.meetings.findById(scope, pack.meetingId);
    if (!m) throw new Error(`Meeting ${pack.meetingId} is gone`);
    const items = numberAgenda(await this.items.forMeeting(scope, m.id));
    const papers = new Map<string, { name: string; pdf: Buffer | null; link: string }>();
    for (const p of await this.data.papers(scope, m.id)) {
      const pdf = p.contentType === 'application/pdf' ? await read(this.storage, p.storageKey) : null;
      papers.set(p.agendaItemId, {
        name: p.originalName,
        pdf,
        link: `${this.config.publicUrl.replace(/\/$/, '')}/meetings/${m.id}/papers/${p.agendaItemId}`,
      });
    }
    const previous = await this.meetings.previous(scope, m);
    const log = await this.actions.logFor(scope, m, previous?.startsAt ?? null);
    const owners = new Map(
      (
        await this.users.findByIds(
          scope,
          log.map((a) => a.ownerUserId),
        )
      ).map((u) => [u.id, u.name]),
    );
    const [framework] = await this.data.principlesFramework(scope);
    // The principles as they stand in the financial year the meeting falls in.
    const { from, to } = financialYear(financialYearOf(londonToday(m.startsAt))) as { from: string; to: string };
    return {
      partnershipName: (await this.data.partnershipName(scope))[0]?.name ?? '',
      meetingTitle: m.title,
      when: whenOf(m.startsAt),
      location: m.location,
      items,
      reports: await this.data.reports(scope, m.id),
      papers,
      indicators: await this.data.indicators(scope),
      commitments: await this.data.commitments(scope),
      principles: framework ? { framework: framework.name, rows: await this.coverage.rows(scope, framework.id, from, to) } : null,
      voice: await this.data.voice(scope),
      actionLog: log.map((a) => ({
        title: a.title,
        ownerName: owners.get(a.ownerUserId) ?? '',
        dueDate: a.dueDate,
        status: a.status,
        note: a.note,
      })),
    };
  }
}
