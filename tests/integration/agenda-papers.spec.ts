/**
 * Issue 9, agenda papers come down: GET /meetings/:meetingId/papers/:agendaItemId streams an
 * agenda item's paper, exactly as uploaded, under its original name. A public item's paper is
 * for everyone signed in to the partnership; an exempt item's (Schedule 12A) only for the
 * secretariat, board members and the paper's author. Everything else (another partnership,
 * no paper, a bad id) is the same 404; signed out is 401. The agenda item shows its paper, with
 * a short-lived download link, to exactly those who may have it, and the compiled pack links a
 * paper it cannot merge (not a PDF) to the same address.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays, londonToday } from '@pbw/core';
import { agendaPaperPath } from '@pbw/meetings';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addAgency,
  addUser,
  createPartnership,
  eventually,
  signIn,
  startTestStack,
  uploadOk,
} from '@pbw/testing';

const PUBLIC_URL = 'https://board.example.org/';
/** A name with a dash and an accent that are not ASCII, an apostrophe and brackets (which filename* must escape). */
const TXT_NAME = "Dental access – café's notes (v2).txt";
const TXT_DISPOSITION =
  'attachment; filename="Dental access _ caf_\'s notes (v2).txt"; ' +
  "filename*=UTF-8''Dental%20access%20%E2%80%93%20caf%C3%A9%27s%20notes%20%28v2%29.txt";
const TXT = Buffer.from('Dental access for children in care\r\nWaiting times by practice\n', 'utf8');
const MISSING = '{"code":"NOT_FOUND","message":"File not found."}';

async function pdf(words: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(words, { x: 72, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Got {
  status: number;
  headers: Record<string, string | null>;
  body: Buffer;
}

interface AgendaPaper {
  name: string;
  contentType: string;
  size: number;
  downloadUrl: string;
}

const AGENDA = `query($id: ID!) { meeting(id: $id) { agenda { id meetingId title paper { name contentType size downloadUrl } } } }`;

describe('agenda papers download', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  let police: TestUser;
  const tokens = {} as Record<'secretariat' | 'boardMember' | 'chair' | 'author' | 'police' | 'bSecretariat', string>;
  let meetingId: string;
  let otherMeetingId: string;
  let bMeetingId: string;
  const items = {} as Record<'public' | 'exempt' | 'awaited' | 'other' | 'theirs', string>;
  let exemptPdf: Buffer;
  let bPdf: Buffer;
  const today = londonToday();
  const dir = mkdtempSync(join(tmpdir(), 'pbw-papers-'));

  const client = (who: keyof typeof tokens): GqlClient => stack.client(tokens[who]);
  const get = async (path: string, who?: keyof typeof tokens, headers: Record<string, string> = {}): Promise<Got> => {
    const res = await fetch(`${stack.url}${path}`, { headers: who ? { ...headers, authorization: `Bearer ${tokens[who]}` } : headers });
    const names = ['content-type', 'content-length', 'content-disposition', 'cache-control', 'x-content-type-options', 'www-authenticate'];
    return {
      status: res.status,
      headers: Object.fromEntries(names.map((n) => [n, res.headers.get(n)])),
      body: Buffer.from(await res.arrayBuffer()),
    };
  };
  const paperOf = (m: string, item: string) => agendaPaperPath(m, item);
  const expectMissing = (g: Got) =>
    expect({ status: g.status, body: g.body.toString('utf8'), disposition: g.headers['content-disposition'] }).toEqual({
      status: 404,
      body: MISSING,
      disposition: null,
    });
  const agenda = async (who: keyof typeof tokens, id = meetingId) =>
    (await client(who).ok<{ meeting: { agenda: Array<{ id: string; meetingId: string; paper: AgendaPaper | null }> } }>(AGENDA, { id }))
      .meeting.agenda;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { PUBLIC_URL, MAIL_OUTBOX_DIR: join(dir, 'outbox') } });
    A = await createPartnership(stack.pg, 'Paperton');
    B = await createPartnership(stack.pg, 'Elsewhere');
    // A partner agency's user with no part in the paper: police, neither board member nor author.
    police = await addUser(stack.pg, A, 'police', { agencyId: await addAgency(stack.pg, A, 'Constabulary', 'POLICE') });
    const who: Array<[keyof typeof tokens, string]> = [
      ['secretariat', A.secretariat.email],
      ['boardMember', A.boardMember.email],
      ['chair', A.chair.email],
      ['author', A.member.email],
      ['police', police.email],
      ['bSecretariat', B.secretariat.email],
    ];
    for (const [k, email] of who) tokens[k] = (await signIn(stack.client(), email)).accessToken;

    const meeting = async (c: GqlClient, title: string) =>
      (
        await c.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
          input: { title, startsAt: `${addDays(today, 14)}T10:00:00Z`, reportDeadline: addDays(today, 3) },
        })
      ).createMeeting.id;
    const add = async (c: GqlClient, m: string, input: Record<string, unknown>) =>
      (await c.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, { input: { meetingId: m, ...input } })).addAgendaItem.id;
    const attach = async (who: keyof typeof tokens, agendaItemId: string, bytes: Buffer, name: string) => {
      const fileId = await uploadOk(stack.url, tokens[who], bytes, name);
      await client(who).ok(OPS.attachAgendaPaper, { input: { agendaItemId, fileId } });
    };

    meetingId = await meeting(client('secretariat'), 'Spring board');
    otherMeetingId = await meeting(client('secretariat'), 'Summer board');
    items.public = await add(client('secretariat'), meetingId, { title: 'Dental access', kind: 'PAPER', authorUserId: A.member.id });
    items.exempt = await add(client('secretariat'), meetingId, {
      title: 'Named placement decisions',
      kind: 'PAPER',
      authorUserId: A.member.id,
      exempt: true,
      exemptParagraph: 1,
      exemptReason: 'About individual children.',
    });
    items.awaited = await add(client('secretariat'), meetingId, { title: 'Housing paper', kind: 'PAPER', authorUserId: A.chair.id });
    items.other = await add(client('secretariat'), meetingId, { title: 'Any other business', kind: 'OTHER' });
    exemptPdf = await pdf('Placement decisions, in confidence');
    await attach('author', items.public, TXT, TXT_NAME);
    await attach('author', items.exempt, exemptPdf, 'placements.pdf');

    bMeetingId = await meeting(client('bSecretariat'), 'Their board');
    items.theirs = await add(client('bSecretariat'), bMeetingId, { title: 'Their paper', kind: 'PAPER' });
    bPdf = await pdf('Elsewhere paper');
    await attach('bSecretariat', items.theirs, bPdf, 'theirs.pdf');
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a public item’s paper comes down to everyone signed in to the partnership: the exact bytes, its own name, never sniffed', async () => {
    for (const who of ['secretariat', 'boardMember', 'chair', 'author', 'police'] as const) {
      const g = await get(paperOf(meetingId, items.public), who);
      expect({ who, status: g.status, sha: sha256(g.body), headers: g.headers }).toEqual({
        who,
        status: 200,
        sha: sha256(TXT),
        headers: {
          'content-type': expect.stringMatching(/^text\/plain\b/),
          'content-length': String(TXT.length),
          'content-disposition': TXT_DISPOSITION,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
          'www-authenticate': null,
        },
      });
    }
  });

  it('an exempt item’s paper comes down to the secretariat, board members and its author only', async () => {
    for (const who of ['secretariat', 'boardMember', 'author'] as const) {
      const g = await get(paperOf(meetingId, items.exempt), who);
      expect({
        who,
        status: g.status,
        sha: sha256(g.body),
        type: g.headers['content-type'],
        disposition: g.headers['content-disposition'],
      }).toEqual({
        who,
        status: 200,
        sha: sha256(exemptPdf),
        type: 'application/pdf',
        disposition: `attachment; filename="placements.pdf"; filename*=UTF-8''placements.pdf`,
      });
    }
    // Another agency's partner user, and a sub-group chair of the author's own agency: as if there were none.
    for (const who of ['police', 'chair'] as const) expectMissing(await get(paperOf(meetingId, items.exempt), who));
  });

  it('answers the same 404 for another partnership’s paper, an item without a paper, the wrong meeting and bad ids', async () => {
    // Across partnerships, either way round, even for the secretariat.
    expectMissing(await get(paperOf(meetingId, items.public), 'bSecretariat'));
    expectMissing(await get(paperOf(meetingId, items.exempt), 'bSecretariat'));
    expectMissing(await get(paperOf(bMeetingId, items.theirs), 'secretariat'));
    expectMissing(await get(paperOf(meetingId, items.theirs), 'secretariat'));
    // A paper not in yet, and an item that takes no paper.
    expectMissing(await get(paperOf(meetingId, items.awaited), 'secretariat'));
    expectMissing(await get(paperOf(meetingId, items.other), 'secretariat'));
    // The item under a meeting it is not on.
    expectMissing(await get(paperOf(otherMeetingId, items.public), 'secretariat'));
    expectMissing(await get(paperOf(bMeetingId, items.public), 'bSecretariat'));
    // Ids that are not ids, or are no one's.
    expectMissing(await get(paperOf('not-an-id', items.public), 'secretariat'));
    expectMissing(await get(paperOf(meetingId, 'not-an-id'), 'secretariat'));
    expectMissing(await get(paperOf(meetingId, `${items.public}'--`), 'secretariat'));
    expectMissing(await get(paperOf(meetingId, randomUUID()), 'secretariat'));
    expectMissing(await get(paperOf(randomUUID(), items.public), 'secretariat'));
    // The paper's file id is not a way round: /files serves only evidence's files.
    const { fileId } = (await stack.pg.query('SELECT file_id AS "fileId" FROM agenda_items WHERE id = $1', [items.exempt])).rows[0] as {
      fileId: string;
    };
    expectMissing(await get(`/files/${fileId}`, 'police'));
  });

  it('signed out, or with a token that is no good, is 401 and asks for a bearer token', async () => {
    for (const g of [
      await get(paperOf(meetingId, items.public)),
      await get(paperOf(meetingId, items.public), undefined, { authorization: 'Bearer not-a-token' }),
      await get(`${paperOf(meetingId, items.public)}?token=not-a-token`),
    ]) {
      expect({ status: g.status, auth: g.headers['www-authenticate'], disposition: g.headers['content-disposition'] }).toEqual({
        status: 401,
        auth: 'Bearer',
        disposition: null,
      });
      expect(JSON.parse(g.body.toString('utf8'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('the agenda shows each paper, with a download link, to exactly those who may have it', async () => {
    const shown = async (who: keyof typeof tokens) =>
      Object.fromEntries((await agenda(who)).map((i) => [i.id, i.paper ? i.paper.name : null]));
    const everyone = { [items.public]: TXT_NAME, [items.awaited]: null, [items.other]: null };
    for (const who of ['secretariat', 'boardMember', 'author'] as const) {
      expect({ who, shown: await shown(who) }).toEqual({ who, shown: { ...everyone, [items.exempt]: 'placements.pdf' } });
    }
    for (const who of ['police', 'chair'] as const) {
      expect({ who, shown: await shown(who) }).toEqual({ who, shown: { ...everyone, [items.exempt]: null } });
    }
    const exempt = (await agenda('author')).find((i) => i.id === items.exempt)!;
    expect(exempt.meetingId).toBe(meetingId);
    expect(exempt.paper).toEqual({
      name: 'placements.pdf',
      contentType: 'application/pdf',
      size: exemptPdf.length,
      downloadUrl: expect.stringMatching(new RegExp(`^${paperOf(meetingId, items.exempt)}\\?token=[^&]+$`)),
    });
    // The link works without the bearer header, as a browser follows it.
    const followed = await get(exempt.paper!.downloadUrl);
    expect({ status: followed.status, sha: sha256(followed.body) }).toEqual({ status: 200, sha: sha256(exemptPdf) });
    // Its token is for that item only.
    const token = new URL(exempt.paper!.downloadUrl, stack.url).searchParams.get('token')!;
    expect((await get(`${paperOf(meetingId, items.public)}?token=${encodeURIComponent(token)}`)).status).toBe(401);
  });

  it('the access check is made again when a link is followed: an item made exempt stops coming down to others', async () => {
    const link = (await agenda('police')).find((i) => i.id === items.public)!.paper!.downloadUrl;
    await stack.pg.query('UPDATE agenda_items SET exempt = true, exempt_paragraph = 3 WHERE id = $1', [items.public]);
    try {
      expectMissing(await get(link));
      expectMissing(await get(paperOf(meetingId, items.public), 'police'));
      expect((await get(paperOf(meetingId, items.public), 'author')).status).toBe(200);
    } finally {
      await stack.pg.query('UPDATE agenda_items SET exempt = false, exempt_paragraph = NULL WHERE id = $1', [items.public]);
    }
  });

  it('the compiled pack links a paper it cannot merge to its download address under the public URL', async () => {
    const secretariat = client('secretariat');
    const queued = (await secretariat.ok<{ compileBoardPack: { id: string } }>(OPS.compileBoardPack, { input: { meetingId } }))
      .compileBoardPack;
    const done = await eventually(
      'the compile',
      async () => (await secretariat.ok<{ boardPack: { id: string; status: string } }>(OPS.boardPack, { id: queued.id })).boardPack,
      (p) => p.status === 'DONE' || p.status === 'FAILED',
      { ms: 60_000 },
    );
    expect(done.status).toBe('DONE');
    const res = await fetch(`${stack.url}/packs/${done.id}/members.pdf`, { headers: { authorization: `Bearer ${tokens.secretariat}` } });
    expect(res.status).toBe(200);
    const file = join(dir, 'members.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const { pages } = JSON.parse(
      execFileSync(process.execPath, [join(__dirname, '..', '..', 'libs', 'packs', 'src', 'pdf-text.mjs'), file], { encoding: 'utf8' }),
    ) as { pages: Array<{ text: string }> };
    // A long address may wrap across lines in the PDF: compare without the white space.
    const text = pages.map((p) => p.text.replace(/\s+/g, '')).join('');
    expect(text).toContain(`https://board.example.org${paperOf(meetingId, items.public)}`);
    // The link is the route this spec downloads from.
    expect((await get(paperOf(meetingId, items.public), 'police')).status).toBe(200);
  });
});
