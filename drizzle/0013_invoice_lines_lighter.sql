ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_commune_id_communes_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_family_id_families_id_fk";
--> statement-breakpoint
DROP INDEX "invoice_lines_family";--> statement-breakpoint
DROP INDEX "invoice_lines_session_once";--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lines_session_once" ON "invoice_lines" USING btree ("session_booking_id") WHERE released = false and session_booking_id is not null;--> statement-breakpoint
-- Hand-written (ADR 0031): a line is added only to a draft, of its own commune and family. Checked once
-- per statement, for each invoice its new lines name, instead of a SELECT and two foreign keys per line:
-- a run writes some hundreds of thousands of lines in statements of 2,000. The invoice's own foreign key
-- (kept) says it exists; its commune and family are the line's. Changes and deletions of lines are still
-- checked row by row by `invoice_lines_frozen` (migration 0005), which no longer sees inserts.
CREATE FUNCTION "invoice_lines_added"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wrong record;
BEGIN
  SELECT n.invoice_id, i.status INTO wrong
  FROM (SELECT DISTINCT invoice_id, commune_id, family_id FROM new_lines) n
  LEFT JOIN invoices i ON i.id = n.invoice_id
  WHERE i.status IS DISTINCT FROM 'draft' OR i.commune_id <> n.commune_id OR i.family_id <> n.family_id
  LIMIT 1;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF wrong.status IS NOT NULL AND wrong.status <> 'draft' THEN
    RAISE EXCEPTION 'the lines of an % invoice never change', wrong.status USING ERRCODE = 'check_violation';
  END IF;
  RAISE EXCEPTION 'a line belongs to the commune and family of its invoice %', wrong.invoice_id
    USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_added" AFTER INSERT ON "invoice_lines" REFERENCING NEW TABLE AS "new_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_added"();
--> statement-breakpoint
DROP TRIGGER "invoice_lines_frozen" ON "invoice_lines";
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_frozen" BEFORE UPDATE OR DELETE ON "invoice_lines" FOR EACH ROW EXECUTE FUNCTION "invoice_lines_frozen"();
