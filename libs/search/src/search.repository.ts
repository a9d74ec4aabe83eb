import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Bind, type Scope, visibilitySql } from '@pbw/db';

export type SearchKind = 'ACTION' | 'EVIDENCE' | 'HIGHLIGHT_REPORT' | 'EVIDENCE_COMMENT' | 'REPORT_COMMENT';

export interface SearchRow {
  kind: SearchKind;
  id: string;
  /** The record to open: the action, evidence or report itself, or the one a comment is on. */
  record_id: string;
  title: string;
  snippet: string;
  rank: number;
  updated_at: Date;
  total: string;
}

/** Marks the start and end of a matched word in a snippet; removed from the text searched, so they never come from a user. */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';
/**
 * Stands in for "<" while PostgreSQL makes the snippet: its parser would otherwise take
 * anything shaped like an HTML tag as markup and drop it, and text must read as written.
 */
export const LESS_THAN = '\u0003';

const HEADLINE_OPTIONS = `'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "'`;
const clean = (sql: string) => `replace(translate(${sql}, chr(1) || chr(2) || chr(3), ''), '<', chr(3))`;

/**
 * One ranked full-text search over actions, evidence, reports and comments. Each part
 * applies the same visibility as its record type's repository, in SQL, so nothing the
 * searcher may not see is ever read into a result.
 */
@Injectable()
export class SearchRepository extends ScopedQueries {
  search(scope: Scope, text: string, kinds: readonly SearchKind[], limit: number, offset: number): Promise<SearchRow[]> {
    return this.rawScoped<SearchRow>(scope, (p) => {
      const textParam = p.bind(text);
      const parts: string[] = [];
      const want = (k: SearchKind) => !kinds.length || kinds.includes(k);
      const evidenceVisible = (alias: string) => evidenceVisibility(alias, scope, p.bind);
      const reportVisible = (alias: string) => reportVisibility(alias, scope, p.bind);
      if (want('ACTION')) {
        parts.push(`
          SELECT 'ACTION' AS kind, a.id, a.id AS record_id, a.title,
                 ${clean("a.title || '. ' || a.description || ' ' || a.success_measure")} AS doc,
                 ts_rank(a.search_vector, q.tsq) AS rank, a.updated_at
            FROM actions a, q
           WHERE a.partnership_id = $1 AND a.search_vector @@ q.tsq AND ${visibilitySql('a', scope, p.bind)}`);
      }
      if (want('EVIDENCE')) {
        parts.push(`
          SELECT 'EVIDENCE', e.id, e.id, e.title,
                 ${clean("e.title || '. ' || e.narrative")},
                 ts_rank(e.search_vector, q.tsq), e.updated_at
            FROM evidence e, q
           WHERE e.partnership_id = $1 AND e.search_vector @@ q.tsq AND ${evidenceVisible('e')}`);
      }
      if (want('HIGHLIGHT_REPORT')) {
        parts.push(`
          SELECT 'HIGHLIGHT_REPORT', hr.id, hr.id, sg.name || ' highlight report, ' || to_char(m.starts_at AT TIME ZONE 'Europe/London', 'FMDD FMMonth YYYY'),
                 ${clean("hr.summary || ' ' || hr.achievements || ' ' || hr.risks_and_issues || ' ' || hr.asks_of_board")},
                 ts_rank(hr.search_vector, q.tsq), hr.updated_at
            FROM highlight_reports hr
            JOIN sub_groups sg ON sg.id = hr.sub_group_id AND sg.partnership_id = hr.partnership_id
            JOIN meetings m ON m.id = hr.meeting_id AND m.partnership_id = hr.partnership_id, q
           WHERE hr.partnership_id = $1 AND hr.search_vector @@ q.tsq AND ${reportVisible('hr')}`);
      }
      if (want('EVIDENCE_COMMENT')) {
        parts.push(`
          SELECT 'EVIDENCE_COMMENT', ec.id, e.id, 'Comment on ' || e.title,
                 ${clean('ec.body')},
                 ts_rank(ec.search_vector, q.tsq), ec.created_at
            FROM evidence_comments ec
            JOIN evidence e ON e.id = ec.evidence_id AND e.partnership_id = ec.partnership_id, q
           WHERE ec.partnership_id = $1 AND ec.search_vector @@ q.tsq AND ${evidenceVisible('e')}`);
      }
      if (want('REPORT_COMMENT')) {
        parts.push(`
          SELECT 'REPORT_COMMENT', hc.id, hr.id, 'Comment on the ' || sg.name || ' highlight report',
                 ${clean('hc.body')},
                 ts_rank(hc.search_vector, q.tsq), hc.created_at
            FROM highlight_report_comments hc
            JOIN highlight_reports hr ON hr.id = hc.report_id AND hr.partnership_id = hc.partnership_id
            JOIN sub_groups sg ON sg.id = hr.sub_group_id AND sg.partnership_id = hr.partnership_id, q
           WHERE hc.partnership_id = $1 AND hc.search_vector @@ q.tsq AND ${reportVisible('hr')}`);
      }
      // Snippets are worked out only for the page returned, not for every match.
      return `
        WITH q AS (SELECT websearch_to_tsquery('english', ${textParam}) AS tsq),
        page AS (
          SELECT hits.*, count(*) OVER () AS total
            FROM (${parts.join('\n UNION ALL \n')}) AS hits (kind, id, record_id, title, doc, rank, updated_at)
           ORDER BY rank DESC, updated_at DESC, id
           LIMIT ${p.bind(limit)} OFFSET ${p.bind(offset)}
        )
        SELECT page.kind, page.id, page.record_id, page.title, ts_headline('english', page.doc, q.tsq, ${HEADLINE_OPTIONS}) AS snippet,
               page.rank, page.updated_at, page.total
          FROM page, q
         ORDER BY page.rank DESC, page.updated_at DESC, page.id`;
    });
  }
}

/** EvidenceRepository's rule in raw SQL: the author, or its visibility and (once submitted, or for the owning agency). */
function evidenceVisibility(alias: string, scope: Scope, bind: Bind): string {
  if (scope.isSecretariat) return 'true';
  return `(${alias}.created_by_user_id = ${bind(scope.actor.userId)}::uuid
    OR (${visibilitySql(alias, scope, bind)} AND (${alias}.status <> 'DRAFT' OR ${alias}.agency_id = ${bind(scope.actor.agencyId)}::uuid)))`;
}

/** HighlightReportRepository's rule in raw SQL: submitted or accepted, or the reader's own sub-group's. */
function reportVisibility(alias: string, scope: Scope, bind: Bind): string {
  if (scope.isSecretariat) return 'true';
  return `(${alias}.status IN ('SUBMITTED','ACCEPTED') OR ${alias}.sub_group_id = ANY(${bind([...scope.actor.subGroups.keys()])}::uuid[]))`;
}
