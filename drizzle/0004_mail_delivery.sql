ALTER TABLE "mailbox" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "job_token" uuid;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "retry_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "demo_browser" text;--> statement-breakpoint
CREATE INDEX "mailbox_commune_status" ON "mailbox" USING btree ("commune_id","status");