-- No double booking, enforced by the database itself: two live bookings (pending or approved) of
-- one room may not overlap in time. Two requests at the same moment cannot both win: the second
-- waits for the first and then fails with exclusion_violation (23P01), which the service turns
-- into "taken by …, free at …". Ranges are [start, end): a meeting may begin when another ends.
ALTER TABLE "room_bookings" ADD CONSTRAINT "room_bookings_no_overlap"
  EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("status" IN ('pending', 'approved'));
