CREATE TABLE "self_recognition_applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"category" text NOT NULL,
	"statement" text NOT NULL,
	"requested_levels" text[] NOT NULL,
	"contact_phone" text NOT NULL,
	"status" text NOT NULL,
	"granted_levels" text[],
	"decision_note" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"created_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "self_recognition_applications" ADD CONSTRAINT "self_recognition_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_recognition_applications" ADD CONSTRAINT "self_recognition_applications_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key");