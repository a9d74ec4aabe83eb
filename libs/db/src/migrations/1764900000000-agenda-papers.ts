import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Papers for the pack: an agenda item may name who is to write its paper, and holds the file
 * once it is in (and when it came in, so a paper after the report deadline shows as late).
 */
export class AgendaPapers1764900000000 implements MigrationInterface {
  name = 'AgendaPapers1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agenda_items
        ADD COLUMN author_user_id uuid,
        ADD COLUMN file_id uuid,
        ADD COLUMN paper_submitted_at timestamptz(3),
        ADD CONSTRAINT agenda_items_author_fk FOREIGN KEY (author_user_id, partnership_id) REFERENCES users(id, partnership_id),
        ADD CONSTRAINT agenda_items_file_fk FOREIGN KEY (file_id) REFERENCES files(id),
        ADD CONSTRAINT agenda_items_paper_check CHECK ((file_id IS NULL) = (paper_submitted_at IS NULL)),
        ADD CONSTRAINT agenda_items_paper_kind_check CHECK (file_id IS NULL OR kind = 'PAPER');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE agenda_items DROP CONSTRAINT agenda_items_paper_kind_check, DROP CONSTRAINT agenda_items_paper_check,
        DROP CONSTRAINT agenda_items_file_fk, DROP CONSTRAINT agenda_items_author_fk,
        DROP COLUMN paper_submitted_at, DROP COLUMN file_id, DROP COLUMN author_user_id;
    `);
  }
}
