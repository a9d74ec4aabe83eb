import type { Request, Response } from 'express';
import type { Actor } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { Loaders } from './loaders';

/** What every GraphQL resolver can reach for one request. */
export interface GqlContext {
  req: Request;
  res: Response;
  requestId: string;
  actor?: Actor;
  scope?: Scope;
  loaders: Loaders;
}

export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
