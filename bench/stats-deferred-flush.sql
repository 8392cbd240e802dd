-- A candidate change to the statistics triggers (drizzle/0016), measured but not applied: run
-- BENCH_IMPORT_SQL=bench/stats-deferred-flush.sql npm run bench:stats to try it on the import copies.
-- Not a migration: issue 6's note says what it gains (1.06× by time inside the triggers) and costs.
-- Proposal: the statements of a transaction leave their deltas in stat_pending; they are added
-- to the aggregates once, when the transaction commits (a deferred constraint trigger), so an
-- import of 100 statements updates each aggregate row once instead of 100 times, and holds the
-- row locks of the country's rows only while it commits.
CREATE UNLOGGED TABLE stat_pending (
  txid bigint NOT NULL DEFAULT txid_current(),
  day date NOT NULL DEFAULT stat_day(),
  deltas stat_delta[] NOT NULL
);
CREATE INDEX stat_pending_txid_idx ON stat_pending (txid);

CREATE OR REPLACE FUNCTION stat_apply_expanded(deltas stat_delta[], on_day date) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT unit_id, dim, value, sum(delta)::integer AS delta FROM unnest(deltas) GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
  ), counted AS (
    INSERT INTO member_stat_counts AS c (unit_id, dim, value, n)
    SELECT unit_id, dim, value, delta FROM d ORDER BY 1, 2, 3
    ON CONFLICT (unit_id, dim, value) DO UPDATE SET n = c.n + excluded.n
  )
  INSERT INTO member_stat_changes AS c (unit_id, day, dim, value, delta)
  SELECT unit_id, on_day, dim, value, delta FROM d ORDER BY 1, 3, 4
  ON CONFLICT (unit_id, day, dim, value) DO UPDATE SET delta = c.delta + excluded.delta
$$;

CREATE OR REPLACE FUNCTION stat_apply_expanded(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  SELECT stat_apply_expanded(deltas, stat_day())
$$;

-- Records' changes: kept for the end of the transaction (the units above are found then).
CREATE OR REPLACE FUNCTION stat_apply(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_pending (deltas) SELECT deltas WHERE cardinality(deltas) > 0
$$;

CREATE OR REPLACE FUNCTION stat_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending record;
BEGIN
  FOR pending IN
    WITH taken AS (DELETE FROM stat_pending WHERE txid = txid_current() RETURNING day, deltas)
    SELECT day, array_agg(x) AS deltas FROM taken CROSS JOIN LATERAL unnest(taken.deltas) x GROUP BY day ORDER BY day
  LOOP
    PERFORM stat_apply_expanded(ARRAY(
      WITH d AS (SELECT x.unit_id, x.dim, x.value, sum(x.delta)::integer AS delta FROM unnest(pending.deltas) x GROUP BY 1, 2, 3 HAVING sum(x.delta) <> 0),
      above AS (SELECT u.unit_id AS leaf, a.unit_id FROM (SELECT DISTINCT unit_id FROM d) u CROSS JOIN LATERAL stat_units_above(u.unit_id) a)
      SELECT ROW(above.unit_id, d.dim, d.value, d.delta)::stat_delta FROM d JOIN above ON above.leaf = d.unit_id
    ), pending.day);
  END LOOP;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER stat_flush AFTER INSERT ON stat_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stat_flush();
