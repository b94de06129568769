ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_member_id_family_members_id_fk";
--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_service_id_services_id_fk";
--> statement-breakpoint
-- Hand-written (ADR 0037): a line's child and service exist, checked once per statement for the children
-- and services its new rows name, instead of a foreign-key query per line: a run writes some hundreds of
-- thousands of lines in statements of 2,000, and those two lookups were a third of each statement's time.
-- As a foreign key would, the check locks the rows it finds (FOR KEY SHARE: a concurrent deletion waits
-- for this transaction, or this statement sees the row gone) and refuses with SQLSTATE 23503.
CREATE FUNCTION "invoice_lines_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  IF (SELECT count(*) FROM (SELECT 1 FROM family_members m
        WHERE m.id IN (SELECT member_id FROM new_lines) FOR KEY SHARE OF m) locked)
     <> (SELECT count(DISTINCT member_id) FROM new_lines) THEN
    SELECT n.member_id INTO missing FROM new_lines n
    WHERE NOT EXISTS (SELECT 1 FROM family_members m WHERE m.id = n.member_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "invoice_lines" violates its reference to family_members'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (member_id)=(%s) is not present.', missing);
  END IF;
  IF (SELECT count(*) FROM (SELECT 1 FROM services s
        WHERE s.id IN (SELECT service_id FROM new_lines) FOR KEY SHARE OF s) locked)
     <> (SELECT count(DISTINCT service_id) FROM new_lines) THEN
    SELECT n.service_id INTO missing FROM new_lines n
    WHERE NOT EXISTS (SELECT 1 FROM services s WHERE s.id = n.service_id) LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "invoice_lines" violates its reference to services'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (service_id)=(%s) is not present.', missing);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_references_added" AFTER INSERT ON "invoice_lines" REFERENCING NEW TABLE AS "new_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_references"();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_references_changed" AFTER UPDATE ON "invoice_lines" REFERENCING NEW TABLE AS "new_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_references"();
--> statement-breakpoint
-- What the foreign keys' ON DELETE CASCADE did: a child or a service deleted takes its lines with it, once
-- per statement. A line of an issued invoice still refuses to go (`invoice_lines_frozen`), and with it the
-- deletion, as before.
CREATE FUNCTION "invoice_lines_of_deleted_members"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invoice_lines l USING old_members o WHERE l.member_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_of_deleted_members" AFTER DELETE ON "family_members" REFERENCING OLD TABLE AS "old_members"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_of_deleted_members"();
--> statement-breakpoint
CREATE FUNCTION "invoice_lines_of_deleted_services"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invoice_lines l USING old_services o WHERE l.service_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_of_deleted_services" AFTER DELETE ON "services" REFERENCING OLD TABLE AS "old_services"
  FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_of_deleted_services"();
--> statement-breakpoint
-- A key named by a line never changes under it (the foreign keys' ON UPDATE NO ACTION); ids are never
-- changed by the application, so this costs nothing but the WHEN.
CREATE FUNCTION "invoice_lines_key_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM invoice_lines l
             WHERE (TG_TABLE_NAME = 'family_members' AND l.member_id = OLD.id)
                OR (TG_TABLE_NAME = 'services' AND l.service_id = OLD.id)) THEN
    RAISE EXCEPTION 'update on table "%" changes a key still named by invoice_lines', TG_TABLE_NAME
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_member_key_kept" BEFORE UPDATE OF "id" ON "family_members" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "invoice_lines_key_kept"();
--> statement-breakpoint
CREATE TRIGGER "invoice_lines_service_key_kept" BEFORE UPDATE OF "id" ON "services" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "invoice_lines_key_kept"();
