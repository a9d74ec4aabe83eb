import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { conflict } from '@pbw/core';
import type { Scope, TxScope } from '@pbw/db';
import { AuditRepository, type AuditEntry } from './audit.repository';

export type AuditRecord = Omit<AuditEntry, 'action'> & { action?: string };

export interface MutationOutcome<T> {
  result: T;
  /** What changed. Every mutation names at least one record. */
  audit: AuditRecord | AuditRecord[];
  /** Only for system sweeps that may find nothing to do; a user's mutation always changes something. */
  allowNoChange?: boolean;
}

/**
 * The one way a change is made: the change and its audit events commit together or not
 * at all. A mutation that fails part-way leaves neither.
 */
@Injectable()
export class MutationRunner {
  constructor(private readonly audit: AuditRepository) {}

  async run<T>(scope: Scope, action: string, fn: (tx: TxScope) => Promise<MutationOutcome<T>>): Promise<T> {
    try {
      return await this.runInTransaction(scope, action, fn);
    } catch (e) {
      // Two people saving the same new name at once: the loser's checks passed but the
      // database's unique index refused. Say so plainly instead of failing as a bug.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23505') {
        throw conflict('Someone else saved the same thing at the same moment. Check the current details and try again.', null);
      }
      throw e;
    }
  }

  private runInTransaction<T>(scope: Scope, action: string, fn: (tx: TxScope) => Promise<MutationOutcome<T>>): Promise<T> {
    return scope.transaction(async (tx) => {
      const outcome = await fn(tx);
      const entries = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit];
      if (!entries.length && !outcome.allowNoChange) throw new Error(`Mutation ${action} recorded no audit event`);
      for (const e of entries) await this.audit.append(tx, { ...e, action: e.action ?? action });
      return outcome.result;
    });
  }
}

/** A plain, JSON-safe copy of a record for the audit trail, without secrets. */
export function snapshot<T extends object>(row: T, omit: readonly string[] = []): Record<string, unknown> {
  const hidden = new Set(['passwordHash', 'tokenHash', ...omit]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (hidden.has(k) || typeof v === 'function') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}
