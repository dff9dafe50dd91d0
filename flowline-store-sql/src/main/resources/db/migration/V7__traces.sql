-- Traces (MLflow's trace_info, trace_tags and trace_request_metadata), shared by SQLite, PostgreSQL and
-- MySQL/MariaDB; the placeholders come from SqlDialect. A trace's spans are not here: they are a traces.json
-- artifact under the location in its mlflow.artifactLocation tag. Deleting a trace deletes its tags and metadata
-- through ON DELETE CASCADE, in the same statement.

CREATE TABLE trace_info (
    request_id VARCHAR(50) NOT NULL,
    experiment_id BIGINT NOT NULL,
    timestamp_ms BIGINT NOT NULL,
    execution_time_ms BIGINT,
    status VARCHAR(50) NOT NULL,
    CONSTRAINT trace_info_pk PRIMARY KEY (request_id),
    CONSTRAINT trace_info_experiment_fk FOREIGN KEY (experiment_id) REFERENCES experiments (experiment_id)
)${table_options};

-- Search's default order (newest first, then request id) within an experiment, and deletion of the oldest.
CREATE INDEX trace_info_experiment_time_idx ON trace_info (experiment_id, timestamp_ms, request_id);

CREATE TABLE trace_tags (
    request_id VARCHAR(50) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text},
    CONSTRAINT trace_tags_pk PRIMARY KEY (request_id, name),
    CONSTRAINT trace_tags_trace_fk FOREIGN KEY (request_id) REFERENCES trace_info (request_id) ON DELETE CASCADE
)${table_options};

CREATE TABLE trace_request_metadata (
    request_id VARCHAR(50) NOT NULL,
    name VARCHAR(250) NOT NULL,
    value ${long_text},
    CONSTRAINT trace_request_metadata_pk PRIMARY KEY (request_id, name),
    CONSTRAINT trace_request_metadata_trace_fk FOREIGN KEY (request_id) REFERENCES trace_info (request_id)
        ON DELETE CASCADE
)${table_options};
