CREATE TYPE "public"."member_import_status" AS ENUM('draft', 'committed', 'discarded');--> statement-breakpoint
CREATE TABLE "member_import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"file_size" integer NOT NULL,
	"format" text NOT NULL,
	"sheet_name" text,
	"header_row" integer NOT NULL,
	"mapping" jsonb NOT NULL,
	"mapping_confirmed" boolean DEFAULT false NOT NULL,
	"fixes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decisions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "member_import_status" DEFAULT 'draft' NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"created_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"secondary_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "member_import_mappings" (
	"unit_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_import_mappings_unit_id_signature_pk" PRIMARY KEY("unit_id","signature")
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "birth_year_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "import_batch_id" uuid;--> statement-breakpoint
ALTER TABLE "member_import_batches" ADD CONSTRAINT "member_import_batches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_batches" ADD CONSTRAINT "member_import_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_mappings" ADD CONSTRAINT "member_import_mappings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_import_mappings" ADD CONSTRAINT "member_import_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_import_batches_unit_idx" ON "member_import_batches" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "member_import_batches_hash_idx" ON "member_import_batches" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "members_import_batch_idx" ON "members" USING btree ("import_batch_id") WHERE "members"."import_batch_id" is not null;