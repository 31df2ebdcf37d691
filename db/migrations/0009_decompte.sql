CREATE TABLE "decompte_events" (
	"import_id" text NOT NULL,
	"line" integer NOT NULL,
	"rpls" text NOT NULL,
	"code" text,
	"departement" text NOT NULL,
	"holder_organisation_id" text,
	"holder_kind" text,
	"date" text NOT NULL,
	"event" text NOT NULL,
	"motif" text,
	"adaptee" boolean,
	"prioritaire" boolean,
	"dalo" boolean,
	"premier_quartile" boolean,
	"commune" text NOT NULL,
	"qpv" boolean NOT NULL,
	"typologie" text NOT NULL,
	"financement" text NOT NULL,
	CONSTRAINT "decompte_events_import_id_line_pk" PRIMARY KEY("import_id","line")
);
--> statement-breakpoint
CREATE TABLE "decompte_imports" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"year" integer NOT NULL,
	"file_name" text NOT NULL,
	"imported_by" text NOT NULL,
	"row_count" integer NOT NULL,
	"inventory_import_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decompte_events" ADD CONSTRAINT "decompte_events_import_id_decompte_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."decompte_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte_events" ADD CONSTRAINT "decompte_events_holder_organisation_id_organisations_id_fk" FOREIGN KEY ("holder_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte_imports" ADD CONSTRAINT "decompte_imports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte_imports" ADD CONSTRAINT "decompte_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decompte_imports" ADD CONSTRAINT "decompte_imports_inventory_import_id_inventory_imports_id_fk" FOREIGN KEY ("inventory_import_id") REFERENCES "public"."inventory_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decompte_events_import_commune_idx" ON "decompte_events" USING btree ("import_id","commune");--> statement-breakpoint
CREATE INDEX "decompte_imports_org_year_idx" ON "decompte_imports" USING btree ("organisation_id","year","created_at");