import { Injectable } from '@nestjs/common';
import { ScopedQueries, ScopedRepository, type Scope, type TxScope } from '@pbw/db';
import { type AttendanceStatus, BoardActionEntity, type BoardActionStatus } from './meeting-records.entities';
import type { AttendanceType } from './meeting-records.dto';

@Injectable()
export class BoardActionRepository extends ScopedRepository<BoardActionEntity> {
  protected readonly entity = BoardActionEntity;
  protected readonly alias = 'ba';

  list(scope: Scope, status?: BoardActionStatus): Promise<BoardActionEntity[]> {
    const qb = this.select(scope);
    if (status) qb.andWhere('ba.status = :status', { status });
    return qb.orderBy('ba.due_date').addOrderBy('ba.created_at').getMany();
  }

  /**
   * The action log as it stands at a meeting: actions raised at earlier meetings that are still
   * open, or were closed since the meeting before it (so the board sees them done).
   */
  logFor(scope: Scope, meeting: { id: string; startsAt: Date }, previousStartsAt: Date | null): Promise<BoardActionEntity[]> {
    return this.select(scope)
      .innerJoin('meetings', 'bm', 'bm.id = ba.meeting_id AND bm.partnership_id = ba.partnership_id')
      .andWhere('bm.starts_at < :at', { at: meeting.startsAt })
      .andWhere(previousStartsAt ? "(ba.status = 'OPEN' OR ba.closed_at >= :prev)" : "ba.status = 'OPEN'", { prev: previousStartsAt })
      .orderBy('ba.due_date')
      .addOrderBy('ba.created_at')
      .getMany();
  }
}

/** Who attended a meeting, with their agency; replaced whole when the secretariat records it. */
@Injectable()
export class AttendanceRepository extends ScopedQueries {
  forMeeting(scope: Scope, meetingId: string): Promise<AttendanceType[]> {
    return this.rawScoped(
      scope,
      ({ bind }) => `SELECT a.user_id AS "userId", u.name, u.agency_id AS "agencyId", ag.name AS "agencyName", a.status
        FROM meeting_attendance a
        JOIN users u ON u.id = a.user_id AND u.partnership_id = $1
        JOIN agencies ag ON ag.id = u.agency_id AND ag.partnership_id = $1
        WHERE a.partnership_id = $1 AND a.meeting_id = ${bind(meetingId)}::uuid
        ORDER BY ag.name, u.name`,
    );
  }

  async replace(tx: TxScope, meetingId: string, entries: ReadonlyArray<{ userId: string; status: AttendanceStatus }>): Promise<void> {
    await this.rawScoped(
      tx,
      ({ bind }) => `DELETE FROM meeting_attendance WHERE partnership_id = $1 AND meeting_id = ${bind(meetingId)}::uuid RETURNING user_id`,
    );
    if (!entries.length) return;
    await this.rawScoped(
      tx,
      ({ bind }) => `INSERT INTO meeting_attendance (partnership_id, meeting_id, user_id, status)
        SELECT $1, ${bind(meetingId)}::uuid, e.user_id, e.status
        FROM unnest(${bind(entries.map((e) => e.userId))}::uuid[], ${bind(entries.map((e) => e.status))}::text[]) AS e(user_id, status)
        RETURNING user_id`,
    );
  }
}
