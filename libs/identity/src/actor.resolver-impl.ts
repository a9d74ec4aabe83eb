import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor, SubGroupRole } from '@pbw/core';
import type { ActorResolver } from '@pbw/access';
import { Scope } from '@pbw/db';
import { UserStatus } from './identity.entities';
import { MembershipRepository, UserRepository } from './identity.repositories';

/** Reads the acting user and their sub-group roles fresh for each request. */
@Injectable()
export class DbActorResolver implements ActorResolver {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async resolve(userId: string, partnershipId: string): Promise<Actor | null> {
    const scope = Scope.system(partnershipId, this.ds);
    const user = await this.users.findById(scope, userId);
    if (!user || user.status !== UserStatus.ACTIVE) return null;
    const rows = await this.memberships.forUsers(scope, [user.id]);
    const subGroups = new Map<string, SubGroupRole>(rows.map((m) => [m.subGroupId, m.role]));
    return { userId: user.id, partnershipId, role: user.role, agencyId: user.agencyId, subGroups };
  }
}
