import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Frameworks (what work is tagged against) and sub-group work plans: objectives, actions
 * and their progress updates. Every partnership gets the seven statutory corporate
 * parenting principles as a built-in, read-only framework: a trigger adds it to each new
 * partnership, and this migration adds it to the ones that exist.
 */
export class WorkPlans1763900000000 implements MigrationInterface {
  name = 'WorkPlans1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE frameworks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('PRINCIPLES','PROMISES','OUTCOME_AREAS','PRIORITIES','OTHER')),
        description text NOT NULL DEFAULT '',
        built_in boolean NOT NULL DEFAULT false,
        retired_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id)
      );
      CREATE UNIQUE INDEX frameworks_name_uq ON frameworks (partnership_id, lower(name));

      CREATE TABLE framework_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        framework_id uuid NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL,
        retired_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (framework_id, partnership_id) REFERENCES frameworks(id, partnership_id)
      );
      CREATE UNIQUE INDEX framework_items_code_uq ON framework_items (framework_id, lower(code));

      CREATE TABLE work_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        sub_group_id uuid NOT NULL,
        title text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT','ACTIVE','CLOSED')),
        rolled_from_plan_id uuid,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (rolled_from_plan_id, partnership_id) REFERENCES work_plans(id, partnership_id)
      );
      -- One active plan per sub-group at a time.
      CREATE UNIQUE INDEX work_plans_one_active_uq ON work_plans (sub_group_id) WHERE status = 'ACTIVE';

      CREATE TABLE objectives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        work_plan_id uuid NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (work_plan_id, partnership_id) REFERENCES work_plans(id, partnership_id)
      );
      CREATE INDEX objectives_plan_idx ON objectives (work_plan_id, position);

      CREATE TABLE actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        work_plan_id uuid NOT NULL,
        objective_id uuid NOT NULL,
        sub_group_id uuid NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        owner_user_id uuid NOT NULL,
        lead_agency_id uuid NOT NULL,
        start_date date,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','COMPLETE','CANCELLED')),
        rag text NOT NULL CHECK (rag IN ('RED','AMBER','GREEN')),
        success_measure text NOT NULL DEFAULT '',
        visibility text NOT NULL CHECK (visibility IN ('PARTNERSHIP','SUB_GROUP','AGENCY','RESTRICTED')),
        -- Visibility AGENCY means the lead agency (plus the secretariat).
        agency_id uuid GENERATED ALWAYS AS (lead_agency_id) STORED,
        restricted_user_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        rolled_from_action_id uuid,
        last_update_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (start_date IS NULL OR due_date >= start_date),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (work_plan_id, partnership_id) REFERENCES work_plans(id, partnership_id),
        FOREIGN KEY (objective_id, partnership_id) REFERENCES objectives(id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (owner_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (lead_agency_id, partnership_id) REFERENCES agencies(id, partnership_id),
        FOREIGN KEY (rolled_from_action_id, partnership_id) REFERENCES actions(id, partnership_id)
      );
      CREATE INDEX actions_plan_idx ON actions (work_plan_id, objective_id);
      CREATE INDEX actions_owner_idx ON actions (partnership_id, owner_user_id);
      CREATE INDEX actions_lead_agency_idx ON actions (partnership_id, lead_agency_id);
      CREATE INDEX actions_due_idx ON actions (partnership_id, due_date);

      CREATE TABLE action_supporting_agencies (
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        action_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        PRIMARY KEY (action_id, agency_id),
        FOREIGN KEY (action_id, partnership_id) REFERENCES actions(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (agency_id, partnership_id) REFERENCES agencies(id, partnership_id)
      );

      CREATE TABLE action_framework_items (
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        action_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        PRIMARY KEY (action_id, framework_item_id),
        FOREIGN KEY (action_id, partnership_id) REFERENCES actions(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id)
      );
      CREATE INDEX action_framework_items_item_idx ON action_framework_items (framework_item_id);

      CREATE TABLE action_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        action_id uuid NOT NULL,
        author_user_id uuid NOT NULL,
        update_date date NOT NULL,
        narrative text NOT NULL,
        status text NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','COMPLETE','CANCELLED')),
        rag text NOT NULL CHECK (rag IN ('RED','AMBER','GREEN')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (action_id, partnership_id) REFERENCES actions(id, partnership_id),
        FOREIGN KEY (author_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX action_updates_action_idx ON action_updates (action_id, update_date, created_at);

      -- The seven corporate parenting principles, Children and Social Work Act 2017 s.1(1)(a) to (g).
      CREATE FUNCTION add_statutory_principles(pid uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE fid uuid;
      BEGIN
        INSERT INTO frameworks (partnership_id, name, kind, description, built_in)
        VALUES (pid, 'Corporate parenting principles', 'PRINCIPLES',
          'The seven corporate parenting principles of the Children and Social Work Act 2017, section 1(1).', true)
        RETURNING id INTO fid;
        INSERT INTO framework_items (partnership_id, framework_id, code, title, position) VALUES
          (pid, fid, 'CPP-A', 'to act in the best interests, and promote the physical and mental health and wellbeing, of those children and young people', 1),
          (pid, fid, 'CPP-B', 'to encourage those children and young people to express their views, wishes and feelings', 2),
          (pid, fid, 'CPP-C', 'to take into account the views, wishes and feelings of those children and young people', 3),
          (pid, fid, 'CPP-D', 'to help those children and young people gain access to, and make the best use of, services provided by the local authority and its relevant partners', 4),
          (pid, fid, 'CPP-E', 'to promote high aspirations, and seek to secure the best outcomes, for those children and young people', 5),
          (pid, fid, 'CPP-F', 'for those children and young people to be safe, and for stability in their home lives, relationships and education or work', 6),
          (pid, fid, 'CPP-G', 'to prepare those children and young people for adulthood and independent living', 7);
      END $$;

      CREATE FUNCTION partnerships_add_principles() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM add_statutory_principles(NEW.id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER partnerships_principles AFTER INSERT ON partnerships
        FOR EACH ROW EXECUTE FUNCTION partnerships_add_principles();

      SELECT add_statutory_principles(id) FROM partnerships;

      -- The built-in framework and its items are read-only, whoever asks.
      CREATE FUNCTION frameworks_built_in_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.built_in THEN
          RAISE EXCEPTION 'the statutory principles framework is read-only';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE FUNCTION framework_items_built_in_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM frameworks f WHERE f.id = OLD.framework_id AND f.built_in) THEN
          RAISE EXCEPTION 'the statutory principles are read-only';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER frameworks_read_only BEFORE UPDATE OR DELETE ON frameworks
        FOR EACH ROW EXECUTE FUNCTION frameworks_built_in_read_only();
      CREATE TRIGGER framework_items_read_only BEFORE UPDATE OR DELETE ON framework_items
        FOR EACH ROW EXECUTE FUNCTION framework_items_built_in_read_only();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER partnerships_principles ON partnerships;
      DROP FUNCTION partnerships_add_principles();
      DROP TABLE action_updates; DROP TABLE action_framework_items; DROP TABLE action_supporting_agencies;
      DROP TABLE actions; DROP TABLE objectives; DROP TABLE work_plans; DROP TABLE framework_items; DROP TABLE frameworks;
      DROP FUNCTION add_statutory_principles(uuid); DROP FUNCTION frameworks_built_in_read_only(); DROP FUNCTION framework_items_built_in_read_only();
    `);
  }
}
