import { Injectable } from '@nestjs/common';
import { ScopedQueries, type Scope } from '@pbw/db';
import type { DatedRecord, ReminderRecordType } from './reminder-rules';

export interface ReminderSubject extends DatedRecord {
  title: string;
  /** The people each kind of reminder goes to, resolved from the record. */
  ownerUserId: string | null;
  subGroupId: string | null;
  agencyId: string | null;
  link: string;
}

export interface Recipient {
  userId: string;
  /** For a chair: the sub-group they chair. */
  subGroupId?: string;
}

const OPEN_ACTION = "('NOT_STARTED','IN_PROGRESS')";

/**
 * What a reminder needs to know of the record it is about, and who hears: read in one place for
 * actions, meetings, commitments and voice items, each restricted to the scope's partnership.
 * Only active users are ever recipients.
 */
@Injectable()
export class ReminderRecordsRepository extends ScopedQueries {
  async subject(scope: Scope, type: ReminderRecordType, id: string): Promise<ReminderSubject | null> {
    const rows = await this.rawScoped<ReminderSubject>(scope, ({ bind }) => {
      const rid = `${bind(id)}::uuid`;
      switch (type) {
        case 'ACTION':
          return `SELECT 'ACTION' AS type, a.id, a.title, to_char(a.due_date,'YYYY-MM-DD') AS date,
              (a.status IN ${OPEN_ACTION} AND wp.status = 'ACTIVE') AS open, a.owner_user_id AS "ownerUserId",
              a.sub_group_id AS "subGroupId", a.lead_agency_id AS "agencyId", '/actions/' || a.id AS link
            FROM actions a JOIN work_plans wp ON wp.id = a.work_plan_id AND wp.partnership_id = $1
            WHERE a.partnership_id = $1 AND a.id = ${rid}`;
        case 'MEETING':
          return `SELECT 'MEETING' AS type, m.id, m.title, to_char(m.report_deadline,'YYYY-MM-DD') AS date,
              (m.status = 'PLANNED') AS open, NULL AS "ownerUserId", NULL AS "subGroupId", NULL AS "agencyId", '/meetings/' || m.id AS link
            FROM meetings m WHERE m.partnership_id = $1 AND m.id = ${rid}`;
        case 'COMMITMENT':
          return `SELECT 'COMMITMENT' AS type, c.id, c.title, to_char(c.review_date,'YYYY-MM-DD') AS date,
              (c.status IN ${OPEN_ACTION}) AS open, NULL AS "ownerUserId", c.sub_group_id AS "subGroupId", c.agency_id AS "agencyId",
              '/commitments/' || c.id AS link
            FROM commitments c WHERE c.partnership_id = $1 AND c.id = ${rid}`;
        case 'VOICE_ITEM':
          return `SELECT 'VOICE_ITEM' AS type, v.id, v.issue AS title, to_char(v.response_due,'YYYY-MM-DD') AS date,
              (v.status = 'OPEN') AS open, NULL AS "ownerUserId", v.assigned_sub_group_id AS "subGroupId",
              v.assigned_agency_id AS "agencyId", '/voice/' || v.id AS link
            FROM voice_items v WHERE v.partnership_id = $1 AND v.id = ${rid}`;
      }
    });
    return rows[0] ?? null;
  }

  /** The sub-groups whose highlight report for a meeting is not in (none yet, a draft, or returned). */
  missingReports(scope: Scope, meetingId: string): Promise<Array<{ subGroupId: string; name: string }>> {
    return this.rawScoped(
      scope,
      ({ bind }) => `SELECT sg.id AS "subGroupId", sg.name FROM sub_groups sg
        WHERE sg.partnership_id = $1 AND NOT EXISTS (
          SELECT 1 FROM highlight_reports r WHERE r.partnership_id = $1 AND r.sub_group_id = sg.id
            AND r.meeting_id = ${bind(meetingId)}::uuid AND r.status IN ('SUBMITTED','ACCEPTED'))
        ORDER BY sg.name`,
    );
  }

  activeUsers(scope: Scope, ids: readonly string[]): Promise<Recipient[]> {
    return this.rawScoped(
      scope,
      ({ bind }) =>
        `SELECT u.id AS "userId" FROM users u WHERE u.partnership_id = $1 AND u.status = 'ACTIVE' AND u.id = ANY(${bind(ids)}::uuid[]) ORDER BY u.email`,
    );
  }

  chairs(scope: Scope, subGroupIds: readonly string[]): Promise<Recipient[]> {
    return this.rawScoped(
      scope,
      ({ bind }) => `SELECT u.id AS "userId", m.sub_group_id AS "subGroupId" FROM sub_group_memberships m
        JOIN users u ON u.id = m.user_id AND u.partnership_id = $1 AND u.status = 'ACTIVE'
        WHERE m.partnership_id = $1 AND m.role = 'CHAIR' AND m.sub_group_id = ANY(${bind(subGroupIds)}::uuid[]) ORDER BY u.email`,
    );
  }

  withRole(scope: Scope, role: 'SECRETARIAT' | 'BOARD_MEMBER'): Promise<Recipient[]> {
    return this.rawScoped(
      scope,
      ({ bind }) =>
        `SELECT u.id AS "userId" FROM users u WHERE u.partnership_id = $1 AND u.status = 'ACTIVE' AND u.role = ${bind(role)} ORDER BY u.email`,
    );
  }

  ofAgency(scope: Scope, agencyId: string): Promise<Recipient[]> {
    return this.rawScoped(
      scope,
      ({ bind }) =>
        `SELECT u.id AS "userId" FROM users u WHERE u.partnership_id = $1 AND u.status = 'ACTIVE' AND u.agency_id = ${bind(agencyId)}::uuid ORDER BY u.email`,
    );
  }
}
