-- Issue 11: CHECK constraints on the state columns. Rows written before them are first brought into
-- the shape the code has always written where that shape is unambiguous (an application out of review
-- holds no seat; a seat's role follows its stage; a revoked certificate or cancelled batch has its time).
UPDATE "applications" SET "stage" = NULL, "holder_organisation_id" = NULL, "holder_role" = NULL, "stage_since" = NULL WHERE "status" <> 'submitted' AND ("stage" IS NOT NULL OR "holder_organisation_id" IS NOT NULL OR "holder_role" IS NOT NULL OR "stage_since" IS NOT NULL);--> statement-breakpoint
UPDATE "applications" SET "stage_since" = coalesce("submitted_at", "updated_at") WHERE "stage" IS NOT NULL AND "stage_since" IS NULL;--> statement-breakpoint
UPDATE "applications" SET "holder_role" = CASE WHEN "stage" LIKE '%leader' THEN 'leader' ELSE 'handler' END WHERE "stage" IS NOT NULL AND "holder_role" IS DISTINCT FROM (CASE WHEN "stage" LIKE '%leader' THEN 'leader' ELSE 'handler' END);--> statement-breakpoint
UPDATE "certificates" SET "revoked_at" = "created_at" WHERE "status" = 'revoked' AND "revoked_at" IS NULL;--> statement-breakpoint
UPDATE "certificates" SET "revoked_at" = NULL WHERE "status" = 'valid' AND "revoked_at" IS NOT NULL;--> statement-breakpoint
UPDATE "batches" SET "cancelled_at" = now() WHERE "state" = 'cancelled' AND "cancelled_at" IS NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_status_valid" CHECK (status in ('draft', 'submitted', 'returned', 'withdrawn', 'recognised', 'rejected', 'cancelled'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_stage_valid" CHECK (stage is null or stage in ('unit_handler', 'unit_leader', 'supervisor_handler', 'supervisor_leader', 'agency_handler', 'agency_leader'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_target_level_valid" CHECK (target_level in ('junior', 'assistant', 'intermediate'));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_review_holder" CHECK ((status = 'submitted') = (stage is not null)
        and (stage is null) = (holder_organisation_id is null)
        and (stage is null) = (holder_role is null)
        and (stage is null) = (stage_since is null)
        and (stage is null or holder_role = case when stage like '%leader' then 'leader' else 'handler' end));--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_version_of_status" CHECK (revision >= 0 and (status = 'draft') = (version = 0));--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_status_valid" CHECK (status in ('draft', 'issued'));--> statement-breakpoint
ALTER TABLE "approval_documents" ADD CONSTRAINT "approval_documents_issued_numbered" CHECK (status = 'draft' or document_number is not null);--> statement-breakpoint
ALTER TABLE "archive_hosted_requests" ADD CONSTRAINT "archive_hosted_requests_status_valid" CHECK (status in ('requested', 'verified', 'listed', 'approved', 'refused'));--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_state_valid" CHECK (state in ('draft', 'published', 'cancelled'));--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_filing_status_valid" CHECK (filing_status in ('not_required', 'pending', 'accepted', 'refused'));--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_cancelled_has_time" CHECK (state <> 'cancelled' or cancelled_at is not null);--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_status_valid" CHECK (status in ('valid', 'revoked'));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_has_time" CHECK ((status = 'revoked') = (revoked_at is not null));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_level_valid" CHECK (level in ('junior', 'assistant', 'intermediate'));--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_status_valid" CHECK (status in ('draft', 'published'));--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_decision_valid" CHECK (decision in ('approve', 'return', 'reject', 'cancel'));--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_status_valid" CHECK (status in ('draft', 'published'));--> statement-breakpoint
ALTER TABLE "self_recognition_applications" ADD CONSTRAINT "self_recognition_applications_status_valid" CHECK (status in ('pending', 'approved', 'refused'));--> statement-breakpoint
ALTER TABLE "year_end_reports" ADD CONSTRAINT "year_end_reports_status_valid" CHECK (status in ('draft', 'submitted', 'accepted', 'returned'));