/**
 * Issue 9, a board pack compile that does not go to plan. The worker runs as its own process,
 * as in production, so it can be killed for real. A meeting whose agenda has a long PDF paper
 * makes the compile slow enough to catch at a given step: the test waits on the pack's row
 * being RUNNING at that step (no sleeps) and then kills the worker or cancels the compile.
 * Proved here: a worker killed mid-compile leaves one version, made by the retry, and no file
 * of the killed run; a paper missing from storage fails the pack with a reason naming the
 * paper and item (a damaged PDF paper is listed, not merged, and the pack is made); a cancel
 * mid-run keeps nothing and the worker goes on; a pack whose job Redis never took is queued
 * again by the worker's sweep and compiled once.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path, { join } from 'node:path';
import { Queue } from 'bullmq';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays, londonToday } from '@pbw/core';
import { readPdf } from '@pbw/packs';
import { QUEUES, redisConnection } from '@pbw/queue';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  eventually,
  killHard,
  signIn,
  spawnWorker,
  startTestStack,
  uploadOk,
} from '@pbw/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Pack {
  id: string;
  version: number;
  status: string;
  progress: number;
  step: string;
  error: string | null;
  membersSha256: string | null;
  publicSha256: string | null;
}
interface Row {
  status: string;
  progress: number;
  step: string;
  members_key: string | null;
  public_key: string | null;
  members_sha256: string | null;
  public_sha256: string | null;
}

/** A long paper, as a partner might upload a strategy with appendices: many pages full of text, one with an e-mail address. */
async function longPaper(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let l = 0; l < 60; l++) {
      const words =
        p === 3 && l === 0
          ? 'Contact jo.bloggs@example.org about the appendix.'
          : `Appendix page ${p}, line ${l}: sufficiency of placements.`;
      page.drawText(words, { x: 40, y: 800 - l * 12, size: 9, font });
    }
  }
  return Buffer.from(await doc.save());
}

async function shortPaper(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Dental access paper', { x: 72, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

async function pdfText(pdf: Buffer): Promise<string> {
  return (await readPdf(pdf)).pages
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('board pack compile: crash, failure, cancel, lost job', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let token: string;
  let secretariat: GqlClient;
  let queue: Queue;
  let long: Buffer;
  const workers: ChildProcess[] = [];
  const today = londonToday();

  const startWorker = (): ChildProcess => {
    const child = spawnWorker(stack, { FILE_STORAGE_DIR: stack.config.fileStorageDir });
    workers.push(child);
    return child;
  };

  const row = async (id: string): Promise<Row> =>
    (
      await stack.pg.query<Row>(
        'SELECT status, progress, step, members_key, public_key, members_sha256, public_sha256 FROM board_packs WHERE id = $1',
        [id],
      )
    ).rows[0];
  /** Polls the row fast, so a step that lasts a second or so is caught; a compile that ends first fails the wait at once. */
  const atStep = async (id: string, progress: number): Promise<Row> => {
    const end = Date.now() + 60_000;
    for (;;) {
      const r = await row(id);
      if (r.status === 'RUNNING' && r.progress === progress) return r;
      if (r.status !== 'QUEUED' && r.status !== 'RUNNING') throw new Error(`The compile ended (${r.status}) before reaching ${progress}%`);
      if (r.progress > progress) throw new Error(`The compile passed ${progress}% (at ${r.progress}%) before it was caught`);
      if (Date.now() > end) throw new Error(`Timed out waiting for the compile to reach ${progress}%: last ${JSON.stringify(r)}`);
      await sleep(10);
    }
  };
  const pack = async (id: string) => (await secretariat.ok<{ boardPack: Pack }>(OPS.boardPack, { id })).boardPack;
  const ended = (id: string) =>
    eventually(
      'the compile to end',
      () => pack(id),
      (p) => !['QUEUED', 'RUNNING'].includes(p.status),
      { ms: 120_000, queue: () => queue },
    );
  const compile = async (meetingId: string) =>
    (await secretariat.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId } })).compileBoardPack;

  /** Every file in storage (uploads and editions), by key. */
  const stored = (): string[] => {
    const root = stack.config.fileStorageDir;
    if (!existsSync(root)) return [];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, join(e.parentPath, e.name)))
      .sort();
  };

  let meetings = 0;
  /** A meeting with a welcome item and, if given, a PDF paper attached to item 2. */
  const meeting = async (paper?: { bytes: Buffer; name: string }): Promise<{ meetingId: string; fileId?: string }> => {
    meetings++;
    const meetingId = (
      await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: { title: `Board ${meetings}`, startsAt: `${addDays(today, 14 + meetings)}T10:00:00Z`, reportDeadline: addDays(today, 1) },
      })
    ).createMeeting.id;
    const add = async (input: Record<string, unknown>) =>
      (await secretariat.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, { input: { meetingId, kind: 'OTHER', ...input } }))
        .addAgendaItem.id;
    await add({ title: 'Welcome and apologies' });
    if (!paper) return { meetingId };
    const item = await add({ title: 'Placement sufficiency', kind: 'PAPER' });
    const fileId = await uploadOk(stack.url, token, paper.bytes, paper.name);
    await secretariat.ok(OPS.attachAgendaPaper, { input: { agendaItemId: item, fileId } });
    return { meetingId, fileId };
  };

  beforeAll(async () => {
    stack = await startTestStack();
    queue = new Queue(QUEUES.PACKS, { connection: redisConnection(stack.config.redisUrl), prefix: stack.config.queuePrefix });
    P = await createPartnership(stack.pg, 'Crashpack');
    token = (await signIn(stack.client(), P.secretariat.email)).accessToken;
    secretariat = stack.client(token);
    long = await longPaper(40);
  });
  afterAll(async () => {
    for (const w of workers) await killHard(w);
    await queue?.close();
    await stack?.close();
  });

  it('a worker killed mid-compile leaves one version, made by the retry, and none of the killed run’s files', async () => {
    const first = startWorker();
    const { meetingId } = await meeting({ bytes: long, name: 'sufficiency-strategy.pdf' });
    const before = stored();
    const queued = await compile(meetingId);

    // Both editions are stored and the personal-data check is reading the public one.
    const caught = await atStep(queued.id, 90);
    await killHard(first);
    expect((await row(queued.id)).status).toBe('RUNNING');
    const orphans = [caught.members_key, caught.public_key];
    expect(orphans.every((k) => k !== null && existsSync(join(stack.config.fileStorageDir, k)))).toBe(true);

    startWorker();
    const done = await ended(queued.id);
    expect(done).toMatchObject({ status: 'DONE', progress: 100, version: 1 });

    const rows = await stack.pg.query('SELECT id, version, status FROM board_packs WHERE meeting_id = $1', [meetingId]);
    expect(rows.rows).toEqual([{ id: queued.id, version: 1, status: 'DONE' }]);
    const job = await queue.getJob(`pack_${queued.id}`);
    expect(job?.returnvalue).toBe('done');

    // The editions the retry made are the pack's, with the recorded sha256; the killed run's are gone.
    const final = await row(queued.id);
    for (const [key, sha] of [
      [final.members_key, final.members_sha256],
      [final.public_key, final.public_sha256],
    ] as const) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(stack.config.fileStorageDir, key as string)))
          .digest('hex'),
      ).toBe(sha);
    }
    expect(orphans.filter((k) => existsSync(join(stack.config.fileStorageDir, k as string)))).toEqual([]);
    expect(stored()).toEqual([...before, final.members_key, final.public_key].sort());

    const findings = (
      await secretariat.ok<{ packFindings: Array<{ kind: string; match: string }> }>(OPS.packFindings, { packId: queued.id })
    ).packFindings;
    expect(findings.map((f) => [f.kind, f.match])).toEqual([['EMAIL', 'jo.bloggs@example.org']]);
    // Generous: two worker starts (each compiles the app) on a busy machine; about 15 s on a quiet one.
  }, 180_000);

  it('a paper missing from storage fails the pack with a reason naming it; a damaged PDF paper is listed, not merged', async () => {
    const missing = await meeting({ bytes: await shortPaper(), name: 'dental-access.pdf' });
    const key = (await stack.pg.query('SELECT storage_key FROM files WHERE id = $1', [missing.fileId])).rows[0].storage_key as string;
    rmSync(join(stack.config.fileStorageDir, key));
    const before = stored();
    const failing = await compile(missing.meetingId);
    const failed = await ended(failing.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe(
      'The paper dental-access.pdf for item 2 Placement sufficiency is missing from file storage. Remove it from the item and attach it again, then compile again.',
    );
    expect(failed.membersSha256).toBeNull();
    expect(stored()).toEqual(before);
    // A missing file will not come back by retrying: it failed on its first attempt, without waiting out the backoff.
    expect((await queue.getJob(`pack_${failing.id}`))?.attemptsMade).toBe(1);

    // Starts as a PDF (so it is accepted as one) but is not one inside.
    const damaged = await meeting({ bytes: Buffer.from('%PDF-1.7\nThis was cut short in the upload\n'), name: 'cut-short.pdf' });
    const made = await ended((await compile(damaged.meetingId)).id);
    expect(made.status).toBe('DONE');
    const res = await fetch(`${stack.url}/packs/${made.id}/members.pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await pdfText(Buffer.from(await res.arrayBuffer()))).toContain(
      'The paper for this item is a separate file, cut-short.pdf (it could not be merged into the pack: the PDF is damaged)',
    );
  }, 120_000);

  it('a cancel mid-run keeps nothing, never finishes the pack, and the worker goes on', async () => {
    const { meetingId } = await meeting({ bytes: long, name: 'sufficiency-strategy.pdf' });
    const before = stored();
    const queued = await compile(meetingId);

    // The members' edition is stored; the public one is being laid out.
    const caught = await atStep(queued.id, 60);
    expect(caught.members_key).not.toBeNull();
    const cancelled = (await secretariat.ok<{ cancelBoardPack: Pack }>(OPS.cancelBoardPack, { input: { id: queued.id } })).cancelBoardPack;
    expect(cancelled.status).toBe('CANCELLED');

    const job = await eventually(
      'the worker to finish with the cancelled job',
      () => queue.getJob(`pack_${queued.id}`),
      (j) => !!j?.finishedOn,
      { ms: 30_000, queue: () => queue },
    );
    expect(job?.returnvalue).toBe('cancelled');
    expect(await row(queued.id)).toMatchObject({ status: 'CANCELLED', members_key: null, public_key: null, members_sha256: null });
    expect(stored()).toEqual(before);

    const next = await meeting();
    expect((await ended((await compile(next.meetingId)).id)).status).toBe('DONE');
  }, 120_000);

  it('a pack whose job Redis never took is queued again by the worker at its start, and compiled once', async () => {
    for (const w of workers) await killHard(w);
    const { meetingId } = await meeting();
    // As when queue.add failed after the row committed: a QUEUED version and no job.
    const id = (
      await stack.pg.query<{ id: string }>(
        `INSERT INTO board_packs (partnership_id, meeting_id, version, status, progress, step, requested_by_user_id)
         VALUES ($1, $2, 1, 'QUEUED', 0, 'Waiting to start', $3) RETURNING id`,
        [P.id, meetingId, P.secretariat.id],
      )
    ).rows[0].id;
    expect(await queue.getJob(`pack_${id}`)).toBeUndefined();

    // In this process this time: its start is quicker, and it is the same worker module.
    await stack.startWorker();
    expect(await ended(id)).toMatchObject({ status: 'DONE', version: 1 });
    const rows = await stack.pg.query('SELECT version FROM board_packs WHERE meeting_id = $1', [meetingId]);
    expect(rows.rows).toEqual([{ version: 1 }]);
    expect((await queue.getJob(`pack_${id}`))?.returnvalue).toBe('done');
  }, 120_000);
});
