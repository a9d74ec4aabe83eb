import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a meeting records once it sits: who attended (present, apologies, absent), the minutes and
 * decisions of each agenda item, and the board actions arising, which carry from meeting to
 * meeting until they are closed.
 */
export class MeetingRecords1764800000000 implements MigrationInterface {
  name = 'MeetingRecords1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting_attendance (
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        meeting_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('PRESENT','APOLOGIES','ABSENT')),
        PRIMARY KEY (meeting_id, user_id),
        FOREIGN KEY (meeting_id, partnership_id) REFERENCES meetings(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );

      ALTER TABLE agenda_items
        ADD COLUMN minutes text NOT NULL DEFAULT '' CHECK (length(minutes) <= 20000),
        ADD COLUMN decisions text NOT NULL DEFAULT '' CHECK (length(decisions) <= 5000);

      CREATE TABLE board_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        -- The meeting it arose at, and the item, if it is still on the agenda.
        meeting_id uuid NOT NULL,
        agenda_item_id uuid REFERENCES agenda_items(id) ON DELETE SET NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        owner_user_id uuid NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('OPEN','COMPLETE','CANCELLED')),
        note text NOT NULL DEFAULT '' CHECK (length(note) <= 5000),
        closed_at timestamptz(3),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((status = 'OPEN') = (closed_at IS NULL)),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (meeting_id, partnership_id) REFERENCES meetings(id, partnership_id),
        FOREIGN KEY (owner_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX board_actions_open_idx ON board_actions (partnership_id, status, due_date);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE board_actions;
      ALTER TABLE agenda_items DROP COLUMN decisions, DROP COLUMN minutes;
      DROP TABLE meeting_attendance;
    `);
  }
}
