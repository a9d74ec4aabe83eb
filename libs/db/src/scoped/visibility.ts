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
  const subGroupIds = [...scope.actor.subGroups.keys()];
  return qb.andWhere(
    new Brackets((w) => {
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
    }),
  );
}
