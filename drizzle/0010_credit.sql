CREATE TABLE "credit_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"family_id" uuid NOT NULL,
	"means" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"refunded_on" date NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_id" uuid,
	CONSTRAINT "credit_refunds_means" CHECK ("credit_refunds"."means" in ('especes', 'cheque', 'virement')),
	CONSTRAINT "credit_refunds_amount" CHECK ("credit_refunds"."amount_cents" between 1 and 10000000)
);
--> statement-breakpoint
ALTER TABLE "payment_allocations" DROP CONSTRAINT "payment_allocations_payment_id_invoice_id_pk";--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD COLUMN "released_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "credit_refunds" ADD CONSTRAINT "credit_refunds_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_refunds" ADD CONSTRAINT "credit_refunds_family_id_families_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."families"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_refunds_family" ON "credit_refunds" USING btree ("commune_id","family_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_payment" ON "payment_allocations" USING btree ("payment_id");--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_released" CHECK ("payment_allocations"."released_cents" between 0 and "payment_allocations"."amount_cents");--> statement-breakpoint
-- Hand-written (ADR 0014, « The family's credit »): what a family's live payments hold beyond their live
-- allocations and its refunds is its credit. It is read by this function and never stored.
CREATE FUNCTION "family_credit_cents"(family uuid) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT SUM(p.amount_cents) FROM payments p WHERE p.family_id = family AND p.cancelled_at IS NULL), 0)
       - COALESCE((SELECT SUM(a.amount_cents - a.released_cents) FROM payment_allocations a
                     JOIN payments p ON p.id = a.payment_id
                    WHERE p.family_id = family AND p.cancelled_at IS NULL), 0)
       - COALESCE((SELECT SUM(r.amount_cents) FROM credit_refunds r WHERE r.family_id = family), 0)
$$;
--> statement-breakpoint
-- Hand-written: an allocation is written under the family's lock, then its invoice's (the order the
-- payments service takes them in, so the two never wait on each other crosswise). It never makes the
-- invoice paid beyond its total less its credit notes, nor the payment allocated beyond its amount, nor
-- the family's credit negative (what was refunded is not spent twice). The one change ever written is a
-- release: `released_cents` going up, when the invoice is cancelled or credited after it was paid.
CREATE OR REPLACE FUNCTION "payment_allocations_within_left_to_pay"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice record;
  payment record;
  allocated bigint;
  credited bigint;
  spent bigint;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.released_cents < OLD.released_cents
       OR (to_jsonb(NEW) - 'released_cents') <> (to_jsonb(OLD) - 'released_cents') THEN
      RAISE EXCEPTION 'an allocation is only ever released: cancel its payment' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'an allocation is never deleted: cancel its payment' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.released_cents <> 0 THEN
    RAISE EXCEPTION 'an allocation is written unreleased' USING ERRCODE = 'check_violation';
  END IF;
  SELECT commune_id, family_id, amount_cents, cancelled_at INTO payment FROM payments WHERE id = NEW.payment_id;
  PERFORM 1 FROM families WHERE id = payment.family_id FOR UPDATE;
  SELECT id, commune_id, family_id, status, total_cents INTO invoice FROM invoices WHERE id = NEW.invoice_id FOR UPDATE;
  IF invoice.status IS DISTINCT FROM 'issued' OR payment.cancelled_at IS NOT NULL
     OR invoice.commune_id <> NEW.commune_id OR payment.commune_id <> NEW.commune_id
     OR invoice.family_id <> payment.family_id THEN
    RAISE EXCEPTION 'invoice % is not an issued invoice of the payment''s family', NEW.invoice_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_open_invoice';
  END IF;
  SELECT COALESCE(SUM(a.amount_cents - a.released_cents), 0) INTO allocated
    FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
    WHERE a.invoice_id = NEW.invoice_id AND p.cancelled_at IS NULL;
  SELECT COALESCE(SUM(amount_cents), 0) INTO credited FROM credit_notes WHERE invoice_id = NEW.invoice_id;
  IF allocated + credited + NEW.amount_cents > invoice.total_cents THEN
    RAISE EXCEPTION 'invoice % would be paid % cents over its total', NEW.invoice_id,
      allocated + credited + NEW.amount_cents - invoice.total_cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_within_left_to_pay';
  END IF;
  SELECT COALESCE(SUM(amount_cents - released_cents), 0) INTO spent FROM payment_allocations WHERE payment_id = NEW.payment_id;
  IF spent + NEW.amount_cents > payment.amount_cents THEN
    RAISE EXCEPTION 'payment % would be allocated % cents over its amount', NEW.payment_id,
      spent + NEW.amount_cents - payment.amount_cents
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_within_payment';
  END IF;
  IF family_credit_cents(payment.family_id) - NEW.amount_cents < 0 THEN
    RAISE EXCEPTION 'family % would spend credit it does not have', payment.family_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payment_allocations_within_credit';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- A payment need no longer be allocated whole: what is left of it is the family's credit.
DROP TRIGGER "payments_allocated_whole" ON "payments";
--> statement-breakpoint
DROP FUNCTION "payments_allocated_whole"();
--> statement-breakpoint
-- Hand-written: a payment is never deleted, changes once, to be cancelled, and is not cancelled when the
-- credit it left was refunded already (the family's credit would go below zero: money paid out twice).
CREATE OR REPLACE FUNCTION "payments_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  spent bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a payment is never deleted: cancel it' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.cancelled_at IS NOT NULL OR NEW.cancelled_at IS NULL
     OR (to_jsonb(NEW) - 'cancelled_at' - 'cancelled_by_id' - 'cancel_reason')
        <> (to_jsonb(OLD) - 'cancelled_at' - 'cancelled_by_id' - 'cancel_reason') THEN
    RAISE EXCEPTION 'payment % may only be cancelled, once', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  PERFORM 1 FROM families WHERE id = OLD.family_id FOR UPDATE;
  SELECT COALESCE(SUM(amount_cents - released_cents), 0) INTO spent FROM payment_allocations WHERE payment_id = OLD.id;
  IF family_credit_cents(OLD.family_id) - (OLD.amount_cents - spent) < 0 THEN
    RAISE EXCEPTION 'payment % left credit that was refunded', OLD.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'payments_credit_refunded';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Hand-written: a refund is written under the family's lock and never exceeds its credit; it is never
-- changed nor deleted.
CREATE FUNCTION "credit_refunds_within_credit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  family_commune uuid;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'a refund is never changed nor deleted' USING ERRCODE = 'check_violation';
  END IF;
  SELECT commune_id INTO family_commune FROM families WHERE id = NEW.family_id FOR UPDATE;
  IF family_commune IS DISTINCT FROM NEW.commune_id THEN
    RAISE EXCEPTION 'family % is not of commune %', NEW.family_id, NEW.commune_id USING ERRCODE = 'check_violation';
  END IF;
  IF family_credit_cents(NEW.family_id) - NEW.amount_cents < 0 THEN
    RAISE EXCEPTION 'family % would be refunded % cents over its credit', NEW.family_id,
      NEW.amount_cents - family_credit_cents(NEW.family_id)
      USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_refunds_within_credit';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_refunds_within_credit" BEFORE INSERT OR UPDATE OR DELETE ON "credit_refunds" FOR EACH ROW EXECUTE FUNCTION "credit_refunds_within_credit"();
--> statement-breakpoint
-- Hand-written: a cancelled invoice asks for nothing, so all that was allocated to it goes back to its
-- payments, whatever cancels it: the money becomes the family's credit.
CREATE FUNCTION "invoices_release_payments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE payment_allocations SET released_cents = amount_cents
    WHERE invoice_id = NEW.id AND released_cents < amount_cents;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoices_release_payments" AFTER UPDATE OF "status" ON "invoices" FOR EACH ROW
  WHEN (OLD.status = 'issued' AND NEW.status = 'cancelled') EXECUTE FUNCTION "invoices_release_payments"();
--> statement-breakpoint
-- Hand-written: a credit note on an invoice paid already leaves it paid beyond what it now asks; that
-- much goes back to its payments, the last received first, and becomes the family's credit.
CREATE FUNCTION "credit_notes_release_payments"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice record;
  excess bigint;
  allocation record;
  taken bigint;
BEGIN
  SELECT id, total_cents INTO invoice FROM invoices WHERE id = NEW.invoice_id FOR UPDATE;
  SELECT COALESCE((SELECT SUM(a.amount_cents - a.released_cents) FROM payment_allocations a
                     JOIN payments p ON p.id = a.payment_id
                    WHERE a.invoice_id = invoice.id AND p.cancelled_at IS NULL), 0)
       + COALESCE((SELECT SUM(c.amount_cents) FROM credit_notes c WHERE c.invoice_id = invoice.id), 0)
       - invoice.total_cents
    INTO excess;
  FOR allocation IN
    SELECT a.id, a.amount_cents - a.released_cents AS live FROM payment_allocations a
      JOIN payments p ON p.id = a.payment_id
     WHERE a.invoice_id = invoice.id AND p.cancelled_at IS NULL AND a.released_cents < a.amount_cents
     ORDER BY p.received_on DESC, p.recorded_at DESC, a.id DESC
  LOOP
    EXIT WHEN excess <= 0;
    taken := LEAST(excess, allocation.live);
    UPDATE payment_allocations SET released_cents = released_cents + taken WHERE id = allocation.id;
    excess := excess - taken;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "credit_notes_release_payments" AFTER INSERT ON "credit_notes" FOR EACH ROW EXECUTE FUNCTION "credit_notes_release_payments"();
