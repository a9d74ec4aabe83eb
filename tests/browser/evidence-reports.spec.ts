import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import { afterAction, checkAccessibility, finishJourney, h1, signIn, useBrowserStack, visit } from './harness';

/**
 * Journeys (e), issue 5: evidence of progress and the highlight report it goes into.
 *
 * A member of the Education sub-group adds evidence with a PDF (uploaded as it is chosen,
 * its progress shown), links one of the sub-group's actions and submits it; the sub-group's
 * chair finds it waiting for review, downloads the attachment, accepts it, links it in the
 * sub-group's draft highlight report for the next board meeting and submits the report,
 * which freezes the work plan's status into it; a board member comments on the submitted
 * report and the secretariat returns it with a comment.
 *
 * What each step expects comes from the database (the work plan counts in SQL, with the
 * api's visibility rules where a list depends on who reads it) or from what the test itself
 * wrote, never from the demo's wording.
 */
const app = useBrowserStack();

const MEMBER = 'kwame.mensah@riverside.example';
const CHAIR = 'sunita.rao@riverside.example';
const BOARD_MEMBER = 'helen.ashworth@riverside.example';
const SECRETARIAT = 'amira.okafor@riverside.example';
const SUB_GROUP = 'Education';

const OPEN = `a.status IN ('NOT_STARTED','IN_PROGRESS')`;
const LONDON_TODAY = `(now() AT TIME ZONE 'Europe/London')::date`;

/** libs/db's visibility rule for the record `t`, as the user whose id is $1 sees it. */
const SEES = (t: string) => `(
  EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')
  OR ${t}.visibility = 'PARTNERSHIP'
  OR (${t}.visibility = 'SUB_GROUP' AND ${t}.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1))
  OR (${t}.visibility = 'AGENCY' AND ${t}.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1))
  OR (${t}.visibility = 'RESTRICTED' AND $1 = ANY(${t}.restricted_user_ids))
)`;

/** EvidenceRepository.visible: the author; otherwise its visibility, and a draft only to its own agency. */
const SEES_EVIDENCE = `(
  EXISTS (SELECT 1 FROM users s WHERE s.id = $1 AND s.role = 'SECRETARIAT')
  OR e.created_by_user_id = $1
  OR (${SEES('e')} AND (e.status <> 'DRAFT' OR e.agency_id = (SELECT u.agency_id FROM users u WHERE u.id = $1)))
)`;

async function one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
  const r = await app.pg.query<T>(sql, params);
  expect(r.rows).toHaveLength(1);
  return r.rows[0];
}

interface Person {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string;
}

async function person(email: string): Promise<Person> {
  return one<Person>(
    `SELECT u.id, u.name, u.agency_id AS "agencyId", g.name AS "agencyName" FROM users u JOIN agencies g ON g.id = u.agency_id WHERE u.email = $1`,
    [email],
  );
}

/** A small, well-formed one-page PDF saying `text`, padded with content-stream comments to about `bytes` long. */
function makePdf(text: string, bytes: number): Buffer {
  const line = `% ${'padding so that the upload takes long enough to show its progress '.repeat(1)}\n`;
  const padding = line.repeat(Math.max(0, Math.ceil((bytes - 700) / line.length)));
  const content = `BT /F1 18 Tf 72 770 Td (${text.replace(/[()\\]/g, '')}) Tj ET\n${padding}`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The value shown against a key in a GOV.UK summary list. */
async function summaryValue(page: Page, list: string, key: string): Promise<string> {
  const row = page.locator(`${list} .govuk-summary-list__row`, {
    has: page.locator('.govuk-summary-list__key', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
  });
  expect(await row.count()).toBe(1);
  return ((await row.locator('.govuk-summary-list__value').innerText()) ?? '').replace(/\s+/g, ' ').trim();
}

async function bannerText(page: Page): Promise<string> {
  return (await page.locator('.govuk-notification-banner--success').innerText()).replace(/\s+/g, ' ').trim();
}

function menu(page: Page, label: string) {
  return page.locator('nav[aria-label="Menu"]').getByRole('link', { name: label, exact: true });
}

/** What the test created, shared by the journeys that follow it (they run in order). */
const made: {
  evidenceId?: string;
  title?: string;
  pdf?: Buffer;
  fileName?: string;
  reportId?: string;
  meetingId?: string;
} = {};

function need<K extends keyof typeof made>(key: K): NonNullable<(typeof made)[K]> {
  const v = made[key];
  if (v === undefined || v === null) throw new Error(`An earlier journey in this file did not get as far as making ${key}.`);
  return v as NonNullable<(typeof made)[K]>;
}

/** The frozen (or previewed) work plan status of a sub-group's active plan, counted over all its actions in SQL. */
interface PlanCounts {
  planTitle: string;
  total: number;
  open: number;
  overdue: number;
  percentComplete: number;
  rag: [number, number, number, number];
  status: [number, number, number, number];
}

async function planCountsFromDb(subGroupId: string): Promise<PlanCounts> {
  const r = await one<{
    planTitle: string;
    total: number;
    notStarted: number;
    inProgress: number;
    complete: number;
    cancelled: number;
    red: number;
    amber: number;
    green: number;
    overdue: number;
  }>(
    `SELECT w.title AS "planTitle", count(a.id)::int AS total,
            count(a.id) FILTER (WHERE a.status = 'NOT_STARTED')::int AS "notStarted",
            count(a.id) FILTER (WHERE a.status = 'IN_PROGRESS')::int AS "inProgress",
            count(a.id) FILTER (WHERE a.status = 'COMPLETE')::int AS complete,
            count(a.id) FILTER (WHERE a.status = 'CANCELLED')::int AS cancelled,
            count(a.id) FILTER (WHERE ${OPEN} AND a.rag = 'RED')::int AS red,
            count(a.id) FILTER (WHERE ${OPEN} AND a.rag = 'AMBER')::int AS amber,
            count(a.id) FILTER (WHERE ${OPEN} AND a.rag = 'GREEN')::int AS green,
            count(a.id) FILTER (WHERE ${OPEN} AND a.due_date < ${LONDON_TODAY})::int AS overdue
     FROM work_plans w LEFT JOIN actions a ON a.work_plan_id = w.id
     WHERE w.sub_group_id = $1 AND w.status = 'ACTIVE' GROUP BY w.id`,
    [subGroupId],
  );
  const countable = r.total - r.cancelled;
  return {
    planTitle: r.planTitle,
    total: r.total,
    open: r.notStarted + r.inProgress,
    overdue: r.overdue,
    percentComplete: countable > 0 ? Math.floor((r.complete * 100) / countable) : 0,
    rag: [r.red, r.amber, r.green, r.complete],
    status: [r.notStarted, r.inProgress, r.complete, r.cancelled],
  };
}

/** A work plan snapshot as SnapshotView shows it under `#id`. */
async function planCountsShown(page: Page, id: string): Promise<PlanCounts> {
  const list = `#${id} > .govuk-summary-list`;
  const actions = /^(\d+) \((\d+) open\)$/.exec(await summaryValue(page, list, 'Actions'));
  const numbers = async (table: string) =>
    (await page.locator(`#${id}-${table} tbody td`).allInnerTexts()).map((t) => Number(t.trim())) as [number, number, number, number];
  const planRow = page.locator(`${list} .govuk-summary-list__row`, { has: page.locator('dt', { hasText: /^\s*Work plan\s*$/ }) });
  // The plan's title, without the period under it.
  const planTitle = (
    await planRow.locator('dd').evaluate((dd) => (dd as unknown as { firstChild: { textContent: string | null } }).firstChild.textContent)
  )?.trim();
  return {
    planTitle: planTitle ?? '',
    total: Number(actions?.[1]),
    open: Number(actions?.[2]),
    overdue: Number(await summaryValue(page, list, 'Overdue')),
    percentComplete: Number((await summaryValue(page, list, 'Complete')).replace(/%$/, '')),
    rag: await numbers('rag'),
    status: await numbers('status'),
  };
}

/** The open actions of the plan that are red or overdue, that the reader (id $1) may see, in the snapshot's order. */
async function concernsFromDb(subGroupId: string, readerId: string): Promise<string[]> {
  const r = await app.pg.query<{ title: string }>(
    `SELECT a.title FROM actions a JOIN work_plans w ON w.id = a.work_plan_id
     WHERE w.sub_group_id = $2 AND w.status = 'ACTIVE' AND ${OPEN} AND (a.rag = 'RED' OR a.due_date < ${LONDON_TODAY}) AND ${SEES('a')}
     ORDER BY a.due_date, a.id`,
    [readerId, subGroupId],
  );
  return r.rows.map((x) => x.title);
}

describe('evidence and highlight reports', () => {
  it('a member adds evidence with a PDF, links an action and submits it for review', async () => {
    const member = await person(MEMBER);
    const subGroup = await one<{ id: string }>('SELECT id FROM sub_groups WHERE name = $1', [SUB_GROUP]);
    // One of the sub-group's actions in its active plan that this member can see.
    const action = await one<{ id: string; title: string }>(
      `SELECT a.id, a.title FROM actions a JOIN work_plans w ON w.id = a.work_plan_id
       WHERE a.sub_group_id = $2 AND w.status = 'ACTIVE' AND ${SEES('a')} ORDER BY a.title LIMIT 1`,
      [member.id, subGroup.id],
    );
    const stamp = Date.now();
    const title = `Browser test ${stamp}: Year 12 retention for care leavers at college`;
    const narrative = `Browser test ${stamp}.\n\nOf the care leavers who started Level 3 courses in September, all but one were still enrolled at half term.`;
    const fileName = `retention-${stamp}.pdf`;
    // Large enough that, on the slowed connection below, its progress shows on the way.
    const pdf = makePdf(`Year 12 retention ${stamp}`, 48 * 1024);
    const evidenceBefore = await one<{ n: number }>('SELECT count(*)::int AS n FROM evidence');

    const page = await app.newPage();
    await signIn(page, MEMBER, app.demo.password, member.name);
    await menu(page, 'Evidence').click();
    await afterAction(page, { path: '/evidence', h1: 'Evidence' });
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await afterAction(page, { path: '/evidence/new', h1: 'Add evidence', visible: '#actionIds' });

    await page.getByLabel('Sub-group', { exact: true }).selectOption({ label: SUB_GROUP });
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('What does it show?').fill(narrative);
    await page.getByRole('group', { name: 'What kind of evidence is it?' }).getByLabel('Data', { exact: true }).check();
    const actions = page.getByRole('group', { name: `Actions in the ${SUB_GROUP} work plan that this is evidence for` });
    await actions.getByLabel(action.title, { exact: true }).check();

    // The upload, on a slowed connection so that its progress can be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 16 * 1024,
    });
    await page.locator('#fileIds').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: pdf });
    const progress = page.locator('#fileIds-uploading progress');
    await progress.waitFor();
    expect(await text(page, '#fileIds-uploading')).toContain(`Uploading ${fileName}`);
    // The page while the file is on its way (the progress bar has its name) passes axe too.
    await checkAccessibility(page, 'upload in progress');
    const seen: number[] = [];
    const until = Date.now() + 20_000;
    while ((await progress.count()) && Date.now() < until) {
      const v = await progress.getAttribute('value').catch(() => null);
      if (v !== null) seen.push(Number(v));
      await page.waitForTimeout(50);
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    // It went up on the way, never back, and part-way at some point.
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
    // Done: listed as attached, and said so to screen readers.
    await page.locator('#fileIds-list [data-file-id]').waitFor();
    expect(await page.locator('#fileIds-uploading').count()).toBe(0);
    expect(await text(page, '#fileIds-status')).toBe(`${fileName} uploaded`);
    expect(await text(page, '#fileIds-list-heading')).toBe('1 file attached');
    expect(await page.locator('#fileIds-list .govuk-summary-list__key').allInnerTexts()).toEqual([fileName]);
    expect(await text(page, '#fileIds-list .govuk-summary-list__value')).toBe(`PDF, ${Math.round(pdf.length / 1024)} KB`);
    await afterAction(page, { path: '/evidence/new', h1: 'Add evidence', visible: '#fileIds-list' });

    await page.getByRole('button', { name: 'Save as draft' }).click();
    await afterAction(page, { path: /^\/evidence\/[0-9a-f-]{36}$/, h1: title, visible: '.govuk-notification-banner--success' });
    const evidenceId = new URL(page.url()).pathname.split('/')[2];
    expect(await bannerText(page)).toContain('Evidence saved as a draft');
    expect(await text(page, '#evidence-status')).toBe('Draft');
    expect(await page.locator('#evidence-actions a').allInnerTexts()).toEqual([action.title]);
    expect(await page.locator('#evidence-attachments a').allInnerTexts()).toEqual([fileName]);
    expect(await summaryValue(page, '#evidence-details', 'Sub-group')).toBe(SUB_GROUP);
    expect(await summaryValue(page, '#evidence-details', 'Kind')).toBe('Data');

    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('#evidence-status', { hasText: 'Submitted' }).waitFor();
    await afterAction(page, { path: `/evidence/${evidenceId}`, h1: title });
    expect(await summaryValue(page, '#evidence-details', 'Submitted')).toMatch(new RegExp(`^${member.name}, `));
    // Submitted, it can no longer be changed or submitted again.
    expect(await page.getByRole('button', { name: 'Submit for review' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change' }).count()).toBe(0);

    // The database holds what was entered, the file as it was sent, and the link to the action.
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM evidence')).n).toBe(evidenceBefore.n + 1);
    const row = await one<Record<string, unknown>>(
      `SELECT e.title, e.narrative, e.kind, e.status, e.visibility, g.name AS sub_group, e.agency_id, e.created_by_user_id,
              e.submitted_by_user_id, e.version
       FROM evidence e JOIN sub_groups g ON g.id = e.sub_group_id WHERE e.id = $1`,
      [evidenceId],
    );
    expect(row).toEqual({
      title,
      narrative,
      kind: 'DATA',
      status: 'SUBMITTED',
      visibility: 'PARTNERSHIP',
      sub_group: SUB_GROUP,
      agency_id: member.agencyId,
      created_by_user_id: member.id,
      submitted_by_user_id: member.id,
      version: expect.any(Number),
    });
    const files = await app.pg.query(
      `SELECT f.original_name, f.content_type, f.size_bytes::int AS size, f.sha256, f.attached, f.uploaded_by_user_id
       FROM evidence_files ef JOIN files f ON f.id = ef.file_id WHERE ef.evidence_id = $1 ORDER BY ef.position`,
      [evidenceId],
    );
    expect(files.rows).toEqual([
      {
        original_name: fileName,
        content_type: 'application/pdf',
        size: pdf.length,
        sha256: sha256(pdf),
        attached: true,
        uploaded_by_user_id: member.id,
      },
    ]);
    const links = await app.pg.query('SELECT action_id FROM evidence_actions WHERE evidence_id = $1', [evidenceId]);
    expect(links.rows).toEqual([{ action_id: action.id }]);

    Object.assign(made, { evidenceId, title, pdf, fileName });
    await finishJourney(page, 'evidence-member-adds-and-submits');
  });

  it('the chair reviews it, downloads the PDF, accepts it, links it in the draft report and submits the report', async () => {
    const evidenceId = need('evidenceId');
    const title = need('title');
    const pdf = need('pdf');
    const fileName = need('fileName');
    const chair = await person(CHAIR);
    const subGroup = await one<{ id: string }>('SELECT id FROM sub_groups WHERE name = $1', [SUB_GROUP]);
    // What waits for this chair's review: submitted evidence of the sub-groups they chair, that they may see.
    const waiting = await app.pg.query<{ id: string }>(
      `SELECT e.id FROM evidence e WHERE e.status IN ('SUBMITTED','RESUBMITTED') AND ${SEES_EVIDENCE}
         AND e.sub_group_id IN (SELECT m.sub_group_id FROM sub_group_memberships m WHERE m.user_id = $1 AND m.role = 'CHAIR')
       ORDER BY e.updated_at DESC`,
      [chair.id],
    );
    expect(waiting.rows.map((r) => r.id)).toContain(evidenceId);
    // The next board meeting, and the sub-group's draft report for it.
    const report = await one<{ id: string; meetingId: string; meetingTitle: string; summary: string; deadline: string }>(
      `SELECT r.id, m.id AS "meetingId", m.title AS "meetingTitle", r.summary, to_char(m.report_deadline, 'YYYY-MM-DD') AS deadline
       FROM highlight_reports r JOIN meetings m ON m.id = r.meeting_id
       WHERE r.sub_group_id = $1 AND r.status = 'DRAFT' AND m.status = 'PLANNED'`,
      [subGroup.id],
    );
    const linkedBefore = await app.pg.query<{ id: string; title: string }>(
      `SELECT e.id, e.title FROM highlight_report_evidence l JOIN evidence e ON e.id = l.evidence_id WHERE l.report_id = $1 ORDER BY l.position`,
      [report.id],
    );

    const page = await app.newPage();
    await signIn(page, CHAIR, app.demo.password, chair.name);
    await menu(page, 'Evidence').click();
    await afterAction(page, { path: '/evidence', h1: 'Evidence' });
    await page.getByRole('search', { name: 'Filter evidence' }).getByLabel('Waiting for my review').check();
    await page.getByRole('search', { name: 'Filter evidence' }).getByRole('button', { name: 'Apply filters' }).click();
    await afterAction(page, { path: '/evidence?review=yes', h1: 'Evidence', visible: '#evidence-table' });
    // Exactly what waits for them, newest change first.
    expect(
      await page.locator('#evidence-table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-evidence-id'))),
    ).toEqual(waiting.rows.map((r) => r.id));
    const mine = page.locator(`#evidence-table tr[data-evidence-id="${evidenceId}"]`);
    const author = await person(MEMBER);
    expect(await mine.locator('td').allInnerTexts()).toEqual([SUB_GROUP, author.agencyName, 'Data', 'Submitted', expect.any(String)]);
    await mine.getByRole('link', { name: title, exact: true }).click();
    await afterAction(page, { path: `/evidence/${evidenceId}`, h1: title, visible: '#evidence-attachments' });

    // The attachment downloads exactly as it was uploaded.
    const download = page.waitForEvent('download');
    await page.locator('#evidence-attachments').getByRole('link', { name: fileName, exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    const got = readFileSync((await file.path()) as string);
    expect(got.length).toBe(pdf.length);
    expect(got.equals(pdf)).toBe(true);

    await page.getByRole('button', { name: 'Review' }).click();
    await afterAction(page, { path: `/evidence/${evidenceId}/review`, h1: 'Review evidence' });
    await page.getByRole('group', { name: 'What do you want to do?' }).getByLabel('Accept', { exact: true }).check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await afterAction(page, { path: `/evidence/${evidenceId}`, h1: title, visible: '.govuk-notification-banner--success' });
    expect(await bannerText(page)).toContain('Evidence accepted');
    expect(await text(page, '#evidence-status')).toBe('Accepted');
    expect(await one('SELECT status, reviewed_by_user_id FROM evidence WHERE id = $1', [evidenceId])).toEqual({
      status: 'ACCEPTED',
      reviewed_by_user_id: chair.id,
    });

    // Meetings → the next meeting → the sub-group's draft report.
    await menu(page, 'Meetings').click();
    await afterAction(page, { path: '/meetings', h1: 'Board meetings', visible: '#upcoming-meetings' });
    const meetingLink = page.locator(`#upcoming-meetings a[href="/meetings/${report.meetingId}"]`);
    expect((await meetingLink.innerText()).trim()).toBe(report.meetingTitle);
    await meetingLink.click();
    await afterAction(page, { path: `/meetings/${report.meetingId}`, h1: new RegExp(`^${escapeRegExp(report.meetingTitle)}, `) });
    const row = page.locator(`#report-statuses tr[data-sub-group="${SUB_GROUP}"]`);
    expect(await row.locator('.govuk-tag').allInnerTexts()).toEqual(['Draft']);
    await row.getByRole('link', { name: `View report from ${SUB_GROUP}` }).click();
    const reportTitle = `${SUB_GROUP} highlight report`;
    await afterAction(page, { path: `/reports/${report.id}`, h1: reportTitle });
    expect(await text(page, '#report-status')).toBe('Draft');
    expect(await page.locator('#linked-evidence a').allInnerTexts()).toEqual(linkedBefore.rows.map((e) => e.title));

    await page.getByRole('button', { name: 'Change report' }).click();
    await afterAction(page, { path: `/reports/${report.id}/change`, h1: `Change the ${reportTitle}` });
    expect(await page.getByLabel('Summary', { exact: true }).inputValue()).toBe(report.summary);
    const summary = report.summary.trim() ? report.summary : `Browser test: the ${SUB_GROUP} sub-group's report.`;
    await page.getByLabel('Summary', { exact: true }).fill(summary);
    const evidenceBoxes = page.getByRole('group', { name: 'Linked evidence (optional)' });
    for (const e of linkedBefore.rows) expect(await evidenceBoxes.getByLabel(e.title, { exact: true }).isChecked()).toBe(true);
    await evidenceBoxes.getByLabel(title, { exact: true }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await afterAction(page, { path: `/reports/${report.id}`, h1: reportTitle, visible: '.govuk-notification-banner--success' });
    expect(await bannerText(page)).toContain('Report saved');
    const linkedNow = await app.pg.query<{ id: string; title: string }>(
      `SELECT e.id, e.title FROM highlight_report_evidence l JOIN evidence e ON e.id = l.evidence_id WHERE l.report_id = $1 ORDER BY l.position`,
      [report.id],
    );
    expect(linkedNow.rows.map((e) => e.id).sort()).toEqual([...linkedBefore.rows.map((e) => e.id), evidenceId].sort());
    expect(await page.locator('#linked-evidence a').allInnerTexts()).toEqual(linkedNow.rows.map((e) => e.title));

    // The confirmation page previews what submitting freezes: the plan as the database counts it now.
    await page.getByRole('button', { name: 'Submit to the board' }).click();
    await afterAction(page, { path: `/reports/${report.id}/submit`, h1: `Submit the ${reportTitle}`, visible: '#preview-snapshot' });
    const counts = await planCountsFromDb(subGroup.id);
    expect(await planCountsShown(page, 'preview-snapshot')).toEqual(counts);
    await page.getByRole('button', { name: 'Submit report' }).click();
    await afterAction(page, { path: `/reports/${report.id}`, h1: reportTitle, visible: '#snapshot' });
    expect(await bannerText(page)).toContain('Report submitted to the board');

    const saved = await one<{ status: string; submittedBy: string; late: boolean; lateNow: boolean; snapshot: Record<string, unknown> }>(
      `SELECT r.status, r.submitted_by_user_id AS "submittedBy", r.late, ${LONDON_TODAY} > m.report_deadline AS "lateNow", r.snapshot
       FROM highlight_reports r JOIN meetings m ON m.id = r.meeting_id WHERE r.id = $1`,
      [report.id],
    );
    expect({ status: saved.status, submittedBy: saved.submittedBy, late: saved.late }).toEqual({
      status: 'SUBMITTED',
      submittedBy: chair.id,
      late: saved.lateNow,
    });
    // Frozen: the snapshot the database holds is the plan's counts at submission.
    expect(saved.snapshot).toMatchObject({
      workPlan: { title: counts.planTitle },
      total: counts.total,
      overdue: counts.overdue,
      percentComplete: counts.percentComplete,
      rag: { red: counts.rag[0], amber: counts.rag[1], green: counts.rag[2], blue: counts.rag[3] },
      status: { notStarted: counts.status[0], inProgress: counts.status[1], complete: counts.status[2], cancelled: counts.status[3] },
    });

    // The report page: submitted, with the frozen counts, the concerns the chair may see, and the new evidence.
    expect(await text(page, '#report-status')).toBe(saved.late ? 'Submitted Late' : 'Submitted');
    expect(await text(page, '#snapshot-heading')).toBe('Work plan status when submitted');
    expect(await planCountsShown(page, 'snapshot')).toEqual(counts);
    const concerns = await concernsFromDb(subGroup.id, chair.id);
    if (concerns.length) expect(await page.locator('#snapshot-actions tbody th a').allInnerTexts()).toEqual(concerns);
    else expect(await page.locator('#snapshot-actions tbody').count()).toBe(0);
    expect(await page.locator('#linked-evidence a').allInnerTexts()).toContain(title);
    expect(await page.locator('#linked-evidence a', { hasText: title }).getAttribute('href')).toBe(`/evidence/${evidenceId}`);
    expect(await page.getByRole('button', { name: 'Change report' }).count()).toBe(0);

    // The meeting shows the sub-group's report as submitted.
    await page
      .locator('nav[aria-label="Breadcrumb"]')
      .getByRole('link', { name: new RegExp(`^${escapeRegExp(report.meetingTitle)}, `) })
      .click();
    await afterAction(page, { path: `/meetings/${report.meetingId}`, visible: '#report-statuses' });
    expect(await row.locator('.govuk-tag').allInnerTexts()).toEqual(saved.late ? ['Submitted', 'Late'] : ['Submitted']);
    expect(await row.locator('td').nth(1).innerText()).not.toBe('Not yet');

    Object.assign(made, { reportId: report.id, meetingId: report.meetingId });
    await finishJourney(page, 'report-chair-accepts-links-submits');
  });

  it('a board member comments on the submitted report, and the secretariat returns it with a comment', async () => {
    const reportId = need('reportId');
    const meetingId = need('meetingId');
    const board = await person(BOARD_MEMBER);
    const secretariat = await person(SECRETARIAT);
    const reportTitle = `${SUB_GROUP} highlight report`;
    const stamp = Date.now();
    const boardComment = `Browser test ${stamp}: thank you. Can the next report say how many care leavers are on Level 3 courses?`;
    const returnComment = `Browser test ${stamp}: please add this term's attendance figures before the board.`;
    const commentsBefore = await one<{ n: number }>('SELECT count(*)::int AS n FROM highlight_report_comments WHERE report_id = $1', [
      reportId,
    ]);

    const page = await app.newPage();
    await signIn(page, BOARD_MEMBER, app.demo.password, board.name);
    await visit(page, `/meetings/${meetingId}`, { visible: '#report-statuses' });
    await page
      .locator(`#report-statuses tr[data-sub-group="${SUB_GROUP}"]`)
      .getByRole('link', { name: `View report from ${SUB_GROUP}` })
      .click();
    await afterAction(page, { path: `/reports/${reportId}`, h1: reportTitle, visible: '#comments' });
    // A board member reads and comments; they do not review.
    expect(await page.getByRole('button', { name: 'Review report' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Add a comment' }).fill(boardComment);
    await page.getByRole('button', { name: 'Add comment' }).click();
    await page.locator('#comments-status', { hasText: 'Your comment has been added.' }).waitFor();
    await afterAction(page, { path: `/reports/${reportId}`, h1: reportTitle });
    expect(await page.getByRole('textbox', { name: 'Add a comment' }).inputValue()).toBe('');
    const last = page.locator('#comments-list > li').last();
    expect(await last.locator('.app-comment-body').innerText()).toBe(boardComment);
    expect(await last.locator('strong').innerText()).toBe(board.name);
    await finishJourney(page, 'report-board-member-comments');

    const sec = await app.newPage();
    await signIn(sec, SECRETARIAT, app.demo.password, secretariat.name);
    await menu(sec, 'Meetings').click();
    await afterAction(sec, { path: '/meetings', h1: 'Board meetings' });
    await sec.locator(`#upcoming-meetings a[href="/meetings/${meetingId}"]`).click();
    await afterAction(sec, { path: `/meetings/${meetingId}`, visible: '#report-statuses' });
    const row = sec.locator(`#report-statuses tr[data-sub-group="${SUB_GROUP}"]`);
    await row.getByRole('link', { name: `View report from ${SUB_GROUP}` }).click();
    await afterAction(sec, { path: `/reports/${reportId}`, h1: reportTitle, visible: '#comments-list' });
    expect(await sec.locator('#comments-list .app-comment-body').allInnerTexts()).toContain(boardComment);

    await sec.getByRole('button', { name: 'Review report' }).click();
    await afterAction(sec, { path: `/reports/${reportId}/review`, h1: `Review the ${reportTitle}` });
    await sec.getByRole('group', { name: 'What do you want to do?' }).getByLabel('Return it to the sub-group').check();
    await sec.getByLabel('What needs to change?').fill(returnComment);
    await sec.getByRole('button', { name: 'Confirm' }).click();
    await afterAction(sec, { path: `/reports/${reportId}`, h1: reportTitle, visible: '.govuk-notification-banner--success' });
    expect(await bannerText(sec)).toContain('Report returned to the sub-group');
    expect(await text(sec, '#report-status')).toMatch(/^Returned( Late)?$/);
    expect(await text(sec, '#return-comment')).toBe(returnComment);
    // Both comments are there afterwards: the board member's, and the return's reason from the secretariat.
    const shown = await sec.locator('#comments-list > li').evaluateAll((lis) =>
      lis.map((li) => ({
        author: (li.querySelector('strong')?.textContent ?? '').trim(),
        body: (li.querySelector('.app-comment-body')?.textContent ?? '').trim(),
      })),
    );
    expect(shown.slice(-2)).toEqual([
      { author: board.name, body: boardComment },
      { author: secretariat.name, body: returnComment },
    ]);

    const db = await one<{ status: string; returnComment: string; reviewedBy: string }>(
      'SELECT status, return_comment AS "returnComment", reviewed_by_user_id AS "reviewedBy" FROM highlight_reports WHERE id = $1',
      [reportId],
    );
    expect(db).toEqual({ status: 'RETURNED', returnComment, reviewedBy: secretariat.id });
    const comments = await app.pg.query(
      'SELECT author_user_id AS author, body FROM highlight_report_comments WHERE report_id = $1 ORDER BY created_at',
      [reportId],
    );
    expect(comments.rows).toHaveLength(commentsBefore.n + 2);
    expect(comments.rows.slice(-2)).toEqual([
      { author: board.id, body: boardComment },
      { author: secretariat.id, body: returnComment },
    ]);

    // The meeting page says where the report stands now.
    await sec.locator('nav[aria-label="Breadcrumb"]').getByRole('link', { name: /, / }).click();
    await afterAction(sec, { path: `/meetings/${meetingId}`, visible: '#report-statuses' });
    expect((await row.locator('.govuk-tag').allInnerTexts())[0]).toBe('Returned');
    expect(await h1(sec)).toMatch(/, /);
    await finishJourney(sec, 'report-secretariat-returns');
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
