import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, isUuid, type Scope, type TxScope } from '@pbw/db';
import {
  AgencyEntity,
  AuthTokenEntity,
  AuthTokenKind,
  OutboxMessageEntity,
  RefreshTokenEntity,
  SubGroupMembershipEntity,
  UserEntity,
  type UserStatus,
  type AgencySector,
} from './identity.entities';
import type { PartnershipRole } from '@pbw/core';

export interface AgencyListFilter {
  sector?: AgencySector;
  search?: string;
}

@Injectable()
export class AgencyRepository extends ScopedRepository<AgencyEntity> {
  protected readonly entity = AgencyEntity;
  protected readonly alias = 'ag';

  list(scope: Scope, filter: AgencyListFilter | undefined, page: PageArgs): Promise<ConnectionShape<AgencyEntity>> {
    const qb = this.select(scope);
    if (filter?.sector) qb.andWhere('ag.sector = :sector', { sector: filter.sector });
    if (filter?.search) qb.andWhere('ag.name ILIKE :search', { search: `%${escapeLike(filter.search)}%` });
    return this.paginate(qb, page, { expression: 'lower(ag.name)', read: (a: AgencyEntity) => a.name.toLowerCase() });
  }

  findByName(scope: Scope, name: string): Promise<AgencyEntity | null> {
    return this.select(scope).andWhere('lower(ag.name) = lower(:name)', { name }).getOne();
  }
}

export interface UserListFilter {
  agencyId?: string;
  role?: PartnershipRole;
  status?: UserStatus;
  search?: string;
}

@Injectable()
export class UserRepository extends ScopedRepository<UserEntity> {
  protected readonly entity = UserEntity;
  protected readonly alias = 'u';

  list(scope: Scope, filter: UserListFilter | undefined, page: PageArgs): Promise<ConnectionShape<UserEntity>> {
    const qb = this.select(scope);
    if (filter?.agencyId) qb.andWhere('u.agency_id = :agencyId', { agencyId: filter.agencyId });
    if (filter?.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter?.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter?.search) {
      const search = `%${escapeLike(filter.search)}%`;
      qb.andWhere(new Brackets((w) => w.where('u.name ILIKE :search', { search }).orWhere('u.email ILIKE :search', { search })));
    }
    return this.paginate(qb, page, { expression: 'lower(u.name)', read: (u: UserEntity) => u.name.toLowerCase() });
  }

  findByEmail(scope: Scope, email: string): Promise<UserEntity | null> {
    return this.select(scope).andWhere('u.email = :email', { email: email.toLowerCase() }).getOne();
  }

  countActiveSecretariat(tx: TxScope): Promise<number> {
    return this.select(tx).andWhere("u.role = 'SECRETARIAT' AND u.status = 'ACTIVE'").getCount();
  }
}

@Injectable()
export class MembershipRepository extends ScopedRepository<SubGroupMembershipEntity> {
  protected readonly entity = SubGroupMembershipEntity;
  protected readonly alias = 'm';

  forUsers(scope: Scope, userIds: readonly string[]): Promise<SubGroupMembershipEntity[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.select(scope).andWhere('m.user_id IN (:...userIds)', { userIds }).orderBy('m.created_at').getMany();
  }

  forSubGroups(scope: Scope, subGroupIds: readonly string[]): Promise<SubGroupMembershipEntity[]> {
    if (!subGroupIds.length) return Promise.resolve([]);
    return this.select(scope)
      .andWhere('m.sub_group_id IN (:...subGroupIds)', { subGroupIds })
      .orderBy("m.role = 'CHAIR'", 'DESC')
      .addOrderBy('m.created_at')
      .getMany();
  }

  find(scope: Scope, subGroupId: string, userId: string): Promise<SubGroupMembershipEntity | null> {
    return this.select(scope).andWhere('m.sub_group_id = :subGroupId AND m.user_id = :userId', { subGroupId, userId }).getOne();
  }

  chairOf(scope: Scope, subGroupId: string): Promise<SubGroupMembershipEntity | null> {
    return this.select(scope).andWhere("m.sub_group_id = :subGroupId AND m.role = 'CHAIR'", { subGroupId }).getOne();
  }

  list(
    scope: Scope,
    filter: { subGroupId?: string; userId?: string } | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<SubGroupMembershipEntity>> {
    const qb = this.select(scope);
    if (filter?.subGroupId) qb.andWhere('m.sub_group_id = :sg', { sg: filter.subGroupId });
    if (filter?.userId) qb.andWhere('m.user_id = :uid', { uid: filter.userId });
    return this.paginate(qb, page, { expression: 'm.created_at', read: (m: SubGroupMembershipEntity) => m.createdAt.toISOString() });
  }
}

@Injectable()
export class AuthTokenRepository extends ScopedRepository<AuthTokenEntity> {
  protected readonly entity = AuthTokenEntity;
  protected readonly alias = 't';

  /** Open tokens of a kind for a user: a new one replaces them. */
  async revokeOpen(tx: TxScope, userId: string, kind: AuthTokenKind): Promise<void> {
    const open = await this.select(tx)
      .andWhere('t.user_id = :userId AND t.kind = :kind AND t.used_at IS NULL AND t.revoked_at IS NULL', { userId, kind })
      .getMany();
    for (const t of open) {
      t.revokedAt = new Date();
      await this.save(tx, t);
    }
  }

  async expireStaleInvitations(tx: TxScope, asOf: Date): Promise<AuthTokenEntity[]> {
    const stale = await this.select(tx)
      .andWhere('t.kind = :kind AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expired_at IS NULL AND t.expires_at < :asOf', {
        kind: AuthTokenKind.INVITATION,
        asOf,
      })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    for (const t of stale) {
      t.expiredAt = asOf;
      await this.save(tx, t);
    }
    return stale;
  }

  latestInvitation(scope: Scope, userIds: readonly string[]): Promise<AuthTokenEntity[]> {
    if (!userIds.length) return Promise.resolve([]);
    return this.select(scope)
      .distinctOn(['t.user_id'])
      .andWhere('t.user_id IN (:...userIds) AND t.kind = :kind', { userIds, kind: AuthTokenKind.INVITATION })
      .orderBy('t.user_id')
      .addOrderBy('t.created_at', 'DESC')
      .getMany();
  }
}

@Injectable()
export class RefreshTokenRepository extends ScopedRepository<RefreshTokenEntity> {
  protected readonly entity = RefreshTokenEntity;
  protected readonly alias = 'rt';

  async revokeFamily(tx: TxScope, familyId: string): Promise<void> {
    await this.select(tx)
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('partnership_id = :pid AND family_id = :familyId AND revoked_at IS NULL', { pid: tx.partnershipId, familyId })
      .execute();
  }

  async revokeAllForUser(tx: TxScope, userId: string): Promise<void> {
    await this.select(tx)
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('partnership_id = :pid AND user_id = :userId AND revoked_at IS NULL', { pid: tx.partnershipId, userId })
      .execute();
  }
}

@Injectable()
export class OutboxRepository extends ScopedRepository<OutboxMessageEntity> {
  protected readonly entity = OutboxMessageEntity;
  protected readonly alias = 'o';

  /** A message still to send, locked until the sending transaction ends: two senders never both send it. */
  lockUnsent(tx: TxScope, id: string): Promise<OutboxMessageEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.select(tx).andWhere('o.id = :id AND o.sent_at IS NULL', { id }).setLock('pessimistic_write').getOne();
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
