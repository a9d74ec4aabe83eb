// Installs npm dependencies when they are missing or out of date with package.json and
// the lockfile. Uses `npm install` (which keeps the locked versions): on machines whose
// registry mirror only lists this platform's optional builds, `npm ci` refuses the lock.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function installIfNeeded(root, log = (m) => process.stderr.write(`${m}\n`)) {
  const files = ['package.json', 'package-lock.json'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  const digest = createHash('sha256');
  for (const f of files) digest.update(fs.readFileSync(f));
  const want = digest.digest('hex');
  const stamp = path.join(root, 'node_modules', '.pbw-install-stamp');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) return false;
  log('Installing npm dependencies (npm install)...');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm install failed (exit ${r.status ?? r.signal}).`);
  // Hash again: npm install may have tidied the lockfile.
  const after = createHash('sha256');
  for (const f of files) after.update(fs.readFileSync(f));
  fs.writeFileSync(stamp, after.digest('hex'));
  return true;
}
