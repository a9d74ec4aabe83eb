/**
 * Shared by evidence.spec.ts and evidence-visibility.spec.ts: the GraphQL documents they
 * send, uploads and downloads over HTTP as the web app does them, and the checks that a
 * refused call changed nothing while an allowed one left exactly one audit event.
 */
import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { type GqlClient, type GqlResult, type TestStack, tenantSnapshot } from '@pbw/testing';

/** Every stored field of evidence that the api shows. */
export const EV_FIELDS =
  'id title narrative kind status visibility restrictedUserIds returnComment submittedAt reviewedAt version createdAt updatedAt';

export const Q = {
  evidence: `query($id: ID!) { evidence(id: $id) {
    ${EV_FIELDS} canEdit canSubmit canReview canComment
    subGroup { id } agency { id } createdBy { id } submittedBy { id } reviewedBy { id } restrictedUsers { id }
    actions { id } frameworkItems { id }
    attachments { id name contentType size sha256 downloadUrl }
    comments { id body createdAt author { id } }
  } }`,
  evidenceList: `query($first: Int, $after: String, $filter: EvidenceFilterInput) {
    evidenceList(first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id updatedAt } }
    } }`,
  actionEvidence: 'query($id: ID!) { action(id: $id) { id evidence { id updatedAt } } }',
} as const;

export const M = {
  createEvidence: `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { ${EV_FIELDS} } }`,
  updateEvidence: `mutation($input: UpdateEvidenceInput!) { updateEvidence(input: $input) { ${EV_FIELDS} } }`,
  submitEvidence: `mutation($input: EvidenceIdInput!) { submitEvidence(input: $input) { ${EV_FIELDS} } }`,
  acceptEvidence: `mutation($input: EvidenceIdInput!) { acceptEvidence(input: $input) { ${EV_FIELDS} } }`,
  returnEvidence: `mutation($input: ReturnEvidenceInput!) { returnEvidence(input: $input) { ${EV_FIELDS} } }`,
  addEvidenceComment: `mutation($input: AddEvidenceCommentInput!) { addEvidenceComment(input: $input) { id body createdAt author { id } } }`,
} as const;
export type MutationName = keyof typeof M;

/** Audit actions of each mutation. */
export const AUDIT_ACTION: Record<MutationName, string> = {
  createEvidence: 'evidence.create',
  updateEvidence: 'evidence.update',
  submitEvidence: 'evidence.submit',
  acceptEvidence: 'evidence.accept',
  returnEvidence: 'evidence.return',
  addEvidenceComment: 'evidence.comment',
};

export interface Evidence {
  id: string;
  title: string;
  narrative: string;
  kind: string;
  status: string;
  visibility: string;
  restrictedUserIds: string[];
  returnComment: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EvidenceDetail extends Evidence {
  canEdit: boolean;
  canSubmit: boolean;
  canReview: boolean;
  canComment: boolean;
  subGroup: { id: string };
  agency: { id: string };
  createdBy: { id: string };
  submittedBy: { id: string } | null;
  reviewedBy: { id: string } | null;
  restrictedUsers: Array<{ id: string }>;
  actions: Array<{ id: string }>;
  frameworkItems: Array<{ id: string }>;
  attachments: Array<{ id: string; name: string; contentType: string; size: number; sha256: string; downloadUrl: string }>;
  comments: Array<{ id: string; body: string; createdAt: string; author: { id: string } }>;
}

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let pdfCounter = 0;
/** A small PDF whose bytes (and so sha256) differ from every other one made here. */
export function pdf(label: string): Buffer {
  pdfCounter += 1;
  return Buffer.from(`%PDF-1.7\n% ${label} #${pdfCounter}\n${'x'.repeat(200)}\n%%EOF\n`);
}

export interface Uploaded {
  id: string;
  name: string;
  bytes: Buffer;
}

/** POST /files as the web app does it (multipart field `file`, bearer token); must be accepted. */
export async function upload(stack: TestStack, token: string, name: string, bytes: Buffer = pdf(name)): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), name);
  const res = await fetch(`${stack.url}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as { id?: string; sha256?: string };
  if (res.status !== 201 || !body.id) throw new Error(`Upload of ${name} failed: ${res.status} ${JSON.stringify(body)}`);
  expect(body.sha256).toBe(sha256(bytes));
  return { id: body.id, name, bytes };
}

export interface Download {
  status: number;
  contentType: string | null;
  disposition: string | null;
  body: Buffer;
}

/** GET /files/:id, or any path under the api (a downloadUrl), with a bearer token or none. */
export async function download(stack: TestStack, pathOrId: string, bearer?: string): Promise<Download> {
  const path = pathOrId.startsWith('/') ? pathOrId : `/files/${pathOrId}`;
  const res = await fetch(`${stack.url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** What every refused download answers, to the byte. */
export const MISSING_BODY = '{"code":"NOT_FOUND","message":"File not found."}';

export function expectMissing(d: Download): void {
  expect({ status: d.status, body: d.body.toString('utf8'), disposition: d.disposition }).toEqual({
    status: 404,
    body: MISSING_BODY,
    disposition: null,
  });
}

/** RFC 6266 header the download sends: an ASCII stand-in, and the exact name in filename* (RFC 8187 percent-encoding). */
export function dispositionOf(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

export function expectFileBytes(d: Download, f: Uploaded): void {
  expect({ status: d.status, sha: sha256(d.body), disposition: d.disposition, type: d.contentType }).toEqual({
    status: 200,
    sha: sha256(f.bytes),
    disposition: dispositionOf(f.name),
    type: 'application/pdf',
  });
}

/** The result held exactly one error, on `op`, with this code (and message, when given). */
export function expectOnlyError(r: GqlResult<unknown>, op: string, code: string, message?: string): void {
  expect(r.data).toBeNull();
  expect(r.errors).toHaveLength(1);
  expect(r.errors![0].path).toEqual([op]);
  expect(r.errors![0].extensions?.code).toBe(code);
  if (message !== undefined) expect(r.errors![0].message).toBe(message);
}

export function expectFields(r: GqlResult<unknown>, op: string, fields: Array<{ path: string; message: unknown }>): void {
  expectOnlyError(r, op, 'BAD_USER_INPUT');
  expect(r.errors![0].extensions?.fields).toEqual(fields);
}

export interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  actor_user_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Ids of the partnership's audit events so far. */
export async function auditIds(pg: Client, partnershipId: string): Promise<string[]> {
  return (await pg.query<{ id: string }>('SELECT id FROM audit_events WHERE partnership_id = $1', [partnershipId])).rows.map((r) => r.id);
}

/** Audit events written since `known` was taken, oldest first. */
export async function auditSince(pg: Client, partnershipId: string, known: string[]): Promise<AuditRow[]> {
  const r = await pg.query<AuditRow>(
    `SELECT action, entity_type, entity_id, actor_user_id, before, after FROM audit_events
      WHERE partnership_id = $1 AND NOT (id = ANY($2::uuid[])) ORDER BY occurred_at, id`,
    [partnershipId, known],
  );
  return r.rows;
}

/**
 * Runs a mutation that must succeed, and checks it wrote exactly one audit event: the
 * mutation's action, by `actorId`, about the record it answered with (or `entityId`).
 */
export async function allowed<T extends Record<string, unknown>>(
  pg: Client,
  partnershipId: string,
  client: GqlClient,
  op: MutationName,
  input: Record<string, unknown>,
  actorId: string,
  entityId?: string,
): Promise<T> {
  const known = await auditIds(pg, partnershipId);
  const r = await client.request<Record<string, T>>(M[op], { input });
  expect({ op, errors: r.errors }).toEqual({ op, errors: undefined });
  const result = r.data![op];
  const rows = await auditSince(pg, partnershipId, known);
  expect(rows.map((a) => ({ action: a.action, entity: a.entity_id, actor: a.actor_user_id }))).toEqual([
    { action: AUDIT_ACTION[op], entity: entityId ?? result.id, actor: actorId },
  ]);
  return result;
}

/**
 * Runs a mutation that must be refused, checks the refusal with `check`, and that the
 * partnership's data (audit events included) is exactly as it was.
 */
export async function refused(
  pg: Client,
  partnershipId: string,
  client: GqlClient,
  op: MutationName,
  input: Record<string, unknown>,
  check: (r: GqlResult<unknown>) => void,
): Promise<GqlResult<unknown>> {
  const before = await tenantSnapshot(pg, partnershipId);
  const known = await auditIds(pg, partnershipId);
  const r = await client.request(M[op], { input });
  check(r);
  expect(await auditSince(pg, partnershipId, known)).toEqual([]);
  expect(await tenantSnapshot(pg, partnershipId)).toEqual(before);
  return r;
}
