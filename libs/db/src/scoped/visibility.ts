import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import type { Scope } from './scope';

/** DESIGN.md §3 record visibility. */
export enum Visibility {
  PARTNERSHIP = 'PARTNERSHIP',
  SUB_GROUP = 'SUB_GROUP',
  AGENCY = 'AGENCY',
  RESTRICTED = 'RESTRICTED',
}

/**
 * Narrows a query to the records the scope may see, in SQL. A record type that has a
 * visibility keeps it in four columns: visibility, sub_group_id, agency_id and
 * restricted_user_ids (uuid[]). The secretariat (and the system) sees everything; anyone
 * else sees partnership-wide records, their sub-groups', their agency's, and records
 * restricted to them by name.
 */
export function applyVisibility<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, alias: string, scope: Scope): SelectQueryBuilder<E> {
  if (scope.isSecretariat) return qb;
  return qb.andWhere(visibilityBrackets(alias, scope));
}

/** applyVisibility's condition on its own, to combine with others (e.g. "or I wrote it"). Everything for the secretariat. */
export function visibilityBrackets(alias: string, scope: Scope): Brackets {
  if (scope.isSecretariat) return new Brackets((w) => w.where('true'));
  const subGroupIds = [...scope.actor.subGroups.keys()];
  return new Brackets((w) => {
    w.where(`${alias}.visibility = 'PARTNERSHIP'`)
      .orWhere(`(${alias}.visibility = 'SUB_GROUP' AND ${alias}.sub_group_id = ANY(:__visSubGroups::uuid[]))`, {
        __visSubGroups: subGroupIds,
      })
      .orWhere(`(${alias}.visibility = 'AGENCY' AND ${alias}.agency_id = :__visAgency)`, {
        __visAgency: scope.actor.agencyId,
      })
      .orWhere(`(${alias}.visibility = 'RESTRICTED' AND :__visUser = ANY(${alias}.restricted_user_ids))`, {
        __visUser: scope.actor.userId,
      });
  });
}

/** Binds a value into a raw SQL statement and answers its placeholder ($1, $2, ...). */
export type Bind = (value: unknown) => string;

/** Collects positional parameters for a raw statement; $1 is always the partnership id. */
export class RawParams {
  readonly values: unknown[];
  constructor(partnershipId: string) {
    this.values = [partnershipId];
  }
  readonly bind: Bind = (value) => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/**
 * The same rule as applyVisibility, as a raw SQL condition over `alias`'s four visibility
 * columns: for statements the query builder cannot express (search's UNION).
 */
export function visibilitySql(alias: string, scope: Scope, bind: Bind): string {
  if (scope.isSecretariat) return 'true';
  return `(${alias}.visibility = 'PARTNERSHIP'
    OR (${alias}.visibility = 'SUB_GROUP' AND ${alias}.sub_group_id = ANY(${bind([...scope.actor.subGroups.keys()])}::uuid[]))
    OR (${alias}.visibility = 'AGENCY' AND ${alias}.agency_id = ${bind(scope.actor.agencyId)}::uuid)
    OR (${alias}.visibility = 'RESTRICTED' AND ${bind(scope.actor.userId)}::uuid = ANY(${alias}.restricted_user_ids)))`;
}

/** The visibility columns of one record, for checks on records already loaded (frozen snapshots). */
export interface VisibleTo {
  visibility: Visibility;
  subGroupId: string;
  agencyId: string;
  restrictedUserIds: readonly string[];
}

/** applyVisibility's rule for one record held in memory. */
export function canSeeRecord(scope: Scope, r: VisibleTo): boolean {
  if (scope.isSecretariat) return true;
  const a = scope.actor;
  switch (r.visibility) {
    case Visibility.PARTNERSHIP:
      return true;
    case Visibility.SUB_GROUP:
      return a.subGroups.has(r.subGroupId);
    case Visibility.AGENCY:
      return a.agencyId !== null && a.agencyId === r.agencyId;
    case Visibility.RESTRICTED:
      return a.userId !== null && r.restrictedUserIds.includes(a.userId);
    default:
      return false;
  }
}
