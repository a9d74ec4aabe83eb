import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QUEUES, requestReconcile } from '@pbw/queue';
import { AccessPolicy } from '@pbw/access';
import { type AuditRecord, MutationRunner } from '@pbw/audit';
import { forbidden } from '@pbw/core';
import { type Scope, Visibility } from '@pbw/db';
import { type AgencyEntity, AgencyRepository, type UserEntity, UserRepository, UserStatus } from '@pbw/identity';
import { type FrameworkEntity, type FrameworkItemEntity, FrameworkItemRepository, FrameworkRepository } from '@pbw/frameworks';
import { CsvSyntaxError, parseCsv, unguardCell, writeCsv } from './csv';
import type { ActionFieldsInput, ImportActionsInput, ImportCellErrorType, ImportResultType } from './workplans.dto';
import { type ActionEntity, ActionStatus, type ObjectiveEntity, Rag, type WorkPlanEntity, WorkPlanStatus } from './workplans.entities';
import { ActionRepository, ObjectiveRepository } from './workplans.repositories';
import { WorkPlansService } from './workplans.service';

/**
 * A work plan's actions as CSV, one action a row, for importing a plan kept in a spreadsheet
 * and for exporting one (an export imports again unchanged). The columns, in this order on
 * export; on import in any order, header names case-insensitive (spaces or hyphens may stand
 * for the underscores), an unknown column is an error, and a required one (*) missing is an
 * error naming it:
 *
 * | column              | what it holds                                                                  |
 * | ------------------- | ------------------------------------------------------------------------------ |
 * | objective *         | the objective the action is under, matched by title within the plan (any case); |
 * |                     | a new title creates an objective, in the order titles first appear             |
 * | title *             | the action                                                                     |
 * | description         | more detail; may run over several lines                                        |
 * | owner_email *       | the email of the owner: an active or invited user of the partnership           |
 * | lead_agency *       | the lead agency's name (any case)                                              |
 * | supporting_agencies | agency names separated by `;`                                                  |
 * | start_date          | YYYY-MM-DD (31/03/2027 as a spreadsheet writes it is also read); optional      |
 * | due_date *          | YYYY-MM-DD, the same as or after the start date                                |
 * | status              | Not started, In progress, Complete or Cancelled (or NOT_STARTED, ...);         |
 * |                     | blank means Not started                                                        |
 * | rag                 | Red, Amber or Green; blank means Green. A complete action shows blue.          |
 * | success_measure     | how the sub-group will know it worked                                          |
 * | framework_items     | item codes separated by `;`, such as `CPP-A;P3`, among the partnership's items |
 * |                     | that are not retired; a code in two frameworks is an error                     |
 * | visibility          | Partnership, Sub-group or Agency; blank means Partnership                      |
 *
 * The header is row 1, so errors name rows as a spreadsheet numbers them. Blank rows are
 * skipped. A cell the export guarded against formula injection (a `'` before = + - @, a tab
 * or a carriage return) is read back without the `'`.
 */
export const CSV_COLUMNS = [
  'objective',
  'title',
  'description',
  'owner_email',
  'lead_agency',
  'supporting_agencies',
  'start_date',
  'due_date',
  'status',
  'rag',
  'success_measure',
  'framework_items',
  'visibility',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['objective', 'title', 'owner_email', 'lead_agency', 'due_date'];

/** The most data rows one import takes. */
export const MAX_IMPORT_ROWS = 1000;

const STATUS_LABELS: Record<ActionStatus, string> = {
  [ActionStatus.NOT_STARTED]: 'Not started',
  [ActionStatus.IN_PROGRESS]: 'In progress',
  [ActionStatus.COMPLETE]: 'Complete',
  [ActionStatus.CANCELLED]: 'Cancelled',
};
const RAG_LABELS: Record<Rag, string> = { [Rag.RED]: 'Red', [Rag.AMBER]: 'Amber', [Rag.GREEN]: 'Green' };
const VISIBILITY_LABELS: Record<Visibility, string> = {
  [Visibility.PARTNERSHIP]: 'Partnership',
  [Visibility.SUB_GROUP]: 'Sub-group',
  [Visibility.AGENCY]: 'Agency',
  [Visibility.RESTRICTED]: 'Restricted',
};

const LIMITS = { objective: 500, title: 500, description: 10_000, success_measure: 2000 } as const;
const MAX_SUPPORTING = 30;
const MAX_ITEMS = 50;

/** How a label or header is compared: case, spaces, underscores and hyphens do not matter. */
function norm(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

/** How names and titles are matched: any case, any run of spaces, straight or curly quotes. */
function nameKey(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"');
}

/** Reads a label (or the enum value) back to the enum value. */
function labelled<E extends string>(labels: Record<E, string>, raw: string): E | undefined {
  const k = norm(raw);
  return (Object.keys(labels) as E[]).find((v) => norm(v) === k || norm(labels[v]) === k);
}

function list(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of raw.split(';')) {
    const v = part.trim();
    if (v && !seen.has(v.toLowerCase())) {
      seen.add(v.toLowerCase());
      out.push(v);
    }
  }
  return out;
}

function quoted(s: string): string {
  return `“${s}”`;
}

/** YYYY-MM-DD (or D/M/YYYY as UK spreadsheets write it) to YYYY-MM-DD; `bad` when it is no date; null when blank. */
export function parseCalendarDate(raw: string): string | null | 'bad' {
  const s = raw.trim();
  if (!s) return null;
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else return 'bad';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'bad';
  return date.toISOString().slice(0, 10);
}

interface SourceRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: Record<CsvColumn, string>;
  /** Cells beyond the header's columns that hold something. */
  overflow: boolean;
}

interface ReadyRow {
  row: number;
  objectiveKey: string;
  fields: ActionFieldsInput;
}

interface Checked {
  errors: ImportCellErrorType[];
  ready: ReadyRow[];
  /** Objectives of the plan by normalised title: the existing ones. */
  existing: Map<string, ObjectiveEntity>;
  /** New objective titles, in the order they first appear, by normalised title. */
  fresh: Map<string, string>;
}

function result(
  rowCount: number,
  errors: ImportCellErrorType[],
  imported: boolean,
  counts = { actions: 0, objectives: 0 },
): ImportResultType {
  return {
    valid: errors.length === 0,
    imported,
    rowCount,
    actionsCreated: counts.actions,
    objectivesCreated: counts.objectives,
    errors,
  };
}

/**
 * Imports a work plan's actions from CSV and exports them to CSV. The import is checked as
 * a whole: a dry run (the default) reports every problem and writes nothing; a real run
 * writes only when the whole file is valid, in one transaction with an audit event for each
 * objective and action it creates. Objectives and actions are created by WorkPlansService,
 * so they get the same checks as ones made in the app.
 */
@Injectable()
export class WorkPlanCsvService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly workPlans: WorkPlansService,
    private readonly objectives: ObjectiveRepository,
    private readonly actions: ActionRepository,
    private readonly users: UserRepository,
    private readonly agencies: AgencyRepository,
    private readonly frameworks: FrameworkRepository,
    private readonly items: FrameworkItemRepository,
    // Absent where the service runs without queues (the demo loader); the reminders' reconcile job catches up there.
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  // ---- import -------------------------------------------------------------------------

  /** Imports, then (when rows were written) asks for the partnership's reminders to be re-planned. */
  async importActions(scope: Scope, input: ImportActionsInput): Promise<ImportResultType> {
    const done = await this.importRows(scope, input);
    if (done.imported) await requestReconcile(this.reminders, scope.partnershipId);
    return done;
  }

  private async importRows(scope: Scope, input: ImportActionsInput): Promise<ImportResultType> {
    // Who may import comes before anything about the file: NOT_FOUND, then FORBIDDEN.
    const plan = await this.workPlans.plan(scope, input.workPlanId);
    AccessPolicy.assert(
      AccessPolicy.canEditWorkPlan(scope.actor, plan.subGroupId),
      'Only the sub-group’s chair or the board secretariat can import actions into its work plan.',
    );
    if (plan.status === WorkPlanStatus.CLOSED)
      throw forbidden('This work plan is closed. Its record stays as it was; roll it forward to carry on the work.');

    const read = readRows(input.csv);
    if ('errors' in read) return result(read.rowCount, read.errors, false);
    const rows = read.rows;

    if (input.dryRun !== false) {
      const checked = await this.check(scope, plan, rows);
      return result(rows.length, checked.errors, false, {
        actions: checked.errors.length ? 0 : checked.ready.length,
        objectives: checked.errors.length ? 0 : checked.fresh.size,
      });
    }

    return this.mutations.run<ImportResultType>(scope, 'action.import', async (tx) => {
      // Lock the plan and check again inside the transaction: what the file names may have changed since.
      const locked = await this.workPlans.editablePlan(tx, plan.id);
      const checked = await this.check(tx, locked, rows);
      if (checked.errors.length) return { result: result(rows.length, checked.errors, false), audit: [], allowNoChange: true };
      const audit: AuditRecord[] = [];
      const objectiveByKey = new Map(checked.existing);
      for (const [key, title] of checked.fresh) {
        const made = await this.workPlans.insertObjective(tx, locked, title, '');
        objectiveByKey.set(key, made.objective);
        audit.push({ ...made.audit, action: 'objective.create' });
      }
      for (const r of checked.ready) {
        const made = await this.workPlans.insertAction(tx, locked, objectiveByKey.get(r.objectiveKey) as ObjectiveEntity, r.fields);
        audit.push({ ...made.audit, action: 'action.import' });
      }
      return { result: result(rows.length, [], true, { actions: checked.ready.length, objectives: checked.fresh.size }), audit };
    });
  }

  /** Checks every row against the partnership's records; collects every problem, row by row. */
  private async check(scope: Scope, plan: WorkPlanEntity, rows: SourceRow[]): Promise<Checked> {
    const errors: ImportCellErrorType[] = [];
    const add = (row: number, column: CsvColumn | '', message: string) => errors.push({ row, column, message });

    // Everything the file names, looked up once.
    const emails = [...new Set(rows.map((r) => r.cells.owner_email.trim().toLowerCase()).filter(Boolean))];
    const codes = [...new Set(rows.flatMap((r) => list(r.cells.framework_items)).map((c) => c.toLowerCase()))];
    // One after another: inside the import's transaction they share one connection.
    const userByEmail = new Map<string, UserEntity | null>();
    for (const e of emails) userByEmail.set(e, await this.users.findByEmail(scope, e));
    const agencies = await this.allAgencies(scope);
    const items = await this.items.findByCodes(scope, codes);
    const planObjectives = await this.objectives.forPlans(scope, [plan.id]);
    const agencyByName = new Map(agencies.map((a) => [nameKey(a.name), a] as const));
    const frameworks = new Map(
      (await this.frameworks.findByIds(scope, [...new Set(items.map((i) => i.frameworkId))])).map((f) => [f.id, f] as const),
    );
    const itemsByCode = new Map<string, FrameworkItemEntity[]>();
    for (const i of items) itemsByCode.set(i.code.toLowerCase(), [...(itemsByCode.get(i.code.toLowerCase()) ?? []), i]);

    const existing = new Map<string, ObjectiveEntity>();
    for (const o of planObjectives) if (!existing.has(nameKey(o.title))) existing.set(nameKey(o.title), o);
    const fresh = new Map<string, string>();
    const ready: ReadyRow[] = [];

    for (const { row, cells, overflow } of rows) {
      const before = errors.length;
      if (overflow) add(row, '', 'This row has more cells than the header row has columns.');

      const objective = cells.objective.trim();
      if (!objective) add(row, 'objective', 'Enter the objective this action is under.');
      else if (objective.length > LIMITS.objective) add(row, 'objective', `The objective must be ${LIMITS.objective} characters or fewer.`);

      const title = cells.title.trim();
      if (!title) add(row, 'title', 'Enter the action.');
      else if (title.length > LIMITS.title) add(row, 'title', `The action must be ${LIMITS.title} characters or fewer.`);
      if (cells.description.length > LIMITS.description)
        add(row, 'description', `The description must be ${LIMITS.description} characters or fewer.`);
      if (cells.success_measure.length > LIMITS.success_measure)
        add(row, 'success_measure', `The success measure must be ${LIMITS.success_measure} characters or fewer.`);

      const email = cells.owner_email.trim().toLowerCase();
      const owner = email ? userByEmail.get(email) : undefined;
      if (!email) add(row, 'owner_email', 'Enter the email of the person who owns the action.');
      else if (!owner) add(row, 'owner_email', `No one in this partnership has the email ${email}.`);
      else if (owner.status !== UserStatus.ACTIVE && owner.status !== UserStatus.INVITED)
        add(row, 'owner_email', `${owner.name} (${email}) is deactivated: choose someone else.`);

      const leadName = cells.lead_agency.trim();
      const lead = leadName ? agencyByName.get(nameKey(leadName)) : undefined;
      if (!leadName) add(row, 'lead_agency', 'Enter the lead agency.');
      else if (!lead) add(row, 'lead_agency', `There is no agency called ${quoted(leadName)} in this partnership.`);

      const supportingNames = list(cells.supporting_agencies);
      const supporting: AgencyEntity[] = [];
      for (const n of supportingNames) {
        const a = agencyByName.get(nameKey(n));
        if (a) supporting.push(a);
        else add(row, 'supporting_agencies', `There is no agency called ${quoted(n)} in this partnership.`);
      }
      if (supportingNames.length > MAX_SUPPORTING) add(row, 'supporting_agencies', `Name ${MAX_SUPPORTING} supporting agencies or fewer.`);

      const start = parseCalendarDate(cells.start_date);
      if (start === 'bad') add(row, 'start_date', 'The start date must be a real date like 2026-04-01.');
      const due = parseCalendarDate(cells.due_date);
      if (due === null) add(row, 'due_date', 'Enter a due date, like 2027-03-31.');
      else if (due === 'bad') add(row, 'due_date', 'The due date must be a real date like 2027-03-31.');
      else if (start && start !== 'bad' && due < start) add(row, 'due_date', 'The due date must be the same as or after the start date.');

      let status: ActionStatus | undefined = ActionStatus.NOT_STARTED;
      if (cells.status.trim()) {
        status = labelled(STATUS_LABELS, cells.status);
        if (!status)
          add(row, 'status', `${quoted(cells.status.trim())} is not a status. Use Not started, In progress, Complete or Cancelled.`);
      }

      let rag: Rag | undefined = Rag.GREEN;
      if (cells.rag.trim()) {
        rag = labelled(RAG_LABELS, cells.rag);
        if (!rag && norm(cells.rag) === 'blue')
          add(row, 'rag', 'Blue is shown for a complete action: put Complete in the status column and Red, Amber or Green here.');
        else if (!rag) add(row, 'rag', `${quoted(cells.rag.trim())} is not a RAG rating. Use Red, Amber or Green.`);
      }

      const itemIds: string[] = [];
      const itemCodes = list(cells.framework_items);
      for (const code of itemCodes) {
        const found = itemsByCode.get(code.toLowerCase()) ?? [];
        const live = found.filter((i) => !i.retiredAt && !frameworks.get(i.frameworkId)?.retiredAt);
        if (live.length === 1) itemIds.push(live[0].id);
        else if (live.length > 1) {
          const names = live.map((i) => (frameworks.get(i.frameworkId) as FrameworkEntity).name).sort();
          add(
            row,
            'framework_items',
            `The code ${quoted(code)} is in more than one framework (${names.join('; ')}), so the import cannot tell which is meant. Tag this action in the app instead.`,
          );
        } else if (found.length) add(row, 'framework_items', `${found[0].code} has been retired and cannot be chosen.`);
        else add(row, 'framework_items', `There is no framework item with the code ${quoted(code)} in this partnership.`);
      }
      if (itemCodes.length > MAX_ITEMS) add(row, 'framework_items', `Tag ${MAX_ITEMS} framework items or fewer.`);

      let visibility: Visibility | undefined = Visibility.PARTNERSHIP;
      if (cells.visibility.trim()) {
        visibility = labelled(VISIBILITY_LABELS, cells.visibility);
        if (visibility === Visibility.RESTRICTED) {
          add(
            row,
            'visibility',
            'Restricted actions cannot be imported, because the file cannot name who may see them. Use Partnership, Sub-group or Agency, and restrict the action in the app afterwards.',
          );
        } else if (!visibility)
          add(row, 'visibility', `${quoted(cells.visibility.trim())} is not a visibility. Use Partnership, Sub-group or Agency.`);
      }

      if (errors.length > before) continue;
      const key = nameKey(objective);
      if (!existing.has(key) && !fresh.has(key)) fresh.set(key, objective);
      ready.push({
        row,
        objectiveKey: key,
        fields: {
          title,
          description: cells.description,
          ownerUserId: (owner as UserEntity).id,
          leadAgencyId: (lead as AgencyEntity).id,
          supportingAgencyIds: supporting.map((a) => a.id),
          startDate: start as string | null,
          dueDate: due as string,
          status: status as ActionStatus,
          rag: rag as Rag,
          successMeasure: cells.success_measure,
          frameworkItemIds: itemIds,
          visibility: visibility as Visibility,
        },
      });
    }
    return { errors, ready, existing, fresh };
  }

  /** Every agency of the partnership (a few dozen at most), to match names in memory. */
  private async allAgencies(scope: Scope): Promise<AgencyEntity[]> {
    const out: AgencyEntity[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.agencies.list(scope, undefined, { first: 100, after });
      out.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
      after = page.pageInfo.endCursor;
    }
  }

  // ---- export -------------------------------------------------------------------------

  /** The plan's actions that the caller may see, as CSV in the import's columns, with a header row. */
  async exportCsv(scope: Scope, workPlanId: string): Promise<string> {
    const plan = await this.workPlans.plan(scope, workPlanId);
    const actions: ActionEntity[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.workPlans.listActions(scope, { first: 100, after, filter: { workPlanId: plan.id } });
      actions.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    const ids = actions.map((a) => a.id);
    const [objectives, owners, supporting, tags] = await Promise.all([
      this.objectives.forPlans(scope, [plan.id]),
      this.users.findByIds(
        scope,
        actions.map((a) => a.ownerUserId),
      ),
      this.actions.supportingAgencies(scope, ids),
      this.actions.frameworkItems(scope, ids),
    ]);
    const [agencies, items] = await Promise.all([
      this.agencies.findByIds(scope, [...actions.map((a) => a.leadAgencyId), ...supporting.map((s) => s.agencyId)]),
      this.items.findByIds(
        scope,
        tags.map((t) => t.frameworkItemId),
      ),
    ]);
    const frameworks = new Map(
      (await this.frameworks.findByIds(scope, [...new Set(items.map((i) => i.frameworkId))])).map((f) => [f.id, f] as const),
    );
    const objectiveById = new Map(objectives.map((o) => [o.id, o] as const));
    const ownerById = new Map(owners.map((u) => [u.id, u] as const));
    const agencyById = new Map(agencies.map((a) => [a.id, a] as const));
    const itemById = new Map(items.map((i) => [i.id, i] as const));
    // Tags in a steady order: the statutory principles first, then each framework by name, each in its own order.
    const itemOrder = (i: FrameworkItemEntity): string => {
      const f = frameworks.get(i.frameworkId);
      return `${f?.builtIn ? 0 : 1}|${(f?.name ?? '').toLowerCase()}|${String(i.position).padStart(6, '0')}|${i.code}`;
    };

    // By objective in the plan's order, then by due date and title: the same plan exports the same way every time.
    const position = (a: ActionEntity) => objectiveById.get(a.objectiveId)?.position ?? Number.MAX_SAFE_INTEGER;
    const ordered = actions
      .map((a, i) => ({ a, i }))
      .sort(
        (x, y) =>
          position(x.a) - position(y.a) || x.a.dueDate.localeCompare(y.a.dueDate) || x.a.title.localeCompare(y.a.title) || x.i - y.i,
      );

    const rows: string[][] = [[...CSV_COLUMNS]];
    for (const { a } of ordered) {
      const cells: Record<CsvColumn, string> = {
        objective: objectiveById.get(a.objectiveId)?.title ?? '',
        title: a.title,
        description: a.description,
        owner_email: ownerById.get(a.ownerUserId)?.email ?? '',
        lead_agency: agencyById.get(a.leadAgencyId)?.name ?? '',
        supporting_agencies: supporting
          .filter((s) => s.actionId === a.id)
          .map((s) => agencyById.get(s.agencyId)?.name ?? '')
          .filter(Boolean)
          .sort((x, y) => x.localeCompare(y))
          .join(';'),
        start_date: a.startDate ?? '',
        due_date: a.dueDate,
        status: STATUS_LABELS[a.status],
        rag: RAG_LABELS[a.rag],
        success_measure: a.successMeasure,
        framework_items: tags
          .filter((t) => t.actionId === a.id)
          .map((t) => itemById.get(t.frameworkItemId))
          .filter((i): i is FrameworkItemEntity => !!i)
          .sort((x, y) => itemOrder(x).localeCompare(itemOrder(y)))
          .map((i) => i.code)
          .join(';'),
        visibility: VISIBILITY_LABELS[a.visibility],
      };
      rows.push(CSV_COLUMNS.map((c) => cells[c]));
    }
    return writeCsv(rows, { guard: true, bom: true });
  }
}

/** Reads the CSV text into rows keyed by column, or the problems with its header and shape. */
function readRows(text: string): { rows: SourceRow[] } | { errors: ImportCellErrorType[]; rowCount: number } {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { errors: [{ row: e.row, column: '', message: e.message }], rowCount: 0 };
    throw e;
  }
  const blank = (r: string[]) => r.every((c) => c.trim() === '');
  const body = records.slice(1);
  const rowCount = body.filter((r) => !blank(r)).length;
  if (!records.length || blank(records[0])) {
    return {
      errors: [{ row: 1, column: '', message: 'The first row must name the columns, such as objective,title,owner_email.' }],
      rowCount,
    };
  }

  const errors: ImportCellErrorType[] = [];
  const header = records[0].map((h) => unguardCell(h));
  const columnAt: Array<CsvColumn | null> = [];
  const seen = new Set<CsvColumn>();
  const known = new Map(CSV_COLUMNS.map((c) => [norm(c), c] as const));
  header.forEach((h, i) => {
    if (!h.trim()) {
      // A nameless column is fine while it is empty (spreadsheets add them); not when it holds something.
      if (body.some((r) => (r[i] ?? '').trim() !== ''))
        errors.push({ row: 1, column: '', message: `Column ${i + 1} has values but no name in the header row.` });
      columnAt.push(null);
      return;
    }
    const c = known.get(norm(h));
    if (!c) {
      errors.push({
        row: 1,
        column: h.trim(),
        message: `${quoted(h.trim())} is not a column the import understands. The columns are ${CSV_COLUMNS.join(', ')}.`,
      });
      columnAt.push(null);
    } else if (seen.has(c)) {
      errors.push({ row: 1, column: c, message: `The column ${c} appears more than once.` });
      columnAt.push(null);
    } else {
      seen.add(c);
      columnAt.push(c);
    }
  });
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length) {
    errors.push({
      row: 1,
      column: '',
      message: `The file has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}. Add ${missing.length > 1 ? 'them' : 'it'} to the header row.`,
    });
  }
  if (errors.length) return { errors, rowCount };
  if (rowCount === 0)
    return {
      errors: [{ row: 2, column: '', message: 'The file has no actions: add one row for each action under the header row.' }],
      rowCount,
    };
  if (rowCount > MAX_IMPORT_ROWS)
    return {
      errors: [{ row: 1, column: '', message: `The file has ${rowCount} actions; import ${MAX_IMPORT_ROWS} or fewer at a time.` }],
      rowCount,
    };

  const rows: SourceRow[] = [];
  body.forEach((r, i) => {
    if (blank(r)) return;
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>;
    r.forEach((v, j) => {
      const c = columnAt[j];
      if (c) cells[c] = unguardCell(v);
    });
    rows.push({ row: i + 2, cells, overflow: r.slice(columnAt.length).some((v) => v.trim() !== '') });
  });
  return { rows };
}
