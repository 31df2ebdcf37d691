CREATE TABLE "inventory_dwellings" (
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"rpls" text NOT NULL,
	"reservataire" text,
	"departement" text NOT NULL,
	"epci" text NOT NULL,
	"commune" text NOT NULL,
	"qpv" boolean NOT NULL,
	"typologie" text NOT NULL,
	"financement" text NOT NULL,
	"habitat" text NOT NULL,
	"rotation_bailleur" text NOT NULL,
	"rotation_ex_reservataire" text,
	"convention_start" text,
	"convention_end" text,
	"exclusion" text,
	CONSTRAINT "inventory_dwellings_import_id_rpls_pk" PRIMARY KEY("import_id","rpls")
);
--> statement-breakpoint
CREATE TABLE "inventory_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"year" integer NOT NULL,
	"file_name" text NOT NULL,
	"imported_by" text NOT NULL,
	"row_count" integer NOT NULL,
	"aggregates" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventory_dwellings" ADD CONSTRAINT "inventory_dwellings_import_id_inventory_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."inventory_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_imports" ADD CONSTRAINT "inventory_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inventory_imports_org_year_idx" ON "inventory_imports" USING btree ("organisation_id","year","created_at");