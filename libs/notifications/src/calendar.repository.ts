import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrossPartnershipRepository, ScopedQueries, ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { CalendarFeedEntity } from './notifications.entities';

export interface CalendarRows {
  meetings: Array<{ id: string; title: string; startsAt: Date; location: string | null; reportDeadline: string; status: string }>;
  actions: Array<{ id: string; title: string; dueDate: string }>;
}

/** What a person's calendar shows, read in their partnership. */
@Injectable()
export class CalendarRepository extends ScopedQueries {
  /** Board meetings (and their report deadlines) from `from` on, and the person's own open actions in active plans. */
  async rows(scope: Scope, userId: string, from: string): Promise<CalendarRows> {
    const meetings = await this.rawScoped<CalendarRows['meetings'][number]>(
      scope,
      ({
        bind,
      }) => `SELECT m.id, m.title, m.starts_at AS "startsAt", m.location, to_char(m.report_deadline,'YYYY-MM-DD') AS "reportDeadline", m.status
        FROM meetings m WHERE m.partnership_id = $1 AND m.status <> 'CANCELLED' AND m.starts_at >= ${bind(from)}::date ORDER BY m.starts_at LIMIT 500`,
    );
    const actions = await this.rawScoped<CalendarRows['actions'][number]>(
      scope,
      ({ bind }) => `SELECT a.id, a.title, to_char(a.due_date,'YYYY-MM-DD') AS "dueDate" FROM actions a
        JOIN work_plans wp ON wp.id = a.work_plan_id AND wp.partnership_id = $1 AND wp.status = 'ACTIVE'
        WHERE a.partnership_id = $1 AND a.owner_user_id = ${bind(userId)}::uuid AND a.status IN ('NOT_STARTED','IN_PROGRESS')
          AND a.due_date >= ${bind(from)}::date ORDER BY a.due_date LIMIT 1000`,
    );
    return { meetings, actions };
  }
}

/** A feed's secret arrives before anyone's partnership is known: found by its hash across partnerships. */
@Injectable()
export class CalendarFeedLookupRepository extends CrossPartnershipRepository<CalendarFeedEntity> {
  protected readonly entity = CalendarFeedEntity;
  protected readonly alias = 'cf';

  constructor(ds: DataSource) {
    super(ds);
  }

  async byTokenHash(tokenHash: string): Promise<CalendarFeedEntity | null> {
    const feed = await this.unscopedSelect().where('cf.token_hash = :tokenHash AND cf.revoked_at IS NULL', { tokenHash }).getOne();
    if (feed) await this.unscopedRepository().update({ id: feed.id }, { lastUsedAt: new Date() });
    return feed;
  }
}

/** People's calendar feeds. */
@Injectable()
export class CalendarFeedRepository extends ScopedRepository<CalendarFeedEntity> {
  protected readonly entity = CalendarFeedEntity;
  protected readonly alias = 'cf';

  live(scope: Scope, userId: string): Promise<CalendarFeedEntity | null> {
    return this.select(scope).andWhere('cf.user_id = :userId AND cf.revoked_at IS NULL', { userId }).getOne();
  }

  lockLive(tx: TxScope, userId: string): Promise<CalendarFeedEntity | null> {
    return this.select(tx).andWhere('cf.user_id = :userId AND cf.revoked_at IS NULL', { userId }).setLock('pessimistic_write').getOne();
  }
}
