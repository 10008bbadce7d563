CREATE TABLE "censure_records" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"organisation_id" integer,
	"person_id" integer,
	"subject" text NOT NULL,
	"reason" text NOT NULL,
	"recorded_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_views" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"viewer_name" text NOT NULL,
	"organisation_name" text,
	"role" text NOT NULL,
	"day" date NOT NULL,
	"first_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "censure_records" ADD CONSTRAINT "censure_records_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "censure_records" ADD CONSTRAINT "censure_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "censure_records" ADD CONSTRAINT "censure_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "censure_records" ADD CONSTRAINT "censure_records_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_views" ADD CONSTRAINT "record_views_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_views" ADD CONSTRAINT "record_views_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "censure_records_application_idx" ON "censure_records" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_views_unique" ON "record_views" USING btree ("application_id","account_id","day");