import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publishing packs: a version is published once its public edition's likely personal data has
 * each been cleared by the secretariat (findings kept with who cleared them and why); a later
 * version is a supplement that says what changed. The partnership keeps a list of names to look for.
 */
export class PackPublication1765100000000 implements MigrationInterface {
  name = 'PackPublication1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE board_packs
        ADD COLUMN published_at timestamptz(3),
        ADD COLUMN published_by_user_id uuid,
        ADD COLUMN change_note text CHECK (change_note IS NULL OR length(change_note) BETWEEN 1 AND 2000),
        ADD CONSTRAINT board_packs_published_check CHECK ((published_at IS NULL) = (published_by_user_id IS NULL)),
        ADD CONSTRAINT board_packs_published_done_check CHECK (published_at IS NULL OR status = 'DONE'),
        ADD CONSTRAINT board_packs_publisher_fk FOREIGN KEY (published_by_user_id, partnership_id) REFERENCES users(id, partnership_id);

      CREATE TABLE pack_findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        pack_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('DATE_OF_BIRTH','NHS_NUMBER','POSTCODE','PHONE','EMAIL','NAME')),
        page integer NOT NULL CHECK (page >= 1),
        match text NOT NULL,
        context text NOT NULL,
        cleared_at timestamptz(3),
        cleared_by_user_id uuid,
        clear_note text CHECK (clear_note IS NULL OR length(clear_note) BETWEEN 1 AND 1000),
        CHECK ((cleared_at IS NULL) = (cleared_by_user_id IS NULL)),
        FOREIGN KEY (pack_id, partnership_id) REFERENCES board_packs(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (cleared_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX pack_findings_pack_idx ON pack_findings (partnership_id, pack_id, page);

      CREATE TABLE personal_data_names (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX personal_data_names_uq ON personal_data_names (partnership_id, lower(name));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE personal_data_names;
      DROP TABLE pack_findings;
      ALTER TABLE board_packs DROP CONSTRAINT board_packs_publisher_fk, DROP CONSTRAINT board_packs_published_done_check,
        DROP CONSTRAINT board_packs_published_check, DROP COLUMN change_note, DROP COLUMN published_by_user_id, DROP COLUMN published_at;
    `);
  }
}
