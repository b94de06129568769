CREATE TABLE "billing_settings" (
	"commune_id" uuid PRIMARY KEY NOT NULL,
	"due_days" integer DEFAULT 30 NOT NULL,
	"online_payment_days" integer DEFAULT 25 NOT NULL,
	"minimum_cents" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "billing_settings_days" CHECK ("billing_settings"."due_days" between 1 and 120 and "billing_settings"."online_payment_days" between 0 and "billing_settings"."due_days"),
	CONSTRAINT "billing_settings_minimum" CHECK ("billing_settings"."minimum_cents" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "credit_note_lines" (
	"credit_note_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"invoice_line_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "credit_note_lines_credit_note_id_invoice_line_id_pk" PRIMARY KEY("credit_note_id","invoice_line_id"),
	CONSTRAINT "credit_note_lines_amount" CHECK ("credit_note_lines"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_id" uuid,
	CONSTRAINT "credit_notes_amount" CHECK ("credit_notes"."amount_cents" > 0),
	CONSTRAINT "credit_notes_number_length" CHECK (char_length("credit_notes"."number") <= 20)
);
--> statement-breakpoint
CREATE TABLE "family_quotients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"value" integer NOT NULL,
	"source" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"entered_by_id" uuid,
	CONSTRAINT "family_quotients_value" CHECK ("family_quotients"."value" between 0 and 100000),
	CONSTRAINT "family_quotients_period" CHECK ("family_quotients"."valid_from" <= "family_quotients"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "family_residence" (
	"family_id" uuid PRIMARY KEY NOT NULL,
	"commune_id" uuid NOT NULL,
	"non_resident" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"commune_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "invoice_counters_commune_id_series_year_pk" PRIMARY KEY("commune_id","series","year"),
	CONSTRAINT "invoice_counters_last" CHECK ("invoice_counters"."last_number" >= 0)
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"member_name" text NOT NULL,
	"service_id" uuid NOT NULL,
	"service_name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_label" text NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"booking_id" uuid,
	"session_booking_id" uuid,
	"session_name" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"grid_id" uuid,
	"bracket_rank" integer,
	"qf_value" integer,
	"qf_source" text,
	"non_resident" boolean DEFAULT false NOT NULL,
	"unit_price_cents" integer NOT NULL,
	"meal_cents" integer,
	"majoration_cents" integer DEFAULT 0 NOT NULL,
	"majoration_rule" text,
	"amount_cents" integer NOT NULL,
	"released" boolean DEFAULT false NOT NULL,
	CONSTRAINT "invoice_lines_quantity" CHECK ("invoice_lines"."quantity" between 1 and 1000),
	CONSTRAINT "invoice_lines_unit_price" CHECK (unit_price_cents >= 0 AND unit_price_cents <= 100000),
	CONSTRAINT "invoice_lines_majoration" CHECK ("invoice_lines"."majoration_cents" between 0 and 100000),
	CONSTRAINT "invoice_lines_amount" CHECK ("invoice_lines"."amount_cents" = "invoice_lines"."quantity" * "invoice_lines"."unit_price_cents" + "invoice_lines"."majoration_cents")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"status" text NOT NULL,
	"number" text,
	"period" text NOT NULL,
	"total_cents" integer NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"issued_on" date,
	"due_on" date,
	"online_payment_until" date,
	"issued_at" timestamp with time zone,
	"issued_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	CONSTRAINT "invoices_status" CHECK ("invoices"."status" in ('draft', 'issued', 'cancelled')),
	CONSTRAINT "invoices_period_format" CHECK ("invoices"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "invoices_total" CHECK ("invoices"."total_cents" >= 0),
	CONSTRAINT "invoices_number_length" CHECK (char_length("invoices"."number") <= 20),
	CONSTRAINT "invoices_numbered_when_issued" CHECK (("invoices"."status" = 'draft') = ("invoices"."number" is null) and ("invoices"."status" = 'draft') = ("invoices"."issued_on" is null)),
	CONSTRAINT "invoices_cancel_reason" CHECK (("invoices"."status" = 'cancelled') = ("invoices"."cancel_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "qf_brackets" (
	"commune_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"upper_bound" integer,
	CONSTRAINT "qf_brackets_commune_id_rank_pk" PRIMARY KEY("commune_id","rank"),
	CONSTRAINT "qf_brackets_rank" CHECK ("qf_brackets"."rank" between 1 and 20),
	CONSTRAINT "qf_brackets_bound" CHECK ("qf_brackets"."upper_bound" is null or "qf_brackets"."upper_bound" between 0 and 100000)
);
--> statement-breakpoint
CREATE TABLE "session_tariffs" (
	"session_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"bracket_rank" integer NOT NULL,
	"price_cents" integer NOT NULL,
	CONSTRAINT "session_tariffs_session_id_bracket_rank_pk" PRIMARY KEY("session_id","bracket_rank"),
	CONSTRAINT "session_tariffs_price" CHECK (price_cents >= 0 AND price_cents <= 100000)
);
--> statement-breakpoint
CREATE TABLE "tariff_grid_prices" (
	"grid_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"bracket_rank" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"meal_cents" integer,
	CONSTRAINT "tariff_grid_prices_grid_id_bracket_rank_pk" PRIMARY KEY("grid_id","bracket_rank"),
	CONSTRAINT "tariff_grid_prices_price" CHECK (price_cents >= 0 AND price_cents <= 100000),
	CONSTRAINT "tariff_grid_prices_meal" CHECK ("tariff_grid_prices"."meal_cents" is null or ("tariff_grid_prices"."meal_cents" >= 0 and "tariff_grid_prices"."meal_cents" <= "tariff_grid_prices"."price_cents"))
);
--> statement-breakpoint
CREATE TABLE "tariff_grids" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"starts_on" date NOT NULL,
	"decision" text DEFAULT '' NOT NULL,
	"non_resident_cents" integer,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_id" uuid,
	CONSTRAINT "tariff_grids_non_resident" CHECK ("tariff_grids"."non_resident_cents" is null or (non_resident_cents >= 0 AND non_resident_cents <= 100000))
);
--> statement-breakpoint
ALTER TABLE "billing_settings" ADD CONSTRAINT "billing_settings_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_credit_note_id_credit_notes_id_fk" FOREIGN KEY ("credit_note_id") REFERENCES "public"."credit_notes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_note_lines" ADD CONSTRAINT "credit_note_lines_invoice_line_id_invoice_lines_id_fk" FOREIGN KEY ("invoice_line_id") REFERENCES "public"."invoice_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_quotients" ADD CONSTRAINT "family_quotients_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_quotients" ADD CONSTRAINT "family_quotients_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_residence" ADD CONSTRAINT "family_residence_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_residence" ADD CONSTRAINT "family_residence_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_member_id_family_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."family_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qf_brackets" ADD CONSTRAINT "qf_brackets_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tariffs" ADD CONSTRAINT "session_tariffs_session_id_activity_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."activity_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_tariffs" ADD CONSTRAINT "session_tariffs_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_grid_prices" ADD CONSTRAINT "tariff_grid_prices_grid_id_tariff_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."tariff_grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_grid_prices" ADD CONSTRAINT "tariff_grid_prices_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_grids" ADD CONSTRAINT "tariff_grids_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_grids" ADD CONSTRAINT "tariff_grids_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_note_lines_once" ON "credit_note_lines" USING btree ("invoice_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_number" ON "credit_notes" USING btree ("commune_id","number");--> statement-breakpoint
CREATE INDEX "credit_notes_invoice" ON "credit_notes" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "family_quotients_family" ON "family_quotients" USING btree ("commune_id","family_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_day_once" ON "invoice_lines" USING btree ("member_id","service_id","day") WHERE released = false and session_booking_id is null;--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_session_once" ON "invoice_lines" USING btree ("session_booking_id") WHERE released = false;--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice" ON "invoice_lines" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "invoice_lines_family" ON "invoice_lines" USING btree ("commune_id","family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number" ON "invoices" USING btree ("commune_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_one_draft" ON "invoices" USING btree ("commune_id","family_id","period") WHERE status = 'draft';--> statement-breakpoint
CREATE INDEX "invoices_family" ON "invoices" USING btree ("commune_id","family_id","period");--> statement-breakpoint
CREATE INDEX "invoices_period" ON "invoices" USING btree ("commune_id","period","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tariff_grids_start" ON "tariff_grids" USING btree ("commune_id","service_id","unit","starts_on");--> statement-breakpoint
-- Hand-written: an issued invoice is a legal record. Whatever route or query tries, the database itself
-- refuses to change it, except to cancel it (status, who, when, why); a cancelled one never changes again,
-- and neither is ever deleted. Drafts have no number and may be replaced freely.
CREATE FUNCTION "invoices_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice % is %: it is never deleted', OLD.number, OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'cancelled' THEN
    RAISE EXCEPTION 'invoice % is cancelled: it never changes', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status = 'issued' AND (
    NEW.status <> 'cancelled'
    OR (NEW.id, NEW.commune_id, NEW.family_id, NEW.number, NEW.period, NEW.total_cents, NEW.warnings,
        NEW.drafted_at, NEW.issued_on, NEW.due_on, NEW.online_payment_until, NEW.issued_at, NEW.issued_by_id)
       IS DISTINCT FROM
       (OLD.id, OLD.commune_id, OLD.family_id, OLD.number, OLD.period, OLD.total_cents, OLD.warnings,
        OLD.drafted_at, OLD.issued_on, OLD.due_on, OLD.online_payment_until, OLD.issued_at, OLD.issued_by_id)
  ) THEN
    RAISE EXCEPTION 'invoice % is issued: only its cancellation may be written', OLD.number USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_frozen" BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION "invoices_frozen"();
--> statement-breakpoint
-- Hand-written: a line belongs to its invoice as it was issued. Lines are added and removed only while the
-- invoice is a draft; once issued, the one change is `released` becoming true when the invoice is cancelled.
CREATE FUNCTION "invoice_lines_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice_status text;
BEGIN
  SELECT status INTO invoice_status FROM invoices WHERE id = COALESCE(NEW.invoice_id, OLD.invoice_id);
  IF invoice_status IS NULL OR invoice_status = 'draft' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND invoice_status = 'cancelled' AND NOT OLD.released AND NEW.released
     AND (to_jsonb(NEW) - 'released') = (to_jsonb(OLD) - 'released') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the lines of an % invoice never change', invoice_status USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION "invoice_lines_frozen"();
--> statement-breakpoint
-- Hand-written: a credit note is written once, like the invoice it corrects.
CREATE FUNCTION "credit_notes_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a credit note never changes' USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_notes_frozen" BEFORE UPDATE OR DELETE ON "credit_notes" FOR EACH ROW EXECUTE FUNCTION "credit_notes_frozen"();
--> statement-breakpoint
CREATE TRIGGER "credit_note_lines_frozen" BEFORE UPDATE OR DELETE ON "credit_note_lines" FOR EACH ROW EXECUTE FUNCTION "credit_notes_frozen"();
