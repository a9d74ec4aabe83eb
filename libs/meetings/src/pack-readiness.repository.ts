import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope } from '@pbw/db';

export interface ContributionRow {
  agendaItemId: string;
  kind: 'SUB_GROUP_REPORT' | 'PAPER';
  subGroupId: string | null;
  reportId: string | null;
  reportStatus: string | null;
  reportLate: boolean | null;
  reportSubmittedAt: Date | null;
  authorUserId: string | null;
  authorName: string | null;
  paperSubmittedAt: Date | null;
  paperLate: boolean | null;
}

/**
 * What the pack expects of a meeting's agenda, read across agenda items, highlight reports and
 * people in one statement: each sub-group report item with its report, each paper with its file.
 */
@Injectable()
export class PackReadinessRepository extends ScopedQueries {
  rows(scope: Scope, meetingId: string): Promise<ContributionRow[]> {
    return this.rawScoped(scope, ({ bind }) => {
      const mid = `${bind(meetingId)}::uuid`;
      return `SELECT ai.id AS "agendaItemId", ai.kind, ai.sub_group_id AS "subGroupId",
          r.id AS "reportId", r.status AS "reportStatus", r.late AS "reportLate", r.submitted_at AS "reportSubmittedAt",
          COALESCE(ch.user_id, ai.author_user_id) AS "authorUserId", u.name AS "authorName",
          ai.paper_submitted_at AS "paperSubmittedAt",
          (ai.paper_submitted_at AT TIME ZONE 'Europe/London')::date > m.report_deadline AS "paperLate"
        FROM agenda_items ai
        JOIN meetings m ON m.id = ai.meeting_id AND m.partnership_id = $1
        LEFT JOIN highlight_reports r ON r.partnership_id = $1 AND r.meeting_id = ai.meeting_id AND r.sub_group_id = ai.sub_group_id
        LEFT JOIN sub_group_memberships ch ON ch.partnership_id = $1 AND ch.sub_group_id = ai.sub_group_id AND ch.role = 'CHAIR'
        LEFT JOIN users u ON u.partnership_id = $1 AND u.id = COALESCE(ch.user_id, ai.author_user_id)
        WHERE ai.partnership_id = $1 AND ai.meeting_id = ${mid} AND ai.kind IN ('SUB_GROUP_REPORT','PAPER')`;
    });
  }
}
