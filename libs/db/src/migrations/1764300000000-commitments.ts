import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partner agencies' commitments (measure, baseline, target, polarity, progress updates),
 * and the local offer for care leavers published from them as numbered, immutable versions.
 */
export class Commitments1764300000000 implements MigrationInterface {
  name = 'Commitments1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commitments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        -- The owning agency; visibility AGENCY means this agency (plus the secretariat).
        agency_id uuid NOT NULL,
        -- Only for visibility SUB_GROUP: the sub-group that may see it.
        sub_group_id uuid,
        created_by_user_id uuid NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
        offer_area text NOT NULL CHECK (offer_area IN ('HEALTH_AND_WELLBEING','RELATIONSHIPS','EDUCATION_AND_TRAINING','EMPLOYMENT','ACCOMMODATION','PARTICIPATION_IN_SOCIETY','OTHER')),
        measure text NOT NULL DEFAULT '' CHECK (length(measure) <= 500),
        unit text NOT NULL DEFAULT '' CHECK (length(unit) <= 50),
        baseline numeric,
        target numeric,
        polarity text NOT NULL DEFAULT 'HIGHER_IS_BETTER' CHECK (polarity IN ('HIGHER_IS_BETTER','LOWER_IS_BETTER')),
        current_value numeric,
        due_date date,
        review_date date,
        status text NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','COMPLETE','CANCELLED')),
        rag text NOT NULL CHECK (rag IN ('RED','AMBER','GREEN')),
        visibility text NOT NULL CHECK (visibility IN ('PARTNERSHIP','SUB_GROUP','AGENCY','RESTRICTED')),
        restricted_user_ids uuid[] NOT NULL DEFAULT '{}',
        in_local_offer boolean NOT NULL DEFAULT false,
        offer_wording text CHECK (offer_wording IS NULL OR length(offer_wording) BETWEEN 1 AND 2000),
        offer_eligibility text CHECK (offer_eligibility IS NULL OR length(offer_eligibility) BETWEEN 1 AND 1000),
        version integer NOT NULL DEFAULT 1,
        last_update_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (visibility <> 'SUB_GROUP' OR sub_group_id IS NOT NULL),
        CHECK (visibility <> 'RESTRICTED' OR cardinality(restricted_user_ids) > 0),
        CHECK (NOT in_local_offer OR offer_wording IS NOT NULL),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (agency_id, partnership_id) REFERENCES agencies(id, partnership_id),
        FOREIGN KEY (sub_group_id, partnership_id) REFERENCES sub_groups(id, partnership_id),
        FOREIGN KEY (created_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX commitments_agency_idx ON commitments (partnership_id, agency_id);
      CREATE INDEX commitments_area_idx ON commitments (partnership_id, offer_area);
      CREATE INDEX commitments_offer_idx ON commitments (partnership_id) WHERE in_local_offer;

      CREATE TABLE commitment_framework_items (
        partnership_id uuid NOT NULL,
        commitment_id uuid NOT NULL,
        framework_item_id uuid NOT NULL,
        PRIMARY KEY (commitment_id, framework_item_id),
        FOREIGN KEY (commitment_id, partnership_id) REFERENCES commitments(id, partnership_id) ON DELETE CASCADE,
        FOREIGN KEY (framework_item_id, partnership_id) REFERENCES framework_items(id, partnership_id)
      );
      CREATE INDEX commitment_framework_items_item_idx ON commitment_framework_items (framework_item_id);

      CREATE TABLE commitment_updates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL,
        commitment_id uuid NOT NULL,
        author_user_id uuid NOT NULL,
        update_date date NOT NULL,
        value numeric,
        narrative text NOT NULL CHECK (length(narrative) BETWEEN 1 AND 10000),
        status text NOT NULL CHECK (status IN ('NOT_STARTED','IN_PROGRESS','COMPLETE','CANCELLED')),
        rag text NOT NULL CHECK (rag IN ('RED','AMBER','GREEN')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (commitment_id, partnership_id) REFERENCES commitments(id, partnership_id),
        FOREIGN KEY (author_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE INDEX commitment_updates_commitment_idx ON commitment_updates (commitment_id, update_date, created_at);

      -- A published local offer: numbered per partnership, and never changed afterwards.
      CREATE TABLE local_offer_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        number integer NOT NULL CHECK (number >= 1),
        published_at timestamptz(3) NOT NULL DEFAULT now(),
        published_by_user_id uuid NOT NULL,
        introduction text NOT NULL DEFAULT '' CHECK (length(introduction) <= 5000),
        items jsonb NOT NULL,
        changes jsonb NOT NULL,
        UNIQUE (partnership_id, number),
        UNIQUE (id, partnership_id),
        FOREIGN KEY (published_by_user_id, partnership_id) REFERENCES users(id, partnership_id)
      );
      CREATE FUNCTION local_offer_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'A published local offer version cannot be changed or removed' USING ERRCODE = 'check_violation';
      END $$;
      CREATE TRIGGER local_offer_versions_immutable BEFORE UPDATE OR DELETE ON local_offer_versions
        FOR EACH ROW EXECUTE FUNCTION local_offer_versions_immutable();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE local_offer_versions;
      DROP FUNCTION local_offer_versions_immutable();
      DROP TABLE commitment_updates;
      DROP TABLE commitment_framework_items;
      DROP TABLE commitments;
    `);
  }
}
