import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board meetings (the schedule): when and where, and the day sub-group reports are due.
 * The report deadline is a London calendar day on or before the London day of the meeting.
 */
export class Meetings1764000000000 implements MigrationInterface {
  name = 'Meetings1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        title text NOT NULL DEFAULT 'Partnership board meeting' CHECK (length(title) BETWEEN 1 AND 200),
        starts_at timestamptz(3) NOT NULL,
        location text CHECK (location IS NULL OR length(location) BETWEEN 1 AND 500),
        report_deadline date NOT NULL,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED','HELD','CANCELLED')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (report_deadline <= (starts_at AT TIME ZONE 'Europe/London')::date),
        UNIQUE (id, partnership_id)
      );
      CREATE INDEX meetings_starts_idx ON meetings (partnership_id, starts_at, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE meetings');
  }
}
