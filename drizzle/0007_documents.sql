CREATE TYPE "public"."document_confidentiality" AS ENUM('normal', 'secret', 'top_secret', 'absolute_secret');--> statement-breakpoint
CREATE TYPE "public"."document_urgency" AS ENUM('normal', 'urgent', 'very_urgent', 'flash');--> statement-breakpoint
CREATE TYPE "public"."document_validity" AS ENUM('in_force', 'replaced', 'expired');--> statement-breakpoint
CREATE TYPE "public"."document_visibility" AS ENUM('public', 'internal');--> statement-breakpoint
CREATE TYPE "public"."media_kind" AS ENUM('photo', 'video_file', 'video_link');--> statement-breakpoint
CREATE TYPE "public"."publication_kind" AS ENUM('newsletter', 'book');--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"verification_code" text NOT NULL,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"pages" smallint,
	"text" text DEFAULT '' NOT NULL,
	"searchable" boolean DEFAULT false NOT NULL,
	"download_count" bigint DEFAULT 0 NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"unit_id" uuid NOT NULL,
	"number_symbol_raw" text NOT NULL,
	"number_symbol" text NOT NULL,
	"number" integer,
	"symbol_flagged" boolean DEFAULT false NOT NULL,
	"type_code" text NOT NULL,
	"issuer_unit_id" uuid,
	"issuer_external_id" uuid,
	"issued_on" date NOT NULL,
	"signer" text DEFAULT '' NOT NULL,
	"abstract" text NOT NULL,
	"field" text DEFAULT '' NOT NULL,
	"validity" "document_validity" DEFAULT 'in_force' NOT NULL,
	"replaced_by_id" uuid,
	"urgency" "document_urgency" DEFAULT 'normal' NOT NULL,
	"confidentiality" "document_confidentiality" DEFAULT 'normal' NOT NULL,
	"visibility" "document_visibility" DEFAULT 'public' NOT NULL,
	"paper_location" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"view_count" bigint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_secret_not_public" CHECK ("documents"."confidentiality" = 'normal' or ("documents"."visibility" = 'internal' and "documents"."published_at" is null))
);
--> statement-breakpoint
CREATE TABLE "external_issuers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"name_folded" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_albums" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"taken_on" date,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"album_id" uuid NOT NULL,
	"kind" "media_kind" NOT NULL,
	"sha256" text,
	"mime" text,
	"size" bigint,
	"url" text,
	"caption" text DEFAULT '' NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" "publication_kind" NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"issue_number" text DEFAULT '' NOT NULL,
	"year" smallint NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"pdf_sha256" text NOT NULL,
	"pdf_file_name" text NOT NULL,
	"pdf_size" bigint NOT NULL,
	"verification_code" text NOT NULL,
	"cover_sha256" text,
	"cover_mime" text,
	"search_text" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_issuer_unit_id_units_id_fk" FOREIGN KEY ("issuer_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_issuer_external_id_external_issuers_id_fk" FOREIGN KEY ("issuer_external_id") REFERENCES "public"."external_issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_replaced_by_id_documents_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_albums" ADD CONSTRAINT "media_albums_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_albums" ADD CONSTRAINT "media_albums_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_items" ADD CONSTRAINT "media_items_album_id_media_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."media_albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_files_document_idx" ON "document_files" USING btree ("document_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "document_files_same_file" ON "document_files" USING btree ("document_id","sha256");--> statement-breakpoint
CREATE INDEX "document_files_sha_idx" ON "document_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "document_files_code_idx" ON "document_files" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "documents_unit_idx" ON "documents" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "documents_issued_idx" ON "documents" USING btree ("issued_on");--> statement-breakpoint
CREATE INDEX "documents_type_idx" ON "documents" USING btree ("type_code");--> statement-breakpoint
CREATE INDEX "documents_symbol_idx" ON "documents" USING btree (lower("number_symbol"));--> statement-breakpoint
CREATE INDEX "documents_search_trgm" ON "documents" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "documents_public_idx" ON "documents" USING btree ("published_at") WHERE "documents"."published_at" is not null and "documents"."visibility" = 'public' and "documents"."confidentiality" = 'normal';--> statement-breakpoint
CREATE UNIQUE INDEX "external_issuers_name_key" ON "external_issuers" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "media_albums_slug_key" ON "media_albums" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "media_albums_published_idx" ON "media_albums" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "media_items_album_idx" ON "media_items" USING btree ("album_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_slug_key" ON "publications" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "publications_published_idx" ON "publications" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "publications_pdf_idx" ON "publications" USING btree ("pdf_sha256");