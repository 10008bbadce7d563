ALTER TABLE "certificates" DROP CONSTRAINT "certificates_application_id_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_one_valid_per_application" ON "certificates" USING btree ("application_id") WHERE status = 'valid';--> statement-breakpoint
CREATE INDEX "certificates_application_idx" ON "certificates" USING btree ("application_id");