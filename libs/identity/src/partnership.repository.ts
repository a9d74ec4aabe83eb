import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository, type Scope, type TxScope } from '@pbw/db';
import { PartnershipEntity } from './identity.entities';

/** The partnership row is the tenant itself: read and written only through the caller's own scope. */
@Injectable()
export class PartnershipRepository extends CrossPartnershipRepository<PartnershipEntity> {
  protected readonly entity = PartnershipEntity;
  protected readonly alias = 'p';

  constructor(ds: DataSource) {
    super(ds);
  }

  current(scope: Scope): Promise<PartnershipEntity | null> {
    return this.unscopedSelect(scope.manager).where('p.id = :id', { id: scope.partnershipId }).getOne();
  }

  /**
   * Locks the caller's partnership row until the transaction ends, to serialise checks of a
   * partnership-wide rule (such as "one active secretariat remains"). FOR NO KEY UPDATE, so
   * inserts whose foreign keys point at the partnership are not blocked by it.
   */
  async lockCurrent(tx: TxScope): Promise<void> {
    await this.unscopedSelect(tx.manager).where('p.id = :id', { id: tx.partnershipId }).setLock('for_no_key_update').getOne();
  }

  save(tx: TxScope, row: PartnershipEntity): Promise<PartnershipEntity> {
    if (row.id !== tx.partnershipId) throw new Error('Refusing to save another partnership');
    return this.unscopedRepository(tx.manager).save(row);
  }

  /** For the demo loader and set-up scripts, which create the tenant before any scope exists. */
  findBySlug(slug: string): Promise<PartnershipEntity | null> {
    return this.unscopedSelect().where('p.slug = :slug', { slug }).getOne();
  }

  create(values: Pick<PartnershipEntity, 'name' | 'slug' | 'localAuthority' | 'description'>): Promise<PartnershipEntity> {
    const repo = this.unscopedRepository();
    return repo.save(repo.create(values));
  }
}
