import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

// An agenda item's paper comes down from beneath a meeting's page address; only that route is the api's.
const API_PATHS = /^\/((graphql|healthz|readyz|files|public|calendar|packs|annual-updates)(\/|$)|meetings\/[^/]+\/papers\/)/;

/**
 * A person following a paper's link from a compiled pack: a page load with no bearer header and
 * no download token, which the api could only refuse. They get the app's page for the paper,
 * which signs them in and offers the download with a token.
 */
function isPaperPageLoad(req: Pick<Request, 'path' | 'headers' | 'query' | 'accepts'>): boolean {
  return (
    /^\/meetings\/[^/]+\/papers\/[^/]+\/?$/.test(req.path) &&
    !req.headers.authorization &&
    req.query.token === undefined &&
    req.accepts(['json', 'html']) === 'html'
  );
}

/**
 * Serves the built web app (apps/web → dist/web) from the api's own address: hashed
 * assets cached for a year, and index.html for any other page so the browser router can
 * show it. Without a build, the api runs alone.
 */
export function serveWebApp(app: INestApplication, dir: string): boolean {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  app.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  app.use(express.static(root, { index: false, maxAge: 0 }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || (API_PATHS.test(req.path) && !isPaperPageLoad(req))) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
