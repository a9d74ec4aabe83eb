import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope } from '@pbw/db';

export interface ReportRow {
  subGroupId: string;
  subGroupName: string;
  status: string;
  late: boolean;
  summary: string;
  achievements: string;
  risksAndIssues: string;
  asksOfBoard: string;
  snapshot: {
    total: number;
    overdue: number;
    percentComplete: number;
    rag: { red: number; amber: number; green: number; blue: number };
    actions: Array<{ title: string; ownerName: string; dueDate: string; displayRag: string; isOverdue: boolean }>;
  } | null;
}

export interface IndicatorRow {
  code: string;
  name: string;
  unit: string;
  polarity: string;
  target: number | null;
  amberTolerance: number;
  periodLabel: string | null;
  value: number | null;
  england: number | null;
}

export interface CommitmentRow {
  agencyName: string;
  title: string;
  status: string;
  rag: string;
  dueDate: string | null;
}

export interface VoiceRow {
  raisedOn: string;
  raisingGroup: string;
  issue: string;
  response: string | null;
  status: string;
}

export interface ActionLogRow {
  title: string;
  ownerName: string;
  dueDate: string;
  status: string;
  note: string;
}

export interface PaperRow {
  agendaItemId: string;
  originalName: string;
  contentType: string;
  storageKey: string;
}

/**
 * What a board pack shows, read at compile time in the meeting's partnership. Each read is
 * restricted to the partnership ($1); the pack shows what the board may see (the system's view),
 * and exempt items are left out of the public edition when the pack is laid out.
 */
@Injectable()
export class PackDataRepository extends ScopedQueries {
  reports(scope: Scope, meetingId: string): Promise<ReportRow[]> {
    return this.rawScoped(
      scope,
      ({ bind }) => `SELECT r.sub_group_id AS "subGroupId", sg.name AS "subGroupName", r.status, r.late, r.summary, r.achievements,
          r.risks_and_issues AS "risksAndIssues", r.asks_of_board AS "asksOfBoard", r.snapshot
        FROM highlight_reports r JOIN sub_groups sg ON sg.id = r.sub_group_id AND sg.partnership_id = $1
        WHERE r.partnership_id = $1 AND r.meeting_id = ${bind(meetingId)}::uuid AND r.status IN ('SUBMITTED','ACCEPTED')`,
    );
  }

  papers(scope: Scope, meetingId: string): Promise<PaperRow[]> {
    return this.rawScoped(
      scope,
      ({
        bind,
      }) => `SELECT ai.id AS "agendaItemId", f.original_name AS "originalName", f.content_type AS "contentType", f.storage_key AS "storageKey"
        FROM agenda_items ai JOIN files f ON f.id = ai.file_id AND f.partnership_id = $1
        WHERE ai.partnership_id = $1 AND ai.meeting_id = ${bind(meetingId)}::uuid`,
    );
  }

  /** Each indicator in use, with its latest local figure and England's for the same period. */
  indicators(scope: Scope): Promise<IndicatorRow[]> {
    return this.rawScoped(
      scope,
      () => `SELECT i.code, i.name, i.unit, i.polarity, i.target::float AS target, i.amber_tolerance::float AS "amberTolerance",
          v.period_label AS "periodLabel", v.value::float AS value, e.value::float AS england
        FROM indicators i
        LEFT JOIN LATERAL (SELECT * FROM indicator_values x WHERE x.partnership_id = $1 AND x.indicator_id = i.id AND x.area = 'LOCAL'
          ORDER BY x.period_end DESC LIMIT 1) v ON true
        LEFT JOIN indicator_values e ON e.partnership_id = $1 AND e.indicator_id = i.id AND e.area = 'ENGLAND' AND e.period_end = v.period_end
        WHERE i.partnership_id = $1 AND i.retired_at IS NULL ORDER BY i.code`,
    );
  }

  commitments(scope: Scope): Promise<CommitmentRow[]> {
    return this.rawScoped(
      scope,
      () => `SELECT a.name AS "agencyName", c.title, c.status, c.rag, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate"
        FROM commitments c JOIN agencies a ON a.id = c.agency_id AND a.partnership_id = $1
        WHERE c.partnership_id = $1 AND c.status <> 'CANCELLED' ORDER BY a.name, c.title`,
    );
  }

  /** Voice items still open, and those answered in the last year. */
  voice(scope: Scope): Promise<VoiceRow[]> {
    return this.rawScoped(
      scope,
      () => `SELECT to_char(v.raised_on, 'YYYY-MM-DD') AS "raisedOn", v.raising_group AS "raisingGroup", v.issue, v.response, v.status
        FROM voice_items v
        WHERE v.partnership_id = $1 AND (v.status = 'OPEN' OR v.responded_at > now() - interval '1 year')
        ORDER BY v.raised_on DESC`,
    );
  }

  principlesFramework(scope: Scope): Promise<Array<{ id: string; name: string }>> {
    return this.rawScoped(
      scope,
      () =>
        `SELECT f.id, f.name FROM frameworks f WHERE f.partnership_id = $1 AND f.kind = 'PRINCIPLES' AND f.retired_at IS NULL ORDER BY f.created_at LIMIT 1`,
    );
  }

  partnershipName(scope: Scope): Promise<Array<{ name: string }>> {
    return this.rawScoped(scope, () => `SELECT p.name FROM partnerships p WHERE p.id = $1`);
  }
}
