CREATE TABLE "demarches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commune_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demarches_commune" ON "demarches" USING btree ("commune_id","title");--> statement-breakpoint
-- A démarche's questions are a JSON list (read and written whole by the application): the database
-- refuses anything else, so that a hand edit cannot leave a definition the forms cannot read.
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_fields_list" CHECK (jsonb_typeof("fields") = 'array');
