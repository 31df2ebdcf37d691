CREATE TABLE "flux_terms" (
	"organisation_id" text NOT NULL,
	"year" integer NOT NULL,
	"territory_key" text NOT NULL,
	"terms" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flux_terms_organisation_id_year_territory_key_pk" PRIMARY KEY("organisation_id","year","territory_key")
);
--> statement-breakpoint
CREATE TABLE "inventory_current" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"year" integer NOT NULL,
	"import_id" text NOT NULL,
	"set_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservataire_codes" (
	"departement" text NOT NULL,
	"code" text NOT NULL,
	"organisation_id" text,
	"line_kind" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reservataire_codes_departement_code_pk" PRIMARY KEY("departement","code")
);
--> statement-breakpoint
CREATE TABLE "rotation_data" (
	"organisation_id" text NOT NULL,
	"departement" text NOT NULL,
	"year" integer NOT NULL,
	"data" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rotation_data_organisation_id_departement_year_pk" PRIMARY KEY("organisation_id","departement","year")
);
--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "territory" jsonb;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "territory_key" text;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD COLUMN "status" text DEFAULT 'confirme' NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "flux_terms" ADD CONSTRAINT "flux_terms_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flux_terms" ADD CONSTRAINT "flux_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_current" ADD CONSTRAINT "inventory_current_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_current" ADD CONSTRAINT "inventory_current_import_id_inventory_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."inventory_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_current" ADD CONSTRAINT "inventory_current_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservataire_codes" ADD CONSTRAINT "reservataire_codes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservataire_codes" ADD CONSTRAINT "reservataire_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_data" ADD CONSTRAINT "rotation_data_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rotation_data" ADD CONSTRAINT "rotation_data_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_current_org_year_idx" ON "inventory_current" USING btree ("organisation_id","year","id");