CREATE TABLE "convention_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"automatic" boolean NOT NULL,
	"status" text NOT NULL,
	"organisation_id" text,
	"user_id" text,
	"snapshot" "bytea" NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_approvals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"article_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"hash" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"parameters" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_comment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"comment_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"action" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"parent_id" text,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"article_id" text,
	"anchor" jsonb,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"option_key" text NOT NULL,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"position" text NOT NULL,
	"reason" text NOT NULL,
	"condition" text,
	"option_value" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convention_versions" ADD CONSTRAINT "convention_versions_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_versions" ADD CONSTRAINT "convention_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convention_versions" ADD CONSTRAINT "convention_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_approvals" ADD CONSTRAINT "negotiation_approvals_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_approvals" ADD CONSTRAINT "negotiation_approvals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_approvals" ADD CONSTRAINT "negotiation_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comment_events" ADD CONSTRAINT "negotiation_comment_events_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comment_events" ADD CONSTRAINT "negotiation_comment_events_comment_id_negotiation_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."negotiation_comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comment_events" ADD CONSTRAINT "negotiation_comment_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comment_events" ADD CONSTRAINT "negotiation_comment_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comments" ADD CONSTRAINT "negotiation_comments_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comments" ADD CONSTRAINT "negotiation_comments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_comments" ADD CONSTRAINT "negotiation_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_positions" ADD CONSTRAINT "negotiation_positions_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_positions" ADD CONSTRAINT "negotiation_positions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_positions" ADD CONSTRAINT "negotiation_positions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "convention_versions_number_unique" ON "convention_versions" USING btree ("convention_id","number");--> statement-breakpoint
CREATE INDEX "negotiation_approvals_convention_idx" ON "negotiation_approvals" USING btree ("convention_id","id");--> statement-breakpoint
CREATE INDEX "negotiation_comment_events_convention_idx" ON "negotiation_comment_events" USING btree ("convention_id","id");--> statement-breakpoint
CREATE INDEX "negotiation_comments_convention_idx" ON "negotiation_comments" USING btree ("convention_id","created_at");--> statement-breakpoint
CREATE INDEX "negotiation_positions_convention_idx" ON "negotiation_positions" USING btree ("convention_id","id");