CREATE TABLE "document_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"commune_id" uuid NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "document_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"nonce_prefix" "bytea" NOT NULL,
	"chunk_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"subject" text NOT NULL,
	"validity_kind" text NOT NULL,
	"validity_months" integer,
	"service_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"demarche_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keep_expired_days" integer DEFAULT 90 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"member_id" uuid,
	"type_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scan" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"uploaded_by" uuid,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"valid_from" date,
	"valid_until" date,
	"refusal_reason" text DEFAULT '' NOT NULL,
	"replaced_at" timestamp with time zone,
	"wrapped_key" "bytea" NOT NULL,
	"master_key_id" text NOT NULL,
	"purge_after" timestamp with time zone,
	"purged_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "document_chunks" ADD CONSTRAINT "document_chunks_file_id_document_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."document_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_chunks" ADD CONSTRAINT "document_chunks_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_types" ADD CONSTRAINT "document_types_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_member_id_family_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."family_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_type_id_document_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."document_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_files_document" ON "document_files" USING btree ("document_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "document_types_code" ON "document_types" USING btree ("commune_id","code");--> statement-breakpoint
CREATE INDEX "document_types_commune" ON "document_types" USING btree ("commune_id","position");--> statement-breakpoint
CREATE INDEX "documents_family" ON "documents" USING btree ("commune_id","family_id");--> statement-breakpoint
CREATE INDEX "documents_queue" ON "documents" USING btree ("commune_id","status","uploaded_at");--> statement-breakpoint
-- Written by hand (drizzle cannot express CHECK constraints): the states and kinds the code knows,
-- so that no other value can reach the families' page or the retention job.
ALTER TABLE "document_types" ADD CONSTRAINT "document_types_subject" CHECK ("subject" IN ('family', 'child'));--> statement-breakpoint
ALTER TABLE "document_types" ADD CONSTRAINT "document_types_validity" CHECK (
  ("validity_kind" = 'months' AND "validity_months" BETWEEN 1 AND 120)
  OR ("validity_kind" IN ('school-year', 'unlimited') AND "validity_months" IS NULL)
);--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_status" CHECK ("status" IN ('pending', 'validated', 'refused', 'replaced'));--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_scan" CHECK ("scan" IN ('clean', 'not-scanned'));--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_size" CHECK ("size" > 0 AND "size" <= 10485760);
