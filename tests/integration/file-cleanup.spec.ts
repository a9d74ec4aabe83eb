/**
 * Issue 5, attachments: an upload nobody attaches (an abandoned evidence form, an
 * attachment removed from a draft) is deleted by the worker once it is older than
 * FILE_UNATTACHED_HOURS: its row, with an audit event, and then its bytes. Attached files
 * and recent uploads are kept, and a second sweep finds nothing more to do.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { FileCleanupService } from '@pbw/files';
import { QUEUES, SCHEDULER_IDS } from '@pbw/queue';
import { type TestPartnership, type TestStack, createPartnership, eventually, signIn, startTestStack } from '@pbw/testing';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 'x'), Buffer.from('\n%%EOF\n')]);
const CREATE = `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) { id } }`;

describe('worker: unattached uploads are cleaned up', () => {
  let stack: TestStack;
  let storageDir: string;
  let A: TestPartnership;
  let token: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'pbw-cleanup-'));
    stack = await startTestStack({ env: { FILE_STORAGE_DIR: storageDir, FILE_UNATTACHED_HOURS: '24' } });
    A = await createPartnership(stack.pg, 'Tidyham');
    token = (await signIn(stack.client(), A.member.email)).accessToken;
  });
  afterAll(async () => {
    await stack?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function upload(name: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PDF]), name);
    const res = await fetch(`${stack.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  const row = async (id: string) =>
    (await stack.pg.query<{ storage_key: string; attached: boolean }>('SELECT storage_key, attached FROM files WHERE id = $1', [id]))
      .rows[0];
  const age = (ids: string[], hours: number) =>
    stack.pg.query(`UPDATE files SET created_at = now() - make_interval(hours => $2) WHERE id = ANY($1::uuid[])`, [ids, hours]);

  it('the api plans the sweep at boot', async () => {
    const queue = stack.api.get<Queue>(getQueueToken(QUEUES.FILES), { strict: false });
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toContain(SCHEDULER_IDS.PURGE_UNATTACHED_FILES);
  });

  it('deletes old unattached files (row, audit, bytes) and keeps attached and recent ones', async () => {
    const [abandoned, removed, attached, recent] = [
      await upload('a.pdf'),
      await upload('b.pdf'),
      await upload('c.pdf'),
      await upload('d.pdf'),
    ];
    const client = stack.client(token);
    const ev = await client.ok<{ createEvidence: { id: string } }>(CREATE, {
      input: { subGroupId: A.subGroupId, title: 'Dental audit', kind: 'DATA', fileIds: [removed, attached] },
    });
    // Taking an attachment off a draft leaves the file unattached, for the sweep to collect.
    await client.ok(UPDATE, { input: { id: ev.createEvidence.id, fileIds: [attached] } });
    expect((await row(removed)).attached).toBe(false);
    expect((await row(attached)).attached).toBe(true);
    await age([abandoned, removed, attached], 25);
    await age([recent], 23);
    // One query at a time: stack.pg is a single connection.
    const keys: Record<string, string> = {};
    for (const id of [abandoned, removed, attached, recent]) keys[id] = (await row(id)).storage_key;
    for (const id of [abandoned, removed, attached, recent]) expect(existsSync(join(storageDir, keys[id]))).toBe(true);

    await stack.startWorker();
    const cleanup = stack.worker!.get(FileCleanupService, { strict: false });
    // The scheduled sweep may start as the worker does. Rows it has locked are skipped by
    // this sweep (SKIP LOCKED, so two workers never wait on each other) and deleted by it
    // when it commits, so wait for it to finish before looking.
    await cleanup.purge();
    const queue = stack.api.get<Queue>(getQueueToken(QUEUES.FILES), { strict: false });
    await eventually(
      'the scheduled sweep to finish',
      () => queue.getActiveCount(),
      (n) => n === 0,
      { queue: () => queue },
    );

    for (const id of [abandoned, removed]) {
      expect(await row(id)).toBeUndefined();
      expect(existsSync(join(storageDir, keys[id]))).toBe(false);
      const audits = await stack.pg.query('SELECT actor_user_id, after FROM audit_events WHERE action = $1 AND entity_id = $2', [
        'file.purge',
        id,
      ]);
      expect(audits.rows).toEqual([{ actor_user_id: null, after: null }]);
    }
    for (const id of [attached, recent]) {
      expect(await row(id)).toBeDefined();
      expect(existsSync(join(storageDir, keys[id]))).toBe(true);
    }
    // Nothing left to do, so a second run (the job retried, or two workers) changes nothing.
    const auditsBefore = (await stack.pg.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'file.purge'")).rows[0].n;
    expect(await cleanup.purge()).toEqual({ deleted: 0, partnerships: 0 });
    expect((await stack.pg.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'file.purge'")).rows[0].n).toBe(auditsBefore);
  }, 30_000);
});
