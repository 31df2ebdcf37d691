CREATE TABLE "negotiation_deadlines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"option" text NOT NULL,
	"deadline" text,
	"user_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "negotiation_deadlines" ADD CONSTRAINT "negotiation_deadlines_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_deadlines" ADD CONSTRAINT "negotiation_deadlines_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_deadlines" ADD CONSTRAINT "negotiation_deadlines_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "negotiation_deadlines_convention_idx" ON "negotiation_deadlines" USING btree ("convention_id","id");