-- Lifecycle steps are also summed by month (member_flow_months, 0021), and the reads of the
-- dashboard get covering indexes (lib/stats/dashboard.ts reads a period's whole months from the
-- month tables and only its edges day by day).

-- Each flow change is written for the day and for its month, in key order.
CREATE TYPE stat_flow AS (unit_id uuid, day date, kind text, n integer);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stat_add_flows(flows stat_flow[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_flow_counts AS c (unit_id, day, kind, n)
  SELECT f.unit_id, f.day, f.kind, sum(f.n)::integer FROM unnest(flows) f GROUP BY 1, 2, 3 HAVING sum(f.n) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, day, kind) DO UPDATE SET n = c.n + excluded.n;
  INSERT INTO member_flow_months AS c (unit_id, month, kind, n)
  SELECT f.unit_id, date_trunc('month', f.day)::date, f.kind, sum(f.n)::integer FROM unnest(flows) f GROUP BY 1, 2, 3 HAVING sum(f.n) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, month, kind) DO UPDATE SET n = c.n + excluded.n;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
  flows stat_flow[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    flows := ARRAY(
      SELECT ROW(f.unit_id, f.day, f.kind, f.n)::stat_flow
      FROM (SELECT e.kind, e.unit_id, e.other_unit_id, e.occurred_on, count(*)::integer AS n FROM old_rows e
            WHERE e.kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased', 'transfer_accepted') GROUP BY 1, 2, 3, 4) g
      CROSS JOIN LATERAL stat_flow_rows(sign, g.kind, g.unit_id, g.other_unit_id, g.occurred_on, g.n) f);
  ELSE
    flows := ARRAY(
      SELECT ROW(f.unit_id, f.day, f.kind, f.n)::stat_flow
      FROM (SELECT e.kind, e.unit_id, e.other_unit_id, e.occurred_on, count(*)::integer AS n FROM new_rows e
            WHERE e.kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased', 'transfer_accepted') GROUP BY 1, 2, 3, 4) g
      CROSS JOIN LATERAL stat_flow_rows(sign, g.kind, g.unit_id, g.other_unit_id, g.occurred_on, g.n) f);
  END IF;
  IF cardinality(flows) > 0 THEN
    PERFORM stat_add_flows(flows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The recount of 0020, and the flows' months from their days.
CREATE OR REPLACE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM stat_pending WHERE txid = txid_current();
  PERFORM stats_rebuild_figures();
  DELETE FROM member_stat_months;
  INSERT INTO member_stat_months (unit_id, month, dim, value, delta)
  SELECT unit_id, date_trunc('month', day)::date, dim, value, sum(delta)::integer FROM member_stat_changes GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0;
  DELETE FROM member_flow_months;
  INSERT INTO member_flow_months (unit_id, month, kind, n)
  SELECT unit_id, date_trunc('month', day)::date, kind, sum(n)::integer FROM member_flow_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
END $$;
--> statement-breakpoint
INSERT INTO member_flow_months (unit_id, month, kind, n)
SELECT unit_id, date_trunc('month', day)::date, kind, sum(n)::integer FROM member_flow_counts GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
--> statement-breakpoint
-- Covering indexes: every column these reads need is in the index, so they are answered from it
-- alone (an index-only scan). One unit's rows are written over many days and lie scattered over
-- the table; past rows are not updated again, so their pages stay all-visible.
CREATE INDEX "member_stat_months_read_idx" ON "member_stat_months" ("unit_id", "dim", "month") INCLUDE ("value", "delta");
--> statement-breakpoint
CREATE INDEX "member_stat_changes_read_idx" ON "member_stat_changes" ("unit_id", "dim", "day") INCLUDE ("value", "delta");
--> statement-breakpoint
CREATE INDEX "member_flow_counts_read_idx" ON "member_flow_counts" ("unit_id", "day") INCLUDE ("kind", "n");
--> statement-breakpoint
CREATE INDEX "member_flow_months_read_idx" ON "member_flow_months" ("unit_id", "month") INCLUDE ("kind", "n");
