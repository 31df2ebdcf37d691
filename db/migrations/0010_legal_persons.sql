CREATE TABLE "convention_signature_blocks" (
	"convention_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"civility" text,
	"name" text,
	"title" text,
	"delegation" boolean DEFAULT false NOT NULL,
	"act_number" text,
	"act_date" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "convention_signature_blocks_convention_id_organisation_id_pk" PRIMARY KEY("convention_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "organisation_legal_identities" (
	"organisation_id" text PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"legal_form" text NOT NULL,
	"siren" text,
	"address" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convention_signature_blocks" ADD CONSTRAINT "convention_signature_blocks_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_signature_blocks" ADD CONSTRAINT "convention_signature_blocks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_signature_blocks" ADD CONSTRAINT "convention_signature_blocks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_legal_identities" ADD CONSTRAINT "organisation_legal_identities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_legal_identities" ADD CONSTRAINT "organisation_legal_identities_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;