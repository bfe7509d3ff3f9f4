// The whole builder journey in Debian's Chromium against `next start` on the
// embedded defaults: sign up, build by chatting, watch the preview update by
// itself, survive a failed update and have the AI fix it, publish, reload,
// put an earlier version live again, get a preview even when the tab closed
// before asking for it, give an app the key it needs in Settings, and stay
// private.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM_PATH } from "./chromium";
import { BUILD_SECRETS, WAIT_LIMIT_MS, whenReady } from "./support/build";
import { openServerDatabase, type ServerDatabase } from "./support/server-database";
import { CHECKOUT_HEADING, CHECKOUT_TEXT, MISSING_KEY_CAUSE, withStripeCheckout } from "./support/stripe-checkout";
import { withoutGeneratedCode } from "@/tests/helpers/technical-words";

const skipReason = inject("skipReason");
const baseURL = inject("baseURL");
const breakBuildsFile = inject("breakBuildsFile");
const databaseUrl = inject("databaseUrl");
const shots = path.resolve(import.meta.dirname, "../test-results/journey");
// Commit ids, branch names and vendor names never reach a builder (the
// generated app's own code, which the chat shows, is the builder's app).
const TECHNICAL = /\b[0-9a-f]{40}\b|\bstaging\b|\bmain\b|vercel|github/i;

let browser: Browser;
let page: Page;
let db: ServerDatabase | undefined;
let appUrl = "";
// The first version's title, which the rollback puts live again.
let firstTitle = "";
const seen: { url: string; body: string }[] = [];

async function shot(name: string) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function signUp(p: Page, email: string) {
  await p.goto(`${baseURL}/sign-up`);
  await p.getByLabel("Your name").fill("Journey Tester");
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill("correct horse battery");
  await p.getByRole("button", { name: "Create account" }).click();
  await p.getByRole("heading", { name: "What do you want to build?" }).waitFor();
}

const previewFrame = () => page.frameLocator('[data-testid="preview-frame"]');
const previewStatus = () => page.getByTestId("preview-status");

// The app is built and started in the background (./global-setup.ts).
beforeAll(async () => {
  if (!skipReason) await whenReady(inject("appReady"));
}, WAIT_LIMIT_MS);

beforeAll(async () => {
  if (skipReason) return;
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // The builder's own browser profile: the closed-tab step opens more tabs in it.
  const builder = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await builder.newPage();
  page.on("response", async (res) => {
    if (!res.url().startsWith(`${baseURL}/api/`)) return;
    seen.push({ url: res.url(), body: await res.text().catch(() => "") });
  });
});

// Steps 9a-9c need an app that reads a setting, which the local generator
// never writes: the test gives the chat that version itself, through the
// generator's version store in the server's database, and reads the stored
// error there. From then on everything goes through the product (the sync
// route, the Settings panel, Publish). Only PostgreSQL can be opened by the
// test and the server at once; .ci/run sets DATABASE_URL. Elsewhere the
// steps are skipped, saying why; in CI they fail, saying why.
const noSharedDatabase = skipReason || databaseUrl ? null : "the server runs on PGlite, which only its own process can open (set DATABASE_URL to a PostgreSQL server, as CI does)";
if (noSharedDatabase && !process.env.CI) console.warn(`\n↓ journey steps 9a-9c (settings) skipped: ${noSharedDatabase}\n`);
const settingsStep = noSharedDatabase && !process.env.CI ? it.skip : it;

function serverDb(): ServerDatabase {
  if (!db) throw new Error(`the journey's settings steps must run in CI, but ${noSharedDatabase}`);
  return db;
}

beforeAll(async () => {
  if (!skipReason && databaseUrl) db = await openServerDatabase(databaseUrl);
});

afterAll(async () => {
  if (skipReason) return;
  rmSync(breakBuildsFile, { force: true });
  await browser?.close();
  await db?.close();
});

describe.skipIf(skipReason)(skipReason ? `builder journey (skipped: ${skipReason})` : "builder journey", () => {
  it("1. sign up, describe an app, watch the reply stream and the preview appear", async () => {
    await signUp(page, "journey@example.com");
    await page.getByLabel("Describe the app you want to build").fill("a todo app with a dark theme");
    // Prompt → first preview, on the browser's own clock: from the Enter key
    // to the frame's first paint (its heading is prerendered).
    await page.evaluate(() => {
      addEventListener("keydown", (event) => {
        if (event.key === "Enter") (window as unknown as { enterAt?: number }).enterAt ??= performance.timeOrigin + performance.now();
      }, { capture: true });
    });
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/apps\//);
    appUrl = page.url();

    await page.getByTestId("live-reply").waitFor();
    await expect.poll(() => page.getByTestId("chat-input").isDisabled()).toBe(true);
    await shot("1-streaming");
    await expect.poll(() => page.getByTestId("input-status").textContent(), { timeout: 30_000 }).toMatch(/Updating preview|Writing/);

    await expect.poll(() => previewStatus().textContent(), { timeout: 60_000 }).toContain("Preview ready");
    const frame = previewFrame();
    await frame.getByRole("heading").first().waitFor();
    const enterAt = await page.evaluate(() => (window as unknown as { enterAt: number }).enterAt);
    const paintedAt = await frame.locator(":root").evaluate(() => performance.timeOrigin + (performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? performance.now()));
    const firstPreviewMs = Math.round(paintedAt - enterAt);
    console.log(`prompt → first preview visible: ${firstPreviewMs} ms`);
    // A loose bound that holds on a busy machine (the reply streams at the
    // generator's test pace here); bench/first-preview.bench.ts has the
    // target (≤ 1.5 s) and the real numbers. It catches the first preview
    // waiting for a status poll or the server's grace period again.
    expect(firstPreviewMs).toBeLessThan(10_000);
    firstTitle = (await frame.getByRole("heading").first().textContent())!.trim();
    await frame.getByRole("textbox").first().fill("Buy milk");
    await frame.getByRole("textbox").first().press("Enter");
    await frame.getByText("Buy milk").waitFor();
    await expect.poll(() => page.getByTestId("chat-input").isDisabled()).toBe(false);
    await shot("1-preview-ready");
  });

  it("2. a follow-up updates the preview by itself", async () => {
    await page.getByTestId("chat-input").fill("change the title to Grocery List");
    await page.keyboard.press("Enter");
    await previewFrame().getByRole("heading", { name: "Grocery List" }).waitFor({ timeout: 60_000 });
    await shot("2-follow-up");
  });

  it("3. a failed update says so plainly and keeps the last working preview", async () => {
    // A failure caused by the app's code: the one kind the AI can fix.
    writeFileSync(breakBuildsFile, "");
    await page.getByTestId("chat-input").fill("make it blue");
    await page.keyboard.press("Enter");
    await expect.poll(() => previewStatus().textContent(), { timeout: 60_000 }).toContain("Couldn't update the preview");
    await previewFrame().getByRole("heading", { name: "Grocery List" }).waitFor();
    await previewStatus().getByRole("button", { name: "Fix it" }).waitFor();
    await shot("3-failed-update");
    rmSync(breakBuildsFile, { force: true });
  });

  it("3b. Fix it asks the AI to fix the failure and the preview works again", async () => {
    await previewStatus().getByRole("button", { name: "Fix it" }).click();
    await page.getByTestId("chat-messages").getByText("Asked the AI to fix the problem that stopped the preview").first().waitFor();
    await expect.poll(() => previewStatus().textContent(), { timeout: 60_000 }).toContain("Preview ready");
    expect(await previewStatus().getByRole("button", { name: "Fix it" }).count()).toBe(0);
    const frame = previewFrame();
    await frame.getByRole("heading", { name: "Grocery List" }).waitFor();
    await frame.getByRole("textbox").first().fill("Eggs");
    await frame.getByRole("textbox").first().press("Enter");
    await frame.getByText("Eggs").waitFor();
    await shot("3b-fixed");
  });

  it("4. Publish puts the previewed app live", async () => {
    await page.getByTestId("publish-button").click();
    const live = page.getByTestId("live-link");
    await live.waitFor({ timeout: 60_000 });
    const href = await live.getAttribute("href");
    const livePage = await browser.newPage();
    await livePage.goto(href!);
    await livePage.getByRole("heading", { name: "Grocery List" }).waitFor();
    await livePage.close();
    await shot("4-published");
  });

  it("5. a reload restores the preview, its status and Publish without any click", async () => {
    await page.reload();
    await page.getByTestId("live-link").waitFor();
    await previewFrame().getByRole("heading", { name: "Grocery List" }).waitFor();
    await expect.poll(() => page.getByTestId("publish-button").isEnabled()).toBe(true);
    await expect.poll(() => previewStatus().textContent(), { timeout: 30_000 }).toMatch(/live|ready/i);
    await shot("5-reloaded");
  });

  it("6. another builder gets a not-found page for this app", async () => {
    const context = await browser.newContext();
    const stranger = await context.newPage();
    await signUp(stranger, "stranger@example.com");
    const res = await stranger.goto(appUrl);
    expect(res?.status()).toBe(404);
    await stranger.getByText("We couldn't find that app").waitFor();
    await context.close();
  });

  it("7. Make this version live puts an earlier version back on the live app", async () => {
    expect(firstTitle).not.toBe("");
    expect(firstTitle).not.toBe("Grocery List");
    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByRole("menuitem", { name: "Make Version 1 live" }).click();
    const dialog = page.getByRole("dialog", { name: "Make Version 1 live?" });
    await dialog.getByText("Everyone who opens your live app will see Version 1 again").waitFor();
    await shot("7-rollback-confirm");
    await dialog.getByRole("button", { name: "Make this version live" }).click();

    const href = await page.getByTestId("live-link").getAttribute("href");
    const livePage = await browser.newPage();
    await expect
      .poll(
        async () => {
          await livePage.goto(href!);
          return livePage.getByRole("heading", { name: firstTitle }).count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await livePage.close();

    // The Current preview stays as it was; the Versions list says what is live.
    await expect.poll(() => previewStatus().textContent(), { timeout: 60_000 }).toContain("That version is live again");
    await previewFrame().getByRole("heading", { name: "Grocery List" }).waitFor();
    await page.getByRole("button", { name: "Versions" }).click();
    await page.getByRole("menuitem", { name: /^Open Version 1, Live/ }).waitFor();
    await shot("7-rolled-back");
    await page.keyboard.press("Escape");
  });

  it("8. a reply is previewed even when its tab closed before asking for the preview", async () => {
    const tab = await page.context().newPage();
    // The tab never reaches the server to ask for the preview, and is gone
    // right after the reply finished streaming.
    await tab.route("**/preview/sync", (route) => route.abort());
    await tab.goto(appUrl);
    await tab.getByTestId("chat-input").fill("change the title to Weekend Plans");
    const asked = tab.waitForRequest((req) => req.method() === "POST" && req.url().endsWith("/preview/sync"), { timeout: 60_000 });
    await tab.keyboard.press("Enter");
    await asked;
    await tab.close();

    const fresh = await page.context().newPage();
    await fresh.goto(appUrl);
    await fresh.frameLocator('[data-testid="preview-frame"]').getByRole("heading", { name: "Weekend Plans" }).waitFor({ timeout: 60_000 });
    // The new build can be served a moment before its cycle is recorded as done.
    await expect.poll(() => fresh.getByTestId("preview-status").textContent(), { timeout: 30_000 }).toContain("Preview ready");
    await fresh.close();

    await page.reload();
    await previewFrame().getByRole("heading", { name: "Weekend Plans" }).waitFor();
    await shot("8-previewed-without-tab");
  });

  // The app's first next-path build installs its packages (stripe among
  // them) from the registry into the host's dependency cache.
  const SETTINGS_STEP_MS = 180_000;
  const NEEDS_KEY = "This app needs a Stripe secret key before it can run. Add it in Settings; your last working preview is still here.";
  const SHOP_KEY = "sk_test_51JourneyMugShopKeyOnlyForThisApp";
  let shop = { url: "", id: "" };

  // A new app from the home page, as in step 1, once its first preview is up.
  async function newApp(prompt: string) {
    await page.goto(baseURL);
    await page.getByLabel("Describe the app you want to build").fill(prompt);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/apps\//);
    await expect.poll(() => previewStatus().textContent(), { timeout: 60_000 }).toContain("Preview ready");
    await expect.poll(() => page.getByTestId("chat-input").isDisabled()).toBe(false);
    return { url: page.url(), id: new URL(page.url()).pathname.split("/").at(-1)! };
  }

  // The chat's next version takes card payments; the preview update the
  // browser asks for after a reply is then asked for, with this page's session.
  async function checkoutVersionPreviewed(appId: string) {
    const chatId = await serverDb().addVersion(appId, { name: CHECKOUT_HEADING, text: "Added card checkout with Stripe.", edit: withStripeCheckout });
    const synced = await page.request.post(`${baseURL}/api/apps/${appId}/preview/sync`, { data: { chatId }, headers: { origin: baseURL }, timeout: SETTINGS_STEP_MS });
    expect(synced.status()).toBe(200);
    return (await synced.json()) as { status: string; message: string };
  }

  settingsStep(
    "9a. an app that needs a Stripe key says so plainly, keeps its last preview and offers Settings instead of Fix it",
    async () => {
      const database = serverDb();
      const started = Date.now();
      shop = await newApp("a shop for my mugs");
      const firstHeading = (await previewFrame().getByRole("heading").first().textContent())!.trim();
      expect(firstHeading).not.toBe(CHECKOUT_HEADING);

      expect(await checkoutVersionPreviewed(shop.id)).toMatchObject({ status: "failed", message: NEEDS_KEY });
      // The page follows the update by itself: no reload.
      await expect.poll(() => previewStatus().textContent(), { timeout: 15_000 }).toContain(NEEDS_KEY);
      await previewStatus().getByTestId("open-settings-button").waitFor();
      expect(await previewStatus().getByRole("button", { name: "Fix it" }).count()).toBe(0);
      await page.getByTestId("input-open-settings-button").waitFor();
      await page.getByRole("button", { name: "Settings, 1 needed" }).waitFor();
      await previewFrame().getByRole("heading", { name: firstHeading }).waitFor();
      await shot("9a-needs-settings");

      // Only admins and the database see what next build said, cause first.
      const failed = (await database.deployments(shop.id)).at(-1)!;
      expect(failed).toMatchObject({ environment: "staging", status: "failed", failureReason: "settings" });
      expect(failed.error).toContain(MISSING_KEY_CAUSE);
      expect(failed.error).toMatch(/Failed to collect page data for \//);
      console.log(`step 9a (new app, its checkout version fails for want of the key): ${Math.round((Date.now() - started) / 1000)} s`);
    },
    SETTINGS_STEP_MS,
  );

  settingsStep(
    "9b. the key added in Settings brings the preview back by itself, without a chat message, and Publish ships with it",
    async () => {
      const database = serverDb();
      expect(shop.id).not.toBe("");
      const started = Date.now();
      const messages = await database.messageCount(shop.id);
      const [failed] = (await database.deployments(shop.id)).slice(-1);

      await previewStatus().getByTestId("open-settings-button").click();
      const dialog = page.getByRole("dialog", { name: "Settings" });
      const field = dialog.getByLabel("Value for Stripe secret key");
      await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
      await field.fill(SHOP_KEY);
      await shot("9b-settings-panel");
      await dialog.getByRole("button", { name: "Save Stripe secret key" }).click();
      await dialog.getByTestId("setting-saved").waitFor();
      expect(await field.inputValue()).toBe("");
      await page.keyboard.press("Escape");

      // Stored sealed: the database holds no trace of the value itself.
      const stored = await database.setting(shop.id, "STRIPE_SECRET_KEY");
      expect(stored?.ciphertext).toBeTruthy();
      expect(JSON.stringify(stored)).not.toContain(SHOP_KEY);

      // No message, no reload: the same code is built again with the key, and
      // the page that creates the Stripe client shows in the preview.
      await previewFrame().getByRole("heading", { name: CHECKOUT_HEADING }).waitFor({ timeout: SETTINGS_STEP_MS });
      await previewFrame().getByText(CHECKOUT_TEXT).waitFor();
      await expect.poll(() => previewStatus().textContent(), { timeout: 30_000 }).toContain("Preview ready with your settings");
      await page.getByRole("button", { name: "Settings", exact: true }).waitFor();
      expect(await database.messageCount(shop.id)).toBe(messages);
      const rebuilt = (await database.deployments(shop.id)).at(-1)!;
      expect(rebuilt).toMatchObject({ environment: "staging", status: "ready", commitSha: failed!.commitSha });
      await shot("9b-preview-with-key");
      console.log(`step 9b (key saved → preview ready): ${Math.round((Date.now() - started) / 1000)} s`);

      await page.getByTestId("publish-button").click();
      const live = page.getByTestId("live-link");
      await live.waitFor({ timeout: SETTINGS_STEP_MS });
      const livePage = await browser.newPage();
      const res = await livePage.goto((await live.getAttribute("href"))!);
      expect(res?.status()).toBe(200);
      await livePage.getByRole("heading", { name: CHECKOUT_HEADING }).waitFor();
      await livePage.getByText(CHECKOUT_TEXT).waitFor();
      await livePage.close();
      await shot("9b-published-with-key");
      console.log(`step 9b (key saved → published): ${Math.round((Date.now() - started) / 1000)} s`);
    },
    SETTINGS_STEP_MS,
  );

  settingsStep(
    "9c. another app on the same host gets none of that app's settings",
    async () => {
      const database = serverDb();
      expect(shop.id).not.toBe("");
      const started = Date.now();
      const other = await newApp("a shop for my teapots");
      // The same code, built after the first shop got its key, fails the same way.
      expect(await checkoutVersionPreviewed(other.id)).toMatchObject({ status: "failed", message: NEEDS_KEY });
      const failed = (await database.deployments(other.id)).at(-1)!;
      expect(failed).toMatchObject({ status: "failed", failureReason: "settings" });
      expect(failed.error).toContain(MISSING_KEY_CAUSE);
      expect(failed.error).not.toContain(SHOP_KEY);
      expect(await database.setting(other.id, "STRIPE_SECRET_KEY")).toMatchObject({ needed: true, ciphertext: null });

      // The first shop's preview still runs with its key.
      await page.goto(shop.url);
      await previewFrame().getByText(CHECKOUT_TEXT).waitFor();
      // Back to the journey's first app for the steps after this one.
      await page.goto(appUrl);
      await previewFrame().getByRole("heading", { name: "Weekend Plans" }).waitFor();
      console.log(`step 9c (a second shop fails for want of its own key): ${Math.round((Date.now() - started) / 1000)} s`);
    },
    SETTINGS_STEP_MS,
  );

  it("10. nothing technical on the page or in any response the builder's browser saw", async () => {
    await page.getByTestId("chat-messages").waitFor();
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(TECHNICAL);
    expect(seen.length).toBeGreaterThan(5);
    for (const { url, body } of seen) expect(`${url}\n${withoutGeneratedCode(body)}`.replace(/\/api\/apps\/[^/]+\/deploy\/staging/, "")).not.toMatch(TECHNICAL);
  });

  it("sends security headers: CSP framing only previews, never framed itself", async () => {
    const res = await page.goto(appUrl);
    const headers = res!.headers();
    const csp = headers["content-security-policy"]!;
    expect(csp).toMatch(/frame-src http:\/\/\*\.localhost:\d+(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    const api = await page.request.post(`${baseURL}/api/apps`, { data: { name: "x" }, headers: { origin: "https://evil.example" } });
    expect(api.status()).toBe(403);
  });

  it("the browser bundle holds no server secret, by name or value", () => {
    const dir = path.resolve(import.meta.dirname, "../.next/static");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    expect(files.length).toBeGreaterThan(3);
    const bundle = files.map((f) => readFileSync(path.join(dir, f), "utf8")).join("\n");
    for (const [name, value] of Object.entries(BUILD_SECRETS)) {
      expect(bundle).not.toContain(name);
      expect(bundle).not.toContain(value);
    }
  });

  it("works at phone width: chat and preview tabs", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole("tab", { name: "Preview" }).click();
    await previewFrame().getByRole("heading", { name: "Weekend Plans" }).waitFor();
    await shot("phone-preview");
  });
});
