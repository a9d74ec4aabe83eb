import { Injectable } from '@nestjs/common';
import { type ConnectionShape, SubGroupRole, fieldError, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot, type AuditRecord } from '@pbw/audit';
import type { Scope, TxScope } from '@pbw/db';
import { MembershipRepository, type SubGroupMembershipEntity, UserRepository, UserStatus } from '@pbw/identity';
import type {
  AddSubGroupMemberInput,
  CreateSubGroupInput,
  MembershipsArgs,
  SubGroupsArgs,
  UpdateBoardInput,
  UpdateSubGroupInput,
  SubGroupMemberInput,
} from './boards.dto';
import type { BoardEntity, SubGroupEntity } from './boards.entities';
import { BoardRepository, SubGroupRepository } from './boards.repositories';

/** The board and its sub-groups, with their chairs and members. Changes are the secretariat's. */
@Injectable()
export class BoardsService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly boards: BoardRepository,
    private readonly subGroups: SubGroupRepository,
    private readonly memberships: MembershipRepository,
    private readonly users: UserRepository,
  ) {}

  async board(scope: Scope): Promise<BoardEntity> {
    const b = await this.boards.current(scope);
    if (!b) throw notFound('Board');
    return b;
  }

  updateBoard(scope: Scope, input: UpdateBoardInput): Promise<BoardEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'board.update', async (tx) => {
      const existing = await this.boards.current(tx);
      const before = existing ? snapshot(existing) : null;
      if (input.chairUserId) await this.assertUsableUser(tx, input.chairUserId, 'input.chairUserId');
      const board =
        existing ?? (await this.boards.insert(tx, { name: input.name ?? 'Partnership Board', termsOfReference: null, chairUserId: null }));
      if (input.name !== undefined) board.name = input.name;
      if (input.termsOfReference !== undefined) board.termsOfReference = input.termsOfReference || null;
      if (input.chairUserId !== undefined) board.chairUserId = input.chairUserId;
      const saved = await this.boards.save(tx, board);
      return { result: saved, audit: { entityType: 'Board', entityId: saved.id, before, after: snapshot(saved) } };
    });
  }

  listSubGroups(scope: Scope, args: SubGroupsArgs): Promise<ConnectionShape<SubGroupEntity>> {
    return this.subGroups.list(scope, args.filter, args);
  }

  async subGroup(scope: Scope, id: string): Promise<SubGroupEntity> {
    const sg = await this.subGroups.findById(scope, id);
    if (!sg) throw notFound('Sub-group');
    return sg;
  }

  listMemberships(scope: Scope, args: MembershipsArgs): Promise<ConnectionShape<SubGroupMembershipEntity>> {
    return this.memberships.list(scope, args.filter, args);
  }

  createSubGroup(scope: Scope, input: CreateSubGroupInput): Promise<SubGroupEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'subGroup.create', async (tx) => {
      const board = await this.boards.current(tx);
      if (!board) throw fieldError('input', 'Set up the board before adding sub-groups.');
      if (await this.subGroups.findByName(tx, input.name))
        throw fieldError('input.name', `A sub-group called ${input.name} already exists.`);
      if (input.chairUserId) await this.assertUsableUser(tx, input.chairUserId, 'input.chairUserId');
      const sg = await this.subGroups.insert(tx, { boardId: board.id, name: input.name, remit: input.remit ?? '' });
      const audit: AuditRecord[] = [{ entityType: 'SubGroup', entityId: sg.id, before: null, after: snapshot(sg) }];
      if (input.chairUserId) {
        const m = await this.memberships.insert(tx, { subGroupId: sg.id, userId: input.chairUserId, role: SubGroupRole.CHAIR });
        audit.push({
          action: 'subGroupMembership.add',
          entityType: 'SubGroupMembership',
          entityId: m.id,
          before: null,
          after: snapshot(m),
        });
      }
      return { result: sg, audit };
    });
  }

  updateSubGroup(scope: Scope, input: UpdateSubGroupInput): Promise<SubGroupEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'subGroup.update', async (tx) => {
      const sg = await this.subGroups.lockById(tx, input.id);
      if (!sg) throw notFound('Sub-group');
      const before = snapshot(sg);
      if (input.name !== undefined && input.name.toLowerCase() !== sg.name.toLowerCase()) {
        if (await this.subGroups.findByName(tx, input.name))
          throw fieldError('input.name', `A sub-group called ${input.name} already exists.`);
      }
      if (input.name !== undefined) sg.name = input.name;
      if (input.remit !== undefined) sg.remit = input.remit;
      const saved = await this.subGroups.save(tx, sg);
      return { result: saved, audit: { entityType: 'SubGroup', entityId: sg.id, before, after: snapshot(saved) } };
    });
  }

  /** Adds a member, or changes their role. Naming a chair makes the previous chair a member. */
  addSubGroupMember(scope: Scope, input: AddSubGroupMemberInput): Promise<SubGroupMembershipEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'subGroupMembership.add', async (tx) => {
      const sg = await this.subGroups.lockById(tx, input.subGroupId);
      if (!sg) throw fieldError('input.subGroupId', 'Choose a sub-group from this partnership.');
      await this.assertUsableUser(tx, input.userId, 'input.userId');
      const audit: AuditRecord[] = [];
      if (input.role === SubGroupRole.CHAIR) {
        const chair = await this.memberships.chairOf(tx, sg.id);
        if (chair && chair.userId !== input.userId) {
          const before = snapshot(chair);
          chair.role = SubGroupRole.MEMBER;
          await this.memberships.save(tx, chair);
          audit.push({
            action: 'subGroupMembership.update',
            entityType: 'SubGroupMembership',
            entityId: chair.id,
            before,
            after: snapshot(chair),
          });
        }
      }
      const existing = await this.memberships.find(tx, sg.id, input.userId);
      let m: SubGroupMembershipEntity;
      if (existing) {
        if (existing.role === input.role)
          throw fieldError('input.userId', `They are already a ${input.role === SubGroupRole.CHAIR ? 'chair' : 'member'} of ${sg.name}.`);
        const before = snapshot(existing);
        existing.role = input.role;
        m = await this.memberships.save(tx, existing);
        audit.push({ action: 'subGroupMembership.update', entityType: 'SubGroupMembership', entityId: m.id, before, after: snapshot(m) });
      } else {
        m = await this.memberships.insert(tx, { subGroupId: sg.id, userId: input.userId, role: input.role });
        audit.push({ entityType: 'SubGroupMembership', entityId: m.id, before: null, after: snapshot(m) });
      }
      return { result: m, audit };
    });
  }

  removeSubGroupMember(scope: Scope, input: SubGroupMemberInput): Promise<SubGroupMembershipEntity> {
    AccessPolicy.assertAdminister(scope.actor);
    return this.mutations.run(scope, 'subGroupMembership.remove', async (tx) => {
      const m = await this.memberships.find(tx, input.subGroupId, input.userId);
      if (!m) throw notFound('Membership');
      const before = snapshot(m);
      const removed = { ...m };
      await this.memberships.remove(tx, m);
      return { result: removed, audit: { entityType: 'SubGroupMembership', entityId: removed.id, before, after: null } };
    });
  }

  private async assertUsableUser(tx: TxScope, userId: string, path: string): Promise<void> {
    const u = await this.users.findById(tx, userId);
    if (!u) throw fieldError(path, 'Choose a user from this partnership.');
    if (u.status === UserStatus.DEACTIVATED) throw fieldError(path, `${u.name} is deactivated.`);
  }
}
