CREATE INDEX "members_phone_trgm" ON "members" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_national_id_trgm" ON "members" USING gin ("national_id" gin_trgm_ops);