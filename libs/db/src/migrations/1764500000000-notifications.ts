import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: one row per recipient per reminder or event, made unique by a dedupe key so a
 * retried or duplicated job never notifies twice; and each person's choice, per kind, of at
 * once, a daily or weekly digest, or off.
 */
export class Notifications1764500000000 implements MigrationInterface {
  name = 'Notifications1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACTION_DUE','ACTION_OVERDUE','REPORT_DEADLINE','REPORT_LATE','EVIDENCE_RETURNED',
          'COMMITMENT_REVIEW_DUE','VOICE_RESPONSE_DUE','PACK_PUBLISHED','INVITATION','PASSWORD_RESET')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        body text NOT NULL DEFAULT '' CHECK (length(body) <= 5000),
        -- A path in the web app, such as /actions/<id>.
        link text CHECK (link IS NULL OR link ~ '^/'),
        dedupe_key text NOT NULL CHECK (length(dedupe_key) BETWEEN 1 AND 300),
        -- NONE: in the app only; PENDING: to be e-mailed at once; DIGEST: waits for the person's digest; SENT: e-mailed.
        email_status text NOT NULL CHECK (email_status IN ('NONE','PENDING','DIGEST','SENT')),
        emailed_at timestamptz(3),
        read_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((email_status = 'SENT') = (emailed_at IS NOT NULL)),
        UNIQUE (partnership_id, dedupe_key),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX notifications_user_idx ON notifications (partnership_id, user_id, created_at DESC, id);
      CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;
      CREATE INDEX notifications_email_idx ON notifications (partnership_id, email_status) WHERE email_status IN ('PENDING','DIGEST');

      CREATE TABLE notification_preferences (
        partnership_id uuid NOT NULL,
        user_id uuid NOT NULL,
        kind text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('IMMEDIATE','DAILY','WEEKLY','OFF')),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind),
        -- Security e-mails (invitations, password resets) cannot be turned off or delayed.
        CHECK (kind NOT IN ('INVITATION','PASSWORD_RESET') OR mode = 'IMMEDIATE'),
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE notification_preferences;
      DROP TABLE notifications;
    `);
  }
}
