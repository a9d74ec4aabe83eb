import { Injectable } from '@nestjs/common';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, type Scope } from '@pbw/db';
import { BoardEntity, SubGroupEntity } from './boards.entities';

@Injectable()
export class BoardRepository extends ScopedRepository<BoardEntity> {
  protected readonly entity = BoardEntity;
  protected readonly alias = 'b';

  current(scope: Scope): Promise<BoardEntity | null> {
    return this.select(scope).getOne();
  }
}

@Injectable()
export class SubGroupRepository extends ScopedRepository<SubGroupEntity> {
  protected readonly entity = SubGroupEntity;
  protected readonly alias = 'sg';

  list(
    scope: Scope,
    filter: { memberUserId?: string; search?: string } | undefined,
    page: PageArgs,
  ): Promise<ConnectionShape<SubGroupEntity>> {
    const qb = this.select(scope);
    if (filter?.memberUserId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM sub_group_memberships m WHERE m.sub_group_id = sg.id AND m.partnership_id = sg.partnership_id AND m.user_id = :memberUserId)',
        { memberUserId: filter.memberUserId },
      );
    }
    if (filter?.search) qb.andWhere('sg.name ILIKE :search', { search: `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return this.paginate(qb, page, { expression: 'lower(sg.name)', read: (s: SubGroupEntity) => s.name.toLowerCase() });
  }

  findByName(scope: Scope, name: string): Promise<SubGroupEntity | null> {
    return this.select(scope).andWhere('lower(sg.name) = lower(:name)', { name }).getOne();
  }
}
