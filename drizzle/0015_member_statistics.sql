CREATE TABLE "member_evaluation_counts" (
	"unit_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"level" "evaluation_level" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "member_evaluation_counts_unit_id_year_level_pk" PRIMARY KEY("unit_id","year","level")
);
--> statement-breakpoint
CREATE TABLE "member_flow_counts" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "member_flow_counts_unit_id_day_kind_pk" PRIMARY KEY("unit_id","day","kind")
);
--> statement-breakpoint
CREATE TABLE "member_stat_changes" (
	"unit_id" uuid NOT NULL,
	"day" date NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "member_stat_changes_unit_id_day_dim_value_pk" PRIMARY KEY("unit_id","day","dim","value")
);
--> statement-breakpoint
CREATE TABLE "member_stat_counts" (
	"unit_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "member_stat_counts_unit_id_dim_value_pk" PRIMARY KEY("unit_id","dim","value")
);
--> statement-breakpoint
CREATE TABLE "member_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"member_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" "member_status" NOT NULL,
	"gender" "gender",
	"birth_year" smallint,
	"ethnicity" text,
	"religion" text,
	"education" text,
	"joined_year" smallint,
	"has_national_id" boolean NOT NULL,
	"has_birth_date" boolean NOT NULL,
	"has_phone" boolean NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "counted_since" date DEFAULT current_date NOT NULL;--> statement-breakpoint
CREATE INDEX "member_versions_valid_to_idx" ON "member_versions" USING btree ("valid_to");--> statement-breakpoint
CREATE INDEX "member_versions_member_idx" ON "member_versions" USING btree ("member_id","valid_to");