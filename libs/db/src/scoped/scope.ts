import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, PartnershipRole, SubGroupRole } from '@pbw/core';

const SYSTEM_SUBGROUPS: ReadonlyMap<string, SubGroupRole> = new Map();

/**
 * The partnership scope every repository call requires. It can only be made from an
 * authenticated actor or, for the system's own jobs, from an explicit partnership id;
 * there is no way to reach tenant data without one.
 */
export class Scope {
  declare private readonly brand: 'Scope';

  private constructor(
    readonly actor: Actor,
    /** The manager queries run on: the pool, or the open transaction. */
    readonly manager: EntityManager,
    readonly inTransaction: boolean,
    readonly requestId: string | undefined,
  ) {}

  get partnershipId(): string {
    return this.actor.partnershipId;
  }

  static forActor(actor: Actor, ds: DataSource, requestId?: string): Scope {
    return new Scope(actor, ds.manager, false, requestId);
  }

  /** For the worker and the demo loader: acts as the system inside one partnership. */
  static system(partnershipId: string, ds: DataSource, requestId?: string): Scope {
    return new Scope(
      { userId: null, partnershipId, role: 'SYSTEM', agencyId: null, subGroups: SYSTEM_SUBGROUPS },
      ds.manager,
      false,
      requestId,
    );
  }

  /**
   * The system's view inside the same partnership and transaction: for a record that must
   * capture the whole picture whoever triggers it (a report's frozen work plan snapshot).
   */
  asSystem(): this {
    return new Scope(
      { userId: null, partnershipId: this.partnershipId, role: 'SYSTEM', agencyId: null, subGroups: SYSTEM_SUBGROUPS },
      this.manager,
      this.inTransaction,
      this.requestId,
    ) as this;
  }

  /** Runs fn in one transaction; everything done through the TxScope commits or rolls back together. */
  async transaction<T>(fn: (tx: TxScope) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this as TxScope);
    return this.manager.transaction((m) => fn(new Scope(this.actor, m, true, this.requestId) as TxScope));
  }

  get isSecretariat(): boolean {
    return this.actor.role === PartnershipRole.SECRETARIAT || this.actor.role === 'SYSTEM';
  }
}

/** A scope whose manager is inside an open transaction; writes require one. */
export type TxScope = Scope & { readonly inTransaction: true };
