import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A meeting's agenda: numbered items (1, 2, 2.1 ...), each a kind of business, with its
 * presenter and time, public or exempt. An exempt item names the paragraph of Schedule 12A to
 * the Local Government Act 1972 that makes it so, and the public pack shows that in its place.
 */
export class Agenda1764700000000 implements MigrationInterface {
  name = 'Agenda1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE agenda_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        meeting_id uuid NOT NULL,
        -- One level of sub-items: 2.1 sits under 2.
        parent_id uuid REFERENCES agenda_items(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('SUB_GROUP_REPORT','PAPER','SCORECARD','COMMITMENTS','PRINCIPLES','VOICE','ACTION_LOG','OTHER')),
        sub_group_id uuid,
        presenter text CHECK (presenter IS NULL OR length(presenter) BETWEEN 1 AND 200),
        -- London time of day, HH:MM.
        starts_at text CHECK (starts_at IS NULL OR starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 480),
        exempt boolean NOT NULL DEFAULT false,
        exempt_paragraph integer CHECK (exempt_paragraph BETWEEN 1 AND 7),
        exempt_reason text CHECK (exempt_reason IS NULL OR length(exempt_reason) BETWEEN 1 AND 1000),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (exempt = (exempt_paragraph IS NOT NULL)),
        CHECK (exempt OR exempt_reason IS NULL),
        CHECK ((kind = 'SUB_GROUP_REPORT') = (sub_group_id IS NOT NULL)),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (meeting_id, partnership_id) REFERENCES meetings(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id)
      );
      CREATE INDEX agenda_items_meeting_idx ON agenda_items (partnership_id, meeting_id, parent_id, position);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE agenda_items');
  }
}
