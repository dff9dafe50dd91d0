-- The tables a run's data lives in, rebuilt keyed by run and name so that each row is stored once, in key order:
-- on SQLite as WITHOUT ROWID tables (the primary key is the table; before, every row went into the table and again
-- into its key index, and every read by key looked the row up a second time), on MySQL/MariaDB clustered by the key
-- as InnoDB does with a primary key (the history had none). PostgreSQL keeps heap tables; its history key index now
-- holds the values, so history reads need not visit the heap.
--
-- The metric history gets MLflow's key: a point logged again with the same step, timestamp and value is stored
-- once, as MLflow's SQL store does (DISTINCT drops such repeats logged before).

CREATE TABLE metrics_v6 (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    step BIGINT NOT NULL,
    timestamp_ms BIGINT NOT NULL,
    value ${double} NOT NULL,
    value_kind SMALLINT NOT NULL,
    CONSTRAINT metrics_key PRIMARY KEY (run_id, name, step, timestamp_ms, value, value_kind),
    CONSTRAINT metrics_run_id_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${clustered_table_options};

INSERT INTO metrics_v6 (run_id, name, step, timestamp_ms, value, value_kind)
    SELECT DISTINCT run_id, name, step, timestamp_ms, value, value_kind FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_v6 RENAME TO metrics;

CREATE TABLE latest_metrics_v6 (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    step BIGINT NOT NULL,
    timestamp_ms BIGINT NOT NULL,
    value ${double} NOT NULL,
    value_kind SMALLINT NOT NULL,
    min_step BIGINT,
    dense_steps SMALLINT,
    CONSTRAINT latest_metrics_key PRIMARY KEY (run_id, name),
    CONSTRAINT latest_metrics_run_id_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${clustered_table_options};

INSERT INTO latest_metrics_v6 (run_id, name, step, timestamp_ms, value, value_kind, min_step, dense_steps)
    SELECT run_id, name, step, timestamp_ms, value, value_kind, min_step, dense_steps FROM latest_metrics;
DROP TABLE latest_metrics;
ALTER TABLE latest_metrics_v6 RENAME TO latest_metrics;
CREATE INDEX latest_metrics_name_value_idx ON latest_metrics (name, value, value_kind, run_id);

CREATE TABLE params_v6 (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text} NOT NULL,
    CONSTRAINT params_key PRIMARY KEY (run_id, name),
    CONSTRAINT params_run_id_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${clustered_table_options};

INSERT INTO params_v6 (run_id, name, value) SELECT run_id, name, value FROM params;
DROP TABLE params;
ALTER TABLE params_v6 RENAME TO params;
${param_value_index}

CREATE TABLE tags_v6 (
    run_id VARCHAR(32) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text},
    CONSTRAINT tags_key PRIMARY KEY (run_id, name),
    CONSTRAINT tags_run_id_fk FOREIGN KEY (run_id) REFERENCES runs (run_id)
)${clustered_table_options};

INSERT INTO tags_v6 (run_id, name, value) SELECT run_id, name, value FROM tags;
DROP TABLE tags;
ALTER TABLE tags_v6 RENAME TO tags;
