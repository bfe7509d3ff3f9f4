import { describe, expect, it } from "vitest";
import { loadSettingsFixture } from "@/tests/fixtures/v0-projects/settings";
import { detectSettings, envFileNames, sourceNames } from "./detect";

describe("sourceNames", () => {
  it("finds member reads, bracket reads and destructuring", () => {
    const source = `
      const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" })
      const url = process.env["NEXT_PUBLIC_SUPABASE_URL"] ?? ""
      const anon = process.env['NEXT_PUBLIC_SUPABASE_ANON_KEY']
      const maybe = process.env?.RESEND_API_KEY
      const { OPENAI_API_KEY, UPSTASH_REDIS_REST_URL: redisUrl, TAVILY_API_KEY = "", ...rest } = process.env
      const computed = process.env[name]
    `;
    expect(sourceNames(source).sort()).toEqual([
      "NEXT_PUBLIC_SUPABASE_ANON_KEY",
      "NEXT_PUBLIC_SUPABASE_URL",
      "OPENAI_API_KEY",
      "RESEND_API_KEY",
      "STRIPE_SECRET_KEY",
      "TAVILY_API_KEY",
      "UPSTASH_REDIS_REST_URL",
    ]);
  });
});

describe("envFileNames", () => {
  it("reads names, never values, and skips comments", () => {
    expect(envFileNames("# Stripe\nSTRIPE_SECRET_KEY=sk_test_123\nexport NEXT_PUBLIC_X = \"y\"\n  \nnot a line\n#HIDDEN=1")).toEqual([
      "STRIPE_SECRET_KEY",
      "NEXT_PUBLIC_X",
    ]);
  });
});

describe("detectSettings", () => {
  it("leaves out what the platform sets", () => {
    const files = {
      "app/page.tsx": "process.env.NODE_ENV; process.env.VERCEL_URL; process.env.NEXT_RUNTIME; process.env.CI; process.env.PORT; process.env.VERCEL; process.env.MY_KEY",
    };
    expect(detectSettings(files)).toEqual(["MY_KEY"]);
  });

  it("reads names from templates and real env files, and ignores images and packages", () => {
    const files = {
      ".env.example": "STRIPE_SECRET_KEY=\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=",
      ".env.local": "RESEND_API_KEY=re_live_value",
      "node_modules/x/index.js": "process.env.SHOULD_NOT_APPEAR",
      "public/a.png": new Uint8Array([1, 2, 3]),
      "README.md": "process.env.NOT_CODE",
    };
    expect(detectSettings(files)).toEqual(["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "RESEND_API_KEY", "STRIPE_SECRET_KEY"]);
  });

  it("finds the Stripe client a v0 storefront creates at module scope", () => {
    expect(detectSettings(loadSettingsFixture("stripe-shop"))).toEqual([
      "NEXT_PUBLIC_SITE_URL",
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
    ]);
  });

  it("finds a key a route handler reads only when it runs", () => {
    expect(detectSettings(loadSettingsFixture("ai-summary"))).toEqual(["OPENAI_API_KEY"]);
  });
});
