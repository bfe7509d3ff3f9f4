import { describe, expect, it } from "vitest";
import { TECHNICAL_WORDS } from "@/tests/helpers/technical-words";
import { deployMessages, needsSettingsMessage } from "./messages";
import { stagingFailureMessage } from "./sync-staging";

describe("failure words", () => {
  it("asks for missing settings by what they are, with no Fix it and no rephrasing", () => {
    expect(stagingFailureMessage("settings", true, ["STRIPE_SECRET_KEY"])).toBe(
      "This app needs a Stripe secret key before it can run. Add it in Settings; your last working preview is still here.",
    );
    expect(needsSettingsMessage(["OPENAI_API_KEY", "NEXT_PUBLIC_SUPABASE_URL", "RESEND_API_KEY"], "no_preview")).toBe(
      "This app needs an OpenAI API key, a Supabase address and a Resend API key before it can run. Add them in Settings, and the preview will update by itself.",
    );
    expect(needsSettingsMessage(["NEXT_PUBLIC_SITE_URL"], "preview")).toBe(
      "This app needs an address (NEXT_PUBLIC_SITE_URL) before it can run. Add it in Settings; your last working preview is still here.",
    );
    expect(needsSettingsMessage(["OPENAI_API_KEY", "NEXT_PUBLIC_SUPABASE_URL", "RESEND_API_KEY", "APP_MODE", "JWT_SECRET", "SMTP_HOST"], "no_preview")).toBe(
      "This app needs an OpenAI API key, a Supabase address, a Resend API key and 3 more settings before it can run. Add them in Settings, and the preview will update by itself.",
    );
    expect(needsSettingsMessage(["STRIPE_SECRET_KEY"], "live")).toBe(
      "This app needs a Stripe secret key before it can run. Add it in Settings, then publish again. Your live app hasn't changed.",
    );
    for (const message of [stagingFailureMessage("settings", true, ["STRIPE_SECRET_KEY"]), stagingFailureMessage("settings", false, ["X_API_KEY"])]) {
      expect(message).not.toMatch(/describ|again\.$/i);
      expect(message).not.toMatch(TECHNICAL_WORDS);
    }
  });

  it("words a cancelled build as stopped, not as a problem with the change", () => {
    expect(stagingFailureMessage("canceled", true)).toBe(deployMessages.canceledWithPrevious);
    expect(stagingFailureMessage("canceled", false)).toBe(deployMessages.canceledFirst);
    for (const message of [deployMessages.canceledWithPrevious, deployMessages.canceledFirst, deployMessages.publishCanceled]) {
      expect(message).toMatch(/stopped before it finished/);
      expect(message).not.toMatch(/describ/i);
    }
  });
});
