import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope } from '@pbw/db';

/** What an event's notification needs of its record, read only if the event still stands. */
@Injectable()
export class EventSourcesRepository extends ScopedQueries {
  /** Evidence that is (still) returned to its author. */
  async returnedEvidence(
    scope: Scope,
    id: string,
  ): Promise<{ id: string; title: string; authorUserId: string; returnComment: string | null } | null> {
    const rows = await this.rawScoped<{ id: string; title: string; authorUserId: string; returnComment: string | null }>(
      scope,
      ({ bind }) => `SELECT e.id, e.title, e.created_by_user_id AS "authorUserId", e.return_comment AS "returnComment"
        FROM evidence e WHERE e.partnership_id = $1 AND e.id = ${bind(id)}::uuid AND e.status = 'RETURNED'`,
    );
    return rows[0] ?? null;
  }

  /** A report or paper the pack expects and which is still not in, with its meeting. */
  async outstandingContribution(
    scope: Scope,
    agendaItemId: string,
  ): Promise<{
    title: string;
    kind: string;
    subGroupId: string | null;
    authorUserId: string | null;
    meetingId: string;
    meetingTitle: string;
    deadline: string;
  } | null> {
    const rows = await this.rawScoped<{
      title: string;
      kind: string;
      subGroupId: string | null;
      authorUserId: string | null;
      meetingId: string;
      meetingTitle: string;
      deadline: string;
    }>(
      scope,
      ({ bind }) => `SELECT ai.title, ai.kind, ai.sub_group_id AS "subGroupId", ai.author_user_id AS "authorUserId", m.id AS "meetingId",
          m.title AS "meetingTitle", to_char(m.report_deadline, 'YYYY-MM-DD') AS deadline
        FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id AND m.partnership_id = $1 AND m.status = 'PLANNED'
        WHERE ai.partnership_id = $1 AND ai.id = ${bind(agendaItemId)}::uuid
          AND ((ai.kind = 'PAPER' AND ai.file_id IS NULL)
            OR (ai.kind = 'SUB_GROUP_REPORT' AND NOT EXISTS (SELECT 1 FROM highlight_reports r WHERE r.partnership_id = $1
              AND r.meeting_id = m.id AND r.sub_group_id = ai.sub_group_id AND r.status IN ('SUBMITTED','ACCEPTED'))))`,
    );
    return rows[0] ?? null;
  }

  /** A published pack version, with its meeting and whether it is a supplement. */
  async publishedPack(
    scope: Scope,
    packId: string,
  ): Promise<{ version: number; meetingId: string; meetingTitle: string; changeNote: string | null; supplement: boolean } | null> {
    const rows = await this.rawScoped<{
      version: number;
      meetingId: string;
      meetingTitle: string;
      changeNote: string | null;
      supplement: boolean;
    }>(
      scope,
      ({ bind }) => `SELECT bp.version, m.id AS "meetingId", m.title AS "meetingTitle", bp.change_note AS "changeNote",
          EXISTS (SELECT 1 FROM board_packs o WHERE o.partnership_id = $1 AND o.meeting_id = bp.meeting_id AND o.id <> bp.id
            AND o.published_at < bp.published_at) AS supplement
        FROM board_packs bp JOIN meetings m ON m.id = bp.meeting_id AND m.partnership_id = $1
        WHERE bp.partnership_id = $1 AND bp.id = ${bind(packId)}::uuid AND bp.published_at IS NOT NULL`,
    );
    return rows[0] ?? null;
  }
}
