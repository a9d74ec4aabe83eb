import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { PartnershipRole, fieldError, forbidden, notFound } from '@pbw/core';
import { AccessPolicy, AccessTokenService } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import { MeetingRepository, MeetingStatus } from '@pbw/meetings';
import { JOBS, QUEUES, type CompilePackJob, requestEvent } from '@pbw/queue';
import type { BoardPackType, ClearPackFindingInput, PackFindingType, PublishPackInput } from './packs.dto';
import { type BoardPackEntity, PackStatus } from './packs.entities';
import { BoardPackRepository, PackFindingRepository, PersonalDataNameRepository, PublishedPackLookupRepository } from './packs.repository';

const ONLY_SECRETARIAT = 'Only the board secretariat compiles board packs.';

/** The job that compiles a pack: its id is the pack's, so a retry after a crash makes the same version again, never a second. */
export const compileJobId = (packId: string): string => `pack_${packId}`;

/**
 * Asks the worker to compile a pack version. Used by compile() and by the worker's sweep for a
 * pack whose job Redis never took: the job id is the pack's, so the two never make two jobs.
 */
export async function enqueueCompile(queue: Queue | undefined, pack: Pick<BoardPackEntity, 'id' | 'partnershipId'>): Promise<void> {
  const job: CompilePackJob = { partnershipId: pack.partnershipId, packId: pack.id };
  await queue?.add(JOBS.COMPILE_PACK, job, {
    jobId: compileJobId(pack.id),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 7 * 86_400 },
    removeOnFail: { age: 30 * 86_400, count: 500 },
  });
}

export type Edition = 'members' | 'public';

/** What a download link's token is for: one edition of one version, nothing else. */
export const downloadOf = (packId: string, edition: Edition): string => `pack:${packId}:${edition}`;

/**
 * Board packs as the secretariat asks for them: each compile is a new version, made by the
 * worker; they watch its progress, may cancel it, and read the versions.
 */
@Injectable()
export class PacksService {
  private readonly logger = new Logger(PacksService.name);

  constructor(
    private readonly mutations: MutationRunner,
    private readonly packs: BoardPackRepository,
    private readonly meetings: MeetingRepository,
    private readonly findings: PackFindingRepository,
    private readonly names: PersonalDataNameRepository,
    private readonly published: PublishedPackLookupRepository,
    private readonly tokens: AccessTokenService,
    @Optional() @InjectQueue(QUEUES.PACKS) private readonly queue?: Queue,
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  /**
   * Packs as the api shows them: whether each is a supplement, how many findings are open, and
   * download links for the editions the reader may have. `meetingPacks`, when the caller has
   * every version of the meeting already, saves loading them again to tell supplements.
   */
  async views(scope: Scope, packs: readonly BoardPackEntity[], meetingPacks?: readonly BoardPackEntity[]): Promise<BoardPackType[]> {
    const open = await this.findings.openCounts(
      scope,
      packs.map((p) => p.id),
    );
    const earlier = new Map<string, readonly BoardPackEntity[]>();
    for (const p of packs) {
      if (!earlier.has(p.meetingId)) earlier.set(p.meetingId, meetingPacks ?? (await this.packs.forMeeting(scope, p.meetingId)));
    }
    const link = (p: BoardPackEntity, edition: Edition): string | null => {
      if (!this.mayDownload(scope, p, edition) || !scope.actor.userId) return null;
      const token = this.tokens.issueDownload(scope.actor.userId, scope.partnershipId, downloadOf(p.id, edition));
      return `/packs/${p.id}/${edition}.pdf?token=${encodeURIComponent(token)}`;
    };
    return packs.map((p) => ({
      ...p,
      openFindings: open.get(p.id) ?? 0,
      supplement:
        p.publishedAt !== null &&
        (earlier.get(p.meetingId) ?? []).some((o) => o.id !== p.id && o.publishedAt !== null && o.publishedAt < (p.publishedAt as Date)),
      membersDownloadUrl: link(p, 'members'),
      publicDownloadUrl: link(p, 'public'),
    }));
  }

  /**
   * Who may have an edition: the secretariat any finished version; once published, board
   * members the members' edition and everyone in the partnership the public one.
   */
  private mayDownload(scope: Scope, p: BoardPackEntity, edition: Edition): boolean {
    if (p.status !== PackStatus.DONE) return false;
    return (
      AccessPolicy.isSecretariat(scope.actor) ||
      (p.publishedAt !== null && (edition === 'public' || scope.actor.role === PartnershipRole.BOARD_MEMBER))
    );
  }

  /** An edition someone may download (see mayDownload), or null. */
  async downloadable(scope: Scope, id: string, edition: Edition): Promise<{ pack: BoardPackEntity; key: string; sha256: string } | null> {
    const p = await this.packs.findById(scope, id);
    if (!p || !this.mayDownload(scope, p, edition)) return null;
    const key = edition === 'members' ? p.membersKey : p.publicKey;
    const sha256 = edition === 'members' ? p.membersSha256 : p.publicSha256;
    return key && sha256 ? { pack: p, key, sha256 } : null;
  }

  /** The public address: the latest published public edition of a meeting's pack, for anyone. */
  async publicEdition(slug: string, meetingId: string): Promise<{ pack: BoardPackEntity; key: string; sha256: string } | null> {
    const p = await this.published.latestPublished(slug, meetingId);
    return p?.publicKey && p.publicSha256 ? { pack: p, key: p.publicKey, sha256: p.publicSha256 } : null;
  }

  async findingsOf(scope: Scope, packId: string): Promise<PackFindingType[]> {
    await this.pack(scope, packId);
    return this.findings.forPack(scope, packId);
  }

  /** The secretariat says a finding may be published, and why; recorded in the audit log. */
  clearFinding(scope: Scope, input: ClearPackFindingInput): Promise<PackFindingType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'packFinding.clear', async (tx) => {
      const f = await this.findings.lockById(tx, input.id);
      if (!f) throw notFound('Finding');
      if (f.clearedAt) throw fieldError('input.id', 'This finding is already cleared.');
      const before = snapshot(f);
      const saved = await this.findings.save(tx, { ...f, clearedAt: new Date(), clearedByUserId: tx.actor.userId, clearNote: input.note });
      return { result: saved, audit: { entityType: 'PackFinding', entityId: f.id, before, after: snapshot(saved) } };
    });
  }

  /**
   * Publishes a finished version: board members get the members' edition and the public edition
   * goes to the public address. Every finding must be cleared first; a version after one already
   * published is a supplement and says what changed. Board members are told, by the rules.
   */
  async publish(scope: Scope, input: PublishPackInput): Promise<BoardPackType> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat publishes board packs.');
    const published = await this.mutations.run(scope, 'boardPack.publish', async (tx) => {
      const p = await this.packs.lockById(tx, input.id);
      if (!p) throw notFound('Board pack');
      await this.meetings.lockById(tx, p.meetingId);
      if (p.status !== PackStatus.DONE) throw fieldError('input.id', 'Only a finished compile can be published.');
      if (p.publishedAt) throw fieldError('input.id', `Version ${p.version} is already published.`);
      const open = (await this.findings.openCounts(tx, [p.id])).get(p.id) ?? 0;
      if (open) {
        throw fieldError(
          'input.id',
          `${open} likely ${open === 1 ? 'piece' : 'pieces'} of personal data in the public edition ${open === 1 ? 'is' : 'are'} not cleared. Fix ${open === 1 ? 'it' : 'them'} at source and compile again, or clear ${open === 1 ? 'it' : 'them'}.`,
        );
      }
      const before = (await this.packs.forMeeting(tx, p.meetingId)).find((o) => o.publishedAt !== null);
      if (before && !input.changeNote)
        throw fieldError('input.changeNote', `Say what changed since version ${before.version}: this version is a supplement.`);
      const prior = snapshot(p);
      const saved = await this.packs.save(tx, {
        ...p,
        publishedAt: new Date(),
        publishedByUserId: tx.actor.userId,
        changeNote: before ? (input.changeNote ?? null) : null,
      });
      return { result: saved, audit: { entityType: 'BoardPack', entityId: p.id, before: prior, after: snapshot(saved) } };
    });
    await requestEvent(
      this.reminders,
      { partnershipId: published.partnershipId, event: 'PACK_PUBLISHED', recordId: published.id },
      published.version,
    );
    return (await this.views(scope, [published]))[0];
  }

  async personalDataNames(scope: Scope): Promise<string[]> {
    AccessPolicy.assert(
      AccessPolicy.isSecretariat(scope.actor),
      'Only the board secretariat keeps the names the personal-data check looks for.',
    );
    return (await this.names.all(scope)).map((n) => n.name);
  }

  setPersonalDataNames(scope: Scope, names: readonly string[]): Promise<string[]> {
    AccessPolicy.assert(
      AccessPolicy.isSecretariat(scope.actor),
      'Only the board secretariat keeps the names the personal-data check looks for.',
    );
    // A name listed twice is kept once, as it was first written.
    const firsts = new Map<string, string>();
    for (const n of names.map((x) => x.trim().replace(/\s+/g, ' ')).filter(Boolean)) {
      if (!firsts.has(n.toLowerCase())) firsts.set(n.toLowerCase(), n);
    }
    const clean = [...firsts.values()];
    clean.forEach((n, i) => {
      if (n.length < 2) throw fieldError(`input.names[${i}]`, 'Each name must be at least 2 characters.');
    });
    return this.mutations.run(scope, 'personalDataNames.set', async (tx) => {
      const before = (await this.names.all(tx)).map((n) => n.name);
      await this.names.replaceAll(tx, clean);
      const after = (await this.names.all(tx)).map((n) => n.name);
      // The names themselves are personal data: the audit keeps how many, not who.
      return {
        result: after,
        audit: {
          entityType: 'Partnership',
          entityId: tx.partnershipId,
          before: { personalDataNames: before.length },
          after: { personalDataNames: after.length },
        },
      };
    });
  }

  /**
   * What the board has of each meeting's pack: the latest published version (with the download
   * links the reader may have, so a board member finds the members' edition on the meeting page).
   */
  async publishedFor(scope: Scope, meetingIds: readonly string[]): Promise<Map<string, BoardPackType>> {
    const latest = await this.packs.latestPublished(scope, meetingIds);
    const all = [...latest.values()];
    const shown = await this.views(scope, all);
    return new Map(shown.map((v) => [v.meetingId, v]));
  }

  async forMeeting(scope: Scope, meetingId: string): Promise<BoardPackEntity[]> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat sees packs before they are published.');
    if (!(await this.meetings.findById(scope, meetingId))) throw notFound('Meeting');
    return this.packs.forMeeting(scope, meetingId);
  }

  async pack(scope: Scope, id: string): Promise<BoardPackEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat sees packs before they are published.');
    const p = await this.packs.findById(scope, id);
    if (!p) throw notFound('Board pack');
    return p;
  }

  async compile(scope: Scope, meetingId: string): Promise<BoardPackEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    const pack = await this.mutations.run(scope, 'boardPack.compile', async (tx) => {
      const m = await this.meetings.lockById(tx, meetingId);
      if (!m) throw notFound('Meeting');
      if (m.status === MeetingStatus.CANCELLED) throw forbidden('This meeting is cancelled: there is no pack to compile.');
      const p = await this.packs.insert(tx, {
        meetingId: m.id,
        version: await this.packs.nextVersion(tx, m.id),
        status: PackStatus.QUEUED,
        progress: 0,
        step: 'Waiting to start',
        error: null,
        requestedByUserId: tx.actor.userId as string,
      });
      return { result: p, audit: { entityType: 'BoardPack', entityId: p.id, before: null, after: snapshot(p) } };
    });
    try {
      await enqueueCompile(this.queue, pack);
    } catch (err) {
      // The version is committed and waits as QUEUED: the packs worker's sweep enqueues any
      // pack without a job (at its start and every minute), under the same job id.
      this.logger.error(`Could not queue the compile of board pack ${pack.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return pack;
  }

  /** Stops a compile that has not finished: the worker checks between steps and keeps nothing. */
  cancel(scope: Scope, id: string): Promise<BoardPackEntity> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), ONLY_SECRETARIAT);
    return this.mutations.run(scope, 'boardPack.cancel', async (tx) => {
      const p = await this.packs.lockById(tx, id);
      if (!p) throw notFound('Board pack');
      if (p.status !== PackStatus.QUEUED && p.status !== PackStatus.RUNNING) {
        throw forbidden('This compile has finished: there is nothing to cancel.');
      }
      const before = snapshot(p);
      const saved = await this.packs.save(tx, { ...p, status: PackStatus.CANCELLED, step: 'Cancelled', finishedAt: new Date() });
      await (await this.queue?.getJob(compileJobId(p.id)))?.remove().catch(() => undefined);
      return { result: saved, audit: { entityType: 'BoardPack', entityId: p.id, before, after: snapshot(saved) } };
    });
  }
}
