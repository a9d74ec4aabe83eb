import type { NextFunction, Request, Response } from 'express';
import { type Logger, RequestContext } from '@pbw/core';

const SAFE_ID = /^[A-Za-z0-9._-]{8,100}$/;

declare module 'express-serve-static-core' {
  interface Request {
    requestId?: string;
  }
}

/**
 * Gives every request an id (the caller's X-Request-Id when it looks safe), echoes it back,
 * and logs one line when the response finishes. Everything logged while the request runs
 * carries the same id.
 */
export function requestIdMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && SAFE_ID.test(given) ? given : RequestContext.newId();
    req.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    RequestContext.run({ requestId }, () => {
      res.on('finish', () => {
        const path = req.originalUrl.split('?')[0];
        if (path === '/healthz' || path === '/readyz') return;
        logger.info(
          { requestId, method: req.method, path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
          'request',
        );
      });
      next();
    });
  };
}
