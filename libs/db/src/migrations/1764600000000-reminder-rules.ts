import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder rules the secretariat can change (a missing row means the default), which digest a
 * notification waits for, and each person's revocable calendar feed (only its token's hash is kept).
 */
export class ReminderRules1764600000000 implements MigrationInterface {
  name = 'ReminderRules1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reminder_rules (
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        kind text NOT NULL CHECK (kind IN ('ACTION_DUE','ACTION_OVERDUE','REPORT_DEADLINE','REPORT_LATE','EVIDENCE_RETURNED',
          'COMMITMENT_REVIEW_DUE','VOICE_RESPONSE_DUE','PACK_PUBLISHED')),
        enabled boolean NOT NULL,
        -- Days (working days for report deadlines) before the date, 0 being the day itself.
        days_before integer[] NOT NULL DEFAULT '{}' CHECK (cardinality(days_before) <= 10 AND 0 <= ALL (days_before) AND 365 >= ALL (days_before)),
        repeat_every_days integer CHECK (repeat_every_days BETWEEN 1 AND 90),
        chair_after_days integer CHECK (chair_after_days BETWEEN 1 AND 365),
        secretariat_after_days integer CHECK (secretariat_after_days BETWEEN 1 AND 365),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (partnership_id, kind)
      );

      ALTER TABLE notifications ADD COLUMN digest text CHECK (digest IN ('DAILY','WEEKLY'));
      ALTER TABLE notifications ADD CONSTRAINT notifications_digest_check2 CHECK ((email_status = 'DIGEST') <= (digest IS NOT NULL));

      -- The one-time link of an invitation or reset, kept apart so the e-mail can make it a button; cleared once sent.
      ALTER TABLE outbox_messages ADD COLUMN link text;

      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz(3),
        last_used_at timestamptz(3),
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      -- One live feed per person: making a new one revokes the old.
      CREATE UNIQUE INDEX calendar_feeds_live_idx ON calendar_feeds (user_id) WHERE revoked_at IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE calendar_feeds;
      ALTER TABLE outbox_messages DROP COLUMN link;
      ALTER TABLE notifications DROP CONSTRAINT notifications_digest_check2;
      ALTER TABLE notifications DROP COLUMN digest;
      DROP TABLE reminder_rules;
    `);
  }
}
