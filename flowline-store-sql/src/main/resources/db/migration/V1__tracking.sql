-- Tracking schema shared by SQLite, PostgreSQL and MySQL/MariaDB; the placeholders are filled in by SqlDialect.
-- Keys are VARCHAR(250) (MLflow's limit) so that composite keys fit InnoDB's 3072-byte index limit in utf8mb4.
-- Metric values: NaN and the infinities are not storable on every database, so value_kind says what the
-- value is (0 finite, 1 NaN, 2 +Infinity, 3 -Infinity) and value holds 0 or +/-Double.MAX_VALUE for them,
-- which keeps ORDER BY value correct.

CREATE TABLE experiments (
    experiment_id ${auto_id_primary_key},
    name VARCHAR(500) NOT NULL,
    artifact_location ${long_text},
    lifecycle_stage VARCHAR(16) NOT NULL,
    creation_time BIGINT,
    last_update_time BIGINT,
    CONSTRAINT experiments_name_uq UNIQUE (name)
)${table_options};

CREATE TABLE experiment_tags (
    experiment_id BIGINT NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text},
    CONSTRAINT experiment_tags_pk PRIMARY KEY (experiment_id, name),
    CONSTRAINT experiment_tags_experiment_fk FOREIGN KEY (experiment_id) REFERENCES experiments (experiment_id)
)${table_options};

CREATE TABLE runs (
    run_id VARCHAR(32) NOT NULL,
    experiment_id BIGINT NOT NULL,
    name ${long_text},
    user_id VARCHAR(256),
    status VARCHAR(16) NOT NULL,
    start_time BIGINT,
    end_time BIGINT,
    artifact_uri ${long_text},
    lifecycle_stage VARCHAR(16) NOT NULL,
    deleted_time BIGINT,
    CONSTRAINT runs_pk PRIMARY KEY (run_id),
    CONSTRAINT runs_experiment_fk FOREIGN KEY (experiment_id) REFERENCES experiments (experiment_id)
)${table_options};

CREATE INDEX runs_experiment_start_idx ON runs (experiment_id, start_time, run_id);

CREATE TABLE params (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text} NOT NULL,
    CONSTRAINT params_pk PRIMARY KEY (run_id, name),
    CONSTRAINT params_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${table_options};

CREATE TABLE tags (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text},
    CONSTRAINT tags_pk PRIMARY KEY (run_id, name),
    CONSTRAINT tags_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${table_options};

-- Every logged point; read by history queries through metrics_history_idx.
CREATE TABLE metrics (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    step BIGINT NOT NULL,
    timestamp_ms BIGINT NOT NULL,
    value ${double} NOT NULL,
    value_kind SMALLINT NOT NULL,
    CONSTRAINT metrics_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${table_options};

CREATE INDEX metrics_history_idx ON metrics (run_id, name, step, timestamp_ms);

-- The latest point of each metric (max step, then timestamp, then value), kept in the same
-- transaction as the history insert so that search and get-run never read the history.
CREATE TABLE latest_metrics (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    step BIGINT NOT NULL,
    timestamp_ms BIGINT NOT NULL,
    value ${double} NOT NULL,
    value_kind SMALLINT NOT NULL,
    CONSTRAINT latest_metrics_pk PRIMARY KEY (run_id, name),
    CONSTRAINT latest_metrics_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${table_options};

CREATE TABLE datasets (
    dataset_id VARCHAR(36) NOT NULL,
    experiment_id BIGINT NOT NULL,
    name VARCHAR(500) NOT NULL,
    digest VARCHAR(36) NOT NULL,
    source_type VARCHAR(36) NOT NULL,
    source ${long_text} NOT NULL,
    dataset_schema ${long_text},
    dataset_profile ${long_text},
    CONSTRAINT datasets_pk PRIMARY KEY (dataset_id),
    CONSTRAINT datasets_experiment_name_digest_uq UNIQUE (experiment_id, name, digest),
    CONSTRAINT datasets_experiment_fk FOREIGN KEY (experiment_id) REFERENCES experiments (experiment_id)
)${table_options};

-- A run's use of a dataset.
CREATE TABLE inputs (
    input_id VARCHAR(36) NOT NULL,
    run_id VARCHAR(32) NOT NULL,
    dataset_id VARCHAR(36) NOT NULL,
    CONSTRAINT inputs_pk PRIMARY KEY (input_id),
    CONSTRAINT inputs_run_dataset_uq UNIQUE (run_id, dataset_id),
    CONSTRAINT inputs_run_fk FOREIGN KEY (run_id) REFERENCES runs (run_id),
    CONSTRAINT inputs_dataset_fk FOREIGN KEY (dataset_id) REFERENCES datasets (dataset_id)
)${table_options};

CREATE INDEX inputs_dataset_idx ON inputs (dataset_id);

CREATE TABLE input_tags (
    input_id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    value ${long_text} NOT NULL,
    CONSTRAINT input_tags_pk PRIMARY KEY (input_id, name),
    CONSTRAINT input_tags_input_fk FOREIGN KEY (input_id) REFERENCES inputs (input_id)
)${table_options};
