CREATE TABLE "document_view_marks" (
	"document_id" uuid NOT NULL,
	"visitor" text NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_view_marks_document_id_visitor_pk" PRIMARY KEY("document_id","visitor")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, left(search_text, 250000))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "document_view_marks" ADD CONSTRAINT "document_view_marks_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_view_marks_counted_idx" ON "document_view_marks" USING btree ("counted_at");--> statement-breakpoint
CREATE INDEX "documents_search_vector_idx" ON "documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "documents_symbol_trgm" ON "documents" USING gin (lower("number_symbol") gin_trgm_ops);