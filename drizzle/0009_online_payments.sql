CREATE TABLE "payfip_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"id_op" text NOT NULL,
	"invoice_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_citizen_id" uuid,
	"created_by_agent_id" uuid,
	"payer" text NOT NULL,
	"state" text NOT NULL,
	"result" text,
	"paid_cents" integer,
	"settled_at" timestamp with time zone,
	"payment_id" uuid,
	CONSTRAINT "payfip_attempts_state" CHECK ("payfip_attempts"."state" in ('pending', 'paid', 'refused', 'abandoned', 'expired', 'test')),
	CONSTRAINT "payfip_attempts_mode" CHECK ("payfip_attempts"."mode" in ('T', 'X', 'W')),
	CONSTRAINT "payfip_attempts_amount" CHECK ("payfip_attempts"."amount_cents" between 100 and 10000000),
	CONSTRAINT "payfip_attempts_paid" CHECK (("payfip_attempts"."state" = 'paid') = ("payfip_attempts"."payment_id" is not null)),
	CONSTRAINT "payfip_attempts_settled" CHECK (("payfip_attempts"."state" = 'pending') = ("payfip_attempts"."settled_at" is null))
);
--> statement-breakpoint
CREATE TABLE "payfip_settings" (
	"commune_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"numcli" text NOT NULL,
	"mode" text NOT NULL,
	CONSTRAINT "payfip_settings_numcli" CHECK ("payfip_settings"."numcli" ~ '^[0-9]{6}$'),
	CONSTRAINT "payfip_settings_mode" CHECK ("payfip_settings"."mode" in ('T', 'X', 'W'))
);
--> statement-breakpoint
ALTER TABLE "payments" DROP CONSTRAINT "payments_means";--> statement-breakpoint
ALTER TABLE "payfip_attempts" ADD CONSTRAINT "payfip_attempts_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payfip_attempts" ADD CONSTRAINT "payfip_attempts_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payfip_attempts" ADD CONSTRAINT "payfip_attempts_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payfip_attempts" ADD CONSTRAINT "payfip_attempts_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payfip_settings" ADD CONSTRAINT "payfip_settings_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payfip_attempts_id_op" ON "payfip_attempts" USING btree ("id_op");--> statement-breakpoint
CREATE UNIQUE INDEX "payfip_attempts_payment" ON "payfip_attempts" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payfip_attempts_invoice" ON "payfip_attempts" USING btree ("commune_id","invoice_id","created_at");--> statement-breakpoint
CREATE INDEX "payfip_attempts_pending" ON "payfip_attempts" USING btree ("created_at") WHERE state = 'pending';--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_means" CHECK ("payments"."means" in ('especes', 'cheque', 'carte', 'virement', 'cesu', 'payfip'));