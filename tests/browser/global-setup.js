// Before any browser test: PostgreSQL and Redis (the shared jest setup), then one build of
// the web app for the whole run: `npm run web:build`'s own steps (codegen, then vite with
// apps/web/vite.config.ts), written to tmp/browser-web instead of dist/web so that an
// `npm run web:build` or `npm start` elsewhere in the checkout cannot empty it mid-run.
// BROWSER_SKIP_WEB_BUILD=1 reuses the last build; BROWSER_WEB_DIR builds elsewhere, so that two
// runs in one checkout do not empty each other's build.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const servicesSetup = require('../../libs/testing/src/jest-global-setup');

const ROOT = path.join(__dirname, '../..');
/** Where the harness serves the web app from (WEB_DIST_DIR); keep in step with harness.ts. */
const WEB_DIST = process.env.BROWSER_WEB_DIR ? path.resolve(ROOT, process.env.BROWSER_WEB_DIR) : path.join(ROOT, 'tmp/browser-web');

function run(args) {
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (r.status !== 0) {
    const output = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => !/^npm warn/.test(l));
    throw new Error(`npx ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${output.slice(-80).join('\n')}`);
  }
}

module.exports = async function globalSetup() {
  await servicesSetup();
  // A fresh record of the pages axe checks in this run.
  const artifacts = path.join(ROOT, 'test-artifacts/browser');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(path.join(artifacts, 'axe-pages.txt'), '');
  for (const f of fs.readdirSync(artifacts)) if (/^FAILED-.*\.png$/.test(f)) fs.rmSync(path.join(artifacts, f));
  if (process.env.BROWSER_SKIP_WEB_BUILD !== '1') {
    run(['graphql-codegen', '--config', 'apps/web/codegen.ts']);
    run(['vite', 'build', '--config', 'apps/web/vite.config.ts', '--outDir', WEB_DIST, '--emptyOutDir', '--logLevel', 'warn']);
  }
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`${path.relative(ROOT, WEB_DIST)}/index.html is missing: the web app did not build.`);
  }
};
