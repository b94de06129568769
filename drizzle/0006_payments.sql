CREATE TABLE "invoice_mentions" (
	"commune_id" uuid PRIMARY KEY NOT NULL,
	"regie" text NOT NULL,
	"responsible_name" text NOT NULL,
	"responsible_position" text NOT NULL,
	"court" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"commune_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	CONSTRAINT "payment_allocations_payment_id_invoice_id_pk" PRIMARY KEY("payment_id","invoice_id"),
	CONSTRAINT "payment_allocations_amount" CHECK ("payment_allocations"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"means" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"received_on" date NOT NULL,
	"payer" text NOT NULL,
	"cheque_number" text,
	"cheque_bank" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_id" uuid,
	"cancel_reason" text,
	CONSTRAINT "payments_means" CHECK ("payments"."means" in ('especes', 'cheque', 'carte', 'virement', 'cesu')),
	CONSTRAINT "payments_amount" CHECK ("payments"."amount_cents" between 1 and 10000000),
	CONSTRAINT "payments_cheque" CHECK (("payments"."means" = 'cheque') = ("payments"."cheque_number" is not null and "payments"."cheque_bank" is not null)),
	CONSTRAINT "payments_cancel" CHECK (("payments"."cancelled_at" is null) = ("payments"."cancel_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "invoice_mentions" ADD CONSTRAINT "invoice_mentions_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_allocations_invoice" ON "payment_allocations" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_family" ON "payments" USING btree ("commune_id","family_id","received_on");--> statement-breakpoint
CREATE INDEX "payments_received" ON "payments" USING btree ("commune_id","received_on");--> statement-breakpoint
-- Hand-written (ADR 0014): what is allocated to an invoice never exceeds what it leaves to pay, whatever
-- writes it and however many instances write at once. Each new allocation locks its invoice's row, so
-- two payments to one invoice are checked one after the other, and the sum read after the lock includes
-- what the other one committed (READ COMMITTED takes a new snapshot for each statement of the function).
-- The invoice must be issued, of the payment's commune and family; credit notes count as paid.
CREATE FUNCTION "payment_allocations_within_left_to_pay"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice record;
  payment record;
  allocated integer;
  credited integer;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'an allocation never changes: cancel its payment' USING ERRCODE = 'check_violation';
  END IF;
  SELECT id, commune_id, family_id, status, total_cents INTO invoice FROM invoices WHERE id = NEW.invoice_id FOR UPDATE;
  SELECT commune_id, family_id, amount_cents, cancelled_at INTO payment FROM payments WHERE id = NEW.payment_id;
  IF invoice.status IS DISTINCT FROM 'issued' OR payment.cancelled_at IS NOT NULL
     OR invoice.commune_id <> NEW.commune_id OR payment.commune_id <> NEW.commune_id
     OR invoice.family_id <> payment.family_id THEN
    RAISE EXCEPTION 'invoice % is not an issued invoice of the payment''s family', NEW.invoice_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_open_invoice';
  END IF;
  SELECT COALESCE(SUM(a.amount_cents), 0) INTO allocated
    FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
    WHERE a.invoice_id = NEW.invoice_id AND p.cancelled_at IS NULL;
  SELECT COALESCE(SUM(amount_cents), 0) INTO credited FROM credit_notes WHERE invoice_id = NEW.invoice_id;
  IF allocated + credited + NEW.amount_cents > invoice.total_cents THEN
    RAISE EXCEPTION 'invoice % would be paid % cents over its total', NEW.invoice_id,
      allocated + credited + NEW.amount_cents - invoice.total_cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_within_left_to_pay';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payment_allocations_within_left_to_pay" BEFORE INSERT OR UPDATE OR DELETE ON "payment_allocations" FOR EACH ROW EXECUTE FUNCTION "payment_allocations_within_left_to_pay"();
--> statement-breakpoint
-- Hand-written: a payment is allocated whole, checked when its transaction commits (its allocations are
-- written after it): the régie keeps no money that no invoice asked for.
CREATE FUNCTION "payments_allocated_whole"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  allocated integer;
BEGIN
  SELECT COALESCE(SUM(amount_cents), 0) INTO allocated FROM payment_allocations WHERE payment_id = NEW.id;
  IF allocated <> NEW.amount_cents THEN
    RAISE EXCEPTION 'payment % is allocated % cents of %', NEW.id, allocated, NEW.amount_cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_allocated_whole';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "payments_allocated_whole" AFTER INSERT ON "payments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "payments_allocated_whole"();
--> statement-breakpoint
-- Hand-written: a payment is a record of the régie. It is never deleted, and the one change ever written is
-- its cancellation (who, when, why), once.
CREATE FUNCTION "payments_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a payment is never deleted: cancel it' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.cancelled_at IS NOT NULL OR NEW.cancelled_at IS NULL
     OR (to_jsonb(NEW) - 'cancelled_at' - 'cancelled_by_id' - 'cancel_reason')
        <> (to_jsonb(OLD) - 'cancelled_at' - 'cancelled_by_id' - 'cancel_reason') THEN
    RAISE EXCEPTION 'payment % may only be cancelled, once', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "payments_kept" BEFORE UPDATE OR DELETE ON "payments" FOR EACH ROW EXECUTE FUNCTION "payments_kept"();
