import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence of progress (with attachments, links and comments), the highlight report each
 * sub-group sends to a board meeting (with its frozen work plan snapshot), and full-text
 * search vectors over actions, evidence, reports and comments.
 */
export class EvidenceReportsSearch1764200000000 implements MigrationInterface {
  name = 'EvidenceReportsSearch1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        sub_group_id uuid NOT NULL,
        -- The owning agency; visibility AGENCY means this agency (plus the secretariat).
        agency_id uuid NOT NULL,
        created_by_user_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        narrative text NOT NULL DEFAULT '' CHECK (length(narrative) <= 20000),
        kind text NOT NULL CHECK (kind IN ('DOCUMENT','DATA','CASE_STUDY','VOICE_OF_YOUNG_PEOPLE','OTHER')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','RESUBMITTED','ACCEPTED')),
        visibility text NOT NULL CHECK (visibility IN ('PARTNERSHIP','SUB_GROUP','AGENCY','RESTRICTED')),
        restricted_user_ids uuid[] NOT NULL DEFAULT '{}',
        return_comment text CHECK (return_comment IS NULL OR length(return_comment) BETWEEN 1 AND 5000),
        submitted_at timestamptz(3),
        submitted_by_user_id uuid,
        reviewed_at timestamptz(3),
        reviewed_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', narrative), 'B')
        ) STORED,
        CHECK (visibility <> 'RESTRICTED' OR cardinality(restricted_user_ids) > 0),
        CHECK (status <> 'RETURNED' OR return_comment IS NOT NULL),
        CHECK (status = 'DRAFT' OR submitted_at IS NOT NULL),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (agency_id, partnership_id) REFERENCES agencies(id, partnership_id),
        FOREIGN KEY (created_by_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (submitted_by_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (reviewed_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX evidence_list_idx ON evidence (partnership_id, updated_at DESC, id);
      CREATE INDEX evidence_sub_group_idx ON evidence (partnership_id, sub_group_id, status);
      CREATE INDEX evidence_search_idx ON evidence USING gin (search_vector);

      CREATE TABLE evidence_actions (
        partnership_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        action_id uuid NOT NULL,
        PRIMARY KEY (evidence_id, action_id),
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (action_id, partnership_id) REFERENCES actions(id, partnership_id)
      );
      CREATE INDEX evidence_actions_action_idx ON evidence_actions (action_id);

      CREATE TABLE evidence_framework_items (
        partnership_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        PRIMARY KEY (evidence_id, framework_item_id),
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id)
      );
      CREATE INDEX evidence_framework_items_item_idx ON evidence_framework_items (framework_item_id);

      -- A file belongs to at most one record.
      CREATE TABLE evidence_files (
        partnership_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        file_id uuid NOT NULL UNIQUE,
        position integer NOT NULL,
        PRIMARY KEY (evidence_id, file_id),
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (file_id, partnership_id) REFERENCES files(id, partnership_id)
      );

      CREATE TABLE evidence_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        author_user_id uuid NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
        UNIQUE (id, partnership_id),
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id),
        FOREIGN KEY (author_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX evidence_comments_evidence_idx ON evidence_comments (evidence_id, created_at);
      CREATE INDEX evidence_comments_search_idx ON evidence_comments USING gin (search_vector);

      CREATE TABLE highlight_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        meeting_id uuid NOT NULL,
        sub_group_id uuid NOT NULL,
        created_by_user_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','RETURNED','ACCEPTED')),
        summary text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
        achievements text NOT NULL DEFAULT '' CHECK (length(achievements) <= 20000),
        risks_and_issues text NOT NULL DEFAULT '' CHECK (length(risks_and_issues) <= 20000),
        asks_of_board text NOT NULL DEFAULT '' CHECK (length(asks_of_board) <= 20000),
        -- The sub-group's work plan status as it was when the report was (last) submitted.
        snapshot jsonb,
        submitted_at timestamptz(3),
        submitted_by_user_id uuid,
        late boolean NOT NULL DEFAULT false,
        return_comment text CHECK (return_comment IS NULL OR length(return_comment) BETWEEN 1 AND 5000),
        reviewed_at timestamptz(3),
        reviewed_by_user_id uuid,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', summary), 'A') ||
          setweight(to_tsvector('english', achievements || ' ' || risks_and_issues || ' ' || asks_of_board), 'B')
        ) STORED,
        CHECK (status = 'DRAFT' OR (snapshot IS NOT NULL AND submitted_at IS NOT NULL)),
        CHECK (status <> 'RETURNED' OR return_comment IS NOT NULL),
        UNIQUE (meeting_id, sub_group_id),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (meeting_id, partnership_id) REFERENCES meetings(id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (created_by_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (submitted_by_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (reviewed_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX highlight_reports_sub_group_idx ON highlight_reports (partnership_id, sub_group_id);
      CREATE INDEX highlight_reports_search_idx ON highlight_reports USING gin (search_vector);

      -- The frozen snapshot changes only as the report is submitted; nothing else may touch it.
      CREATE FUNCTION highlight_reports_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.snapshot IS DISTINCT FROM OLD.snapshot AND NOT (NEW.status = 'SUBMITTED' AND OLD.status IN ('DRAFT','RETURNED')) THEN
          RAISE EXCEPTION 'A highlight report''s snapshot is frozen when it is submitted' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER highlight_reports_snapshot BEFORE UPDATE ON highlight_reports
        FOR EACH ROW EXECUTE FUNCTION highlight_reports_snapshot_frozen();

      CREATE TABLE highlight_report_evidence (
        partnership_id uuid NOT NULL,
        report_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (report_id, evidence_id),
        FOREIGN KEY (report_id, partnership_id) REFERENCES highlight_reports(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id)
      );

      CREATE TABLE highlight_report_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        report_id uuid NOT NULL,
        author_user_id uuid NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
        UNIQUE (id, partnership_id),
        FOREIGN KEY (report_id, partnership_id) REFERENCES highlight_reports(id, partnership_id),
        FOREIGN KEY (author_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX highlight_report_comments_report_idx ON highlight_report_comments (report_id, created_at);
      CREATE INDEX highlight_report_comments_search_idx ON highlight_report_comments USING gin (search_vector);

      ALTER TABLE actions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', description || ' ' || success_measure), 'B')
      ) STORED;
      CREATE INDEX actions_search_idx ON actions USING gin (search_vector);

      CREATE INDEX files_partnership_idx ON files (partnership_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX files_partnership_idx;
      ALTER TABLE actions DROP COLUMN search_vector;
      DROP TABLE highlight_report_comments;
      DROP TABLE highlight_report_evidence;
      DROP TABLE highlight_reports;
      DROP FUNCTION highlight_reports_snapshot_frozen();
      DROP TABLE evidence_comments;
      DROP TABLE evidence_files;
      DROP TABLE evidence_framework_items;
      DROP TABLE evidence_actions;
      DROP TABLE evidence;
    `);
  }
}
