import { Injectable } from '@nestjs/common';
import { ScopedQueries, ScopedRepository, type Scope } from '@pbw/db';
import { type AnnualFacts, AnnualUpdateEntity } from './annual-update';

@Injectable()
export class AnnualUpdateRepository extends ScopedRepository<AnnualUpdateEntity> {
  protected readonly entity = AnnualUpdateEntity;
  protected readonly alias = 'au';

  byPeriod(scope: Scope, period: string): Promise<AnnualUpdateEntity | null> {
    return this.select(scope).andWhere('au.period = :period', { period }).getOne();
  }
}

/** What a year's annual update draws on, read in the partnership, for the year from `from` to `to`. */
@Injectable()
export class AnnualFactsRepository extends ScopedQueries {
  async facts(scope: Scope, from: string, to: string): Promise<Omit<AnnualFacts, 'partnershipName' | 'period' | 'from' | 'to'>> {
    const completedActions = await this.rawScoped<{ title: string; subGroup: string }>(
      scope,
      ({
        bind,
      }) => `SELECT a.title, sg.name AS "subGroup" FROM actions a JOIN sub_groups sg ON sg.id = a.sub_group_id AND sg.partnership_id = $1
        WHERE a.partnership_id = $1 AND a.status = 'COMPLETE'
          AND (a.last_update_at AT TIME ZONE 'Europe/London')::date BETWEEN ${bind(from)}::date AND ${bind(to)}::date
        ORDER BY sg.name, a.title`,
    );
    const metCommitments = await this.rawScoped<{ title: string; agency: string }>(
      scope,
      ({ bind }) => `SELECT c.title, ag.name AS agency FROM commitments c JOIN agencies ag ON ag.id = c.agency_id AND ag.partnership_id = $1
        WHERE c.partnership_id = $1 AND c.status = 'COMPLETE'
          AND (COALESCE(c.last_update_at, c.updated_at) AT TIME ZONE 'Europe/London')::date BETWEEN ${bind(from)}::date AND ${bind(to)}::date
        ORDER BY ag.name, c.title`,
    );
    const slower = await this.rawScoped<{ title: string; subGroup: string; dueDate: string; rag: string; overdue: boolean }>(
      scope,
      ({ bind }) => `SELECT a.title, sg.name AS "subGroup", to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.rag,
          a.due_date < LEAST(${bind(to)}::date, (now() AT TIME ZONE 'Europe/London')::date) AS overdue
        FROM actions a JOIN sub_groups sg ON sg.id = a.sub_group_id AND sg.partnership_id = $1
        JOIN work_plans wp ON wp.id = a.work_plan_id AND wp.partnership_id = $1 AND wp.status = 'ACTIVE'
        WHERE a.partnership_id = $1 AND a.status IN ('NOT_STARTED','IN_PROGRESS')
          AND (a.rag = 'RED' OR a.due_date < LEAST(${bind(to)}::date, (now() AT TIME ZONE 'Europe/London')::date))
        ORDER BY sg.name, a.due_date`,
    );
    const figures = await this.rawScoped<AnnualFacts['figures'][number]>(
      scope,
      ({
        bind,
      }) => `SELECT i.name, i.unit, v.value::float AS value, v.period_label AS "periodLabel", sn.value::float AS neighbours, e.value::float AS england
        FROM indicators i
        LEFT JOIN LATERAL (SELECT * FROM indicator_values x WHERE x.partnership_id = $1 AND x.indicator_id = i.id AND x.area = 'LOCAL'
          AND x.period_end <= ${bind(to)}::date ORDER BY x.period_end DESC LIMIT 1) v ON true
        LEFT JOIN indicator_values sn ON sn.partnership_id = $1 AND sn.indicator_id = i.id AND sn.area = 'STATISTICAL_NEIGHBOURS' AND sn.period_end = v.period_end
        LEFT JOIN indicator_values e ON e.partnership_id = $1 AND e.indicator_id = i.id AND e.area = 'ENGLAND' AND e.period_end = v.period_end
        WHERE i.partnership_id = $1 AND i.retired_at IS NULL ORDER BY i.code`,
    );
    const answered = await this.rawScoped<{ raisingGroup: string; issue: string; response: string }>(
      scope,
      ({ bind }) => `SELECT v.raising_group AS "raisingGroup", v.issue, v.response FROM voice_items v
        WHERE v.partnership_id = $1 AND v.response IS NOT NULL
          AND (v.responded_at AT TIME ZONE 'Europe/London')::date BETWEEN ${bind(from)}::date AND ${bind(to)}::date
        ORDER BY v.responded_at`,
    );
    return { completedActions, metCommitments, slower, figures, answered };
  }
}
