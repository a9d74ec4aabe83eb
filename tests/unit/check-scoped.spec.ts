import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/check-scoped.mjs');

function check(files: Record<string, string>): { ok: boolean; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'pbw-scoped-'));
  try {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    mkdirSync(join(root, 'apps'), { recursive: true });
    mkdirSync(join(root, 'libs'), { recursive: true });
    try {
      return { ok: true, output: execFileSync('node', [SCRIPT, root], { encoding: 'utf8', stdio: 'pipe' }) };
    } catch (e) {
      return { ok: false, output: String((e as { stderr?: string }).stderr) };
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('scoped data access check', () => {
  it('passes on this repository', () => {
    expect(execFileSync('node', [SCRIPT], { encoding: 'utf8' })).toContain('passed');
  });

  it('fails on a raw query builder in a service', () => {
    const r = check({ 'libs/x/src/x.service.ts': "const q = ds.manager.createQueryBuilder(Foo, 'f');\n" });
    expect(r.ok).toBe(false);
    expect(r.output).toContain('libs/x/src/x.service.ts:1');
  });

  it('fails on an injected raw repository in a resolver', () => {
    expect(check({ 'libs/x/src/x.resolver.ts': 'constructor(@InjectRepository(Foo) repo) {}\n' }).ok).toBe(false);
  });

  it('fails on a scoped repository that goes around its scope', () => {
    const r = check({
      'libs/x/src/x.repository.ts': 'class X extends ScopedRepository<Foo> { all(s) { return s.manager.getRepository(Foo).find(); } }\n',
    });
    expect(r.ok).toBe(false);
  });

  it('fails on a repository that builds on neither base', () => {
    expect(check({ 'libs/x/src/x.repository.ts': 'export class X {}\n' }).ok).toBe(false);
  });

  it('allows the deliberate cross-partnership repositories', () => {
    const r = check({
      'libs/x/src/x.repository.ts':
        'class X extends CrossPartnershipRepository<Foo> { a() { return this.ds.manager.getRepository(Foo); } }\n',
    });
    expect(r.ok).toBe(true);
  });
});
