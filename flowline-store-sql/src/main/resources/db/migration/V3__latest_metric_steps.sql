-- The shape of each metric's steps, kept with its latest value: the lowest step, and whether the steps logged
-- so far are exactly min_step..step without gaps or repeats (1) or not known to be (0 or NULL). With it,
-- get-history-bulk-interval picks evenly spread steps without reading the history.
ALTER TABLE latest_metrics ADD COLUMN min_step BIGINT;
ALTER TABLE latest_metrics ADD COLUMN dense_steps SMALLINT;
