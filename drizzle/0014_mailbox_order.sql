-- Mails are dated by the portal's clock (the demo's, in demo mode) like every date a page shows, so their order
-- cannot be read from that date: a fixed test clock gives many mails one instant. `seq` is the order they were
-- queued in. Mails already kept are numbered in the order the table holds them.
DROP INDEX "mailbox_commune_created";--> statement-breakpoint
ALTER TABLE "mailbox" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "mailbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
CREATE INDEX "mailbox_commune_seq" ON "mailbox" USING btree ("commune_id","seq");--> statement-breakpoint
CREATE INDEX "mailbox_seq" ON "mailbox" USING btree ("seq");
