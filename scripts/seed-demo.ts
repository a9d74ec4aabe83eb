// npm run db:seed — loads the fictional Riverside demo partnership. Safe to run any number
// of times: it only adds what is missing. Applies pending migrations first. Uses
// DATABASE_URL, or the checkout's private services when it is not set. The evidence's
// attachments go to FILE_STORAGE_DIR (default .data/files), where the api reads them.
//   --quiet  do not print the sign-ins table
//   --json   print only one JSON line: { partnershipId, signIns, password, created, applied }
import 'reflect-metadata';
import { createDataSource } from '@pbw/db';
import { ENTITIES, loadDemoPartnership, type DemoPartnershipResult } from '@pbw/platform';
import { redact, resolveDatabaseUrl, runMigrations } from './migrate';

export function formatSignIns(result: Pick<DemoPartnershipResult, 'signIns' | 'password'>): string {
  const rows = result.signIns.map((s) => [s.email, s.name, s.role, s.note]);
  const head = ['email', 'name', 'role', 'who'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `  Password for every demo account: ${result.password}`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const url = await resolveDatabaseUrl();
  const applied = await runMigrations(url);
  if (applied.length && !json) process.stdout.write(`Applied migrations: ${applied.join(', ')}\n`);
  const ds = createDataSource({ url, entities: ENTITIES, applicationName: 'pbw-seed', poolSize: 2 });
  await ds.initialize();
  try {
    const result = await loadDemoPartnership(ds);
    // For scripts/start.mjs, which prints the sign-ins itself once the api is ready.
    if (json) {
      process.stdout.write(`${JSON.stringify({ ...result, applied })}\n`);
      return;
    }
    const c = result.created;
    const added = [
      c.partnership && 'the partnership',
      c.agencies && `${c.agencies} agencies`,
      c.users && `${c.users} people`,
      c.board && 'the board',
      c.subGroups && `${c.subGroups} sub-groups`,
      c.memberships && `${c.memberships} sub-group memberships`,
      result.createdWorkPlans.workPlans && `${result.createdWorkPlans.workPlans} work plans`,
      result.createdEvidence.meetings && `${result.createdEvidence.meetings} board meetings`,
      result.createdEvidence.evidence && `${result.createdEvidence.evidence} pieces of evidence`,
      result.createdEvidence.reports && `${result.createdEvidence.reports} highlight reports`,
      result.createdCommitments.commitments && `${result.createdCommitments.commitments} commitments`,
      result.createdCommitments.offerVersions && 'version 1 of the local offer',
      result.createdIndicators.indicators && `${result.createdIndicators.indicators} scorecard indicators`,
      result.createdVoice.voiceItems && `${result.createdVoice.voiceItems} voice items`,
      result.createdVoice.selfAssessments && `${result.createdVoice.selfAssessments} principle self-assessments`,
      result.createdAgenda.agendaItems && `an agenda of ${result.createdAgenda.agendaItems} items for the next meeting`,
      result.createdAgenda.boardActions && `${result.createdAgenda.boardActions} board actions`,
    ].filter(Boolean);
    process.stdout.write(
      `Demo partnership "riverside" in ${redact(url)}: ${added.length ? `added ${added.join(', ')}` : 'already loaded, nothing changed'}.\n`,
    );
    if (process.argv.includes('--quiet')) return;
    process.stdout.write(`\nDemo sign-ins (every demo person can sign in; these are a few points of view):\n${formatSignIns(result)}`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`db:seed failed: ${String((e as Error)?.stack ?? e)}\n`);
    process.exit(1);
  });
}
