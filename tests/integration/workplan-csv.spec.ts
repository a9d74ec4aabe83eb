/**
 * Importing a work plan's actions from CSV and exporting them (issue 4, item 7): a dry run
 * writes nothing; a real run writes objectives, actions, their links and audit events in one
 * go; a file with any bad row is refused whole, with every problem named by row and column;
 * only the sub-group's chair or the secretariat may import, and another partnership's plan
 * does not exist; an export is guarded against formula injection and imports again unchanged.
 */
import {
  type GqlClient,
  type TestPartnership,
  type TestStack,
  type TestUser,
  addUser,
  auditCount,
  createPartnership,
  signIn,
  startTestStack,
  tenantTables,
} from '@pbw/testing';

const IMPORT = `mutation($input: ImportActionsInput!) {
  importActions(input: $input) { valid imported rowCount actionsCreated objectivesCreated errors { row column message } }
}`;
const EXPORT = 'query($id: ID!) { workPlanCsv(id: $id) }';
const CREATE_PLAN = 'mutation($input: CreateWorkPlanInput!) { createWorkPlan(input: $input) { id } }';
const ACTIVATE_PLAN = 'mutation($input: WorkPlanIdInput!) { activateWorkPlan(input: $input) { id status } }';
const CLOSE_PLAN = 'mutation($input: WorkPlanIdInput!) { closeWorkPlan(input: $input) { id status } }';
const CREATE_OBJECTIVE = 'mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id } }';
const CREATE_FRAMEWORK = 'mutation($input: CreateFrameworkInput!) { createFramework(input: $input) { id } }';
const CREATE_ITEM = 'mutation($input: CreateFrameworkItemInput!) { createFrameworkItem(input: $input) { id } }';

const HEADER =
  'objective,title,description,owner_email,lead_agency,supporting_agencies,start_date,due_date,status,rag,success_measure,framework_items,visibility';

interface ImportResult {
  valid: boolean;
  imported: boolean;
  rowCount: number;
  actionsCreated: number;
  objectivesCreated: number;
  errors: Array<{ row: number; column: string; message: string }>;
}

/** CSV text from rows of cells, quoting every cell (as a careful spreadsheet would). */
function csv(...lines: string[][]): string {
  return lines.map((cells) => cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

/**
 * Every row one partnership owns, per table, in PostgreSQL's text form of the whole row; equal
 * only if nothing was inserted, changed or removed. (Link tables have no id, so rows are
 * ordered by their text.)
 */
async function tenantSnapshot(pg: TestStack['pg'], partnershipId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await tenantTables(pg)) {
    const r = await pg.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t WHERE t.partnership_id = $1 ORDER BY 1`, [
      partnershipId,
    ]);
    out[table] = r.rows.map((row) => row.row);
  }
  return out;
}

describe('work plan CSV import and export', () => {
  let stack: TestStack;
  let A: TestPartnership;
  let B: TestPartnership;
  /** A member of the council (not the sub-group's agency) who sits on no sub-group. */
  let outsider: TestUser;
  let leaver: TestUser;
  const tokens: Record<string, string> = {};
  const as = (who: string): GqlClient => stack.client(tokens[who]);
  let planId: string;
  let bPlanId: string;
  let council: string;
  let health: string;

  async function newPlan(who: string, p: TestPartnership, title: string, activate = false): Promise<string> {
    const d = await as(who).ok<{ createWorkPlan: { id: string } }>(CREATE_PLAN, {
      input: { subGroupId: p.subGroupId, title, periodStart: '2026-04-01', periodEnd: '2027-03-31' },
    });
    if (activate) await as(who).ok(ACTIVATE_PLAN, { input: { workPlanId: d.createWorkPlan.id } });
    return d.createWorkPlan.id;
  }

  async function importCsv(who: string, workPlanId: string, text: string, dryRun?: boolean) {
    return as(who).request<{ importActions: ImportResult }>(IMPORT, {
      input: { workPlanId, csv: text, ...(dryRun === undefined ? {} : { dryRun }) },
    });
  }

  async function counts(partnershipId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of ['objectives', 'actions', 'action_supporting_agencies', 'action_framework_items', 'audit_events']) {
      const r = await stack.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE partnership_id = $1`, [partnershipId]);
      out[t] = r.rows[0].n;
    }
    return out;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    A = await createPartnership(stack.pg, 'Csvford');
    B = await createPartnership(stack.pg, 'Otherton');
    outsider = await addUser(stack.pg, A, 'outsider', { agencyId: A.agencies.council });
    leaver = await addUser(stack.pg, A, 'leaver', { status: 'DEACTIVATED', agencyId: A.agencies.health });
    const names = await stack.pg.query<{ id: string; name: string }>('SELECT id, name FROM agencies WHERE partnership_id = $1', [A.id]);
    council = names.rows.find((r) => r.id === A.agencies.council)?.name as string;
    health = names.rows.find((r) => r.id === A.agencies.health)?.name as string;
    for (const [who, p, u] of [
      ['secretariat', A, A.secretariat],
      ['boardMember', A, A.boardMember],
      ['chair', A, A.chair],
      ['member', A, A.member],
      ['outsider', A, outsider],
      ['bSecretariat', B, B.secretariat],
    ] as const) {
      tokens[who] = (await signIn(stack.client(), u.email)).accessToken;
      void p;
    }

    // The partnership's promises (P1..P3), and an outcome framework that reuses the code P3.
    const promises = await as('secretariat').ok<{ createFramework: { id: string } }>(CREATE_FRAMEWORK, {
      input: { name: 'Our promises', kind: 'PROMISES' },
    });
    for (const code of ['P1', 'P2', 'P3']) {
      await as('secretariat').ok(CREATE_ITEM, { input: { frameworkId: promises.createFramework.id, code, title: `Promise ${code}` } });
    }
    const outcomes = await as('secretariat').ok<{ createFramework: { id: string } }>(CREATE_FRAMEWORK, {
      input: { name: 'Outcome areas', kind: 'OUTCOME_AREAS' },
    });
    await as('secretariat').ok(CREATE_ITEM, { input: { frameworkId: outcomes.createFramework.id, code: 'P3', title: 'Wellbeing' } });
    // A retired item cannot be chosen. (Written straight in: retiring through the api is the frameworks suite's business.)
    await stack.pg.query(
      `INSERT INTO framework_items (partnership_id, framework_id, code, title, position, retired_at) VALUES ($1, $2, 'OA-OLD', 'An old outcome', 9, now())`,
      [A.id, outcomes.createFramework.id],
    );

    planId = await newPlan('chair', A, '2026/27 health work plan', true);
    await as('chair').ok(CREATE_OBJECTIVE, { input: { workPlanId: planId, title: 'Healthy Lives' } });
    bPlanId = await newPlan('bSecretariat', B, 'Otherton plan', true);
  });
  afterAll(() => stack?.close());

  const validFile = () =>
    csv(
      [
        'Objective',
        'Title',
        'Description',
        'Owner_Email',
        'Lead Agency',
        'SUPPORTING_AGENCIES',
        'start_date',
        'due_date',
        'status',
        'rag',
        'success_measure',
        'framework_items',
        'visibility',
      ],
      [
        'healthy lives',
        'Initial health assessments within 20 working days',
        'Track every new entrant weekly.\nEscalate any delay to the designated nurse.',
        A.chair.email.toUpperCase(),
        health,
        council,
        '2026-04-01',
        '2026-09-30',
        'In progress',
        'Amber',
        '95% of assessments on time, checked quarterly',
        'CPP-A;p1',
        'Partnership',
      ],
      [
        'Emotional wellbeing',
        'Strengths and difficulties questionnaire at every review',
        '',
        A.member.email,
        council.toLowerCase(),
        '',
        '',
        '2027-03-31',
        'NOT_STARTED',
        'green',
        '',
        'P2',
        'Sub-group',
      ],
      [
        'Emotional wellbeing',
        'Training on trauma-informed care for foster carers',
        '=HYPERLINK("http://evil.example","click")',
        A.invited.email,
        health,
        `${council}; ${health}`,
        '01/05/2026',
        '31/03/2027',
        'Complete',
        'Green',
        '-all carers trained',
        'CPP-A;CPP-F',
        'agency',
      ],
    );

  it('a dry run checks a valid file, says what it would create, and writes nothing', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    const r = await importCsv('chair', planId, validFile());
    expect(r.errors).toBeUndefined();
    expect(r.data?.importActions).toEqual({
      valid: true,
      imported: false,
      rowCount: 3,
      actionsCreated: 3,
      objectivesCreated: 1,
      errors: [],
    });
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it('a real run creates the objectives, actions, links and audit events', async () => {
    const before = await counts(A.id);
    const imports = await auditCount(stack.pg, A.id, 'action.import');
    const objectiveAudits = await auditCount(stack.pg, A.id, 'objective.create');
    const r = await importCsv('chair', planId, validFile(), false);
    expect(r.errors).toBeUndefined();
    expect(r.data?.importActions).toMatchObject({ valid: true, imported: true, rowCount: 3, actionsCreated: 3, objectivesCreated: 1 });
    const after = await counts(A.id);
    expect(after.objectives - before.objectives).toBe(1);
    expect(after.actions - before.actions).toBe(3);
    expect(after.action_supporting_agencies - before.action_supporting_agencies).toBe(3);
    expect(after.action_framework_items - before.action_framework_items).toBe(5);
    expect(await auditCount(stack.pg, A.id, 'action.import')).toBe(imports + 3);
    expect(await auditCount(stack.pg, A.id, 'objective.create')).toBe(objectiveAudits + 1);
    expect(after.audit_events - before.audit_events).toBe(4);

    const objectives = await stack.pg.query('SELECT title, position FROM objectives WHERE work_plan_id = $1 ORDER BY position', [planId]);
    expect(objectives.rows).toEqual([
      { title: 'Healthy Lives', position: 1 },
      { title: 'Emotional wellbeing', position: 2 },
    ]);
    const actions = await stack.pg.query(
      `SELECT o.title AS objective, a.title, a.description, a.owner_user_id, a.lead_agency_id, a.start_date::text, a.due_date::text,
              a.status, a.rag, a.success_measure, a.visibility, a.sub_group_id, a.version,
              (SELECT array_agg(ag.name ORDER BY ag.name) FROM action_supporting_agencies s JOIN agencies ag ON ag.id = s.agency_id WHERE s.action_id = a.id) AS supporting,
              (SELECT array_agg(fi.code ORDER BY fi.code) FROM action_framework_items l JOIN framework_items fi ON fi.id = l.framework_item_id WHERE l.action_id = a.id) AS items
         FROM actions a JOIN objectives o ON o.id = a.objective_id
        WHERE a.work_plan_id = $1 ORDER BY a.due_date, a.title`,
      [planId],
    );
    expect(actions.rows).toEqual([
      {
        objective: 'Healthy Lives',
        title: 'Initial health assessments within 20 working days',
        description: 'Track every new entrant weekly.\nEscalate any delay to the designated nurse.',
        owner_user_id: A.chair.id,
        lead_agency_id: A.agencies.health,
        start_date: '2026-04-01',
        due_date: '2026-09-30',
        status: 'IN_PROGRESS',
        rag: 'AMBER',
        success_measure: '95% of assessments on time, checked quarterly',
        visibility: 'PARTNERSHIP',
        sub_group_id: A.subGroupId,
        version: 1,
        supporting: [council],
        items: ['CPP-A', 'P1'],
      },
      {
        objective: 'Emotional wellbeing',
        title: 'Strengths and difficulties questionnaire at every review',
        description: '',
        owner_user_id: A.member.id,
        lead_agency_id: A.agencies.council,
        start_date: null,
        due_date: '2027-03-31',
        status: 'NOT_STARTED',
        rag: 'GREEN',
        success_measure: '',
        visibility: 'SUB_GROUP',
        sub_group_id: A.subGroupId,
        version: 1,
        supporting: null,
        items: ['P2'],
      },
      {
        objective: 'Emotional wellbeing',
        title: 'Training on trauma-informed care for foster carers',
        // Stored as written; guarded only when it goes out as CSV.
        description: '=HYPERLINK("http://evil.example","click")',
        owner_user_id: A.invited.id,
        lead_agency_id: A.agencies.health,
        start_date: '2026-05-01',
        due_date: '2027-03-31',
        status: 'COMPLETE',
        rag: 'GREEN',
        success_measure: '-all carers trained',
        visibility: 'AGENCY',
        sub_group_id: A.subGroupId,
        version: 1,
        supporting: [council, health].sort(),
        items: ['CPP-A', 'CPP-F'],
      },
    ]);
    const audit = await stack.pg.query(
      "SELECT actor_user_id, entity_type, after->>'title' AS title FROM audit_events WHERE partnership_id = $1 AND action = 'action.import' ORDER BY after->>'title'",
      [A.id],
    );
    expect(audit.rows.map((x) => [x.actor_user_id, x.entity_type])).toEqual([
      [A.chair.id, 'Action'],
      [A.chair.id, 'Action'],
      [A.chair.id, 'Action'],
    ]);
  });

  it('an invalid file lists every problem with its row and column, and writes nothing, dry run or not', async () => {
    const row = (over: Partial<Record<string, string>>): string[] => {
      const base: Record<string, string> = {
        objective: 'Access to services',
        title: 'A good action',
        description: '',
        owner_email: A.chair.email,
        lead_agency: health,
        supporting_agencies: '',
        start_date: '2026-04-01',
        due_date: '2026-12-31',
        status: 'In progress',
        rag: 'Green',
        success_measure: '',
        framework_items: 'CPP-D',
        visibility: '',
      };
      return HEADER.split(',').map((c) => over[c] ?? base[c]);
    };
    const text = csv(
      HEADER.split(','),
      row({}), // row 2: fine
      row({ owner_email: 'nobody@example.test' }), // 3
      row({ lead_agency: 'Otherton Council', supporting_agencies: `${council};Imaginary Trust` }), // 4
      row({ start_date: '2026-02-30', due_date: 'next spring' }), // 5
      row({ start_date: '2026-10-01', due_date: '2026-09-30' }), // 6
      row({ status: 'Done', rag: 'Blue' }), // 7
      row({ framework_items: 'CPP-A;P9;P3;OA-OLD' }), // 8
      row({ title: '  ' }), // 9
      row({ owner_email: leaver.email, visibility: 'Restricted' }), // 10
      ['', '', '', '', '', '', '', '', '', '', '', '', ''], // 11: blank, skipped
      row({ objective: '', owner_email: '', lead_agency: '', due_date: '', visibility: 'Everyone' }), // 12
    );
    const before = await tenantSnapshot(stack.pg, A.id);
    const rowsBefore = await counts(A.id);
    const expected = [
      { row: 3, column: 'owner_email', message: 'No one in this partnership has the email nobody@example.test.' },
      { row: 4, column: 'lead_agency', message: 'There is no agency called “Otherton Council” in this partnership.' },
      { row: 4, column: 'supporting_agencies', message: 'There is no agency called “Imaginary Trust” in this partnership.' },
      { row: 5, column: 'start_date', message: 'The start date must be a real date like 2026-04-01.' },
      { row: 5, column: 'due_date', message: 'The due date must be a real date like 2027-03-31.' },
      { row: 6, column: 'due_date', message: 'The due date must be the same as or after the start date.' },
      { row: 7, column: 'status', message: '“Done” is not a status. Use Not started, In progress, Complete or Cancelled.' },
      {
        row: 7,
        column: 'rag',
        message: 'Blue is shown for a complete action: put Complete in the status column and Red, Amber or Green here.',
      },
      { row: 8, column: 'framework_items', message: 'There is no framework item with the code “P9” in this partnership.' },
      {
        row: 8,
        column: 'framework_items',
        message:
          'The code “P3” is in more than one framework (Our promises; Outcome areas), so the import cannot tell which is meant. Tag this action in the app instead.',
      },
      { row: 8, column: 'framework_items', message: 'OA-OLD has been retired and cannot be chosen.' },
      { row: 9, column: 'title', message: 'Enter the action.' },
      { row: 10, column: 'owner_email', message: `Extra leaver (${leaver.email}) is deactivated: choose someone else.` },
      {
        row: 10,
        column: 'visibility',
        message:
          'Restricted actions cannot be imported, because the file cannot name who may see them. Use Partnership, Sub-group or Agency, and restrict the action in the app afterwards.',
      },
      { row: 12, column: 'objective', message: 'Enter the objective this action is under.' },
      { row: 12, column: 'owner_email', message: 'Enter the email of the person who owns the action.' },
      { row: 12, column: 'lead_agency', message: 'Enter the lead agency.' },
      { row: 12, column: 'due_date', message: 'Enter a due date, like 2027-03-31.' },
      { row: 12, column: 'visibility', message: '“Everyone” is not a visibility. Use Partnership, Sub-group or Agency.' },
    ];
    for (const dryRun of [undefined, false]) {
      const r = await importCsv('chair', planId, text, dryRun);
      expect(r.errors).toBeUndefined();
      expect(r.data?.importActions).toEqual({
        valid: false,
        imported: false,
        rowCount: 10,
        actionsCreated: 0,
        objectivesCreated: 0,
        errors: expected,
      });
    }
    expect(await counts(A.id)).toEqual(rowsBefore);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it('names unknown and missing columns in the header, and a broken quote, as row 1 or the row it is in', async () => {
    const bad = await importCsv('chair', planId, 'Objective,Title,Owner,Due_Date\r\nA,B,c@example.test,2026-12-31\r\n');
    expect(bad.data?.importActions.valid).toBe(false);
    expect(bad.data?.importActions.errors).toEqual([
      {
        row: 1,
        column: 'Owner',
        message: `“Owner” is not a column the import understands. The columns are ${HEADER.split(',').join(', ')}.`,
      },
      { row: 1, column: '', message: 'The file has no owner_email, lead_agency columns. Add them to the header row.' },
    ]);
    const dup = await importCsv('chair', planId, `${HEADER},Title\r\n`);
    expect(dup.data?.importActions.errors).toEqual([{ row: 1, column: 'title', message: 'The column title appears more than once.' }]);
    const broken = await importCsv('chair', planId, `${HEADER}\r\nA,"never closed\r\n`);
    expect(broken.data?.importActions.errors).toEqual([
      { row: 2, column: '', message: 'Row 2 has a quoted cell that is never closed: a " is missing.' },
    ]);
    const empty = await importCsv('chair', planId, `${HEADER}\r\n`);
    expect(empty.data?.importActions.errors).toEqual([
      { row: 2, column: '', message: 'The file has no actions: add one row for each action under the header row.' },
    ]);
  });

  it('refuses everyone but the chair and the secretariat (FORBIDDEN), and another partnership’s plan does not exist (NOT_FOUND)', async () => {
    const before = await tenantSnapshot(stack.pg, A.id);
    for (const who of ['boardMember', 'member', 'outsider']) {
      for (const dryRun of [true, false]) {
        const r = await importCsv(who, planId, validFile(), dryRun);
        expect({ who, codes: (r.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ who, codes: ['FORBIDDEN'] });
        expect(r.errors?.[0].message).toBe('Only the sub-group’s chair or the board secretariat can import actions into its work plan.');
      }
    }
    for (const who of ['secretariat', 'chair']) {
      const r = await importCsv(who, bPlanId, validFile(), false);
      expect({ who, codes: (r.errors ?? []).map((e) => e.extensions?.code) }).toEqual({ who, codes: ['NOT_FOUND'] });
      const e = await as(who).request(EXPORT, { id: bPlanId });
      expect((e.errors ?? []).map((x) => x.extensions?.code)).toEqual(['NOT_FOUND']);
    }
    const missing = await importCsv('secretariat', '00000000-0000-4000-8000-000000000000', validFile());
    expect((missing.errors ?? []).map((x) => x.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it('refuses to import into a closed plan (FORBIDDEN)', async () => {
    const closed = await newPlan('chair', A, '2025/26 health work plan');
    await as('chair').ok(CLOSE_PLAN, { input: { workPlanId: closed } });
    const before = await tenantSnapshot(stack.pg, A.id);
    const r = await importCsv('secretariat', closed, validFile(), false);
    expect((r.errors ?? []).map((x) => x.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(r.errors?.[0].message).toMatch(/closed/);
    expect(await tenantSnapshot(stack.pg, A.id)).toEqual(before);
  });

  it('exports the actions the caller may see, with dates, labels and guarded cells', async () => {
    const all = (await as('secretariat').ok<{ workPlanCsv: string }>(EXPORT, { id: planId })).workPlanCsv;
    expect(all.startsWith('\uFEFF' + HEADER + '\r\n')).toBe(true);
    const lines = all.slice(1).split('\r\n');
    expect(lines[lines.length - 1]).toBe('');
    expect(all).toContain(
      `Healthy Lives,Initial health assessments within 20 working days,"Track every new entrant weekly.\nEscalate any delay to the designated nurse.",${A.chair.email},${health},${council},2026-04-01,2026-09-30,In progress,Amber,"95% of assessments on time, checked quarterly",CPP-A;P1,Partnership\r\n`,
    );
    expect(all).toContain(
      `Emotional wellbeing,Strengths and difficulties questionnaire at every review,,${A.member.email},${council},,,2027-03-31,Not started,Green,,P2,Sub-group\r\n`,
    );
    // Formula-looking text goes out behind a single quote.
    expect(all).toContain(
      `Emotional wellbeing,Training on trauma-informed care for foster carers,"'=HYPERLINK(""http://evil.example"",""click"")",${A.invited.email},${health},${[council, health].sort().join(';')},2026-05-01,2027-03-31,Complete,Green,'-all carers trained,CPP-A;CPP-F,Agency\r\n`,
    );
    // The board member (council) sees only the partnership-wide action: not the sub-group's, nor the health agency's.
    const board = (await as('boardMember').ok<{ workPlanCsv: string }>(EXPORT, { id: planId })).workPlanCsv;
    expect(
      board
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(',')[1]),
    ).toEqual(['title', 'Initial health assessments within 20 working days']);
  });

  it('an export imports again into a new plan, and exports the same', async () => {
    const first = (await as('secretariat').ok<{ workPlanCsv: string }>(EXPORT, { id: planId })).workPlanCsv;
    const copy = await newPlan('secretariat', A, '2026/27 health work plan (copy)');
    const dry = await importCsv('secretariat', copy, first);
    expect(dry.data?.importActions).toMatchObject({ valid: true, imported: false, actionsCreated: 3, objectivesCreated: 2, errors: [] });
    const r = await importCsv('secretariat', copy, first, false);
    expect(r.data?.importActions).toMatchObject({ valid: true, imported: true, actionsCreated: 3, objectivesCreated: 2 });
    const second = (await as('secretariat').ok<{ workPlanCsv: string }>(EXPORT, { id: copy })).workPlanCsv;
    expect(second).toBe(first);
    // The guard came off on the way back in: the text is stored as first written.
    const stored = await stack.pg.query(
      "SELECT description, success_measure FROM actions WHERE work_plan_id = $1 AND status = 'COMPLETE'",
      [copy],
    );
    expect(stored.rows).toEqual([{ description: '=HYPERLINK("http://evil.example","click")', success_measure: '-all carers trained' }]);
  });
});
