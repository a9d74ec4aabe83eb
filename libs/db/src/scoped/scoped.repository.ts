import type { EntityTarget, ObjectLiteral, SelectQueryBuilder, DeepPartial } from 'typeorm';
import { type ConnectionShape, type PageArgs, decodeCursor, encodeCursor } from '@pbw/core';
import type { Scope, TxScope } from './scope';
import { RawParams } from './visibility';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export interface TenantRow extends ObjectLiteral {
  id: string;
  partnershipId: string;
}

export interface SortKey {
  /** SQL expression of the sort key, e.g. `lower(a.name)` or `a.created_at`. */
  expression: string;
  /** Reads the same key back from a loaded row, for the cursor. */
  read: (row: never) => string | number | null;
  direction?: 'ASC' | 'DESC';
}

/**
 * The only way domain code reaches the database. Every query it builds starts from the
 * scope's partnership, and every write stamps it, so no method can be called (or
 * compiled) without a partnership scope.
 */
export abstract class ScopedRepository<E extends TenantRow> {
  protected abstract readonly entity: EntityTarget<E>;
  protected abstract readonly alias: string;

  /** A query already restricted to the scope's partnership. */
  protected select(scope: Scope, alias: string = this.alias): SelectQueryBuilder<E> {
    return scope.manager
      .createQueryBuilder(this.entity, alias)
      .where(`${alias}.partnership_id = :__partnershipId`, { __partnershipId: scope.partnershipId });
  }

  async findById(scope: Scope, id: string): Promise<E | null> {
    if (!isUuid(id)) return null;
    return this.visible(scope, this.select(scope)).andWhere(`${this.alias}.id = :id`, { id }).getOne();
  }

  async findByIds(scope: Scope, ids: readonly string[]): Promise<E[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return [];
    return this.visible(scope, this.select(scope)).andWhere(`${this.alias}.id IN (:...ids)`, { ids: valid }).getMany();
  }

  /** Row-level visibility for this record type; partnership-wide by default. Override to narrow, in SQL. */
  protected visible(_scope: Scope, qb: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
    return qb;
  }

  /** Locks the row for the rest of the transaction so concurrent edits serialise. */
  async lockById(tx: TxScope, id: string): Promise<E | null> {
    if (!isUuid(id)) return null;
    return this.visible(tx, this.select(tx)).andWhere(`${this.alias}.id = :id`, { id }).setLock('pessimistic_write').getOne();
  }

  async insert(tx: TxScope, values: Omit<DeepPartial<E>, 'partnershipId'>): Promise<E> {
    const repo = tx.manager.getRepository(this.entity);
    const row = repo.create({ ...values, partnershipId: tx.partnershipId } as DeepPartial<E>);
    return repo.save(row);
  }

  /** Many new rows in one statement (an import), each given the scope's partnership. */
  async insertMany(tx: TxScope, rows: ReadonlyArray<Omit<DeepPartial<E>, 'partnershipId'>>): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(this.entity)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, partnershipId: tx.partnershipId }) as unknown as E))
        .execute();
    }
  }

  /** A new row unless one with the same unique key exists (a retried job); true when it was inserted. */
  async insertUnlessExists(tx: TxScope, values: Omit<DeepPartial<E>, 'partnershipId'>): Promise<boolean> {
    const r = await tx.manager
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values({ ...values, partnershipId: tx.partnershipId } as unknown as E)
      .orIgnore()
      .execute();
    return (r.raw as unknown[]).length > 0;
  }

  async save(tx: TxScope, row: E): Promise<E> {
    if (row.partnershipId !== tx.partnershipId) throw new Error('Refusing to save a row from another partnership');
    return tx.manager.getRepository(this.entity).save(row);
  }

  async remove(tx: TxScope, row: E): Promise<void> {
    if (row.partnershipId !== tx.partnershipId) throw new Error('Refusing to remove a row from another partnership');
    await tx.manager.getRepository(this.entity).remove(row);
  }

  /** A query on a link table (rows with partnership_id but no id of their own), restricted to the scope's partnership. */
  protected selectLinks<L extends ObjectLiteral>(scope: Scope, entity: EntityTarget<L>, alias: string): SelectQueryBuilder<L> {
    return scope.manager
      .createQueryBuilder(entity, alias)
      .where(`${alias}.partnership_id = :__partnershipId`, { __partnershipId: scope.partnershipId });
  }

  /** Replaces the link rows an owner has (e.g. an action's supporting agencies) with the given ones. */
  protected async replaceLinks<L extends ObjectLiteral>(
    tx: TxScope,
    entity: EntityTarget<L>,
    ownerColumn: string,
    ownerId: string,
    rows: Array<Omit<L, 'partnershipId'>>,
  ): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .delete()
      .from(entity)
      .where(`partnership_id = :pid AND ${ownerColumn} = :ownerId`, { pid: tx.partnershipId, ownerId })
      .execute();
    if (rows.length) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.map((r) => ({ ...r, partnershipId: tx.partnershipId }) as unknown as L))
        .execute();
    }
  }

  /** Keyset pagination over (sort key, id): stable under inserts, no OFFSET scans. */
  protected async paginate(qb: SelectQueryBuilder<E>, page: PageArgs, sort: SortKey): Promise<ConnectionShape<E>> {
    const first = page.first ?? 20;
    const dir = sort.direction ?? 'ASC';
    const totalCount = await qb.clone().getCount();
    const q = qb.clone();
    if (page.after) {
      const pos = decodeCursor(page.after);
      const op = dir === 'ASC' ? '>' : '<';
      q.andWhere(`(${sort.expression}, ${this.alias}.id) ${op} (:__ck, :__cid)`, { __ck: pos.key, __cid: pos.id });
    }
    q.orderBy(sort.expression, dir)
      .addOrderBy(`${this.alias}.id`, dir)
      .limit(first + 1);
    const rows = await q.getMany();
    const hasNextPage = rows.length > first;
    const nodes = rows.slice(0, first);
    const read = sort.read as (row: E) => string | number | null;
    const edges = nodes.map((node) => ({ node, cursor: encodeCursor({ key: read(node), id: node.id }) }));
    return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
  }
}

/**
 * For reads the query builder cannot say (one ranked UNION across record types): raw SQL
 * whose $1 is always the scope's partnership, and which must restrict every table by it.
 */
export abstract class ScopedQueries {
  protected async rawScoped<T>(scope: Scope, build: (p: RawParams) => string): Promise<T[]> {
    const params = new RawParams(scope.partnershipId);
    const sql = build(params);
    if (!sql.includes('$1')) throw new Error('A scoped raw statement must use the partnership id ($1)');
    return (await scope.manager.query(sql, params.values)) as T[];
  }
}
