-- Issue 12 item 1: the audit log no longer serialises every write. A write appends its row (with a MAC
-- under the audit key) and its number in audit_pending; one sealer at a time chains pending rows into
-- audit_chain and signs checkpoints. The existing chain moves into audit_chain unchanged (same hashes,
-- same order); rows written before this migration carry no MAC (legacy_last_seq) and stay covered by it.
CREATE TABLE "audit_chain" (
	"position" bigint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_chain_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "audit_checkpoints" (
	"position" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"public_key" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_pending" (
	"seq" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
INSERT INTO "audit_chain" ("position", "seq", "prev_hash", "hash", "sealed_at")
  SELECT row_number() OVER (ORDER BY "seq"), "seq", "prev_hash", "hash", "at" FROM "audit_log";--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "last_position" bigint;--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "legacy_last_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "audit_head" SET "last_position" = (SELECT count(*) FROM "audit_chain"), "legacy_last_seq" = "last_seq";--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "last_position" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_head" DROP COLUMN "last_seq";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "hash";--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_enqueue() RETURNS trigger AS $$
BEGIN
  INSERT INTO audit_pending (seq) VALUES (NEW.seq);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER audit_log_enqueue AFTER INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_enqueue();
