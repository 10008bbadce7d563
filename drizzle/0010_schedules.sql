CREATE TABLE "schedules" (
	"year" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"source_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "year_end_deadline" text DEFAULT '12-31' NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "state" text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "beyond_year_end" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
CREATE INDEX "batches_year_idx" ON "batches" USING btree ("year");--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_status_check" CHECK ("status" IN ('draft', 'published'));--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_state_check" CHECK ("state" IN ('draft', 'published', 'cancelled'));--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_year_end_deadline_check" CHECK ("year_end_deadline" ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$');--> statement-breakpoint
-- The years already loaded from the annex were published by the notice itself.
INSERT INTO "schedules" ("year", "status", "published_at")
SELECT DISTINCT b."year", 'published', now()
FROM "batches" b JOIN "agencies" a ON a."id" = b."agency_id"
WHERE a."kind" = 'annex'
ON CONFLICT DO NOTHING;
