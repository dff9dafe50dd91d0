-- Value indexes by key name, so that a run search ordered by a metric, param or tag reads the runs in that order
-- and stops after its page instead of sorting the whole experiment (the first segment of RunOrder).
CREATE INDEX latest_metrics_name_value_idx ON latest_metrics (name, value, value_kind, run_id);

-- Param and tag values are long text. SQLite indexes them whole; PostgreSQL's B-tree refuses entries over about
-- 2.7 kB and MySQL indexes only a prefix of a text column, which cannot deliver an order, so the dialect leaves
-- these out there.
${text_value_indexes}
