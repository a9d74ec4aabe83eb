import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { TestPartnership, TestUser } from './factories';
import type { GqlClient, GqlResult } from './gql-client';

/** Every root query and mutation the running api exposes, by name (from introspection). */
export async function schemaOperations(client: GqlClient): Promise<{ queries: string[]; mutations: string[] }> {
  const data = await client.ok<{
    __schema: { queryType: { fields: Array<{ name: string }> }; mutationType: { fields: Array<{ name: string }> } | null };
  }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
  return {
    queries: data.__schema.queryType.fields.map((f) => f.name).sort(),
    mutations: (data.__schema.mutationType?.fields ?? []).map((f) => f.name).sort(),
  };
}

/** The tables that hold one partnership's data: every table with a partnership_id column. */
export async function tenantTables(pg: Client): Promise<string[]> {
  const r = await pg.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND c.column_name = 'partnership_id' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name`,
  );
  return r.rows.map((row) => row.table_name);
}

/**
 * Every row one partnership owns, as PostgreSQL's own text form of the whole row, per
 * table (plus the partnership row itself). Two snapshots are equal only if nothing in the
 * partnership was inserted, changed or removed. Rows are ordered by that text, so link
 * tables (which have no id column of their own) are covered too.
 */
export async function tenantSnapshot(pg: Client, partnershipId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const self = await pg.query<{ row: string }>('SELECT p::text AS row FROM partnerships p WHERE p.id = $1', [partnershipId]);
  out.partnerships = self.rows.map((r) => r.row);
  for (const table of await tenantTables(pg)) {
    const r = await pg.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t WHERE t.partnership_id = $1 ORDER BY t::text`, [
      partnershipId,
    ]);
    out[table] = r.rows.map((row) => row.row);
  }
  return out;
}

/** The ids of a partnership's rows in one tenant table, sorted. */
export async function tenantIds(pg: Client, table: string, partnershipId: string): Promise<string[]> {
  const r = await pg.query<{ id: string }>(`SELECT id::text AS id FROM "${table}" WHERE partnership_id = $1 ORDER BY id`, [partnershipId]);
  return r.rows.map((row) => row.id);
}

/**
 * One more user in a factory partnership, written straight to the database. An ACTIVE
 * user gets the factory password (TEST_PASSWORD), so signIn works for them.
 */
export async function addUser(
  pg: Client,
  p: TestPartnership,
  key: string,
  opts: { role?: TestUser['role']; status?: 'ACTIVE' | 'INVITED' | 'DEACTIVATED'; agencyId?: string } = {},
): Promise<TestUser> {
  const role = opts.role ?? 'MEMBER';
  const status = opts.status ?? 'ACTIVE';
  const u: TestUser = { id: randomUUID(), email: `${key}.${p.slug}@example.test`, role, agencyId: opts.agencyId ?? p.agencies.council };
  await pg.query(
    `INSERT INTO users (id, partnership_id, agency_id, email, name, role, status, password_hash, activated_at, deactivated_at)
     SELECT $1, $2, $3, $4, $5, $6, $7::text,
            CASE WHEN $7::text = 'INVITED' THEN NULL ELSE s.password_hash END,
            CASE WHEN $7::text = 'INVITED' THEN NULL ELSE now() END,
            CASE WHEN $7::text = 'DEACTIVATED' THEN now() END
       FROM users s WHERE s.id = $8`,
    [u.id, p.id, u.agencyId, u.email, `Extra ${key}`, role, status, p.secretariat.id],
  );
  return u;
}

/** The error codes of a result, in order; [] when it succeeded. */
export function errorCodes(r: GqlResult<unknown>): string[] {
  return (r.errors ?? []).map((e) => String(e.extensions?.code));
}

const FRAMEWORK_FIELDS = 'id name kind description builtIn retiredAt';
const FRAMEWORK_ITEM_FIELDS = 'id frameworkId code title description position retiredAt';
const WORK_PLAN_FIELDS = 'id subGroupId title periodStart periodEnd status rolledFromPlanId';
const SUMMARY_FIELDS =
  'total rag { red amber green blue } status { notStarted inProgress complete cancelled } overdue dueSoon stale percentComplete';
/** Every stored field of an action: what a CONFLICT's extensions.current is compared with. */
export const ACTION_FIELDS =
  'id workPlanId objectiveId subGroupId title description ownerUserId leadAgencyId startDate dueDate status rag successMeasure visibility restrictedUserIds version rolledFromActionId lastUpdateAt createdAt updatedAt';
const UPDATE_FIELDS = 'id actionId authorUserId updateDate narrative status rag createdAt';
/** Every stored field of a commitment: what a CONFLICT's extensions.current is compared with. */
export const COMMITMENT_FIELDS =
  'id title description offerArea measure unit baseline target polarity currentValue dueDate reviewDate status rag visibility restrictedUserIds inLocalOffer offerWording offerEligibility version lastUpdateAt createdAt updatedAt';
const OFFER_VERSION_FIELDS =
  'number publishedAt introduction areas { area label items { commitmentId area title wording eligibility agencyName } } changes { kind commitmentId title area fields }';
const MEETING_FIELDS = 'id title startsAt location reportDeadline status createdAt updatedAt';
const AGENDA_FIELDS =
  'id number parentId position title kind subGroupId presenter startsAt durationMinutes exempt exemptParagraph exemptDescription exemptReason minutes decisions version';
const PACK_FIELDS =
  'id meetingId version status progress step error membersSha256 membersPages publicSha256 publicPages createdAt finishedAt publishedAt supplement changeNote openFindings membersDownloadUrl publicDownloadUrl';
const BOARD_ACTION_FIELDS = 'id meetingId agendaItemId title ownerUserId ownerName dueDate status overdue note closedAt version';
/** Every stored field of evidence: what a CONFLICT's extensions.current is compared with. */
export const EVIDENCE_FIELDS =
  'id title narrative kind status visibility restrictedUserIds returnComment submittedAt reviewedAt version createdAt updatedAt';
/** Every stored field of a highlight report but its snapshot. */
export const REPORT_FIELDS =
  'id status summary achievements risksAndIssues asksOfBoard late returnComment submittedAt reviewedAt version createdAt updatedAt';
const COMMENT_FIELDS = 'id body createdAt author { id }';
const SNAPSHOT_FIELDS =
  'takenAt workPlanId workPlanTitle total overdue percentComplete rag { red amber green blue } status { notStarted inProgress complete cancelled } actions { actionId title displayRag isOverdue }';

/**
 * One GraphQL document per root operation, each taking its arguments as variables
 * (mutations: `$input`). Shared by the tenancy and roles suites.
 */
const INDICATOR_FIELDS = 'id code name definition unit polarity target amberTolerance frequency source version retiredAt updatedAt';
const FIGURE = '{ value marker }';
const PERIOD_FIELDS = `periodStart periodEnd label local ${FIGURE} statisticalNeighbours ${FIGURE} region ${FIGURE} england ${FIGURE} commentary rag`;

const VOICE_FIELDS = `id raisedOn raisingGroup issue response responseDue respondedAt status version canRespond isResponseOverdue
  assignedSubGroup { id } assignedAgency { id } themes { id } createdBy { id } respondedBy { id }`;

const SELF_ASSESSMENT_FIELDS = `id period rating narrative version frameworkItem { id code } updatedBy { id }
  evidence { id } actions { id } commitments { id } indicators { id }`;

export const OPS = {
  // queries
  partnership: '{ partnership { id name description } }',
  me: '{ me { id email role agency { id } subGroupMemberships { subGroupId role } } }',
  board: '{ board { id name chairUserId chair { id } subGroups { id } } }',
  agencies: 'query($first: Int, $filter: AgencyFilter) { agencies(first: $first, filter: $filter) { totalCount edges { node { id } } } }',
  agency: 'query($id: ID!) { agency(id: $id) { id name sector } }',
  users:
    'query($first: Int, $filter: UserFilter) { users(first: $first, filter: $filter) { totalCount edges { node { id agency { id } } } } }',
  user: 'query($id: ID!) { user(id: $id) { id email name agency { id } } }',
  subGroups:
    'query($first: Int, $filter: SubGroupFilter) { subGroups(first: $first, filter: $filter) { totalCount edges { node { id chair { id } members { userId } } } } }',
  subGroup: 'query($id: ID!) { subGroup(id: $id) { id name chair { id } members { id userId role } } }',
  subGroupMemberships:
    'query($first: Int, $filter: MembershipFilter) { subGroupMemberships(first: $first, filter: $filter) { totalCount edges { node { id subGroupId userId role } } } }',
  auditEvents:
    'query($first: Int, $filter: AuditEventFilter) { auditEvents(first: $first, filter: $filter) { totalCount edges { node { id action entityId actorUserId } } } }',
  // mutations
  updatePartnership: 'mutation($input: UpdatePartnershipInput!) { updatePartnership(input: $input) { id name description } }',
  createAgency: 'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name sector } }',
  updateAgency: 'mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { id name sector } }',
  inviteUser: 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { id agencyId status role } } }',
  updateUser: 'mutation($input: UpdateUserInput!) { updateUser(input: $input) { id name agencyId role } }',
  deactivateUser: 'mutation($input: UserIdInput!) { deactivateUser(input: $input) { id status } }',
  reactivateUser: 'mutation($input: UserIdInput!) { reactivateUser(input: $input) { id status } }',
  resendInvitation: 'mutation($input: UserIdInput!) { resendInvitation(input: $input) { user { id } expiresAt } }',
  issuePasswordReset: 'mutation($input: UserIdInput!) { issuePasswordReset(input: $input) { user { id } expiresAt } }',
  updateBoard: 'mutation($input: UpdateBoardInput!) { updateBoard(input: $input) { id name chairUserId } }',
  createSubGroup: 'mutation($input: CreateSubGroupInput!) { createSubGroup(input: $input) { id name chair { id } } }',
  updateSubGroup: 'mutation($input: UpdateSubGroupInput!) { updateSubGroup(input: $input) { id name remit } }',
  addSubGroupMember: 'mutation($input: AddSubGroupMemberInput!) { addSubGroupMember(input: $input) { id subGroupId userId role } }',
  removeSubGroupMember: 'mutation($input: SubGroupMemberInput!) { removeSubGroupMember(input: $input) { id subGroupId userId } }',

  // ---- frameworks (issue 4) ----
  frameworks: `query($first: Int, $after: String, $includeRetired: Boolean) {
    frameworks(first: $first, after: $after, includeRetired: $includeRetired) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id name kind builtIn retiredAt items(includeRetired: true) { id code title retiredAt } } }
    } }`,
  framework: `query($id: ID!) { framework(id: $id) {
    id name kind description builtIn retiredAt
    items(includeRetired: true) { id frameworkId code title description position retiredAt }
  } }`,
  createFramework: `mutation($input: CreateFrameworkInput!) { createFramework(input: $input) { ${FRAMEWORK_FIELDS} } }`,
  updateFramework: `mutation($input: UpdateFrameworkInput!) { updateFramework(input: $input) { ${FRAMEWORK_FIELDS} } }`,
  retireFramework: `mutation($input: IdInput!) { retireFramework(input: $input) { ${FRAMEWORK_FIELDS} } }`,
  restoreFramework: `mutation($input: IdInput!) { restoreFramework(input: $input) { ${FRAMEWORK_FIELDS} } }`,
  createFrameworkItem: `mutation($input: CreateFrameworkItemInput!) { createFrameworkItem(input: $input) { ${FRAMEWORK_ITEM_FIELDS} } }`,
  updateFrameworkItem: `mutation($input: UpdateFrameworkItemInput!) { updateFrameworkItem(input: $input) { ${FRAMEWORK_ITEM_FIELDS} } }`,
  removeFrameworkItem: `mutation($input: IdInput!) { removeFrameworkItem(input: $input) { retired item { ${FRAMEWORK_ITEM_FIELDS} } } }`,
  restoreFrameworkItem: `mutation($input: IdInput!) { restoreFrameworkItem(input: $input) { ${FRAMEWORK_ITEM_FIELDS} } }`,

  // ---- work plans (issue 4) ----
  workPlans: `query($first: Int, $after: String, $filter: WorkPlanFilter) {
    workPlans(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${WORK_PLAN_FIELDS} } }
    } }`,
  workPlan: `query($id: ID!) { workPlan(id: $id) {
    ${WORK_PLAN_FIELDS} canEdit
    objectives { id position title actions { id } }
    summary { ${SUMMARY_FIELDS} }
  } }`,
  workPlanCsv: 'query($id: ID!) { workPlanCsv(id: $id) }',
  partnershipDashboard: `{ partnershipDashboard { subGroupId subGroup { id name } workPlan { id title status } summary { ${SUMMARY_FIELDS} } } }`,
  actions: `query($first: Int, $after: String, $filter: ActionFilterInput, $orderBy: ActionOrder) {
    actions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id title status rag displayRag dueDate lastUpdateAt isOverdue isStale version } }
    } }`,
  action: `query($id: ID!) { action(id: $id) {
    ${ACTION_FIELDS} canEdit canUpdate displayRag isOverdue isStale
    supportingAgencies { id } frameworkItems { id code }
    updates { ${UPDATE_FIELDS} } latestUpdate { id } earlierUpdates { ${UPDATE_FIELDS} }
  } }`,
  createWorkPlan: `mutation($input: CreateWorkPlanInput!) { createWorkPlan(input: $input) { ${WORK_PLAN_FIELDS} } }`,
  updateWorkPlan: `mutation($input: UpdateWorkPlanInput!) { updateWorkPlan(input: $input) { ${WORK_PLAN_FIELDS} } }`,
  activateWorkPlan: `mutation($input: WorkPlanIdInput!) { activateWorkPlan(input: $input) { ${WORK_PLAN_FIELDS} } }`,
  closeWorkPlan: `mutation($input: WorkPlanIdInput!) { closeWorkPlan(input: $input) { ${WORK_PLAN_FIELDS} } }`,
  rollForwardWorkPlan: `mutation($input: RollForwardInput!) { rollForwardWorkPlan(input: $input) { ${WORK_PLAN_FIELDS} } }`,
  createObjective:
    'mutation($input: CreateObjectiveInput!) { createObjective(input: $input) { id workPlanId title description position } }',
  updateObjective:
    'mutation($input: UpdateObjectiveInput!) { updateObjective(input: $input) { id workPlanId title description position } }',
  createAction: `mutation($input: CreateActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`,
  updateAction: `mutation($input: UpdateActionInput!) { updateAction(input: $input) { ${ACTION_FIELDS} } }`,
  postActionUpdate: `mutation($input: PostActionUpdateInput!) { postActionUpdate(input: $input) {
    action { id version status rag displayRag lastUpdateAt } update { ${UPDATE_FIELDS} }
  } }`,
  importActions: `mutation($input: ImportActionsInput!) { importActions(input: $input) {
    valid imported rowCount actionsCreated objectivesCreated errors { row column message }
  } }`,

  // ---- meetings (issue 5) ----
  meetings: `query($first: Int, $after: String, $filter: MeetingFilter) {
    meetings(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${MEETING_FIELDS} } }
    } }`,
  meeting: `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`,
  createMeeting: `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  updateMeeting: `mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { ${MEETING_FIELDS} } }`,
  setMeetingStatus: `mutation($input: SetMeetingStatusInput!) { setMeetingStatus(input: $input) { ${MEETING_FIELDS} } }`,

  // ---- evidence, highlight reports and search (issue 5) ----
  evidenceList: `query($first: Int, $after: String, $filter: EvidenceFilterInput) {
    evidenceList(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title status kind visibility version updatedAt } }
    } }`,
  evidence: `query($id: ID!) { evidence(id: $id) {
    ${EVIDENCE_FIELDS} canEdit canSubmit canReview canComment
    subGroup { id } agency { id } createdBy { id } submittedBy { id } reviewedBy { id }
    actions { id } frameworkItems { id } attachments { id name contentType size sha256 downloadUrl } comments { ${COMMENT_FIELDS} }
  } }`,
  highlightReports: `query($first: Int, $after: String, $filter: ReportFilterInput) {
    highlightReports(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status late version meeting { id } subGroup { id } } }
    } }`,
  highlightReport: `query($id: ID!) { highlightReport(id: $id) {
    ${REPORT_FIELDS} canEdit canSubmit canReview canComment
    meeting { id } subGroup { id } createdBy { id } submittedBy { id } reviewedBy { id }
    evidence { id } comments { ${COMMENT_FIELDS} } snapshot { ${SNAPSHOT_FIELDS} }
  } }`,
  search: `query($query: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
    search(query: $query, kinds: $kinds, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind recordKind recordId title snippet { text highlight } updatedAt } }
    } }`,
  createEvidence: `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
  updateEvidence: `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
  submitEvidence: `mutation($input: EvidenceIdInput!) { submitEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
  acceptEvidence: `mutation($input: EvidenceIdInput!) { acceptEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
  returnEvidence: `mutation($input: ReturnEvidenceInput!) { returnEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
  addEvidenceComment: `mutation($input: AddEvidenceCommentInput!) { addEvidenceComment(input: $input) { ${COMMENT_FIELDS} } }`,
  createHighlightReport: `mutation($input: CreateHighlightReportInput!) { createHighlightReport(input: $input) { ${REPORT_FIELDS} } }`,
  updateHighlightReport: `mutation($input: UpdateHighlightReportInput!) { updateHighlightReport(input: $input) { ${REPORT_FIELDS} } }`,
  submitHighlightReport: `mutation($input: HighlightReportIdInput!) { submitHighlightReport(input: $input) { ${REPORT_FIELDS} } }`,
  acceptHighlightReport: `mutation($input: HighlightReportIdInput!) { acceptHighlightReport(input: $input) { ${REPORT_FIELDS} } }`,
  returnHighlightReport: `mutation($input: ReturnHighlightReportInput!) { returnHighlightReport(input: $input) { ${REPORT_FIELDS} } }`,
  addHighlightReportComment: `mutation($input: AddHighlightReportCommentInput!) { addHighlightReportComment(input: $input) { ${COMMENT_FIELDS} } }`,
  // ---- commitments and the local offer (issue 6) ----
  commitments: `query($first: Int, $after: String, $filter: CommitmentFilterInput, $orderBy: CommitmentOrder) {
    commitments(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${COMMITMENT_FIELDS} agency { id } progress { percent targetMet } canEdit } }
    } }`,
  commitment: `query($id: ID!) { commitment(id: $id) { ${COMMITMENT_FIELDS} agency { id } subGroup { id } createdBy { id }
    frameworkItems { id } progress { percent targetMet } canEdit isReviewOverdue
    updates { id updateDate value narrative status rag author { id } } } }`,
  commitmentSummary: `query { commitmentSummary { agency { id } total notStarted inProgress complete cancelled red amber green reviewOverdue inLocalOffer } }`,
  localOfferPreview: `query { localOfferPreview { nextNumber areas { area items { commitmentId title wording } } changes { kind commitmentId fields } } }`,
  localOfferVersions: `query { localOfferVersions { ${OFFER_VERSION_FIELDS} } }`,
  publicLocalOffer: `query($partnershipSlug: String!, $number: Int) { publicLocalOffer(partnershipSlug: $partnershipSlug, number: $number) {
    partnershipName localAuthority versions version { ${OFFER_VERSION_FIELDS} } } }`,
  publishedBoardPacks: `query($partnershipSlug: String!) { publishedBoardPacks(partnershipSlug: $partnershipSlug) {
    partnershipName localAuthority packs { meetingId meetingTitle meetingStartsAt version publishedAt supplement changeNote pages downloadPath } } }`,
  createCommitment: `mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { ${COMMITMENT_FIELDS} } }`,
  updateCommitment: `mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { ${COMMITMENT_FIELDS} } }`,
  postCommitmentUpdate: `mutation($input: PostCommitmentUpdateInput!) { postCommitmentUpdate(input: $input) {
    commitment { ${COMMITMENT_FIELDS} } update { id updateDate value narrative status rag } } }`,
  publishLocalOffer: `mutation($input: PublishLocalOfferInput!) { publishLocalOffer(input: $input) { ${OFFER_VERSION_FIELDS} } }`,
  // ---- the performance scorecard (issue 7) ----
  indicators: `query($includeRetired: Boolean) { indicators(includeRetired: $includeRetired) { ${INDICATOR_FIELDS} } }`,
  indicator: `query($id: ID!) { indicator(id: $id) { ${INDICATOR_FIELDS} subGroup { id } frameworkItems { id } canRecord
    series { ${PERIOD_FIELDS} } } }`,
  scorecard: `query($subGroupId: ID) { scorecard(subGroupId: $subGroupId) { indicator { id code } latest { ${PERIOD_FIELDS} } rag trend trendText
    comparators { area figure { value marker } comparison } series { ${PERIOD_FIELDS} } } }`,
  createIndicator: `mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { ${INDICATOR_FIELDS} } }`,
  updateIndicator: `mutation($input: UpdateIndicatorInput!) { updateIndicator(input: $input) { ${INDICATOR_FIELDS} } }`,
  recordIndicatorValue: `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { ${INDICATOR_FIELDS}
    series { ${PERIOD_FIELDS} } } }`,
  importIndicatorValues: `mutation($input: ImportIndicatorValuesInput!) { importIndicatorValues(input: $input) {
    valid imported rowCount created updated unchanged missing errors { row column message } } }`,
  // ---- the voice of children in care (issue 7) ----
  voiceItems: `query($first: Int, $after: String, $filter: VoiceFilterInput) { voiceItems(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${VOICE_FIELDS} } } } }`,
  voiceItem: `query($id: ID!) { voiceItem(id: $id) { ${VOICE_FIELDS} } }`,
  youSaidWeDid: `query($from: String!, $to: String!) { youSaidWeDid(from: $from, to: $to) {
    id raisedOn raisingGroup youSaid weDid respondedOn themes status } }`,
  youSaidWeDidCsv: `query($from: String!, $to: String!) { youSaidWeDidCsv(from: $from, to: $to) }`,
  createVoiceItem: `mutation($input: CreateVoiceItemInput!) { createVoiceItem(input: $input) { ${VOICE_FIELDS} } }`,
  updateVoiceItem: `mutation($input: UpdateVoiceItemInput!) { updateVoiceItem(input: $input) { ${VOICE_FIELDS} } }`,
  respondToVoiceItem: `mutation($input: RespondToVoiceItemInput!) { respondToVoiceItem(input: $input) { ${VOICE_FIELDS} } }`,
  closeVoiceItem: `mutation($input: VoiceItemVersionInput!) { closeVoiceItem(input: $input) { ${VOICE_FIELDS} } }`,
  reopenVoiceItem: `mutation($input: VoiceItemVersionInput!) { reopenVoiceItem(input: $input) { ${VOICE_FIELDS} } }`,
  // ---- the principles: coverage and self-assessment (issue 7) ----
  coverage: `query($period: String, $frameworkId: ID) { coverage(period: $period, frameworkId: $frameworkId) { period from to framework { id }
    rows { code red amber green activeActions commitments evidence indicators flags gapSummary frameworkItem { id } selfAssessment { id } } } }`,
  selfAssessments: `query($period: String!, $frameworkId: ID) { selfAssessments(period: $period, frameworkId: $frameworkId) { ${SELF_ASSESSMENT_FIELDS} } }`,
  selfAssessment: `query($id: ID!) { selfAssessment(id: $id) { ${SELF_ASSESSMENT_FIELDS} } }`,
  saveSelfAssessment: `mutation($input: SaveSelfAssessmentInput!) { saveSelfAssessment(input: $input) { ${SELF_ASSESSMENT_FIELDS} } }`,
  // ---- notifications (issue 8) ----
  notifications: `query($first: Int, $after: String, $unreadOnly: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount edges { node { id kind title body link readAt } } } }`,
  unreadNotificationCount: `query { unreadNotificationCount }`,
  notificationPreferences: `query { notificationPreferences { kind mode canChange } }`,
  markNotificationsRead: `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) }`,
  setNotificationPreference: `mutation($input: SetNotificationPreferenceInput!) { setNotificationPreference(input: $input) { kind mode } }`,
  reminderRules: `query { reminderRules { kind label enabled daysBefore repeatEveryDays chairAfterDays secretariatAfterDays settings isDefault } }`,
  setReminderRule: `mutation($input: SetReminderRuleInput!) { setReminderRule(input: $input) {
    kind enabled daysBefore repeatEveryDays chairAfterDays secretariatAfterDays isDefault } }`,
  emailPreview: `query($kind: NotificationKind!, $digest: DeliveryMode) { emailPreview(kind: $kind, digest: $digest) { subject text html } }`,
  failedJobs: `query { failedJobs { id name description failedReason attemptsMade failedAt } }`,
  retryFailedJob: `mutation($input: RetryFailedJobInput!) { retryFailedJob(input: $input) { id attemptsMade } }`,
  calendarFeed: `query { calendarFeed { createdAt lastUsedAt url } }`,
  createCalendarFeed: `mutation { createCalendarFeed { createdAt lastUsedAt url } }`,
  revokeCalendarFeed: `mutation { revokeCalendarFeed }`,
  // ---- meetings end to end (issue 9) ----
  agenda: `query($id: ID!) { meeting(id: $id) { id agenda { ${AGENDA_FIELDS} } } }`,
  addAgendaItem: `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { ${AGENDA_FIELDS} } }`,
  updateAgendaItem: `mutation($input: UpdateAgendaItemInput!) { updateAgendaItem(input: $input) { ${AGENDA_FIELDS} } }`,
  moveAgendaItem: `mutation($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { ${AGENDA_FIELDS} } }`,
  removeAgendaItem: `mutation($input: RemoveAgendaItemInput!) { removeAgendaItem(input: $input) { ${AGENDA_FIELDS} } }`,
  packReadiness: `query($meetingId: ID!) { packReadiness(meetingId: $meetingId) {
    agendaItemId number title kind subGroupId reportId authorUserId authorName status submittedAt } }`,
  attachAgendaPaper: `mutation($input: AttachAgendaPaperInput!) { attachAgendaPaper(input: $input) { ${AGENDA_FIELDS} fileId paperSubmittedAt } }`,
  remindPackContributors: `mutation($input: RemindPackContributorsInput!) { remindPackContributors(input: $input) }`,
  boardPacks: `query($meetingId: ID!) { boardPacks(meetingId: $meetingId) { ${PACK_FIELDS} } }`,
  boardPack: `query($id: ID!) { boardPack(id: $id) { ${PACK_FIELDS} } }`,
  compileBoardPack: `mutation($input: CompilePackInput!) { compileBoardPack(input: $input) { ${PACK_FIELDS} } }`,
  cancelBoardPack: `mutation($input: PackIdInput!) { cancelBoardPack(input: $input) { ${PACK_FIELDS} } }`,
  packFindings: `query($packId: ID!) { packFindings(packId: $packId) { id kind page match context clearedAt clearNote } }`,
  clearPackFinding: `mutation($input: ClearPackFindingInput!) { clearPackFinding(input: $input) { id clearedAt clearNote } }`,
  publishBoardPack: `mutation($input: PublishPackInput!) { publishBoardPack(input: $input) { ${PACK_FIELDS} } }`,
  personalDataNames: `query { personalDataNames }`,
  exemptInformationParagraphs: `query { exemptInformationParagraphs { paragraph description } }`,
  setPersonalDataNames: `mutation($input: SetPersonalDataNamesInput!) { setPersonalDataNames(input: $input) }`,
  annualUpdate: `query($period: String!) { annualUpdate(period: $period) { id period title sections { heading body } version } }`,
  generateAnnualUpdate: `mutation($input: GenerateAnnualUpdateInput!) { generateAnnualUpdate(input: $input) { id period title sections { heading body } version } }`,
  updateAnnualUpdate: `mutation($input: UpdateAnnualUpdateInput!) { updateAnnualUpdate(input: $input) { id period title sections { heading body } version } }`,
  attendance: `query($id: ID!) { meeting(id: $id) { id attendance { userId name agencyId agencyName status } } }`,
  setAttendance: `mutation($input: SetAttendanceInput!) { setAttendance(input: $input) { userId name agencyName status } }`,
  recordMinutes: `mutation($input: RecordMinutesInput!) { recordMinutes(input: $input) { ${AGENDA_FIELDS} } }`,
  boardActions: `query($status: BoardActionStatus) { boardActions(status: $status) { ${BOARD_ACTION_FIELDS} } }`,
  actionLog: `query($meetingId: ID!) { actionLog(meetingId: $meetingId) { ${BOARD_ACTION_FIELDS} } }`,
  createBoardAction: `mutation($input: CreateBoardActionInput!) { createBoardAction(input: $input) { ${BOARD_ACTION_FIELDS} } }`,
  updateBoardAction: `mutation($input: UpdateBoardActionInput!) { updateBoardAction(input: $input) { ${BOARD_ACTION_FIELDS} } }`,
} as const;

export type OpName = keyof typeof OPS;

/** What POST /files answered: the file's details on success (201), or the refusal. */
export interface UploadResult {
  status: number;
  body: { id?: string; name?: string; contentType?: string; size?: number; sha256?: string; code?: string; message?: string };
}

/** Uploads one file as the web app does: multipart field `file`, with the user's bearer token. */
export async function uploadFile(baseUrl: string, token: string, bytes: Buffer | string, name: string): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? Buffer.from(bytes) : bytes], { type: 'application/octet-stream' }), name);
  const res = await fetch(`${baseUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as UploadResult['body'] };
}

/** Uploads a file that must be accepted, and answers its id. */
export async function uploadOk(baseUrl: string, token: string, bytes: Buffer | string, name: string): Promise<string> {
  const r = await uploadFile(baseUrl, token, bytes, name);
  if (r.status !== 201 || !r.body.id) throw new Error(`Upload of ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** GET /files/:id with a bearer token (or none): the status, and the body as bytes. */
export async function downloadFile(baseUrl: string, fileId: string, token?: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${baseUrl}/files/${fileId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** The sign-in and session mutations anyone may call about themselves; they name no one else's record. */
export const SESSION_MUTATIONS = [
  'signIn',
  'refreshSession',
  'signOut',
  'acceptInvitation',
  'requestPasswordReset',
  'resetPassword',
  'changePassword',
] as const;
