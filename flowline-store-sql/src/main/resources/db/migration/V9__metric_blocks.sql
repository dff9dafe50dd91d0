-- The metric history as blocks of points: one row per key and logged batch (at most MetricBlock.MAX_POINTS points),
-- instead of one row per point. A batch of 100 points over 10 keys writes 10 rows; inserting one row per point
-- was the single writer's largest cost. Version 10 moves the points of the `metrics` table here and drops it.
-- first_step and last_step bound the block's steps, so readers seek the blocks that hold the steps they want;
-- first_step and first_timestamp are the block's first point, so a reader merging the blocks in that order passes a
-- point on once the next block starts after it, even when all points share one step (MLflow's default step is 0).

CREATE TABLE metric_blocks (
    block_id ${auto_id_primary_key},
    series_id BIGINT NOT NULL,
    first_step BIGINT NOT NULL,
    first_timestamp BIGINT NOT NULL,
    last_step BIGINT NOT NULL,
    points ${binary} NOT NULL,
    CONSTRAINT metric_blocks_series_fk FOREIGN KEY (series_id) REFERENCES metric_series (series_id)
)${table_options};

CREATE INDEX metric_blocks_series_idx ON metric_blocks (series_id, first_step, first_timestamp, last_step);
