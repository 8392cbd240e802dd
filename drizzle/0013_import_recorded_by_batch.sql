-- An import's members are recorded by their batch (members.import_batch_id): the timeline reads
-- that step from the batch, so the per-member "recorded" events earlier imports wrote would show
-- it twice.
DELETE FROM "member_events" e
USING "members" m
WHERE e."member_id" = m."id"
  AND e."kind" = 'recorded'
  AND m."import_batch_id" IS NOT NULL
  AND e."details" ->> 'importBatchId' = m."import_batch_id"::text;
