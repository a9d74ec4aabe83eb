import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity, boards and audit. Timestamps keep milliseconds (timestamptz(3)), the precision
 * a JavaScript Date and so a pagination cursor has; finer precision would make cursors skip rows. Every tenant table carries partnership_id, and references
 * between tenant tables are composite (id, partnership_id) foreign keys, so the database
 * itself refuses a row that points into another partnership.
 */
export class Identity1763800000000 implements MigrationInterface {
  name = 'Identity1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partnerships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        slug text NOT NULL UNIQUE,
        local_authority text NOT NULL,
        description text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );

      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name text NOT NULL,
        sector text NOT NULL CHECK (sector IN ('LOCAL_AUTHORITY','HEALTH','EDUCATION','HOUSING','POLICE','YOUTH_JUSTICE','PROBATION','DWP','VOLUNTARY','CHILDREN_IN_CARE_COUNCIL','OTHER')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id)
      );
      CREATE UNIQUE INDEX agencies_name_uq ON agencies (partnership_id, lower(name));

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        agency_id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        job_title text,
        role text NOT NULL CHECK (role IN ('SECRETARIAT','BOARD_MEMBER','MEMBER')),
        status text NOT NULL CHECK (status IN ('INVITED','ACTIVE','DEACTIVATED')),
        password_hash text,
        activated_at timestamptz(3),
        deactivated_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (agency_id, partnership_id) REFERENCES agencies(id, partnership_id)
      );
      CREATE UNIQUE INDEX users_email_uq ON users (partnership_id, email);
      CREATE INDEX users_email_idx ON users (email);
      CREATE INDEX users_agency_idx ON users (partnership_id, agency_id);

      CREATE TABLE boards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name text NOT NULL,
        terms_of_reference text,
        chair_user_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        UNIQUE (partnership_id),
        FOREIGN KEY (chair_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );

      CREATE TABLE sub_groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        board_id uuid NOT NULL,
        name text NOT NULL,
        remit text NOT NULL DEFAULT '',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (board_id, partnership_id) REFERENCES boards(id, partnership_id)
      );
      CREATE UNIQUE INDEX sub_groups_name_uq ON sub_groups (partnership_id, lower(name));

      CREATE TABLE sub_group_memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        sub_group_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('CHAIR','MEMBER')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (sub_group_id, user_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      -- One chair per sub-group: naming a new chair demotes the old one in the same transaction.
      CREATE UNIQUE INDEX sub_group_one_chair_uq ON sub_group_memberships (sub_group_id) WHERE role = 'CHAIR';
      CREATE INDEX sub_group_memberships_user_idx ON sub_group_memberships (partnership_id, user_id);

      CREATE TABLE auth_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        user_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('INVITATION','PASSWORD_RESET')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        revoked_at timestamptz(3),
        expired_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX auth_tokens_open_idx ON auth_tokens (expires_at) WHERE used_at IS NULL AND revoked_at IS NULL AND expired_at IS NULL;

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz(3) NOT NULL,
        used_at timestamptz(3),
        revoked_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

      -- Failed sign-ins happen before anyone is known to belong to a partnership, so this
      -- security log is the one table without partnership_id. It holds no passwords.
      CREATE TABLE sign_in_failures (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        address text NOT NULL,
        at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX sign_in_failures_email_idx ON sign_in_failures (email, at);
      CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, at);

      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        kind text NOT NULL,
        to_email text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        sent_at timestamptz(3)
      );
      CREATE INDEX outbox_unsent_idx ON outbox_messages (created_at) WHERE sent_at IS NULL;

      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        actor_user_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        request_id text,
        occurred_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX audit_events_time_idx ON audit_events (partnership_id, occurred_at DESC, id DESC);
      CREATE INDEX audit_events_entity_idx ON audit_events (partnership_id, entity_type, entity_id);
      CREATE INDEX audit_events_actor_idx ON audit_events (partnership_id, actor_user_id);

      -- The audit trail is append-only: the database refuses to change or remove history.
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_events; DROP FUNCTION audit_events_append_only();
      DROP TABLE outbox_messages; DROP TABLE sign_in_failures; DROP TABLE refresh_tokens; DROP TABLE auth_tokens;
      DROP TABLE sub_group_memberships; DROP TABLE sub_groups; DROP TABLE boards; DROP TABLE users; DROP TABLE agencies; DROP TABLE partnerships;
    `);
  }
}
