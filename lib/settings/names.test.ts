import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { describeSettings, namesSetting, settingLabel, settingPhrase } from "./names";

describe("settings in a sentence", () => {
  it("names a known service's setting by what it is, and any other by its kind and name", () => {
    expect(settingPhrase("STRIPE_SECRET_KEY")).toBe("a Stripe secret key");
    expect(settingPhrase("OPENAI_API_KEY")).toBe("an OpenAI API key");
    expect(settingPhrase("NEXT_PUBLIC_SUPABASE_URL")).toBe("a Supabase address");
    expect(settingPhrase("DATABASE_URL")).toBe("a database address");
    expect(settingPhrase("NEXT_PUBLIC_SITE_URL")).toBe("an address (NEXT_PUBLIC_SITE_URL)");
    expect(settingPhrase("JWT_SECRET")).toBe("a secret (JWT_SECRET)");
    expect(settingPhrase("WEATHER_API_KEY")).toBe("an API key (WEATHER_API_KEY)");
    expect(settingPhrase("NEXT_PUBLIC_GA_ID")).toBe("an ID (NEXT_PUBLIC_GA_ID)");
    expect(settingPhrase("SUPABASE_PROJECT_REF")).toBe("a Supabase setting (SUPABASE_PROJECT_REF)");
    expect(settingPhrase("APP_MODE")).toBe("the setting APP_MODE");
    // The panel's headings are unchanged: the name is shown under them.
    expect([settingLabel("NEXT_PUBLIC_SITE_URL"), settingLabel("DATABASE_URL"), settingLabel("STRIPE_SECRET_KEY")]).toEqual([
      "NEXT_PUBLIC_SITE_URL",
      "Database address",
      "Stripe secret key",
    ]);
  });

  it("shows a bare name only in brackets or as \"the setting NAME\", never as \"a NAME\"", () => {
    for (const name of ["NEXT_PUBLIC_SITE_URL", "APP_MODE", "EMAIL_FROM", "SMTP_HOST", "NEXTAUTH_URL", "FEATURE_FLAGS", "X"]) {
      const phrase = settingPhrase(name);
      expect(phrase.replace(`(${name})`, "").replace(`the setting ${name}`, ""), name).not.toContain(name);
    }
  });

  it("joins a few as a list and cuts a long one to three and how many more", () => {
    expect(describeSettings([])).toBe("");
    expect(describeSettings(["STRIPE_SECRET_KEY", "NEXT_PUBLIC_SITE_URL"])).toBe("a Stripe secret key and an address (NEXT_PUBLIC_SITE_URL)");
    expect(describeSettings(["NEXT_PUBLIC_SITE_URL", "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])).toBe(
      "an address (NEXT_PUBLIC_SITE_URL), a Stripe publishable key, a Stripe secret key and a Stripe webhook signing secret",
    );
    const dozen = ["OPENAI_API_KEY", "NEXT_PUBLIC_SUPABASE_URL", "RESEND_API_KEY", "APP_MODE", "JWT_SECRET", "SMTP_HOST", "SMTP_USER", "SMTP_PASS", "EMAIL_FROM", "ADMIN_PASSWORD", "CRON_SECRET", "NEXT_PUBLIC_GA_ID"];
    const sentence = describeSettings(dozen);
    expect(sentence).toBe("an OpenAI API key, a Supabase address, a Resend API key and 9 more settings");
    expect(sentence).not.toMatch(TECHNICAL_WORDS);
  });
});

describe("namesSetting", () => {
  it("finds a name only as a whole word", () => {
    expect(namesSetting("Missing NEXT_PUBLIC_SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_URL")).toBe(true);
    expect(namesSetting("Missing NEXT_PUBLIC_SUPABASE_URL", "SUPABASE_URL")).toBe(false);
    expect(namesSetting("read without a value: SUPABASE_URL, SUPABASE_KEY)", "SUPABASE_URL")).toBe(true);
    expect(namesSetting("STRIPE_SECRET_KEYS", "STRIPE_SECRET_KEY")).toBe(false);
  });
});
