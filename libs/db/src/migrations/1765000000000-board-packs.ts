import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board packs: each compile of a meeting's pack is a version, made by a job in the worker and
 * then never changed; it holds both editions (members' and public), each with its sha256.
 */
export class BoardPacks1765000000000 implements MigrationInterface {
  name = 'BoardPacks1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_packs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        meeting_id uuid NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('QUEUED','RUNNING','DONE','FAILED','CANCELLED')),
        progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        step text NOT NULL DEFAULT '',
        error text,
        members_key text,
        members_sha256 text CHECK (members_sha256 IS NULL OR members_sha256 ~ '^[0-9a-f]{64}$'),
        members_pages integer,
        public_key text,
        public_sha256 text CHECK (public_sha256 IS NULL OR public_sha256 ~ '^[0-9a-f]{64}$'),
        public_pages integer,
        requested_by_user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        started_at timestamptz(3),
        finished_at timestamptz(3),
        CHECK ((status = 'DONE') = (members_sha256 IS NOT NULL AND public_sha256 IS NOT NULL)),
        UNIQUE (meeting_id, version),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (meeting_id, partnership_id) REFERENCES meetings(id, partnership_id),
        FOREIGN KEY (requested_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE board_packs');
  }
}
