/**
 * Issue 5 item 3, uploads (DESIGN.md §6): POST /files takes one multipart field `file`
 * with the same bearer token as GraphQL, streams it to FileStorage, and answers with an
 * id to attach later. The type comes from the content, not the name; anything refused
 * leaves nothing behind, neither a row nor a file on disk.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestPartnership, type TestStack, createPartnership, signIn, startTestStack } from '@pbw/testing';

const MAX_BYTES = 8192;
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 'x'), Buffer.from('\n%%EOF\n')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(500)]);

/** Every file under the storage folder, however deep. */
async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('POST /files: uploads', () => {
  let stack: TestStack;
  let storageDir: string;
  let A: TestPartnership;
  let token: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'pbw-files-'));
    stack = await startTestStack({ env: { FILE_STORAGE_DIR: storageDir, FILE_MAX_BYTES: String(MAX_BYTES) } });
    A = await createPartnership(stack.pg, 'Fileham');
    token = (await signIn(stack.client(), A.member.email)).accessToken;
  });

  afterAll(async () => {
    await stack?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function upload(bytes: Buffer, name: string, opts: { token?: string | null; type?: string } = {}) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: opts.type ?? 'application/octet-stream' }), name);
    const t = opts.token === undefined ? token : opts.token;
    const res = await fetch(`${stack.url}/files`, {
      method: 'POST',
      headers: t ? { authorization: `Bearer ${t}` } : {},
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  const fileRows = async () => (await stack.pg.query('SELECT * FROM files ORDER BY created_at')).rows;

  it('stores a PDF, records it with an audit event, and answers with its id', async () => {
    const res = await upload(PDF, 'Board minutes (March).pdf');
    expect(res.status).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Board minutes (March).pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256,
    });

    const rows = await fileRows();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      id: res.body.id,
      partnership_id: A.id,
      uploaded_by_user_id: A.member.id,
      original_name: 'Board minutes (March).pdf',
      content_type: 'application/pdf',
      size_bytes: String(PDF.length),
      sha256,
      attached: false,
    });
    // The key is random, never the name.
    expect(row.storage_key).not.toMatch(/minutes|pdf/i);
    const files = await storedFiles(storageDir);
    expect(files).toEqual([join(storageDir, row.storage_key)]);
    const onDisk = await readFile(files[0]);
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(sha256);

    const audit = await stack.pg.query('SELECT action, entity_type, actor_user_id, after FROM audit_events WHERE entity_id = $1', [row.id]);
    expect(audit.rows).toEqual([
      {
        action: 'file.upload',
        entity_type: 'File',
        actor_user_id: A.member.id,
        after: expect.objectContaining({ originalName: row.original_name }),
      },
    ]);
    expect(audit.rows[0].after).not.toHaveProperty('storageKey');
  });

  it('a file not yet attached comes down only to the person who uploaded it', async () => {
    const [row] = await fileRows();
    const mine = await fetch(`${stack.url}/files/${row.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(PDF)).toBe(true);
    const chair = (await signIn(stack.client(), A.chair.email)).accessToken;
    const theirs = await fetch(`${stack.url}/files/${row.id}`, { headers: { authorization: `Bearer ${chair}` } });
    expect(theirs.status).toBe(404);
    expect(await theirs.json()).toEqual({ code: 'NOT_FOUND', message: 'File not found.' });
  });

  describe('refused uploads leave nothing behind', () => {
    let rowsBefore: number;
    let filesBefore: string[];

    beforeEach(async () => {
      rowsBefore = (await fileRows()).length;
      filesBefore = await storedFiles(storageDir);
    });

    afterEach(async () => {
      expect(await fileRows()).toHaveLength(rowsBefore);
      expect(await storedFiles(storageDir)).toEqual(filesBefore);
    });

    it('refuses an executable renamed report.pdf (415)', async () => {
      const res = await upload(ELF, 'report.pdf', { type: 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'file', message: 'The file must be a PDF, Word (DOCX), Excel (XLSX), CSV, text, PNG or JPEG file.' }],
      });
    });

    it('refuses a file over FILE_MAX_BYTES (413), while streaming', async () => {
      // Small enough to get past the Content-Length check, so the streamed count refuses it.
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES, 'y')]);
      const res = await upload(big, 'big.pdf');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'file', message: 'The file is too large. It must be 8 KB or smaller.' }],
      });
    });

    it('refuses a file far over the limit from its Content-Length (413)', async () => {
      const res = await upload(Buffer.concat([PDF, Buffer.alloc(200 * 1024, 'y')]), 'huge.pdf');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'file' }] });
    });

    it.each(['../../etc/passwd.txt', '..\\..\\boot.ini.txt', 'notes\u0007.txt'])('refuses the name %j (400)', async (name) => {
      const res = await upload(Buffer.from('root:x:0:0\n'), name);
      expect(res.status).toBe(400);
      // A control character may already break the part's header, refused as unreadable.
      const message = /folder path|control characters|could not be read/;
      expect(res.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'file', message: expect.stringMatching(message) }] });
    });

    it('refuses without a token, or with a bad one (401)', async () => {
      for (const t of [null, 'not-a-token']) {
        const res = await upload(PDF, 'report.pdf', { token: t });
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    });

    it('refuses an empty file, a request that is not multipart, and a wrong field name (400)', async () => {
      expect((await upload(Buffer.alloc(0), 'empty.txt')).status).toBe(400);
      const json = await fetch(`${stack.url}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ file: 'x' }),
      });
      expect(json.status).toBe(400);
      const form = new FormData();
      form.append('upload', new Blob([PDF]), 'report.pdf');
      const wrong = await fetch(`${stack.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'file' }] });
    });
  });
});
