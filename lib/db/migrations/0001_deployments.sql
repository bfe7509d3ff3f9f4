CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"status" text DEFAULT 'deploying' NOT NULL,
	"deployment_url" text,
	"preview_url" text,
	"commit_sha" text,
	"chat_id" text,
	"version_id" text,
	"provider_deployment_id" text,
	"progress" text,
	"message" text,
	"error" text,
	"started_by" text DEFAULT 'user' NOT NULL,
	"started_by_user_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"lease_expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "vercel_project_id" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "vercel_project_name" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "staging_url" text;--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "production_url" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_started_by_user_id_users_id_fk" FOREIGN KEY ("started_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_in_flight_per_app" ON "deployments" USING btree ("app_id") WHERE "deployments"."status" = 'deploying';--> statement-breakpoint
CREATE INDEX "deployments_ready_by_app_env" ON "deployments" USING btree ("app_id","environment","finished_at" DESC NULLS LAST) WHERE "deployments"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "deployments_latest_by_app" ON "deployments" USING btree ("app_id","started_at" DESC NULLS LAST);