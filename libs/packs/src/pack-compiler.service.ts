import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
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

export type Progress = (percent: number, step: string) => Promise<void>;

/** The text of each page of a PDF, read by pdf.js in a child process (it ships as ES modules only). */
export async function pdfPages(pdf: Buffer): Promise<Array<{ page: number; text: string }>> {
  const dir = await mkdtemp(join(tmpdir(), 'pbw-pack-text-'));
  try {
    const file = join(dir, 'edition.pdf');
    await writeFile(file, pdf);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return (JSON.parse(stdout) as { pages: Array<{ page: number; text: string }> }).pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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

  async compile(partnershipId: string, packId: string, progress: Progress): Promise<'done' | 'cancelled' | 'skipped'> {
    const scope = Scope.system(partnershipId, this.ds);
    const pack = await this.packs.findById(scope, packId);
    if (!pack || pack.status === PackStatus.DONE) return 'skipped';
    if (pack.status === PackStatus.CANCELLED) return 'cancelled';
    if (!(await this.step(scope, packId, 5, 'Gathering the reports, papers and figures', progress))) return 'cancelled';
    const data = await this.gather(scope, pack);
    const built: Array<{ edition: PackEdition; key: string; sha256: string; pages: number }> = [];
    let found: Finding[] = [];
    for (const [i, edition] of [PackEdition.MEMBERS, PackEdition.PUBLIC].entries()) {
      const words = edition === PackEdition.MEMBERS ? 'the members’ edition' : 'the public edition';
      if (!(await this.step(scope, packId, 30 + i * 30, `Laying out ${words}`, progress))) return 'cancelled';
      const b = await buildPack(packContent(data, edition));
      const stored = await this.storage.put(
        (async function* () {
          yield b.pdf;
        })(),
      );
      built.push({ edition, key: stored.key, sha256: stored.sha256, pages: b.pageCount });
      if (edition === PackEdition.PUBLIC) {
        if (!(await this.step(scope, packId, 90, 'Checking the public edition for personal data', progress))) return 'cancelled';
        // The whole edition as printed, papers included, so each finding has its page.
        found = findPersonalData(
          await pdfPages(b.pdf),
          (await this.names.all(scope)).map((n) => n.name),
        );
      }
    }
    const [members, pub] = built;
    const finished = await scope.transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.CANCELLED) return false;
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
    if (!finished) {
      for (const b of built) await this.storage.delete(b.key);
      return 'cancelled';
    }
    await progress(100, 'Done');
    return 'done';
  }

  /** Records why a compile failed for good (after its retries), for the secretariat to see. */
  async fail(partnershipId: string, packId: string, reason: string): Promise<void> {
    await Scope.system(partnershipId, this.ds).transaction(async (tx) => {
      const p = await this.packs.lockById(tx, packId);
      if (!p || p.status === PackStatus.DONE || p.status === PackStatus.CANCELLED) return;
      await this.packs.save(tx, { ...p, status: PackStatus.FAILED, error: reason.slice(0, 1000), step: 'Failed', finishedAt: new Date() });
    });
  }

  private async gather(scope: Scope, pack: BoardPackEntity): Promise<PackData> {
    const m = await this.meetings.findById(scope, pack.meetingId);
    if (!m) throw new Error(`Meeting ${pack.meetingId} is gone`);
    const items = numberAgenda(await this.items.forMeeting(scope, m.id));
    const papers = new Map<string, { name: string; pdf: Buffer | null; link: string }>();
    for (const p of await this.data.papers(scope, m.id)) {
      const pdf = p.contentType === 'application/pdf' ? await read(this.storage, p.storageKey) : null;
      papers.set(p.agendaItemId, { name: p.originalName, pdf, link: `${this.config.publicUrl.replace(/\/$/, '')}/meetings/${m.id}` });
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
