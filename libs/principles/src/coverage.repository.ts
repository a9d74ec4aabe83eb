import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope, visibilitySql } from '@pbw/db';

export interface CoverageRowRaw {
  frameworkItemId: string;
  code: string;
  title: string;
  red: number;
  amber: number;
  green: number;
  commitments: number;
  evidence: number;
  indicators: number;
}

/**
 * Each item of a framework against the work behind it, counted in one statement: active
 * actions by RAG (open actions in active plans), commitments not cancelled, evidence submitted
 * in the period, and indicators in use. Every count is of what the caller may see, by each
 * record type's own visibility rule, so a coverage matrix never reveals a hidden record.
 */
@Injectable()
export class CoverageRepository extends ScopedQueries {
  rows(scope: Scope, frameworkId: string, from: string, to: string): Promise<CoverageRowRaw[]> {
    return this.rawScoped<CoverageRowRaw>(scope, ({ bind }) => {
      const fw = bind(frameworkId);
      const start = bind(from);
      const end = bind(to);
      const evidenceSeen = scope.isSecretariat
        ? 'true'
        : `(e.created_by_user_id = ${bind(scope.actor.userId)}::uuid OR ${visibilitySql('e', scope, bind)})`;
      return `
        SELECT fi.id AS "frameworkItemId", fi.code, fi.title,
               act.red, act.amber, act.green, com.n AS commitments, ev.n AS evidence, ind.n AS indicators
          FROM framework_items fi
          CROSS JOIN LATERAL (
            SELECT count(*) FILTER (WHERE a.rag = 'RED')::int AS red,
                   count(*) FILTER (WHERE a.rag = 'AMBER')::int AS amber,
                   count(*) FILTER (WHERE a.rag = 'GREEN')::int AS green
              FROM action_framework_items l
              JOIN actions a ON a.id = l.action_id AND a.partnership_id = $1
              JOIN work_plans wp ON wp.id = a.work_plan_id AND wp.partnership_id = $1
             WHERE l.framework_item_id = fi.id AND l.partnership_id = $1
               AND wp.status = 'ACTIVE' AND a.status IN ('NOT_STARTED','IN_PROGRESS')
               AND ${visibilitySql('a', scope, bind)}
          ) act
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS n
              FROM commitment_framework_items l
              JOIN commitments c ON c.id = l.commitment_id AND c.partnership_id = $1
             WHERE l.framework_item_id = fi.id AND l.partnership_id = $1 AND c.status <> 'CANCELLED'
               AND ${visibilitySql('c', scope, bind)}
          ) com
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS n
              FROM evidence_framework_items l
              JOIN evidence e ON e.id = l.evidence_id AND e.partnership_id = $1
             WHERE l.framework_item_id = fi.id AND l.partnership_id = $1 AND e.status <> 'DRAFT'
               AND (e.submitted_at AT TIME ZONE 'Europe/London')::date BETWEEN ${start}::date AND ${end}::date
               AND ${evidenceSeen}
          ) ev
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS n
              FROM indicator_framework_items l
              JOIN indicators i ON i.id = l.indicator_id AND i.partnership_id = $1
             WHERE l.framework_item_id = fi.id AND l.partnership_id = $1 AND i.retired_at IS NULL
          ) ind
         WHERE fi.partnership_id = $1 AND fi.framework_id = ${fw} AND fi.retired_at IS NULL
         ORDER BY fi.position, fi.code`;
    });
  }
}
