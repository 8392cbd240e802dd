-- Extensions later modules rely on: folded search (unaccent, pg_trgm), unit subtrees (ltree),
-- exclusion constraints over time ranges (btree_gist).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS ltree;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
