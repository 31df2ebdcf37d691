CREATE TABLE "flux_annex_approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"annex_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"hash" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flux_annexes" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"year" integer NOT NULL,
	"generated_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"adopted_at" timestamp with time zone,
	"frozen" jsonb,
	"fingerprint" text,
	CONSTRAINT "flux_annexes_adopted_whole" CHECK (("flux_annexes"."adopted_at" is null) = ("flux_annexes"."frozen" is null) and ("flux_annexes"."adopted_at" is null) = ("flux_annexes"."fingerprint" is null))
);
--> statement-breakpoint
ALTER TABLE "flux_annex_approvals" ADD CONSTRAINT "flux_annex_approvals_annex_id_flux_annexes_id_fk" FOREIGN KEY ("annex_id") REFERENCES "public"."flux_annexes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flux_annex_approvals" ADD CONSTRAINT "flux_annex_approvals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flux_annex_approvals" ADD CONSTRAINT "flux_annex_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flux_annexes" ADD CONSTRAINT "flux_annexes_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flux_annexes" ADD CONSTRAINT "flux_annexes_generated_by_users_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flux_annex_approvals_annex_idx" ON "flux_annex_approvals" USING btree ("annex_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "flux_annexes_convention_year_unique" ON "flux_annexes" USING btree ("convention_id","year");