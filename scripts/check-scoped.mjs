#!/usr/bin/env node
// Fails when domain code reaches the database around the scoped layer. Tenant data may
// only be read and written through ScopedRepository (libs/db/src/scoped), which always
// applies the partnership scope; the few deliberate cross-partnership lookups extend
// CrossPartnershipRepository and so are easy to find in review.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(fileURLToPath(import.meta.url), '..', '..');

const FORBIDDEN = [
  [/\bInjectRepository\b/, 'a raw injected TypeORM repository'],
  [/\bInjectEntityManager\b/, 'a raw injected EntityManager'],
  [/\.getRepository\s*\(/, 'a raw TypeORM repository (getRepository)'],
  [/\bcreateQueryBuilder\s*\(/, 'a raw TypeORM query builder'],
  [/\.manager\.(query|find|findOne|findBy|findOneBy|save|insert|update|delete|remove|count|exists)\b/, 'a raw EntityManager call'],
  [/\bdataSource\.query\s*\(|\bds\.query\s*\(/, 'raw SQL through the DataSource'],
  [/\bnew Repository\s*</, 'a raw TypeORM repository'],
];

/** Where raw TypeORM is allowed: the scoped layer itself (with migrations), the readiness check, and test code. */
const ALLOWED = [
  /^libs\/db\/src\//,
  /^libs\/testing\/src\//,
  /^tests\//,
  /^scripts\//,
  /\.spec\.ts$/,
  /^apps\/api\/src\/health\.controller\.ts$/,
];

/** The deliberate cross-partnership repositories: raw TypeORM allowed, and visible in review. */
const CROSS_PARTNERSHIP = /extends CrossPartnershipRepository\b/;

/** Files named *.repository.ts may use raw TypeORM only if they build on the scoped layer. */
const REPOSITORY = /\.repository\.ts$/;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts') || p.endsWith('.tsx')) yield p;
  }
}

const problems = [];
for (const top of ['apps', 'libs']) {
  for (const file of walk(join(root, top))) {
    const rel = relative(root, file).split('\\').join('/');
    const text = readFileSync(file, 'utf8');
    if (
      REPOSITORY.test(rel) &&
      !rel.startsWith('libs/db/') &&
      !/extends (ScopedRepository|ScopedQueries|CrossPartnershipRepository)\b/.test(text)
    ) {
      problems.push(
        `${rel}: a *.repository.ts must extend ScopedRepository or ScopedQueries (or, deliberately, CrossPartnershipRepository)`,
      );
    }
    if (ALLOWED.some((re) => re.test(rel)) || CROSS_PARTNERSHIP.test(text)) continue;
    text.split('\n').forEach((line, i) => {
      for (const [re, what] of FORBIDDEN) {
        if (re.test(line)) problems.push(`${rel}:${i + 1}: ${what} outside the scoped layer — go through a repository`);
      }
    });
  }
}

if (problems.length) {
  process.stderr.write(`Scoped data access check failed:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('Scoped data access check passed.\n');
