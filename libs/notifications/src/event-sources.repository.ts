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
}
