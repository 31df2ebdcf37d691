CREATE TABLE "convention_signatures" (
	"convention_id" text PRIMARY KEY NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_by" text NOT NULL,
	"snapshot" "bytea" NOT NULL,
	"server_data" jsonb NOT NULL,
	"fingerprint" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convention_parties" ADD COLUMN "status" text DEFAULT 'acceptee' NOT NULL;--> statement-breakpoint
ALTER TABLE "convention_parties" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "start_date" text;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "duration_years" integer;--> statement-breakpoint
ALTER TABLE "conventions" ADD COLUMN "signature_date" text;--> statement-breakpoint
ALTER TABLE "convention_signatures" ADD CONSTRAINT "convention_signatures_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_signatures" ADD CONSTRAINT "convention_signatures_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;