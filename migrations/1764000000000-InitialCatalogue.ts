import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The catalogue's tables (issue #2): organisation tree with a closure table, experiments and their
 * hypotheses, variants, metrics, sufficient-statistics results, reported health checks,
 * append-only decisions and learnings. Enumerations are text columns with CHECK constraints so
 * that adding a value is a one-line migration.
 */
export class InitialCatalogue1764000000000 implements MigrationInterface {
  name = 'InitialCatalogue1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE org_node (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_id uuid REFERENCES org_node (id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT org_node_key_uq UNIQUE (key),
        CONSTRAINT org_node_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
        CONSTRAINT org_node_name_nonblank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT org_node_kind_nonblank CHECK (length(btrim(kind)) BETWEEN 1 AND 50),
        CONSTRAINT org_node_not_own_parent CHECK (parent_id <> id)
      )`);
    await queryRunner.query(`CREATE INDEX org_node_parent_idx ON org_node (parent_id)`);
    // Closure table: one row per (ancestor, descendant) pair, including (n, n) at depth 0, so that
    // "all descendants" and "all ancestors" are single indexed lookups and roll-ups are one join.
    await queryRunner.query(`
      CREATE TABLE org_node_closure (
        ancestor_id uuid NOT NULL REFERENCES org_node (id) ON DELETE CASCADE,
        descendant_id uuid NOT NULL REFERENCES org_node (id) ON DELETE CASCADE,
        depth integer NOT NULL CHECK (depth >= 0),
        PRIMARY KEY (ancestor_id, descendant_id)
      )`);
    await queryRunner.query(`CREATE INDEX org_node_closure_descendant_idx ON org_node_closure (descendant_id, depth)`);

    await queryRunner.query(`
      CREATE TABLE experiment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        owner_node_id uuid NOT NULL REFERENCES org_node (id) ON DELETE RESTRICT,
        kind text NOT NULL DEFAULT 'AB_TEST',
        counts_toward_ewl boolean NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT',
        started_at timestamptz,
        ended_at timestamptz,
        concluded_at timestamptz,
        alpha double precision NOT NULL DEFAULT 0.05,
        power double precision NOT NULL DEFAULT 0.8,
        power_budget_mode text NOT NULL DEFAULT 'SIMPLE',
        deterioration_alpha_mode text NOT NULL DEFAULT 'PER_TEST',
        analysis_mode text NOT NULL DEFAULT 'FIXED_HORIZON',
        planned_sample_size bigint,
        planned_runtime_days integer,
        randomization_unit text NOT NULL DEFAULT 'user',
        tags text[] NOT NULL DEFAULT '{}',
        restart_of_id uuid REFERENCES experiment (id) ON DELETE SET NULL,
        external_source text,
        external_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', key || ' ' || title), 'A') || setweight(to_tsvector('english', description), 'B')
        ) STORED,
        CONSTRAINT experiment_key_uq UNIQUE (key),
        CONSTRAINT experiment_external_uq UNIQUE (external_source, external_id),
        CONSTRAINT experiment_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
        CONSTRAINT experiment_title_nonblank CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        CONSTRAINT experiment_kind_check CHECK (kind IN ('AB_TEST', 'ROLLOUT', 'AA_TEST', 'CAMPAIGN', 'OTHER')),
        CONSTRAINT experiment_status_check CHECK (status IN ('DRAFT', 'RUNNING', 'STOPPED', 'CONCLUDED', 'ARCHIVED')),
        CONSTRAINT experiment_alpha_range CHECK (alpha > 0 AND alpha < 0.5),
        CONSTRAINT experiment_power_range CHECK (power > 0 AND power < 1),
        CONSTRAINT experiment_power_budget_mode_check CHECK (power_budget_mode IN ('SIMPLE', 'STRICT')),
        CONSTRAINT experiment_det_alpha_mode_check CHECK (deterioration_alpha_mode IN ('PER_TEST', 'BONFERRONI')),
        CONSTRAINT experiment_analysis_mode_check CHECK (analysis_mode IN ('FIXED_HORIZON', 'EXTERNAL')),
        CONSTRAINT experiment_planned_sample_size_positive CHECK (planned_sample_size > 0),
        CONSTRAINT experiment_planned_runtime_positive CHECK (planned_runtime_days > 0),
        CONSTRAINT experiment_not_own_restart CHECK (restart_of_id <> id),
        CONSTRAINT experiment_external_pair CHECK ((external_source IS NULL) = (external_id IS NULL)),
        CONSTRAINT experiment_started_when_running CHECK (status = 'DRAFT' OR started_at IS NOT NULL),
        CONSTRAINT experiment_ended_when_stopped CHECK (status IN ('DRAFT', 'RUNNING') OR ended_at IS NOT NULL),
        CONSTRAINT experiment_concluded_when_concluded CHECK (status NOT IN ('CONCLUDED', 'ARCHIVED') OR concluded_at IS NOT NULL),
        CONSTRAINT experiment_dates_ordered CHECK (
          (ended_at IS NULL OR (started_at IS NOT NULL AND ended_at >= started_at))
          AND (concluded_at IS NULL OR (ended_at IS NOT NULL AND concluded_at >= ended_at))
        )
      )`);
    for (const column of [
      'owner_node_id',
      'status',
      'kind',
      'started_at',
      'ended_at',
      'concluded_at',
      'restart_of_id',
    ]) {
      await queryRunner.query(`CREATE INDEX experiment_${column}_idx ON experiment (${column})`);
    }
    await queryRunner.query(`CREATE INDEX experiment_created_at_idx ON experiment (created_at, id)`);
    await queryRunner.query(`CREATE INDEX experiment_title_idx ON experiment (title, id)`);
    await queryRunner.query(`CREATE INDEX experiment_tags_idx ON experiment USING gin (tags)`);
    await queryRunner.query(`CREATE INDEX experiment_search_idx ON experiment USING gin (search)`);

    await queryRunner.query(`
      CREATE TABLE hypothesis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        statement text NOT NULL,
        rationale text NOT NULL DEFAULT '',
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', statement || ' ' || rationale)) STORED,
        CONSTRAINT hypothesis_statement_nonblank CHECK (length(btrim(statement)) BETWEEN 1 AND 5000)
      )`);
    await queryRunner.query(`CREATE INDEX hypothesis_experiment_idx ON hypothesis (experiment_id, created_at)`);
    await queryRunner.query(`CREATE INDEX hypothesis_search_idx ON hypothesis USING gin (search)`);

    await queryRunner.query(`
      CREATE TABLE variant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        is_control boolean NOT NULL DEFAULT false,
        planned_weight double precision NOT NULL,
        units bigint,
        multi_exposed_units bigint,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT variant_key_uq UNIQUE (experiment_id, key),
        CONSTRAINT variant_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
        CONSTRAINT variant_weight_positive CHECK (planned_weight > 0 AND planned_weight < 'Infinity'::double precision),
        CONSTRAINT variant_units_nonnegative CHECK (units >= 0),
        CONSTRAINT variant_multi_exposed_range CHECK (multi_exposed_units >= 0 AND (units IS NULL OR multi_exposed_units <= units))
      )`);
    // At most one control per experiment, enforced by the database; "at least one" is checked by
    // the write path, which always writes an experiment's variants as one set.
    await queryRunner.query(`CREATE UNIQUE INDEX variant_one_control_uq ON variant (experiment_id) WHERE is_control`);

    await queryRunner.query(`
      CREATE TABLE metric (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        type text NOT NULL,
        preferred_direction text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT metric_key_uq UNIQUE (key),
        CONSTRAINT metric_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$'),
        CONSTRAINT metric_name_nonblank CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT metric_type_check CHECK (type IN ('BINARY', 'CONTINUOUS', 'RATIO')),
        CONSTRAINT metric_direction_check CHECK (preferred_direction IN ('INCREASE', 'DECREASE'))
      )`);

    await queryRunner.query(`
      CREATE TABLE experiment_metric (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        metric_id uuid NOT NULL REFERENCES metric (id) ON DELETE RESTRICT,
        role text NOT NULL,
        mde double precision,
        mde_scale text,
        nim double precision,
        nim_scale text,
        position integer NOT NULL DEFAULT 0,
        CONSTRAINT experiment_metric_uq UNIQUE (experiment_id, metric_id),
        CONSTRAINT experiment_metric_role_check CHECK (role IN ('SUCCESS', 'GUARDRAIL', 'DETERIORATION')),
        CONSTRAINT experiment_metric_mde_positive CHECK (mde > 0 AND mde < 'Infinity'::double precision),
        CONSTRAINT experiment_metric_nim_positive CHECK (nim > 0 AND nim < 'Infinity'::double precision),
        CONSTRAINT experiment_metric_mde_scale_check CHECK (mde_scale IN ('RELATIVE', 'ABSOLUTE')),
        CONSTRAINT experiment_metric_nim_scale_check CHECK (nim_scale IN ('RELATIVE', 'ABSOLUTE')),
        CONSTRAINT experiment_metric_mde_pair CHECK ((mde IS NULL) = (mde_scale IS NULL)),
        CONSTRAINT experiment_metric_nim_pair CHECK ((nim IS NULL) = (nim_scale IS NULL)),
        CONSTRAINT experiment_metric_nim_only_guardrail CHECK (nim IS NULL OR role = 'GUARDRAIL')
      )`);
    await queryRunner.query(`CREATE INDEX experiment_metric_metric_idx ON experiment_metric (metric_id)`);

    // metric_type repeats the metric's type so that CHECK constraints can depend on it.
    await queryRunner.query(`
      CREATE TABLE metric_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_metric_id uuid NOT NULL REFERENCES experiment_metric (id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
        period text NOT NULL DEFAULT 'EXPOSURE',
        metric_type text NOT NULL,
        n bigint NOT NULL,
        sum double precision NOT NULL,
        sum_sq double precision,
        sum_x double precision,
        sum_x_sq double precision,
        sum_xy double precision,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metric_result_uq UNIQUE (experiment_metric_id, variant_id, period),
        CONSTRAINT metric_result_period_check CHECK (period IN ('EXPOSURE', 'PRE_EXPOSURE')),
        CONSTRAINT metric_result_type_check CHECK (metric_type IN ('BINARY', 'CONTINUOUS', 'RATIO')),
        CONSTRAINT metric_result_n_nonnegative CHECK (n >= 0),
        CONSTRAINT metric_result_finite CHECK (
          abs(sum) < 'Infinity'::double precision AND coalesce(abs(sum_sq), 0) < 'Infinity'::double precision
          AND coalesce(abs(sum_x), 0) < 'Infinity'::double precision AND coalesce(abs(sum_x_sq), 0) < 'Infinity'::double precision
          AND coalesce(abs(sum_xy), 0) < 'Infinity'::double precision
        ),
        CONSTRAINT metric_result_binary CHECK (
          metric_type <> 'BINARY' OR (sum >= 0 AND sum <= n AND sum = trunc(sum) AND sum_x IS NULL AND sum_x_sq IS NULL AND sum_xy IS NULL)
        ),
        CONSTRAINT metric_result_continuous CHECK (
          metric_type <> 'CONTINUOUS' OR (sum_sq IS NOT NULL AND sum_sq >= 0 AND sum_x IS NULL AND sum_x_sq IS NULL AND sum_xy IS NULL)
        ),
        CONSTRAINT metric_result_ratio CHECK (
          metric_type <> 'RATIO' OR (sum_sq >= 0 AND sum_x IS NOT NULL AND sum_x_sq >= 0 AND sum_xy IS NOT NULL)
        )
      )`);
    await queryRunner.query(`CREATE INDEX metric_result_variant_idx ON metric_result (variant_id)`);

    await queryRunner.query(`
      CREATE TABLE external_result (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_metric_id uuid NOT NULL REFERENCES experiment_metric (id) ON DELETE CASCADE,
        variant_id uuid NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
        control_mean double precision,
        estimate_abs double precision NOT NULL,
        std_err double precision,
        superior boolean,
        non_inferior boolean,
        deteriorated boolean,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT external_result_uq UNIQUE (experiment_metric_id, variant_id),
        CONSTRAINT external_result_std_err_positive CHECK (std_err > 0 AND std_err < 'Infinity'::double precision),
        CONSTRAINT external_result_finite CHECK (
          abs(estimate_abs) < 'Infinity'::double precision AND coalesce(abs(control_mean), 0) < 'Infinity'::double precision
        )
      )`);
    await queryRunner.query(`CREATE INDEX external_result_variant_idx ON external_result (variant_id)`);

    await queryRunner.query(`
      CREATE TABLE health_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        type text NOT NULL,
        name text NOT NULL DEFAULT '',
        status text NOT NULL,
        severity text NOT NULL,
        p_value double precision,
        observed double precision,
        threshold double precision,
        details text NOT NULL DEFAULT '',
        reporter text NOT NULL DEFAULT '',
        reported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT health_check_uq UNIQUE (experiment_id, type, name),
        CONSTRAINT health_check_type_check CHECK (type IN ('SRM', 'NO_TRAFFIC', 'MULTIPLE_EXPOSURE', 'PRE_EXPOSURE_BIAS', 'MIN_RUNTIME', 'CUSTOM')),
        CONSTRAINT health_check_status_check CHECK (status IN ('PASS', 'WARN', 'FAIL', 'NOT_ENOUGH_DATA', 'NOT_RUN')),
        CONSTRAINT health_check_severity_check CHECK (severity IN ('BLOCKING', 'WARNING')),
        CONSTRAINT health_check_p_value_range CHECK (p_value >= 0 AND p_value <= 1)
      )`);

    await queryRunner.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        kind text NOT NULL,
        shipped_variant_id uuid REFERENCES variant (id) ON DELETE RESTRICT,
        rationale text NOT NULL DEFAULT '',
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        is_current boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT decision_kind_check CHECK (kind IN ('SHIP', 'SHIP_INFRA', 'ABORT', 'ITERATE', 'ABANDON', 'RERUN', 'NONE')),
        CONSTRAINT decision_shipped_variant_only_when_shipping CHECK (shipped_variant_id IS NULL OR kind IN ('SHIP', 'SHIP_INFRA')),
        CONSTRAINT decision_decided_by_nonblank CHECK (length(btrim(decided_by)) BETWEEN 1 AND 200)
      )`);
    await queryRunner.query(
      `CREATE INDEX decision_experiment_idx ON decision (experiment_id, decided_at DESC, seq DESC)`,
    );
    // Exactly one current (latest) decision per experiment that has any, for cheap joins and filters.
    await queryRunner.query(`CREATE UNIQUE INDEX decision_current_uq ON decision (experiment_id) WHERE is_current`);
    await queryRunner.query(
      `CREATE INDEX decision_current_kind_idx ON decision (kind, experiment_id) WHERE is_current`,
    );

    await queryRunner.query(`
      CREATE TABLE learning (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        summary text NOT NULL,
        kind text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', summary)) STORED,
        CONSTRAINT learning_summary_nonblank CHECK (length(btrim(summary)) BETWEEN 1 AND 5000),
        CONSTRAINT learning_kind_check CHECK (kind IN ('WHAT_WORKS', 'WHAT_DOES_NOT', 'REGRESSION_CAUGHT', 'INFRA_SAFE', 'METHOD', 'OTHER')),
        CONSTRAINT learning_author_nonblank CHECK (length(btrim(author)) BETWEEN 1 AND 200)
      )`);
    await queryRunner.query(`CREATE INDEX learning_created_at_idx ON learning (created_at, id)`);
    await queryRunner.query(`CREATE INDEX learning_tags_idx ON learning USING gin (tags)`);
    await queryRunner.query(`CREATE INDEX learning_search_idx ON learning USING gin (search)`);
    await queryRunner.query(`
      CREATE TABLE learning_experiment (
        learning_id uuid NOT NULL REFERENCES learning (id) ON DELETE CASCADE,
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        PRIMARY KEY (learning_id, experiment_id)
      )`);
    await queryRunner.query(`CREATE INDEX learning_experiment_experiment_idx ON learning_experiment (experiment_id)`);
    await queryRunner.query(`
      CREATE TABLE learning_hypothesis (
        learning_id uuid NOT NULL REFERENCES learning (id) ON DELETE CASCADE,
        hypothesis_id uuid NOT NULL REFERENCES hypothesis (id) ON DELETE CASCADE,
        PRIMARY KEY (learning_id, hypothesis_id)
      )`);
    await queryRunner.query(`CREATE INDEX learning_hypothesis_hypothesis_idx ON learning_hypothesis (hypothesis_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'learning_hypothesis',
      'learning_experiment',
      'learning',
      'decision',
      'health_check',
      'external_result',
      'metric_result',
      'experiment_metric',
      'metric',
      'variant',
      'hypothesis',
      'experiment',
      'org_node_closure',
      'org_node',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
