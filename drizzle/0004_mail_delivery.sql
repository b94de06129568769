ALTER TABLE "mailbox" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "job_token" uuid;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "retry_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "demo_browser" text;--> statement-breakpoint
CREATE INDEX "mailbox_commune_status" ON "mailbox" USING btree ("commune_id","status");--> statement-breakpoint
-- Mails queued before retries were ours: their jobs may have given up already. Shown to agents in
-- « Courriels en échec », where « Renvoyer » sends them; none is lost, none silently dropped.
UPDATE "mailbox" SET "status" = 'failed', "failed_at" = now(), "job_token" = NULL,
  "last_error" = 'Message en attente lors de la mise à jour de Parvis : vérifiez l''adresse, puis renvoyez-le.';
