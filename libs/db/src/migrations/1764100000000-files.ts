import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files (DESIGN.md §6): the bytes live in FileStorage under a random key; this
 * row says whose they are and what they are. A file is uploaded first and attached to a
 * record (evidence) afterwards, so `attached` is false until then.
 */
export class Files1764100000000 implements MigrationInterface {
  name = 'Files1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        uploaded_by_user_id uuid NOT NULL,
        original_name text NOT NULL CHECK (length(original_name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN (
          'application/pdf',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'text/csv',
          'text/plain',
          'image/png',
          'image/jpeg'
        )),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        attached boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (uploaded_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX files_unattached_idx ON files (created_at) WHERE NOT attached;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE files');
  }
}
