/**
 * Issue 9, compiling the board pack: a BullMQ job in the worker builds both editions of a
 * meeting's pack as PDF. The test compiles a meeting and checks the PDFs by extracting their
 * text: the contents with the right page numbers, every agenda item present in order, an
 * uploaded PDF paper's pages merged in place, bookmarks per item, exempt items absent from the
 * public edition (a notice of the reason in their place), the page count and the sha256.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { addDays, londonToday } from '@pbw/core';
import { createDataSource } from '@pbw/db';
import { LocalDiskFileStorage } from '@pbw/files';
import { DEMO_PASSWORD, ENTITIES, loadDemoPartnership } from '@pbw/platform';
import { readPdf } from '@pbw/packs';
import { financialYearOf } from '@pbw/principles';
import {
  OPS,
  type GqlClient,
  type TestPartnership,
  type TestStack,
  createPartnership,
  eventually,
  signIn,
  startTestStack,
  uploadOk,
} from '@pbw/testing';

interface Pack {
  id: string;
  version: number;
  status: string;
  progress: number;
  step: string;
  membersSha256: string;
  membersPages: number;
  publicSha256: string;
  publicPages: number;
  membersDownloadUrl: string | null;
  publicDownloadUrl: string | null;
}

const dir = mkdtempSync(join(tmpdir(), 'pbw-packs-'));
/** A two-page PDF paper, as a partner would upload it. */
async function paper(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const words of ['Dental access paper, page one', 'Dental access paper, page two']) {
    doc.addPage([595, 842]).drawText(words, { x: 72, y: 700, size: 14, font });
  }
  return Buffer.from(await doc.save());
}

/** A one-page PDF paper with these lines, as a partner would upload it. */
async function paperSaying(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 760 - i * 24, size: 12, font }));
  return Buffer.from(await doc.save());
}

describe('board pack compile', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let secretariat: GqlClient;
  let token: string;
  let meetingId: string;
  const today = londonToday();

  const download = async (packId: string, edition: 'members' | 'public') => {
    const res = await fetch(`${stack.url}/packs/${packId}/${edition}.pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return { pdf: Buffer.from(await res.arrayBuffer()), sha: res.headers.get('x-content-sha256') };
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { MAIL_OUTBOX_DIR: join(dir, 'outbox') } });
    P = await createPartnership(stack.pg, 'Packford');
    const s = await signIn(stack.client(), P.secretariat.email);
    token = s.accessToken;
    secretariat = stack.client(token);
    meetingId = (
      await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: {
          title: 'Spring board',
          startsAt: `${addDays(today, 14)}T10:00:00Z`,
          reportDeadline: addDays(today, 1),
          location: 'Town Hall',
        },
      })
    ).createMeeting.id;
    const add = async (input: Record<string, unknown>) =>
      (await secretariat.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, { input: { meetingId, kind: 'OTHER', ...input } }))
        .addAgendaItem.id;
    await add({ title: 'Welcome and apologies', presenter: 'Chair of the board' });
    const reports = await add({ title: 'Sub-group reports' });
    await add({ title: 'Education and learning', kind: 'SUB_GROUP_REPORT', subGroupId: P.subGroupId, parentId: reports });
    const paperItem = await add({ title: 'Dental access', kind: 'PAPER' });
    await add({ title: 'Named placement decisions', exempt: true, exemptParagraph: 1, exemptReason: 'About individual children.' });
    await add({ title: 'Board action log', kind: 'ACTION_LOG' });
    await add({ title: 'Voice of children in care', kind: 'VOICE' });
    await stack.pg.query(
      `INSERT INTO highlight_reports (partnership_id, meeting_id, sub_group_id, created_by_user_id, status, summary, snapshot, submitted_at, submitted_by_user_id)
       VALUES ($1, $2, $3, $4, 'SUBMITTED', 'Attendance is improving in every key stage. Ask jo.bloggs@example.org, RV1 2AB, about Ava Mensah.', $5, now(), $4)`,
      [
        P.id,
        meetingId,
        P.subGroupId,
        P.chair.id,
        JSON.stringify({
          takenAt: new Date().toISOString(),
          workPlan: null,
          total: 4,
          rag: { red: 1, amber: 1, green: 1, blue: 1 },
          status: { notStarted: 0, inProgress: 3, complete: 1, cancelled: 0 },
          overdue: 1,
          percentComplete: 25,
          actions: [
            {
              title: 'Personal education plans audit',
              ownerName: 'A Owner',
              dueDate: addDays(today, -3),
              displayRag: 'RED',
              isOverdue: true,
            },
          ],
        }),
      ],
    );
    await secretariat.ok(OPS.setPersonalDataNames, { input: { names: ['Ava Mensah', ' ava  mensah '] } });
    const fileId = await uploadOk(stack.url, token, await paper(), 'dental-access.pdf');
    await secretariat.ok(OPS.attachAgendaPaper, { input: { agendaItemId: paperItem, fileId } });
    // Something exempt to look for: it must be in the members' edition only.
    await stack.pg.query("UPDATE agenda_items SET presenter = 'Head of Placements' WHERE title = 'Named placement decisions'");
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles both editions: contents with page numbers, items in order, the paper merged, bookmarks, exempt items withheld', async () => {
    const queued = (await secretariat.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId } })).compileBoardPack;
    expect(queued).toMatchObject({ version: 1, status: 'QUEUED' });
    const done = await eventually(
      'the compile',
      async () => (await secretariat.ok<{ boardPack: Pack }>(OPS.boardPack, { id: queued.id })).boardPack,
      (p) => p.status === 'DONE' || p.status === 'FAILED',
      { ms: 60_000 },
    );
    expect(done).toMatchObject({ status: 'DONE', progress: 100, step: 'Done' });

    const members = await download(done.id, 'members');
    expect(createHash('sha256').update(members.pdf).digest('hex')).toBe(done.membersSha256);
    expect(members.sha).toBe(done.membersSha256);
    const m = await readPdf(members.pdf);
    expect(m.pages).toHaveLength(done.membersPages);
    // Cover, contents, seven items, and the paper's two pages merged in place.
    expect(done.membersPages).toBe(1 + 1 + 7 + 2);

    const titles = [
      ['1', 'Welcome and apologies'],
      ['2', 'Sub-group reports'],
      ['2.1', 'Education and learning'],
      ['3', 'Dental access'],
      ['4', 'Named placement decisions'],
      ['5', 'Board action log'],
      ['6', 'Voice of children in care'],
    ];
    const contents = m.pages[1].text;
    let lastPage = 0;
    for (const [n, t] of titles) {
      // The contents names the page each item starts on, and that page starts with the item.
      const line = new RegExp(`${n.replace('.', '\\.')}\\s+${t}\\s+(\\d+)`).exec(contents.replace(/\s+/g, ' '));
      expect({ item: t, found: !!line }).toEqual({ item: t, found: true });
      const page = Number(line![1]);
      expect(page).toBeGreaterThan(lastPage);
      lastPage = page;
      expect({ item: t, heading: m.pages[page - 1].text.replace(/\s+/g, ' ').includes(`${n} ${t}`) }).toEqual({ item: t, heading: true });
    }
    const paperAt = m.pages.findIndex((p) => p.text.includes('Dental access paper, page one'));
    expect(m.pages[paperAt + 1].text).toContain('Dental access paper, page two');
    // In place: straight after item 3's own page, before item 4.
    expect(m.pages[paperAt - 1].text).toContain('The paper follows: dental-access.pdf.');
    expect(m.pages[paperAt + 2].text).toContain('Named placement decisions');
    // Running page numbers on every page, the merged ones too.
    m.pages.forEach((p) => expect(p.text).toContain(`Page ${p.page} of ${done.membersPages}`));
    expect(m.pages.map((p) => p.text).join(' ')).toContain('Attendance is improving in every key stage.');
    expect(m.pages.map((p) => p.text).join(' ')).toContain('Personal education plans audit');
    expect(m.outline.map((o) => o.title)).toEqual(titles.map(([n, t]) => `${n} ${t}`));
    expect(m.outline.find((o) => o.title.startsWith('2.1'))?.depth).toBe(1);

    const pub = await download(done.id, 'public');
    expect(createHash('sha256').update(pub.pdf).digest('hex')).toBe(done.publicSha256);
    const p = await readPdf(pub.pdf);
    const all = p.pages
      .map((x) => x.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(all).toContain('Named placement decisions');
    expect(all).toContain('paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972');
    expect(all).not.toContain('Head of Placements');
    expect(m.pages.map((x) => x.text).join(' ')).toContain('Head of Placements');
  });

  it('a second compile is version 2; a retried job for a finished version makes nothing new', async () => {
    const before = (await stack.pg.query('SELECT count(*)::int AS n FROM board_packs WHERE meeting_id = $1', [meetingId])).rows[0].n;
    const second = (await secretariat.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId } })).compileBoardPack;
    expect(second.version).toBe(2);
    await eventually(
      'the second compile',
      async () => (await secretariat.ok<{ boardPack: Pack }>(OPS.boardPack, { id: second.id })).boardPack.status,
      (s) => s === 'DONE',
      { ms: 60_000 },
    );
    const row = (await stack.pg.query('SELECT members_sha256, finished_at FROM board_packs WHERE id = $1', [second.id])).rows[0];
    const { PackCompiler } = await import('@pbw/packs');
    expect(await stack.worker!.get(PackCompiler).compile(P.id, second.id, async () => undefined)).toBe('skipped');
    expect((await stack.pg.query('SELECT members_sha256, finished_at FROM board_packs WHERE id = $1', [second.id])).rows[0]).toEqual(row);
    expect((await stack.pg.query('SELECT count(*)::int AS n FROM board_packs WHERE meeting_id = $1', [meetingId])).rows[0].n).toBe(
      before + 1,
    );
    const list = await secretariat.ok<{ boardPacks: Pack[] }>(OPS.boardPacks, { meetingId });
    expect(list.boardPacks.map((x) => x.version)).toEqual([2, 1]);
  });

  it('publishing waits for every finding to be cleared; then board members get it and the public edition is at its public address', async () => {
    const v1 = (
      await secretariat.ok<{ boardPacks: Array<Pack & { openFindings: number }> }>(OPS.boardPacks, { meetingId })
    ).boardPacks.find((x) => x.version === 1)!;
    const findings = (
      await secretariat.ok<{ packFindings: Array<{ id: string; kind: string; page: number; match: string }> }>(OPS.packFindings, {
        packId: v1.id,
      })
    ).packFindings;
    expect(findings.map((f) => [f.kind, f.match])).toEqual([
      ['EMAIL', 'jo.bloggs@example.org'],
      ['NAME', 'Ava Mensah'],
      ['POSTCODE', 'RV1 2AB'],
    ]);
    // Each on the page of the public edition where the Education report is.
    expect(new Set(findings.map((f) => f.page)).size).toBe(1);
    expect(v1.openFindings).toBe(3);

    const boardMember = stack.client((await signIn(stack.client(), P.boardMember.email)).accessToken);
    const bmToken = (await signIn(stack.client(), P.boardMember.email)).accessToken;
    expect((await fetch(`${stack.url}/packs/${v1.id}/members.pdf`, { headers: { authorization: `Bearer ${bmToken}` } })).status).toBe(404);
    type MeetingPack = {
      meeting: { publishedPack: (Pack & { membersDownloadUrl: string | null; publicDownloadUrl: string | null }) | null };
    };
    const meetingPack = `query($id: ID!) { meeting(id: $id) { publishedPack { id version membersDownloadUrl publicDownloadUrl } } }`;
    expect((await boardMember.ok<MeetingPack>(meetingPack, { id: meetingId })).meeting.publishedPack).toBeNull();

    // The secretariat's links download without the bearer header, each for its own edition only.
    const links = { membersDownloadUrl: v1.membersDownloadUrl ?? '' };
    expect(links.membersDownloadUrl).toMatch(new RegExp(`^/packs/${v1.id}/members\\.pdf\\?token=`));
    const byLink = await fetch(`${stack.url}${links.membersDownloadUrl}`);
    expect(byLink.status).toBe(200);
    expect(byLink.headers.get('x-content-sha256')).toBe(v1.membersSha256);
    const token = new URL(links.membersDownloadUrl, stack.url).searchParams.get('token') ?? '';
    expect((await fetch(`${stack.url}/packs/${v1.id}/public.pdf?token=${encodeURIComponent(token)}`)).status).toBe(401);
    const refused = await secretariat.request(OPS.publishBoardPack, { input: { id: v1.id } });
    expect(refused.errors?.[0]?.extensions?.fields).toEqual([
      {
        path: 'input.id',
        message:
          '3 likely pieces of personal data in the public edition are not cleared. Fix them at source and compile again, or clear them.',
      },
    ]);
    for (const f of findings) await secretariat.ok(OPS.clearPackFinding, { input: { id: f.id, note: 'Published with consent.' } });
    expect(
      (
        await stack.pg.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'packFinding.clear' AND partnership_id = $1", [
          P.id,
        ])
      ).rows[0].n,
    ).toBe(3);
    const published = await secretariat.ok<{ publishBoardPack: Pack & { publishedAt: string; supplement: boolean } }>(
      OPS.publishBoardPack,
      { input: { id: v1.id } },
    );
    expect(published.publishBoardPack).toMatchObject({ publishedAt: expect.any(String), supplement: false });

    // The board member now has the members' edition; anyone has the public one at its public address.
    const members = await fetch(`${stack.url}/packs/${v1.id}/members.pdf`, { headers: { authorization: `Bearer ${bmToken}` } });
    expect(members.status).toBe(200);
    // The meeting's page finds it: the board member gets both editions, a sub-group chair the public one only.
    const theirs = (await boardMember.ok<MeetingPack>(meetingPack, { id: meetingId })).meeting.publishedPack;
    expect(theirs).toMatchObject({ id: v1.id, version: 1 });
    expect((await fetch(`${stack.url}${theirs?.membersDownloadUrl}`)).headers.get('x-content-sha256')).toBe(v1.membersSha256);
    const chairs = (
      await stack.client((await signIn(stack.client(), P.chair.email)).accessToken).ok<MeetingPack>(meetingPack, { id: meetingId })
    ).meeting.publishedPack;
    expect(chairs?.membersDownloadUrl).toBeNull();
    expect((await fetch(`${stack.url}${chairs?.publicDownloadUrl}`)).headers.get('x-content-sha256')).toBe(v1.publicSha256);
    const pub = await fetch(`${stack.url}/public/packs/${P.slug}/${meetingId}.pdf`);
    expect(pub.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await pub.arrayBuffer()))
        .digest('hex'),
    ).toBe(v1.publicSha256);
    expect((await fetch(`${stack.url}/public/packs/not-a-partnership/${meetingId}.pdf`)).status).toBe(404);
    const told = await eventually(
      'the board member to be told',
      async () =>
        (
          await boardMember.ok<{ notifications: { edges: Array<{ node: { kind: string; title: string } }> } }>(OPS.notifications, {
            first: 10,
          })
        ).notifications.edges,
      (e) => e.some((n) => n.node.kind === 'PACK_PUBLISHED'),
    );
    expect(told.find((n) => n.node.kind === 'PACK_PUBLISHED')?.node.title).toBe('Board pack published: Spring board');
  });

  it('a version published after another is a supplement and says what changed', async () => {
    const v2 = (await secretariat.ok<{ boardPacks: Pack[] }>(OPS.boardPacks, { meetingId })).boardPacks.find((x) => x.version === 2)!;
    const findings = (await secretariat.ok<{ packFindings: Array<{ id: string }> }>(OPS.packFindings, { packId: v2.id })).packFindings;
    for (const f of findings) await secretariat.ok(OPS.clearPackFinding, { input: { id: f.id, note: 'As in version 1.' } });
    const noNote = await secretariat.request(OPS.publishBoardPack, { input: { id: v2.id } });
    expect(noNote.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.changeNote', message: 'Say what changed since version 1: this version is a supplement.' },
    ]);
    const r = await secretariat.ok<{ publishBoardPack: { supplement: boolean; changeNote: string } }>(OPS.publishBoardPack, {
      input: { id: v2.id, changeNote: 'The dental access paper now has the March figures.' },
    });
    expect(r.publishBoardPack).toEqual({
      ...r.publishBoardPack,
      supplement: true,
      changeNote: 'The dental access paper now has the March figures.',
    });
    const chair = stack.client((await signIn(stack.client(), P.chair.email)).accessToken);
    expect((await chair.request(OPS.publishBoardPack, { input: { id: v2.id } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await chair.request(OPS.boardPacks, { meetingId })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the personal-data check of a compiled pack', () => {
  let stack: TestStack;
  let P: TestPartnership;
  let secretariat: GqlClient;
  let token: string;
  const files = mkdtempSync(join(tmpdir(), 'pbw-pack-check-'));

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { FILE_STORAGE_DIR: files, MAIL_OUTBOX_DIR: join(files, 'outbox') } });
    P = await createPartnership(stack.pg, 'Checkford');
    token = (await signIn(stack.client(), P.secretariat.email)).accessToken;
    secretariat = stack.client(token);
    await secretariat.ok(OPS.setPersonalDataNames, { input: { names: ['Casey Morgan', 'Łukasz Wiśniewski'] } });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(files, { recursive: true, force: true });
  });

  /** A meeting whose agenda has every kind of generated section and one paper saying `lines`; its pack's findings. */
  const compileWithPaper = async (title: string, lines: string[], presenter = 'Chair of the board') => {
    const meetingId = (
      await secretariat.ok<{ createMeeting: { id: string } }>(OPS.createMeeting, {
        input: { title, startsAt: `${addDays(londonToday(), 21)}T10:00:00Z`, reportDeadline: addDays(londonToday(), 7) },
      })
    ).createMeeting.id;
    const add = async (input: Record<string, unknown>) =>
      (await secretariat.ok<{ addAgendaItem: { id: string } }>(OPS.addAgendaItem, { input: { meetingId, kind: 'OTHER', ...input } }))
        .addAgendaItem.id;
    await add({ title: 'Welcome and apologies', presenter });
    await add({ title: 'Performance scorecard', kind: 'SCORECARD' });
    await add({ title: 'Commitments by agency', kind: 'COMMITMENTS' });
    await add({ title: 'Principles coverage', kind: 'PRINCIPLES' });
    await add({ title: 'Voice of children in care', kind: 'VOICE' });
    await add({ title: 'Board action log', kind: 'ACTION_LOG' });
    const paperItem = await add({ title: 'Partner paper', kind: 'PAPER' });
    const fileId = await uploadOk(stack.url, token, await paperSaying(lines), 'partner-paper.pdf');
    await secretariat.ok(OPS.attachAgendaPaper, { input: { agendaItemId: paperItem, fileId } });
    const queued = (await secretariat.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId } })).compileBoardPack;
    const done = await eventually(
      `the ${title} pack`,
      async () => (await secretariat.ok<{ boardPack: Pack & { openFindings: number } }>(OPS.boardPack, { id: queued.id })).boardPack,
      (p) => p.status === 'DONE' || p.status === 'FAILED',
      { ms: 60_000 },
    );
    expect(done.status).toBe('DONE');
    const findings = (
      await secretariat.ok<{ packFindings: Array<{ kind: string; page: number; match: string; context: string }> }>(OPS.packFindings, {
        packId: done.id,
      })
    ).packFindings;
    const pub = await readPdf(
      Buffer.from(
        await (await fetch(`${stack.url}/packs/${done.id}/public.pdf`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(),
      ),
    );
    return { done, findings, pub };
  };

  it('flags nothing in a clean pack: ordinary dates, figures and a number that fails the NHS check digit', async () => {
    const { done, findings } = await compileWithPaper('Clean board', [
      'Attendance rose to 94.5% in 2026-27, against 91.2% in England.',
      'The board met on 12/03/2027 and agreed 14 actions; 1,234 pupils took part.',
      'Reference 943 476 5918 is a grant number, not a person.',
      'Casey attended the Morgan Centre open day.',
    ]);
    expect(findings).toEqual([]);
    expect(done.openFindings).toBe(0);
  });

  it('catches a planted example of each kind, on the page of the public edition where it stands', async () => {
    const { findings, pub } = await compileWithPaper(
      'Planted board',
      [
        'Young person (DOB: 14/02/2009) moved placement.',
        'NHS number 943 476 5919 was written on the form.',
        'Her address is 10 High Street, RV1 2AB.',
        'Her mobile is 07700 900123.',
        'Write to casey.morgan@example.org for the file.',
        'Casey Morgan asked for this to be raised.',
      ],
      // A listed name outside Windows-1252, in the pack's own text: printed as written, so the check can find it.
      'Łukasz Wiśniewski, foster carer',
    );
    expect(findings.map((f) => [f.kind, f.match]).sort()).toEqual(
      [
        ['DATE_OF_BIRTH', 'DOB: 14/02/2009'],
        ['EMAIL', 'casey.morgan@example.org'],
        ['NAME', 'Casey Morgan'],
        ['NAME', 'Łukasz Wiśniewski'],
        ['NHS_NUMBER', '943 476 5919'],
        ['PHONE', '07700 900123'],
        ['POSTCODE', 'RV1 2AB'],
      ].sort(),
    );
    const paperPage = pub.pages.find((p) => p.text.includes('was written on the form'))!;
    const welcomePage = pub.pages.find((p) => p.text.includes('Presented by Łukasz Wiśniewski, foster carer'))!;
    expect(welcomePage).toBeDefined();
    for (const f of findings) {
      const page = f.match === 'Łukasz Wiśniewski' ? welcomePage.page : paperPage.page;
      expect({ kind: f.kind, page: f.page }).toEqual({ kind: f.kind, page });
      expect(f.context).toContain(f.match);
    }
  });
});

describe('the demo meeting’s pack', () => {
  let stack: TestStack;
  const files = mkdtempSync(join(tmpdir(), 'pbw-demo-pack-files-'));

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, env: { FILE_STORAGE_DIR: files, MAIL_OUTBOX_DIR: join(files, 'outbox') } });
    const ds = await createDataSource({ url: stack.db.url, entities: ENTITIES }).initialize();
    try {
      await loadDemoPartnership(ds, { storage: new LocalDiskFileStorage(files) });
    } finally {
      await ds.destroy();
    }
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('compiles: the contents gives each agenda item’s page, every item is there in order, a partner’s PDF paper merged in place, the exempt one only in the members’ edition', async () => {
    const s = await stack
      .client()
      .ok<{ signIn: { accessToken: string } }>('mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
        input: { email: 'amira.okafor@riverside.example', password: DEMO_PASSWORD },
      });
    const token = s.signIn.accessToken;
    const c = stack.client(token);
    type Meetings = {
      meetings: {
        edges: Array<{ node: { id: string; status: string; agenda: Array<{ number: string; title: string; exempt: boolean }> } }>;
      };
    };
    const planned = async () =>
      (await c.ok<Meetings>('{ meetings(first: 10) { edges { node { id status agenda { number title exempt } } } } }')).meetings.edges
        .map((e) => e.node)
        .find((m) => m.status === 'PLANNED')!;
    // The demo's agenda as it is, with a partner's PDF paper added before the last item.
    const demo = await planned();
    expect(demo.agenda.length).toBeGreaterThan(10);
    const added = (
      await c.ok<{ addAgendaItem: { id: string; version: number; position: number } }>(OPS.addAgendaItem, {
        input: { meetingId: demo.id, kind: 'PAPER', title: 'Dental access for children placed out of area' },
      })
    ).addAgendaItem;
    await c.ok(OPS.moveAgendaItem, { input: { id: added.id, version: added.version, position: added.position - 1 } });
    const fileId = await uploadOk(stack.url, token, await paper(), 'dental-access.pdf');
    await c.ok(OPS.attachAgendaPaper, { input: { agendaItemId: added.id, fileId } });
    const meeting = await planned();
    const lastItem = meeting.agenda[meeting.agenda.length - 1];
    expect(meeting.agenda[meeting.agenda.length - 2].title).toBe('Dental access for children placed out of area');
    const pack = (await c.ok<{ compileBoardPack: Pack }>(OPS.compileBoardPack, { input: { meetingId: meeting.id } })).compileBoardPack;
    const done = await eventually(
      'the demo pack',
      async () => (await c.ok<{ boardPack: Pack }>(OPS.boardPack, { id: pack.id })).boardPack,
      (p) => p.status === 'DONE' || p.status === 'FAILED',
      { ms: 90_000 },
    );
    expect(done.status).toBe('DONE');
    const get = async (edition: string) =>
      Buffer.from(
        await (
          await fetch(`${stack.url}/packs/${done.id}/${edition}.pdf`, { headers: { authorization: `Bearer ${token}` } })
        ).arrayBuffer(),
      );
    const m = await readPdf(await get('members'));
    expect(m.pages).toHaveLength(done.membersPages);
    const contents = m.pages
      .slice(1, 3)
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    let last = 0;
    for (const item of meeting.agenda) {
      const at = new RegExp(`${item.number.replace('.', '\\.')} ${item.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(
        contents,
      );
      expect({ item: item.title, listed: !!at }).toEqual({ item: item.title, listed: true });
      const page = Number(at![1]);
      expect(page).toBeGreaterThan(last);
      last = page;
      expect({ item: item.title, starts: m.pages[page - 1].text.replace(/\s+/g, ' ').includes(`${item.number} ${item.title}`) }).toEqual({
        item: item.title,
        starts: true,
      });
    }
    // The paper's two pages are merged in place: after its item's own page, before the last item.
    const paperAt = m.pages.findIndex((x) => x.text.includes('Dental access paper, page one'));
    expect(m.pages[paperAt - 1].text).toContain('The paper follows: dental-access.pdf.');
    expect(m.pages[paperAt + 1].text).toContain('Dental access paper, page two');
    expect(m.pages[paperAt + 2].text.replace(/\s+/g, ' ')).toContain(`${lastItem.number} ${lastItem.title}`);
    // Every page is counted: the running numbers say "of" the edition's page count.
    m.pages.forEach((x) => expect(x.text).toContain(`Page ${x.page} of ${done.membersPages}`));
    const exempt = meeting.agenda.find((i) => i.exempt)!;
    const p = await readPdf(await get('public'));
    expect(p.pages).toHaveLength(done.publicPages);
    const publicText = p.pages
      .map((x) => x.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(publicText).toContain(`${exempt.number} ${exempt.title}`);
    expect(publicText).toContain('Schedule 12A to the Local Government Act 1972');
    // Every other item is in the public edition too.
    for (const item of meeting.agenda.filter((i) => !i.exempt)) expect(publicText).toContain(`${item.number} ${item.title}`);
  }, 120_000);

  it('drafts the annual update from the year’s work; the secretariat amends it and exports it as PDF', async () => {
    const tokenOf = async (email: string) =>
      (
        await stack
          .client()
          .ok<{ signIn: { accessToken: string } }>('mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }', {
            input: { email, password: DEMO_PASSWORD },
          })
      ).signIn.accessToken;
    const token = await tokenOf('amira.okafor@riverside.example');
    const c = stack.client(token);
    const period = financialYearOf(londonToday());
    type Update = { id: string; title: string; version: number; sections: Array<{ heading: string; body: string }> };
    const u = (await c.ok<{ generateAnnualUpdate: Update }>(OPS.generateAnnualUpdate, { input: { period } })).generateAnnualUpdate;
    expect(u.sections.map((x) => x.heading)).toEqual([
      'Purpose and summary',
      'Recommendation',
      'Key achievements',
      'Areas slower to progress',
      'Figures against comparators',
      'You said, we did',
      'Resource implications',
      'Legal implications',
    ]);
    const body = (h: string) => u.sections.find((x) => x.heading === h)!.body;
    expect(body('Areas slower to progress')).toMatch(/^- .+/);
    expect(body('Figures against comparators')).toContain('statistical neighbours');
    expect(body('You said, we did')).toMatch(/^- .+ said: .+ We did: .+/);
    const again = await c.request(OPS.generateAnnualUpdate, { input: { period } });
    expect(again.errors?.[0]?.extensions?.fields?.[0]?.path).toBe('input.period');

    const amended = (
      await c.ok<{ updateAnnualUpdate: Update }>(OPS.updateAnnualUpdate, {
        input: {
          id: u.id,
          version: u.version,
          sections: u.sections.map((x) => (x.heading === 'Resource implications' ? { ...x, body: 'Met from existing budgets.' } : x)),
        },
      })
    ).updateAnnualUpdate;
    expect(amended.version).toBe(u.version + 1);
    const res = await fetch(`${stack.url}/annual-updates/${u.id}.pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const text = (await readPdf(Buffer.from(await res.arrayBuffer()))).pages
      .map((p) => p.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(u.title);
    expect(text).toContain('7 Resource implications');
    expect(text).toContain('Met from existing budgets.');
    const chair = stack.client(await tokenOf('sunita.rao@riverside.example'));
    expect(
      (
        await fetch(`${stack.url}/annual-updates/${u.id}.pdf`, {
          headers: { authorization: `Bearer ${await tokenOf('sunita.rao@riverside.example')}` },
        })
      ).status,
    ).toBe(404);
    expect((await chair.request(OPS.annualUpdate, { period })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
