CREATE TABLE "year_end_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"documents" jsonb,
	"certificate_count" integer,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by_account_id" integer,
	"city_comment" text,
	"decided_at" timestamp with time zone,
	"decided_by_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_submitted_by_account_id_accounts_id_fk" FOREIGN KEY ("submitted_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_decided_by_account_id_accounts_id_fk" FOREIGN KEY ("decided_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "year_end_reports_agency_year_idx" ON "year_end_reports" USING btree ("agency_id","year");--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_status_check" CHECK ("status" IN ('draft', 'submitted', 'accepted', 'returned'));--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_certificate_count_check" CHECK ("certificate_count" IS NULL OR "certificate_count" >= 0);
