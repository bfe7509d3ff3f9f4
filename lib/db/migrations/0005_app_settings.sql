CREATE TABLE "app_settings" (
	"app_id" uuid NOT NULL,
	"name" text NOT NULL,
	"needed" boolean DEFAULT false NOT NULL,
	"key_version" text,
	"nonce" text,
	"ciphertext" text,
	"tag" text,
	"value_bytes" integer DEFAULT 0 NOT NULL,
	"value_updated_at" timestamp with time zone,
	"value_updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "settings_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_value_updated_by_users_id_fk" FOREIGN KEY ("value_updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "app_settings_app_id_name" ON "app_settings" USING btree ("app_id","name");