CREATE TABLE "approval_document_items" (
	"document_id" integer NOT NULL,
	"application_id" integer NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"document_number" text,
	"sequence" integer,
	"title" text NOT NULL,
	"recipient" text NOT NULL,
	"issuer" text NOT NULL,
	"effective_on" date NOT NULL,
	"issued_on" date,
	"copy_to" text,
	"created_by_account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by_account_id" integer,
	"issued_at" timestamp with time zone,
	CONSTRAINT "approval_documents_document_number_unique" UNIQUE("document_number")
);
--> statement-breakpoint
CREATE TABLE "certificate_verifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"certificate_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"application_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_month" text NOT NULL,
	"employer" text NOT NULL,
	"series_code" text NOT NULL,
	"series" text NOT NULL,
	"specialty" text NOT NULL,
	"qualification" text NOT NULL,
	"level" text NOT NULL,
	"agency_name" text NOT NULL,
	"document_number" text NOT NULL,
	"obtained_on" date NOT NULL,
	"issued_on" date NOT NULL,
	"qr_payload" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"next" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "document_prefix" text;--> statement-breakpoint
ALTER TABLE "agencies" ADD COLUMN "issuer_name" text;--> statement-breakpoint
ALTER TABLE "approval_document_items" ADD CONSTRAINT "approval_document_items_document_id_approval_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."approval_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_document_items" ADD CONSTRAINT "approval_document_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_issued_by_account_id_accounts_id_fk" FOREIGN KEY ("issued_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_verifications" ADD CONSTRAINT "certificate_verifications_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_document_id_approval_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."approval_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_sequences" ADD CONSTRAINT "number_sequences_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_document_items_key" ON "approval_document_items" USING btree ("document_id","application_id");--> statement-breakpoint
CREATE INDEX "approval_document_items_application_idx" ON "approval_document_items" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "approval_documents_agency_idx" ON "approval_documents" USING btree ("agency_id","year");--> statement-breakpoint
CREATE INDEX "certificate_verifications_certificate_idx" ON "certificate_verifications" USING btree ("certificate_id","at");--> statement-breakpoint
CREATE INDEX "certificates_agency_idx" ON "certificates" USING btree ("agency_id","issued_on");--> statement-breakpoint
CREATE INDEX "certificates_person_idx" ON "certificates" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "certificates_document_idx" ON "certificates" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "number_sequences_key" ON "number_sequences" USING btree ("agency_id","year","kind");--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_status_check" CHECK ("status" IN ('draft', 'issued'));--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_issued_has_number" CHECK ("status" = 'draft' OR ("document_number" IS NOT NULL AND "issued_on" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_status_check" CHECK ("status" IN ('valid', 'revoked'));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_gender_check" CHECK ("gender" IN ('男', '女'));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_level_check" CHECK ("level" IN ('junior', 'assistant', 'intermediate'));--> statement-breakpoint
ALTER TABLE "certificate_verifications" ADD CONSTRAINT "certificate_verifications_channel_check" CHECK ("channel" IN ('query', 'qr'));--> statement-breakpoint
ALTER TABLE "number_sequences" ADD CONSTRAINT "number_sequences_kind_check" CHECK ("kind" IN ('approval', 'certificate'));
