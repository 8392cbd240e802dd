-- Leadership statistics kept by the database itself (db/schema/stats.ts explains the tables):
-- every change to members, their events and evaluations, and to the unit tree updates the
-- figures in the same transaction, so no service can forget one.

-- The day a change is counted on: today in Vietnam. A transaction may name another day with
-- `SET LOCAL kn.stat_day = 'yyyy-mm-dd'` (the statistics tests play out changes over many days).
CREATE OR REPLACE FUNCTION stat_day() RETURNS date LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('kn.stat_day', true), '')::date, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
$$;
--> statement-breakpoint
ALTER TABLE "members" ALTER COLUMN "counted_since" SET DEFAULT stat_day();
--> statement-breakpoint
-- Records already kept count from the day they were recorded.
UPDATE "members" SET "counted_since" = ("created_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
--> statement-breakpoint
-- The unit a unit's members count under now: itself or, once it was merged, its successor (and
-- that one's, through further merges).
CREATE OR REPLACE FUNCTION stat_unit(u uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
  WITH RECURSIVE chain(id, depth) AS (
    SELECT u, 0
    UNION ALL
    SELECT s.successor_id, c.depth + 1 FROM chain c JOIN unit_successions s ON s.predecessor_id = c.id AND s.kind = 'merge' WHERE c.depth < 32
  )
  SELECT id FROM chain ORDER BY depth DESC LIMIT 1
$$;
--> statement-breakpoint
-- That unit and every unit above it: the rows a member's change updates.
CREATE OR REPLACE FUNCTION stat_units_above(u uuid) RETURNS TABLE(unit_id uuid) LANGUAGE sql STABLE AS $$
  SELECT a.id FROM units x JOIN units a ON a.path @> x.path WHERE x.id = stat_unit(u)
$$;
--> statement-breakpoint
-- What one record counts for, from the fields the statistics read: its status, and for a current
-- member (active or in transit) one value per breakdown and each missing field. '' = not recorded.
CREATE OR REPLACE FUNCTION member_stat_pairs(
  status member_status, gender gender, birth_year integer, ethnicity text, religion text, education text,
  joined_year integer, has_national_id boolean, has_birth_date boolean, has_phone boolean
) RETURNS TABLE(dim text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT p.dim, p.value
  FROM (VALUES
    ('status', status::text),
    ('gender', coalesce(gender::text, '')),
    ('birth_year', coalesce(birth_year::text, '')),
    ('ethnicity', coalesce(nullif(btrim(ethnicity), ''), '')),
    ('religion', coalesce(nullif(btrim(religion), ''), '')),
    ('education', coalesce(nullif(btrim(education), ''), '')),
    ('joined_year', coalesce(joined_year::text, '')),
    ('quality', CASE WHEN NOT has_national_id THEN 'no_national_id' END),
    ('quality', CASE WHEN NOT has_birth_date THEN 'no_birth_date' END),
    ('quality', CASE WHEN NOT has_phone THEN 'no_phone' END)
  ) AS p(dim, value)
  WHERE p.value IS NOT NULL AND (p.dim = 'status' OR status IN ('active', 'in_transit'))
$$;
--> statement-breakpoint
CREATE TYPE stat_delta AS (unit_id uuid, dim text, value text, delta integer);
--> statement-breakpoint
-- Adds changes already spread over the units they concern to the counts and to the day's changes.
CREATE OR REPLACE FUNCTION stat_apply_expanded(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT unit_id, dim, value, sum(delta)::integer AS delta FROM unnest(deltas) GROUP BY 1, 2, 3 HAVING sum(delta) <> 0
  ), counted AS (
    INSERT INTO member_stat_counts AS c (unit_id, dim, value, n)
    SELECT unit_id, dim, value, delta FROM d
    ON CONFLICT (unit_id, dim, value) DO UPDATE SET n = c.n + excluded.n
  )
  INSERT INTO member_stat_changes AS c (unit_id, day, dim, value, delta)
  SELECT unit_id, stat_day(), dim, value, delta FROM d
  ON CONFLICT (unit_id, day, dim, value) DO UPDATE SET delta = c.delta + excluded.delta
$$;
--> statement-breakpoint
-- Changes of records of units (grouped by unit): counted for each unit and every unit above it.
CREATE OR REPLACE FUNCTION stat_apply(deltas stat_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT unit_id, dim, value, sum(delta)::integer AS delta FROM unnest(deltas) GROUP BY 1, 2, 3
  ), above AS (
    SELECT u.unit_id AS leaf, a.unit_id FROM (SELECT DISTINCT unit_id FROM d) u CROSS JOIN LATERAL stat_units_above(u.unit_id) a
  )
  SELECT stat_apply_expanded(ARRAY(SELECT ROW(above.unit_id, d.dim, d.value, d.delta)::stat_delta FROM d JOIN above ON above.leaf = d.unit_id))
$$;
--> statement-breakpoint
-- Moves a unit's figures (its subtree's) from the units in from_ids to those in to_ids, from today.
CREATE OR REPLACE FUNCTION stat_shift(moved uuid, from_ids uuid[], to_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT stat_apply_expanded(ARRAY(
    SELECT ROW(t.id, c.dim, c.value, c.n * t.sign)::stat_delta
    FROM member_stat_counts c
    CROSS JOIN (SELECT unnest(from_ids) AS id, -1 AS sign UNION ALL SELECT unnest(to_ids), 1) t
    WHERE c.unit_id = moved AND c.n <> 0
  ))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_apply(ARRAY(
    SELECT ROW(r.unit_id, p.dim, p.value, count(*)::integer)::stat_delta
    FROM new_rows r
    CROSS JOIN LATERAL member_stat_pairs(r.status, r.gender, extract(year FROM r.birth_date)::integer, r.ethnicity, r.religion, r.education,
      extract(year FROM r.joined_on)::integer, coalesce(btrim(r.national_id), '') <> '', r.birth_date IS NOT NULL, coalesce(btrim(r.phone), '') <> '') p
    GROUP BY r.unit_id, p.dim, p.value
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stat_apply(ARRAY(
    SELECT ROW(x.unit_id, p.dim, p.value, sum(x.sign)::integer)::stat_delta
    FROM (
      SELECT -1 AS sign, o.* FROM old_rows o
      UNION ALL
      SELECT 1, n.* FROM new_rows n
    ) x
    CROSS JOIN LATERAL member_stat_pairs(x.status, x.gender, extract(year FROM x.birth_date)::integer, x.ethnicity, x.religion, x.education,
      extract(year FROM x.joined_on)::integer, coalesce(btrim(x.national_id), '') <> '', x.birth_date IS NOT NULL, coalesce(btrim(x.phone), '') <> '') p
    GROUP BY x.unit_id, p.dim, p.value
    HAVING sum(x.sign) <> 0
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_members_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_versions (member_id, unit_id, status, gender, birth_year, ethnicity, religion, education, joined_year, has_national_id, has_birth_date, has_phone, valid_from, valid_to)
  SELECT o.id, o.unit_id, o.status, o.gender, extract(year FROM o.birth_date), o.ethnicity, o.religion, o.education, extract(year FROM o.joined_on),
    coalesce(btrim(o.national_id), '') <> '', o.birth_date IS NOT NULL, coalesce(btrim(o.phone), '') <> '', o.counted_since, stat_day()
  FROM old_rows o WHERE o.counted_since < stat_day();
  PERFORM stat_apply(ARRAY(
    SELECT ROW(o.unit_id, p.dim, p.value, -count(*)::integer)::stat_delta
    FROM old_rows o
    CROSS JOIN LATERAL member_stat_pairs(o.status, o.gender, extract(year FROM o.birth_date)::integer, o.ethnicity, o.religion, o.education,
      extract(year FROM o.joined_on)::integer, coalesce(btrim(o.national_id), '') <> '', o.birth_date IS NOT NULL, coalesce(btrim(o.phone), '') <> '') p
    GROUP BY o.unit_id, p.dim, p.value
  ));
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Before a change to what the statistics count, the record as it was becomes a version (unless it
-- was made the same day: a day shows its last state) and the record is counted from today.
CREATE OR REPLACE FUNCTION stats_members_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.unit_id, OLD.status, OLD.gender, extract(year FROM OLD.birth_date), nullif(btrim(OLD.ethnicity), ''), nullif(btrim(OLD.religion), ''),
      nullif(btrim(OLD.education), ''), extract(year FROM OLD.joined_on), coalesce(btrim(OLD.national_id), '') <> '', OLD.birth_date IS NOT NULL, coalesce(btrim(OLD.phone), '') <> '')
     IS DISTINCT FROM
     (NEW.unit_id, NEW.status, NEW.gender, extract(year FROM NEW.birth_date), nullif(btrim(NEW.ethnicity), ''), nullif(btrim(NEW.religion), ''),
      nullif(btrim(NEW.education), ''), extract(year FROM NEW.joined_on), coalesce(btrim(NEW.national_id), '') <> '', NEW.birth_date IS NOT NULL, coalesce(btrim(NEW.phone), '') <> '') THEN
    IF OLD.counted_since < stat_day() THEN
      INSERT INTO member_versions (member_id, unit_id, status, gender, birth_year, ethnicity, religion, education, joined_year, has_national_id, has_birth_date, has_phone, valid_from, valid_to)
      VALUES (OLD.id, OLD.unit_id, OLD.status, OLD.gender, extract(year FROM OLD.birth_date), OLD.ethnicity, OLD.religion, OLD.education, extract(year FROM OLD.joined_on),
        coalesce(btrim(OLD.national_id), '') <> '', OLD.birth_date IS NOT NULL, coalesce(btrim(OLD.phone), '') <> '', OLD.counted_since, stat_day());
    END IF;
    NEW.counted_since := greatest(OLD.counted_since, stat_day());
  ELSE
    NEW.counted_since := OLD.counted_since;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_members_versioned BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION stats_members_versioned();
--> statement-breakpoint
CREATE TRIGGER stats_members_inserted AFTER INSERT ON members REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_members_inserted();
--> statement-breakpoint
CREATE TRIGGER stats_members_updated AFTER UPDATE ON members REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_members_updated();
--> statement-breakpoint
CREATE TRIGGER stats_members_deleted AFTER DELETE ON members REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_members_deleted();
--> statement-breakpoint
-- Lifecycle steps, on the day they took effect. A transfer counts in for the units above its
-- destination and out for those above its origin, and not for the units above both.
CREATE OR REPLACE FUNCTION stat_flow_rows(p_sign integer, p_kind member_event_kind, p_unit uuid, p_other uuid, p_day date, p_n integer)
RETURNS TABLE(unit_id uuid, day date, kind text, n integer) LANGUAGE sql STABLE AS $$
  -- Parameters are prefixed: in a SQL function a column of the same name would win over them.
  SELECT a.unit_id, p_day, p_kind::text, p_sign * p_n FROM stat_units_above(p_unit) a
  WHERE p_kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased') AND p_unit IS NOT NULL
  UNION ALL
  SELECT a.unit_id, p_day, 'transfer_in', p_sign * p_n FROM stat_units_above(p_unit) a
  WHERE p_kind = 'transfer_accepted' AND a.unit_id NOT IN (SELECT b.unit_id FROM stat_units_above(p_other) b)
  UNION ALL
  SELECT b.unit_id, p_day, 'transfer_out', p_sign * p_n FROM stat_units_above(p_other) b
  WHERE p_kind = 'transfer_accepted' AND b.unit_id NOT IN (SELECT a.unit_id FROM stat_units_above(p_unit) a)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION stats_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  sign integer := CASE WHEN TG_OP = 'DELETE' THEN -1 ELSE 1 END;
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO member_flow_counts AS c (unit_id, day, kind, n)
    SELECT f.unit_id, f.day, f.kind, sum(f.n)::integer
    FROM (SELECT e.kind, e.unit_id, e.other_unit_id, e.occurred_on, count(*)::integer AS n FROM old_rows e
          WHERE e.kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased', 'transfer_accepted') GROUP BY 1, 2, 3, 4) g
    CROSS JOIN LATERAL stat_flow_rows(sign, g.kind, g.unit_id, g.other_unit_id, g.occurred_on, g.n) f
    GROUP BY 1, 2, 3
    ON CONFLICT (unit_id, day, kind) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO member_flow_counts AS c (unit_id, day, kind, n)
    SELECT f.unit_id, f.day, f.kind, sum(f.n)::integer
    FROM (SELECT e.kind, e.unit_id, e.other_unit_id, e.occurred_on, count(*)::integer AS n FROM new_rows e
          WHERE e.kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased', 'transfer_accepted') GROUP BY 1, 2, 3, 4) g
    CROSS JOIN LATERAL stat_flow_rows(sign, g.kind, g.unit_id, g.other_unit_id, g.occurred_on, g.n) f
    GROUP BY 1, 2, 3
    ON CONFLICT (unit_id, day, kind) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_events_inserted AFTER INSERT ON member_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_changed();
--> statement-breakpoint
CREATE TRIGGER stats_events_deleted AFTER DELETE ON member_events REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_events_changed();
--> statement-breakpoint
-- Evaluation results, under the unit the member was evaluated in.
CREATE OR REPLACE FUNCTION stats_evaluations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO member_evaluation_counts AS c (unit_id, year, level, n)
    SELECT a.unit_id, g.year, g.level, -sum(g.n)::integer
    FROM (SELECT unit_id, year, level, count(*) AS n FROM old_rows GROUP BY 1, 2, 3) g CROSS JOIN LATERAL stat_units_above(g.unit_id) a
    GROUP BY 1, 2, 3
    ON CONFLICT (unit_id, year, level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO member_evaluation_counts AS c (unit_id, year, level, n)
    SELECT a.unit_id, g.year, g.level, sum(g.n)::integer
    FROM (SELECT unit_id, year, level, count(*) AS n FROM new_rows GROUP BY 1, 2, 3) g CROSS JOIN LATERAL stat_units_above(g.unit_id) a
    GROUP BY 1, 2, 3
    ON CONFLICT (unit_id, year, level) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_evaluations_inserted AFTER INSERT ON member_evaluations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_evaluations_changed();
--> statement-breakpoint
CREATE TRIGGER stats_evaluations_updated AFTER UPDATE ON member_evaluations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_evaluations_changed();
--> statement-breakpoint
CREATE TRIGGER stats_evaluations_deleted AFTER DELETE ON member_evaluations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_evaluations_changed();
--> statement-breakpoint
-- A unit moved under another parent takes its figures along, from today: the top of the moved
-- subtree is the one row of the statement whose parent changed.
CREATE OR REPLACE FUNCTION stats_unit_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF nlevel(OLD.path) < 2 OR nlevel(NEW.path) < 2 OR subpath(OLD.path, nlevel(OLD.path) - 2, 1) = subpath(NEW.path, nlevel(NEW.path) - 2, 1) THEN
    RETURN NULL;
  END IF;
  PERFORM stat_shift(NEW.id,
    ARRAY(SELECT id FROM units WHERE path @> subpath(OLD.path, 0, nlevel(OLD.path) - 1)),
    ARRAY(SELECT id FROM units WHERE path @> subpath(NEW.path, 0, nlevel(NEW.path) - 1)));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_unit_moved AFTER UPDATE OF path ON units FOR EACH ROW EXECUTE FUNCTION stats_unit_moved();
--> statement-breakpoint
-- A merged unit's members count under its successor from the day of the merge; earlier days keep
-- the figures they had.
CREATE OR REPLACE FUNCTION stats_unit_merged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind <> 'merge' THEN RETURN NULL; END IF;
  PERFORM stat_shift(NEW.predecessor_id,
    ARRAY(SELECT a.id FROM units x JOIN units a ON a.path @> x.path WHERE x.id = NEW.predecessor_id),
    ARRAY(SELECT a.unit_id FROM stat_units_above(NEW.successor_id) a));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER stats_unit_merged AFTER INSERT ON unit_successions FOR EACH ROW EXECUTE FUNCTION stats_unit_merged();
--> statement-breakpoint
-- Recounts every figure from the records, their versions, events and evaluations (and fills the
-- tables for records kept before this migration). Past days are counted under each unit's
-- successor of today: what a merge kept apart in the figures kept day by day, a rebuild joins.
CREATE OR REPLACE FUNCTION stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM member_stat_counts;
  DELETE FROM member_stat_changes;
  DELETE FROM member_flow_counts;
  DELETE FROM member_evaluation_counts;
  CREATE TEMP TABLE stat_above ON COMMIT DROP AS
    SELECT u.id AS leaf, a.unit_id FROM units u CROSS JOIN LATERAL stat_units_above(u.id) a;
  INSERT INTO member_stat_changes (unit_id, day, dim, value, delta)
  SELECT a.unit_id, g.day, g.dim, g.value, sum(g.delta)::integer
  FROM (
    SELECT s.unit_id, s.day, p.dim, p.value, sum(s.sign) AS delta
    FROM (
      SELECT m.unit_id, m.counted_since AS day, 1 AS sign, m.status, m.gender, extract(year FROM m.birth_date)::integer AS birth_year, m.ethnicity, m.religion, m.education,
        extract(year FROM m.joined_on)::integer AS joined_year, coalesce(btrim(m.national_id), '') <> '' AS has_national_id, m.birth_date IS NOT NULL AS has_birth_date, coalesce(btrim(m.phone), '') <> '' AS has_phone
      FROM members m
      UNION ALL
      SELECT v.unit_id, v.valid_from, 1, v.status, v.gender, v.birth_year, v.ethnicity, v.religion, v.education, v.joined_year, v.has_national_id, v.has_birth_date, v.has_phone FROM member_versions v
      UNION ALL
      SELECT v.unit_id, v.valid_to, -1, v.status, v.gender, v.birth_year, v.ethnicity, v.religion, v.education, v.joined_year, v.has_national_id, v.has_birth_date, v.has_phone FROM member_versions v
    ) s
    CROSS JOIN LATERAL member_stat_pairs(s.status, s.gender, s.birth_year, s.ethnicity, s.religion, s.education, s.joined_year, s.has_national_id, s.has_birth_date, s.has_phone) p
    GROUP BY 1, 2, 3, 4
  ) g
  JOIN stat_above a ON a.leaf = g.unit_id
  GROUP BY 1, 2, 3, 4
  HAVING sum(g.delta) <> 0;
  INSERT INTO member_stat_counts (unit_id, dim, value, n)
  SELECT unit_id, dim, value, sum(delta)::integer FROM member_stat_changes GROUP BY 1, 2, 3;
  INSERT INTO member_flow_counts (unit_id, day, kind, n)
  SELECT f.unit_id, f.day, f.kind, sum(f.n)::integer
  FROM (SELECT e.kind, e.unit_id, e.other_unit_id, e.occurred_on, count(*)::integer AS n FROM member_events e
        WHERE e.kind IN ('admitted', 'matured_out', 'left', 'removed', 'expelled', 'deceased', 'transfer_accepted') GROUP BY 1, 2, 3, 4) g
  CROSS JOIN LATERAL stat_flow_rows(1, g.kind, g.unit_id, g.other_unit_id, g.occurred_on, g.n) f
  GROUP BY 1, 2, 3;
  INSERT INTO member_evaluation_counts (unit_id, year, level, n)
  SELECT a.unit_id, g.year, g.level, sum(g.n)::integer
  FROM (SELECT unit_id, year, level, count(*) AS n FROM member_evaluations GROUP BY 1, 2, 3) g JOIN stat_above a ON a.leaf = g.unit_id
  GROUP BY 1, 2, 3;
  DROP TABLE stat_above;
END $$;
--> statement-breakpoint
SELECT stats_rebuild();
