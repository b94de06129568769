CREATE TABLE "commune_texts" (
	"commune_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commune_texts_commune_id_kind_pk" PRIMARY KEY("commune_id","kind")
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"postcode" text NOT NULL,
	"school_zone" text NOT NULL,
	"brand_color" text NOT NULL,
	"main_site_url" text NOT NULL,
	"presentation" jsonb NOT NULL,
	"accessibility_status" text NOT NULL,
	"desk_name" text NOT NULL,
	"desk_street" text NOT NULL,
	"desk_postcode" text NOT NULL,
	"desk_city" text NOT NULL,
	"desk_phone" text NOT NULL,
	"desk_email" text NOT NULL,
	"desk_hours" jsonb NOT NULL,
	"logo_media_type" text,
	"logo" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "deployment" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "commune_texts" ADD CONSTRAINT "commune_texts_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE cascade ON UPDATE no action;