import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The performance scorecard (indicators and their values by period against comparators),
 * the principles self-assessment, and the Children in Care Council's voice items.
 */
export class Performance1764400000000 implements MigrationInterface {
  name = 'Performance1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE indicators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        definition text NOT NULL DEFAULT '' CHECK (length(definition) <= 5000),
        unit text NOT NULL CHECK (unit IN ('PERCENTAGE','RATE_PER_10000','COUNT','DAYS')),
        polarity text NOT NULL CHECK (polarity IN ('HIGHER_IS_BETTER','LOWER_IS_BETTER')),
        target numeric,
        -- How far short of the target (in the indicator's unit) is still amber rather than red.
        amber_tolerance numeric NOT NULL DEFAULT 0 CHECK (amber_tolerance >= 0),
        frequency text NOT NULL CHECK (frequency IN ('MONTHLY','QUARTERLY','ANNUAL')),
        sub_group_id uuid,
        source text NOT NULL DEFAULT '' CHECK (length(source) <= 500),
        version integer NOT NULL DEFAULT 1,
        retired_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id)
      );
      CREATE UNIQUE INDEX indicators_code_uq ON indicators (partnership_id, lower(code));

      CREATE TABLE indicator_framework_items (
        partnership_id uuid NOT NULL,
        indicator_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        PRIMARY KEY (indicator_id, framework_item_id),
        FOREIGN KEY (indicator_id, partnership_id) REFERENCES indicators(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id)
      );
      CREATE INDEX indicator_framework_items_item_idx ON indicator_framework_items (framework_item_id);

      -- One figure per indicator, period and area: ours (LOCAL) or a comparator. A suppressed or
      -- missing figure keeps the official marker (c, x, z, :, .., low ...) and has no value: never zero.
      CREATE TABLE indicator_values (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        indicator_id uuid NOT NULL,
        area text NOT NULL CHECK (area IN ('LOCAL','STATISTICAL_NEIGHBOURS','REGION','ENGLAND')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        period_label text NOT NULL CHECK (length(period_label) BETWEEN 1 AND 40),
        value numeric,
        marker text CHECK (marker IS NULL OR length(marker) BETWEEN 1 AND 10),
        commentary text NOT NULL DEFAULT '' CHECK (length(commentary) <= 5000),
        updated_by_user_id uuid NOT NULL,
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start),
        CHECK ((value IS NULL) <> (marker IS NULL)),
        UNIQUE (indicator_id, area, period_start, period_end),
        FOREIGN KEY (indicator_id, partnership_id) REFERENCES indicators(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (updated_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX indicator_values_partnership_idx ON indicator_values (partnership_id, indicator_id, period_start);

      -- How well the partnership delivers against one principle (or framework item) in one year.
      CREATE TABLE self_assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        -- A financial year, 2025-26.
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
        rating text NOT NULL CHECK (rating IN ('OUTSTANDING','GOOD','REQUIRES_IMPROVEMENT','INADEQUATE')),
        narrative text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 20000),
        version integer NOT NULL DEFAULT 1,
        updated_by_user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (framework_item_id, period),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id),
        FOREIGN KEY (updated_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE TABLE self_assessment_evidence (
        partnership_id uuid NOT NULL,
        self_assessment_id uuid NOT NULL,
        evidence_id uuid NOT NULL,
        PRIMARY KEY (self_assessment_id, evidence_id),
        FOREIGN KEY (self_assessment_id, partnership_id) REFERENCES self_assessments(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (evidence_id, partnership_id) REFERENCES evidence(id, partnership_id)
      );
      CREATE TABLE self_assessment_actions (
        partnership_id uuid NOT NULL,
        self_assessment_id uuid NOT NULL,
        action_id uuid NOT NULL,
        PRIMARY KEY (self_assessment_id, action_id),
        FOREIGN KEY (self_assessment_id, partnership_id) REFERENCES self_assessments(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (action_id, partnership_id) REFERENCES actions(id, partnership_id)
      );
      CREATE TABLE self_assessment_commitments (
        partnership_id uuid NOT NULL,
        self_assessment_id uuid NOT NULL,
        commitment_id uuid NOT NULL,
        PRIMARY KEY (self_assessment_id, commitment_id),
        FOREIGN KEY (self_assessment_id, partnership_id) REFERENCES self_assessments(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (commitment_id, partnership_id) REFERENCES commitments(id, partnership_id)
      );
      CREATE TABLE self_assessment_indicators (
        partnership_id uuid NOT NULL,
        self_assessment_id uuid NOT NULL,
        indicator_id uuid NOT NULL,
        PRIMARY KEY (self_assessment_id, indicator_id),
        FOREIGN KEY (self_assessment_id, partnership_id) REFERENCES self_assessments(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (indicator_id, partnership_id) REFERENCES indicators(id, partnership_id)
      );

      -- An issue the Children in Care Council raised. The raising group is a group's name, never a child's.
      CREATE TABLE voice_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        raised_on date NOT NULL,
        raising_group text NOT NULL CHECK (length(raising_group) BETWEEN 1 AND 200),
        issue text NOT NULL CHECK (length(issue) BETWEEN 1 AND 5000),
        assigned_sub_group_id uuid,
        assigned_agency_id uuid,
        response text,
        response_due date,
        responded_at timestamptz(3),
        responded_by_user_id uuid,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','RESPONDED','CLOSED')),
        created_by_user_id uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (assigned_sub_group_id IS NULL OR assigned_agency_id IS NULL),
        CHECK (response IS NULL OR length(response) BETWEEN 1 AND 5000),
        CHECK (status = 'OPEN' OR (response IS NOT NULL AND responded_at IS NOT NULL)),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (assigned_sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (assigned_agency_id, partnership_id) REFERENCES agencies(id, partnership_id),
        FOREIGN KEY (responded_by_user_id, partnership_id) REFERENCES users(id, partnership_id),
        FOREIGN KEY (created_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX voice_items_partnership_idx ON voice_items (partnership_id, raised_on);
      CREATE TABLE voice_item_framework_items (
        partnership_id uuid NOT NULL,
        voice_item_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        PRIMARY KEY (voice_item_id, framework_item_id),
        FOREIGN KEY (voice_item_id, partnership_id) REFERENCES voice_items(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id)
      );
      CREATE INDEX voice_item_framework_items_item_idx ON voice_item_framework_items (framework_item_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE voice_item_framework_items;
      DROP TABLE voice_items;
      DROP TABLE self_assessment_indicators;
      DROP TABLE self_assessment_commitments;
      DROP TABLE self_assessment_actions;
      DROP TABLE self_assessment_evidence;
      DROP TABLE self_assessments;
      DROP TABLE indicator_values;
      DROP TABLE indicator_framework_items;
      DROP TABLE indicators;
    `);
  }
}
