import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The deliberate exception to partnership scoping: lookups that happen before anyone's
 * partnership is known (a sign-in by email, a token presented by hash) and system sweeps
 * across every partnership (expiring stale invitations). Kept to a few named repositories
 * so each is easy to review; domain code never gets a raw manager.
 */
export abstract class CrossPartnershipRepository<E extends ObjectLiteral> {
  protected abstract readonly entity: EntityTarget<E>;
  protected abstract readonly alias: string;

  constructor(protected readonly ds: DataSource) {}

  protected unscopedSelect(manager: EntityManager = this.ds.manager): SelectQueryBuilder<E> {
    return manager.createQueryBuilder(this.entity, this.alias);
  }

  protected unscopedRepository(manager: EntityManager = this.ds.manager) {
    return manager.getRepository(this.entity);
  }

  protected transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }
}
