import { Injectable } from '@nestjs/common';
import type { ConnectionShape, PageArgs } from '@pbw/core';
import { ScopedRepository, type Scope } from '@pbw/db';
import { MeetingEntity, type MeetingStatus } from './meetings.entities';

export interface MeetingFilterValues {
  from?: Date;
  to?: Date;
  status?: MeetingStatus;
}

@Injectable()
export class MeetingRepository extends ScopedRepository<MeetingEntity> {
  protected readonly entity = MeetingEntity;
  protected readonly alias = 'm';

  /** By start time, earliest first; `from` and `to` bound the start time (both inclusive). */
  list(scope: Scope, filter: MeetingFilterValues | undefined, page: PageArgs): Promise<ConnectionShape<MeetingEntity>> {
    const qb = this.select(scope);
    if (filter?.from) qb.andWhere('m.starts_at >= :from', { from: filter.from });
    if (filter?.to) qb.andWhere('m.starts_at <= :to', { to: filter.to });
    if (filter?.status) qb.andWhere('m.status = :status', { status: filter.status });
    return this.paginate(qb, page, {
      expression: 'm.starts_at',
      read: (m: MeetingEntity) => m.startsAt.toISOString(),
    });
  }

  /** The meeting held or planned most recently before this one (cancelled ones aside). */
  previous(scope: Scope, m: MeetingEntity): Promise<MeetingEntity | null> {
    return this.select(scope)
      .andWhere("m.starts_at < :at AND m.status <> 'CANCELLED'", { at: m.startsAt })
      .orderBy('m.starts_at', 'DESC')
      .getOne();
  }
}
