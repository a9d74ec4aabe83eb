import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { RequestContext } from './request-context';

/**
 * JSON logs with the request id mixed in. Anything that may hold a secret or what people
 * wrote is redacted by key, so a careless `log({ input })` cannot leak a password.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin() {
      const requestId = RequestContext.requestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        'password',
        '*.password',
        '*.*.password',
        'token',
        '*.token',
        '*.*.token',
        'refreshToken',
        '*.refreshToken',
        'accessToken',
        '*.accessToken',
        'authorization',
        '*.authorization',
        '*.headers.authorization',
        '*.headers.cookie',
        'input',
        '*.input',
        'variables',
        '*.variables',
      ],
      censor: '[redacted]',
    },
  });
}

/** Adapts pino to Nest's logger interface so framework messages are JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    // Nest reports every error a resolver throws here, including a user's bad input; real
    // failures are logged by the GraphQL error formatter, so these are only debug detail.
    if (context === 'ExceptionsHandler') this.logger.debug({ context }, String(message));
    else this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

export const LOGGER = Symbol('LOGGER');
export type { Logger };
