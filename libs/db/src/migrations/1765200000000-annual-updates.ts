import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The annual update: a report for a financial year in the shape councils send to cabinet
 * (achievements, what was slower, figures against comparators, you said we did), generated
 * as a draft of sections the secretariat amends before exporting it.
 */
export class AnnualUpdates1765200000000 implements MigrationInterface {
  name = 'AnnualUpdates1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE annual_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        -- [{ heading, body }]: plain text; a line starting "- " is a bullet.
        sections jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        generated_at timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (partnership_id, period)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE annual_updates');
  }
}
