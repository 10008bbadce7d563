-- Issue 12 item 2: a version number for reference data, so that every instance can cache the public
-- answers built from it (the agencies and their windows, the series, the schedule overview) and know
-- with one primary-key read whether they still hold. Statement triggers bump it in the writer's own
-- transaction, whatever module writes (and also writes made by hand in SQL).
CREATE TABLE "reference_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "reference_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
CREATE OR REPLACE FUNCTION reference_version_bump() RETURNS trigger AS $$
BEGIN
  UPDATE reference_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER regions_reference_version AFTER INSERT OR UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER organisations_reference_version AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER agencies_reference_version AFTER INSERT OR UPDATE OR DELETE ON agencies
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER agency_scope_rules_reference_version AFTER INSERT OR UPDATE OR DELETE ON agency_scope_rules
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER schedules_reference_version AFTER INSERT OR UPDATE OR DELETE ON schedules
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER batches_reference_version AFTER INSERT OR UPDATE OR DELETE ON batches
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER series_reference_version AFTER INSERT OR UPDATE OR DELETE ON series
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER specialties_reference_version AFTER INSERT OR UPDATE OR DELETE ON specialties
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER policy_versions_reference_version AFTER INSERT OR UPDATE OR DELETE ON policy_versions
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();--> statement-breakpoint
CREATE TRIGGER calendar_days_reference_version AFTER INSERT OR UPDATE OR DELETE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION reference_version_bump();
