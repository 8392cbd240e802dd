ALTER TABLE "org_settings" ADD COLUMN "admission_min_age" smallint;--> statement-breakpoint
ALTER TABLE "org_settings" ADD COLUMN "admission_max_age" smallint;