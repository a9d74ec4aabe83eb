import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = __dirname;
const repo = join(root, '../..');

/** GOV.UK Frontend's images (not its fonts: see styles.css), copied so its stylesheet's /assets/ urls resolve. */
function govukAssets(): Plugin {
  return {
    name: 'pbw-govuk-assets',
    buildStart() {
      const from = join(repo, 'node_modules/govuk-frontend/dist/govuk/assets');
      const to = join(root, 'public/assets');
      if (!existsSync(join(to, 'manifest.json'))) {
        cpSync(from, to, { recursive: true, filter: (src) => !src.includes('/fonts') });
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), govukAssets()],
  // GOV.UK Frontend still ships an old-IE `@media screen\0` hack; drop it rather than fail the build.
  css: { lightningcss: { errorRecovery: true } },
  build: {
    outDir: join(repo, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/graphql': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/healthz': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/readyz': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/files': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/public': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/calendar': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/packs': process.env.API_URL ?? 'http://127.0.0.1:3000',
      '/annual-updates': process.env.API_URL ?? 'http://127.0.0.1:3000',
      // Only an agenda item's paper beneath /meetings is the api's; the rest are the app's pages. A page
      // load with no token (a pack's link followed) is the app's page for the paper, as the api's server does.
      '^/meetings/[^/]+/papers/': {
        target: process.env.API_URL ?? 'http://127.0.0.1:3000',
        bypass: (req) =>
          !req.headers.authorization && !/[?&]token=/.test(req.url ?? '') && /text\/html/.test(req.headers.accept ?? '')
            ? '/index.html'
            : undefined,
      },
    },
  },
});
