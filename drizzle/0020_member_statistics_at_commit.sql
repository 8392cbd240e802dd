-- The statistics triggers of 0016, changed in three ways:
-- 1. A record's changes are added to the figures once per transaction, when it commits. Each
--    statement leaves its changes in stat_pending; a deferred constraint trigger adds them up,
--    spreads them over the units above and writes them. An import of 100 statements then updates
--    the country's rows once instead of 100 times, and holds their row locks only while it
--    commits, not for the whole import (a member saved in another province no longer waits
--    for it). A transaction does not see its own changes in the figures before it commits.
-- 2. Every upsert takes its rows in key order, so two transactions cannot deadlock on them
--    (the flows' in 0022).
-- 3. The day's changes are also summed by month (member_stat_months, 0019): a figure a year back
--    reads twelve months and a few days instead of a year of days.

CREATE TYPE stat_day_delta AS (unit_id uuid, day date, dim text, value text, delta integer);
--> statement-breakpoint
-- Adds changes already spread over the units they concern to the counts, the day's changes and
-- the month's, each in key order.
CREATE OR REPLACE FUNCTION stat_add(deltas stat_day_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_stat_counts AS c (unit_id, dim, value, n)
  SELECT d.unit_id, d.dim, d.value, sum(d.delta)::integer FROM unnest(deltas) d GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, dim, value) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO member_stat_changes AS c (unit_id, day, dim, value, delta)
  SELECT d.unit_id, d.day, d.dim, d.value, sum(d.delta)::integer FROM unnest(deltas) d GROUP BY 1, 2, 3, 4 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, day, dim, value) DO UPDATE SET delta = c.delta + excluded.delta;
  INSERT INTO member_stat_months AS c (unit_id, month, dim, value, delta)
  SELECT d.unit_id, date_trunc('month', d.day)::date, d.dim, d.value, sum(d.delta)::integer FROM unnest(deltas) d GROUP BY 1, 2, 3, 4 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, month, dim, value) DO UPDATE SET delta = c.delta + excluded.delta;
END $$;
--> statement-breakpoint
-- Moves and merges of units (stat_shift) still apply their changes at once, on today's date.
CREATE OR REPLACE FUNCTION stat_apply_expanded(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  SELECT stat_add(ARRAY(SELECT ROW(d.unit_id, stat_day(), d.dim, d.value, d.delta)::stat_day_delta FROM unnest(deltas) d))
$$;
--> statement-breakpoint
-- Changes waiting for their transaction to commit. Unlogged: its rows never outlive the
-- transaction that wrote them (the flush deletes them), so they need no crash safety.
CREATE UNLOGGED TABLE stat_pending (
  txid bigint NOT NULL DEFAULT txid_current(),
  day date NOT NULL DEFAULT stat_day(),
  deltas stat_delta[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX stat_pending_txid_idx ON stat_pending (txid);
--> statement-breakpoint
-- Records' changes (by unit): kept until the transaction commits.
CREATE OR REPLACE FUNCTION stat_apply(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO stat_pending (deltas) SELECT deltas WHERE cardinality(deltas) > 0
$$;
--> statement-breakpoint
-- At commit: the transaction's waiting changes, summed, for each unit and every unit above it
-- (found now, so a unit moved or merged in the same transaction counts where it ends up). The
-- first of the transaction's queued calls does the work; the others find nothing left.
CREATE OR REPLACE FUNCTION stat_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expanded stat_day_delta[];
BEGIN
  WITH taken AS (
    DELETE FROM stat_pending WHERE txid = txid_current() RETURNING day, deltas
  ), d AS (
    SELECT t.day, x.unit_id, x.dim, x.value, sum(x.delta)::integer AS delta
    FROM taken t CROSS JOIN LATERAL unnest(t.deltas) x
    GROUP BY 1, 2, 3, 4 HAVING sum(x.delta) <> 0
  ), above AS (
    SELECT u.unit_id AS leaf, a.unit_id FROM (SELECT DISTINCT d.unit_id FROM d) u CROSS JOIN LATERAL stat_units_above(u.unit_id) a
  )
  SELECT array_agg(ROW(above.unit_id, d.day, d.dim, d.value, d.delta)::stat_day_delta) INTO expanded
  FROM d JOIN above ON above.leaf = d.unit_id;
  IF expanded IS NOT NULL THEN
    PERFORM stat_add(expanded);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER stat_flush AFTER INSERT ON stat_pending DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stat_flush();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_evaluations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO member_evaluation_counts AS c (unit_id, year, level, n)
    SELECT a.unit_id, g.year, g.level, -sum(g.n)::integer
    FROM (SELECT unit_id, year, level, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) g CROSS JOIN LATERAL stat_units_above(g.unit_id) a
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (unit_id, year, level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO member_evaluation_counts AS c (unit_id, year, level, n)
    SELECT a.unit_id, g.year, g.level, sum(g.n)::integer
    FROM (SELECT unit_id, year, level, count(*) AS n FROM new_rows GROUP BY 1, 2, 3) g CROSS JOIN LATERAL stat_units_above(g.unit_id) a
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (unit_id, year, level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The recount of 0016, and the months from the days. Changes this transaction left waiting are
-- dropped first: the recount already sees them in the records.
ALTER FUNCTION stats_rebuild() RENAME TO stats_rebuild_figures;
--> statement-breakpoint
CREATE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_pending WHERE txid = txid_current();
  PERFORM stats_rebuild_figures();
  DELETE FROM member_stat_months;
  INSERT INTO member_stat_months (unit_id, month, dim, value, delta)
  SELECT unit_id, date_trunc('month', day)::date, dim, value, sum(delta)::integer FROM member_stat_changes GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0;
END $$;
--> statement-breakpoint
INSERT INTO member_stat_months (unit_id, month, dim, value, delta)
SELECT unit_id, date_trunc('month', day)::date, dim, value, sum(delta)::integer FROM member_stat_changes GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0;
