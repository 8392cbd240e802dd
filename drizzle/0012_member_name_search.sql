DROP INDEX "members_name_trgm";--> statement-breakpoint
DROP INDEX "members_phone_trgm";--> statement-breakpoint
DROP INDEX "members_national_id_trgm";--> statement-breakpoint
DROP INDEX "members_sort_idx";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "name_rest" text GENERATED ALWAYS AS (regexp_replace(regexp_replace(name_folded, '\s*\S+\s*$', ''), '\s+', 'ß', 'g') || chr(31) || normalize(lower(regexp_replace(regexp_replace(full_name, '\s*\S+\s*$', ''), '\s+', 'ß', 'g')), NFC)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "members_name_rest_trgm" ON "members" USING gin ("name_rest" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_digits_trgm" ON "members" USING gin ((coalesce("phone", '') || ' ' || coalesce("national_id", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_sort_idx" ON "members" USING btree (("sort_key" collate "C"),"id","name_rest");