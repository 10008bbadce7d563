-- Issue 13 item 5: ID and mobile numbers encrypted at rest (SM4-CTR + HMAC-SM3) with an HMAC-SM3 blind
-- index for lookups. SQL cannot compute SM4, so this migration only adds the columns; the rows still
-- in clear are converted at start-up by Node (prepareDatabase → convertClearPersonalData), which nulls
-- the clear columns (and a username equal to the person's ID number: such accounts sign in with the
-- ID number, looked up by its index). The check constraints are NOT VALID: existing clear rows pass
-- until converted; every row written or updated from now on must be encrypted (an old instance cannot
-- write clear data). The audit chain records each link's hash function (AUDIT_HASH, SM3 by default).
DROP INDEX "blacklist_entries_id_number_idx";--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "username" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ALTER COLUMN "id_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "social_insurance_records" ALTER COLUMN "id_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain" ADD COLUMN "hash_algorithm" text DEFAULT 'sha256' NOT NULL;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD COLUMN "id_number_cipher" text;--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD COLUMN "id_number_index" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_number_cipher" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "id_number_index" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "mobile_cipher" text;--> statement-breakpoint
ALTER TABLE "social_insurance_records" ADD COLUMN "id_number_cipher" text;--> statement-breakpoint
ALTER TABLE "social_insurance_records" ADD COLUMN "id_number_index" text;--> statement-breakpoint
CREATE INDEX "blacklist_entries_id_number_index_idx" ON "blacklist_entries" USING btree ("id_number_index");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_id_number_index_unique" UNIQUE("id_number_index");--> statement-breakpoint
ALTER TABLE "social_insurance_records" ADD CONSTRAINT "social_insurance_records_id_number_index_unique" UNIQUE("id_number_index");--> statement-breakpoint
ALTER TABLE "blacklist_entries" ADD CONSTRAINT "blacklist_entries_id_number_encrypted" CHECK ("blacklist_entries"."id_number" is null and "blacklist_entries"."id_number_cipher" is not null and "blacklist_entries"."id_number_index" is not null) NOT VALID;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_personal_data_encrypted" CHECK ("persons"."id_number" is null and "persons"."mobile" is null
        and ("persons"."id_number_cipher" is null) = ("persons"."id_number_index" is null)) NOT VALID;--> statement-breakpoint
ALTER TABLE "social_insurance_records" ADD CONSTRAINT "social_insurance_records_id_number_encrypted" CHECK ("social_insurance_records"."id_number" is null and "social_insurance_records"."id_number_cipher" is not null and "social_insurance_records"."id_number_index" is not null) NOT VALID;
