-- Model registry schema shared by SQLite, PostgreSQL and MySQL/MariaDB; the placeholders come from SqlDialect.
-- Rows are keyed by the model's name, as in MLflow; renaming a model and deleting a model or a version reach
-- versions, tags and aliases through ON UPDATE / ON DELETE CASCADE, in the same statement.
-- last_version is the highest number ever given to a version of the model. Creating a version increments it
-- in the creating transaction; the row lock that update takes serialises concurrent creates of one model on
-- PostgreSQL and MySQL (SQLite has a single writer), so numbers are never handed out twice, nor reused after
-- a version is deleted.

CREATE TABLE registered_models (
    name VARCHAR(256) NOT NULL,
    creation_time BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    description ${long_text},
    last_version BIGINT NOT NULL,
    CONSTRAINT registered_models_pk PRIMARY KEY (name)
)${table_options};

CREATE INDEX registered_models_updated_idx ON registered_models (last_updated_time, name);
CREATE INDEX registered_models_created_idx ON registered_models (creation_time, name);

CREATE TABLE registered_model_tags (
    name VARCHAR(256) NOT NULL,
    tag_key VARCHAR(250) NOT NULL,
    tag_value ${long_text},
    CONSTRAINT registered_model_tags_pk PRIMARY KEY (name, tag_key),
    CONSTRAINT registered_model_tags_model_fk FOREIGN KEY (name) REFERENCES registered_models (name)
        ON UPDATE CASCADE ON DELETE CASCADE
)${table_options};

CREATE TABLE model_versions (
    name VARCHAR(256) NOT NULL,
    version BIGINT NOT NULL,
    creation_time BIGINT NOT NULL,
    last_updated_time BIGINT NOT NULL,
    description ${long_text},
    user_id VARCHAR(256),
    current_stage VARCHAR(20) NOT NULL,
    source ${long_text} NOT NULL,
    storage_location ${long_text},
    run_id VARCHAR(32),
    run_link ${long_text},
    status VARCHAR(20) NOT NULL,
    status_message ${long_text},
    CONSTRAINT model_versions_pk PRIMARY KEY (name, version),
    CONSTRAINT model_versions_model_fk FOREIGN KEY (name) REFERENCES registered_models (name)
        ON UPDATE CASCADE ON DELETE CASCADE
)${table_options};

CREATE INDEX model_versions_run_idx ON model_versions (run_id);
CREATE INDEX model_versions_stage_idx ON model_versions (name, current_stage, version);
CREATE INDEX model_versions_updated_idx ON model_versions (last_updated_time);

CREATE TABLE model_version_tags (
    name VARCHAR(256) NOT NULL,
    version BIGINT NOT NULL,
    tag_key VARCHAR(250) NOT NULL,
    tag_value ${long_text},
    CONSTRAINT model_version_tags_pk PRIMARY KEY (name, version, tag_key),
    CONSTRAINT model_version_tags_version_fk FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
        ON UPDATE CASCADE ON DELETE CASCADE
)${table_options};

CREATE TABLE registered_model_aliases (
    name VARCHAR(256) NOT NULL,
    alias VARCHAR(256) NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT registered_model_aliases_pk PRIMARY KEY (name, alias),
    CONSTRAINT registered_model_aliases_version_fk FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
        ON UPDATE CASCADE ON DELETE CASCADE
)${table_options};

CREATE INDEX registered_model_aliases_version_idx ON registered_model_aliases (name, version);
