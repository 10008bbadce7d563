CREATE TABLE "archive_hosted_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"applicant_account_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"personnel_agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"statement" text NOT NULL,
	"status" text NOT NULL,
	"verified_by_name" text,
	"verified_at" timestamp with time zone,
	"listed_by_name" text,
	"listed_at" timestamp with time zone,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "material_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"version" integer NOT NULL,
	"material_index" integer NOT NULL,
	"account_id" integer NOT NULL,
	"person_name" text NOT NULL,
	"organisation_name" text NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"application_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "publicities" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"working_days" integer NOT NULL,
	"created_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_entries" (
	"publicity_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publicity_objections" (
	"id" serial PRIMARY KEY NOT NULL,
	"publicity_id" integer NOT NULL,
	"application_id" integer,
	"content" text NOT NULL,
	"handling" text DEFAULT '' NOT NULL,
	"recorded_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"version" integer NOT NULL,
	"stage" text NOT NULL,
	"decision" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"person_name" text NOT NULL,
	"role" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"work_experience_confirmed" boolean,
	"revision_after" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "kind" text DEFAULT 'annex' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "stage" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "holder_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "holder_role" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "stage_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "supervisor_organisation_id" integer;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "filing_status" text DEFAULT 'not_required' NOT NULL;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "filing_document" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "filing_note" text;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "filed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batches" ADD COLUMN "filing_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "acts_as_supervisor" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "archive_hosted_requests" ADD CONSTRAINT "archive_hosted_requests_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_hosted_requests" ADD CONSTRAINT "archive_hosted_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_hosted_requests" ADD CONSTRAINT "archive_hosted_requests_personnel_agency_id_organisations_id_fk" FOREIGN KEY ("personnel_agency_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_checks" ADD CONSTRAINT "material_checks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "material_checks" ADD CONSTRAINT "material_checks_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_entries" ADD CONSTRAINT "publicity_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_publicity_id_publicities_id_fk" FOREIGN KEY ("publicity_id") REFERENCES "public"."publicities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD CONSTRAINT "publicity_objections_recorded_by_account_id_accounts_id_fk" FOREIGN KEY ("recorded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "archive_hosted_requests_person_year" ON "archive_hosted_requests" USING btree ("person_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "material_checks_unique" ON "material_checks" USING btree ("application_id","version","material_index");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_entries_unique" ON "publicity_entries" USING btree ("publicity_id","application_id");--> statement-breakpoint
CREATE INDEX "review_actions_application_idx" ON "review_actions" USING btree ("application_id","version");--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_holder_organisation_id_organisations_id_fk" FOREIGN KEY ("holder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_supervisor_organisation_id_organisations_id_fk" FOREIGN KEY ("supervisor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_queue_idx" ON "applications" USING btree ("holder_organisation_id","holder_role","stage_since","id") WHERE status = 'submitted';--> statement-breakpoint
-- Applications submitted before the review chain existed wait at its first stage.
UPDATE "applications" AS a SET "stage" = 'unit_handler', "holder_organisation_id" = a."employer_id", "holder_role" = 'handler', "stage_since" = coalesce(a."submitted_at", a."updated_at"), "supervisor_organisation_id" = (SELECT p."id" FROM "organisations" e JOIN "organisations" p ON p."id" = e."parent_id" WHERE e."id" = a."employer_id" AND p."kind" = 'supervisor') WHERE a."status" = 'submitted';
