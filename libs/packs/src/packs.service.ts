import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { forbidden, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import { MeetingRepository, MeetingStatus } from '@pbw/meetings';
import { JOBS, QUEUES, type CompilePackJob } from '@pbw/queue';
import { type BoardPackEntity, PackStatus } from './packs.entities';
import { BoardPackRepository } from './packs.repository';

const ONLY_SECRETARIAT = 'Only the board secretariat compiles board packs.';

/** The job that compiles a pack: its id is the pack's, so a retry after a crash makes the same version again, never a second. */
export const compileJobId = (packId: string): string => `pack_${packId}`;

/**
 * Board packs as the secretariat asks for them: each compile is a new version, made by the
 * worker; they watch its progress, may cancel it, and read the versions.
 */
@Injectable()
export class PacksService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly packs: BoardPackRepository,
    private readonly meetings: MeetingRepository,
    @Optional() @InjectQueue(QUEUES.PACKS) private readonly queue?: Queue,
  ) {}

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
    const job: CompilePackJob = { partnershipId: pack.partnershipId, packId: pack.id };
    await this.queue?.add(JOBS.COMPILE_PACK, job, {
      jobId: compileJobId(pack.id),
      attempts: 3,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { age: 7 * 86_400 },
      removeOnFail: { age: 30 * 86_400, count: 500 },
    });
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
