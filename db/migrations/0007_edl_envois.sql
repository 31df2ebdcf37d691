CREATE TABLE "etat_des_lieux_envois" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bailleur_id" text NOT NULL,
	"reservataire_id" text NOT NULL,
	"year" integer NOT NULL,
	"import_id" text NOT NULL,
	"sent_by" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "etat_des_lieux_envois" ADD CONSTRAINT "etat_des_lieux_envois_bailleur_id_organisations_id_fk" FOREIGN KEY ("bailleur_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "etat_des_lieux_envois" ADD CONSTRAINT "etat_des_lieux_envois_reservataire_id_organisations_id_fk" FOREIGN KEY ("reservataire_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "etat_des_lieux_envois" ADD CONSTRAINT "etat_des_lieux_envois_import_id_inventory_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."inventory_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "etat_des_lieux_envois" ADD CONSTRAINT "etat_des_lieux_envois_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "edl_envois_bailleur_year_idx" ON "etat_des_lieux_envois" USING btree ("bailleur_id","year");--> statement-breakpoint
CREATE INDEX "edl_envois_reservataire_year_idx" ON "etat_des_lieux_envois" USING btree ("reservataire_id","year");