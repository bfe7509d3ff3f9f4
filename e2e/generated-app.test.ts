// The local generator's apps in a real browser: built the way the preview
// host builds them, served as static files, then used and scanned with axe.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppSpec } from "@/lib/embedded/generator/app-spec";
import { REQUEST_FORMS, SECTION_KINDS } from "@/lib/embedded/generator/app-spec";
import { renderFiles } from "@/lib/embedded/generator/render";
import { initialSpec, readPrompt } from "@/lib/embedded/generator/spec";
import { type BuiltSite, buildGenerated } from "@/tests/helpers/build-generated";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the generated-app browser checks: ${CHROMIUM} is not installed (apt-get install -y chromium).`);

// This project runs without the unit tests' setup: the builds get their own folder.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "csd-generated-"));
process.env.DATA_DIR ??= dataDir;

const everySection = (extra: Partial<AppSpec>): AppSpec => ({
  ...initialSpec("a recipe site called Grandma Rosa Recipes"),
  sections: SECTION_KINDS.map((kind) => (kind === "items" ? { kind, search: true, filters: true } : { kind })),
  darkToggle: true,
  ...extra,
});

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

// Serves a built site like the preview host: files by URL, pages by path.
function serve(site: BuiltSite): Promise<{ url: string; server: Server }> {
  const manifest = JSON.parse(site.read("manifest.json")) as { files: Record<string, string>; pages: Record<string, string>; fallback: string };
  const server = createServer((req, res) => {
    const urlPath = new URL(req.url ?? "/", "http://x").pathname;
    const file = manifest.files[urlPath] ?? manifest.pages[urlPath] ?? manifest.pages[urlPath.replace(/\/$/, "")] ?? manifest.fallback;
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(path.join(site.out, file)));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server })));
}

// Every kind of request form on one page, each with a button leading to it.
const everyForm = (extra: Partial<AppSpec>): AppSpec => ({
  ...initialSpec("a community centre site"),
  sections: REQUEST_FORMS.map((form) => ({ kind: "request" as const, form })),
  actions: [
    { label: "Donate", to: "request", form: "donation" },
    { label: "Enroll", to: "request", form: "enrollment" },
    { label: "Apply", to: "request", form: "application" },
    { label: "Book", to: "request", form: "booking" },
  ],
  ...extra,
});

// A date a year from now, and one that has passed, as a date input takes them.
const isoDate = (years: number) => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + years);
  return d.toISOString().slice(0, 10);
};

// Fills every field of a form with a sensible answer for its type.
async function fillForm(form: ReturnType<Page["locator"]>): Promise<void> {
  const controls = form.locator("input[name], select[name], textarea[name]");
  for (let i = 0; i < (await controls.count()); i++) {
    const control = controls.nth(i);
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    const type = (await control.getAttribute("type")) ?? "";
    if (tag === "select") await control.selectOption({ index: 1 });
    else if (tag === "textarea") await control.fill("We would love to come along, thank you for organising this.");
    else if (type === "email") await control.fill("ann@example.com");
    else if (type === "tel") await control.fill("+44 20 7946 0000");
    else if (type === "date") await control.fill(isoDate(1));
    else if (type === "time") await control.fill("18:30");
    else if (type === "number") await control.fill("2");
    else await control.fill("Ann Lee");
  }
}

type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };

async function axeViolations(page: Page): Promise<string[]> {
  // Colours ease into a new state (a theme switch, a hovered button:
  // transition-colors); axe would measure contrast halfway between the two.
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition) || animation.playState !== "running"));
  await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8") });
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<AxeResult> } }).axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      }),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

describe.skipIf(!hasChromium)("generated apps in Chromium", () => {
  let browser: Browser;
  const servers: Server[] = [];

  async function open(spec: AppSpec): Promise<{ page: Page; errors: string[] }> {
    const { url, server } = await serve(await buildGenerated(renderFiles(spec)));
    servers.push(server);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(url);
    // Hydrated: React has attached its handlers to the page's root.
    await page.waitForFunction(() => Object.keys(document.getElementById("root") ?? {}).some((key) => key.startsWith("__reactContainer")));
    return { page, errors };
  }

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each<[string, Partial<AppSpec>]>([
    ["light, indigo", {}],
    ["dark, yellow", { dark: true, accent: "yellow" }],
    ["light, amber, serif", { accent: "amber", font: "serif" }],
    ["dark, slate", { dark: true, accent: "slate" }],
  ])("a page with every section has no WCAG 2.1 A/AA violations (%s)", async (_label, extra) => {
    const { page, errors } = await open(everySection(extra));
    expect(await axeViolations(page)).toEqual([]);
    // The other theme, through the page's own switch.
    await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
    await page.waitForFunction((dark) => document.documentElement.classList.contains("dark") === dark, !extra.dark);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("works: search filters, chips toggle, the accordion opens, tabs switch, forms validate, to-dos are added", async () => {
    const { page, errors } = await open(everySection({}));
    const cards = page.locator("#recipes ul > li h3");
    await expect.poll(() => cards.count()).toBe(6);

    await page.getByLabel("Search recipes").fill("lentil");
    await expect.poll(() => cards.allTextContents()).toEqual(["Spiced Lentil Soup"]);
    await page.getByLabel("Search recipes").fill("");
    await page.getByRole("button", { name: "Dessert", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Dessert", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => cards.allTextContents()).toEqual(["Chocolate Olive Oil Cake"]);

    const question = page.locator("#faq summary").first();
    await question.click();
    await expect.poll(() => page.locator("#faq details").first().getAttribute("open")).toBe("");
    await page.locator("#faq details").first().locator("[data-slot=accordion-content]").waitFor({ state: "visible" });

    await page.locator("#menu").getByRole("tab", { name: "Dessert" }).click();
    await expect.poll(() => page.locator("#menu [role=tabpanel][data-state=active]").textContent()).toContain("Chocolate Olive Oil Cake");

    const contact = page.locator("#contact");
    await contact.getByRole("button", { name: "Send message" }).click();
    await contact.getByText("Please tell us your name.").waitFor();
    await expect.poll(() => contact.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await contact.getByLabel("Name").fill("Ann");
    await contact.getByLabel("Email").fill("ann@example.com");
    await contact.getByLabel("Message").fill("Do you have a vegan lasagne recipe?");
    await contact.getByRole("button", { name: "Send message" }).click();
    await contact.getByRole("status").getByText("Thanks, Ann!").waitFor();

    const newsletter = page.locator("#newsletter");
    await newsletter.getByLabel("Email address").fill("not an email");
    await newsletter.getByRole("button", { name: "Subscribe" }).click();
    await newsletter.getByText("Please enter a valid email address.").waitFor();

    const todo = page.locator("#to-do");
    await todo.getByLabel("New task").fill("Buy flour");
    await todo.getByLabel("New task").press("Enter");
    await todo.getByText("Buy flour").waitFor();
    await todo.getByRole("checkbox", { name: "Buy flour" }).check();
    expect(await todo.getByRole("checkbox", { name: "Buy flour" }).isChecked()).toBe(true);
    await todo.getByRole("button", { name: "Delete Buy flour" }).click();
    await expect.poll(() => todo.getByText("Buy flour").count()).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no WCAG 2.1 A/AA violations on a page of every request form, with errors showing, light and dark", async () => {
    for (const dark of [false, true]) {
      const { page, errors } = await open(everyForm({ dark }));
      expect(await axeViolations(page)).toEqual([]);
      await page.locator("#booking").getByRole("button", { name: "Request booking" }).click();
      await page.locator("#booking").getByText("Please fill in full name.").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it.each(REQUEST_FORMS.map((form) => [form]))("the %s form validates each answer and confirms on the page", async (form) => {
    const { page, errors } = await open(everyForm({}));
    const id = { enrolment: "enrol", enrollment: "enroll", registration: "register", application: "apply", donation: "donate" }[form as string] ?? form;
    const section = page.locator(`#${id}`);
    const submit = section.locator('button[type="submit"]');

    // Nothing filled in: every required answer is asked for, the first is focused.
    await submit.click();
    await section.getByText("Please fill in full name.").waitFor();
    expect(await section.getByLabel("Full name").getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("name");
    expect(await section.getByRole("status").count()).toBe(0);

    // Filled in, but with a bad email, a past date and a number out of range.
    await fillForm(section);
    await section.getByLabel("Email").fill("ann@");
    const date = section.locator('input[type="date"]').first();
    if ((await date.count()) && (await date.evaluate((el) => el.closest("div")?.textContent?.includes("(optional)") === false))) await date.fill(isoDate(-1));
    const number = section.locator('input[type="number"]');
    if (await number.count()) await number.fill("0");
    await submit.click();
    await section.getByText("Please enter a valid email address.").waitFor();
    if (await number.count()) await section.getByText(/Please enter a whole number between 1 and \d+\./).waitFor();
    if ((await date.count()) && (await date.getAttribute("aria-invalid")) === "true") await section.getByText("Please choose a date from today onwards.").waitFor();
    expect(await section.getByRole("status").count()).toBe(0);

    // All good: the confirmation names the visitor and says what happens next.
    await fillForm(section);
    await submit.click();
    const status = section.getByRole("status");
    await status.getByText(/^(?:Thanks|Thank you), Ann Lee!/).waitFor();
    expect(await status.textContent()).toContain("ann@example.com");
    await status.getByRole("button", { name: "Send another" }).click();
    await submit.waitFor();

    expect(errors).toEqual([]);
    await page.close();
  });

  it("leads each named button to its form", async () => {
    const { page, errors } = await open(readPrompt("a dance school site with classes, an enrolment form, a big Enroll now button and a Donate button").spec);
    for (const [label, id] of [
      ["Enroll now", "enrol"],
      ["Donate", "donate"],
    ]) {
      await page.getByRole("link", { name: label, exact: true }).click();
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#${id}`);
      await expect.poll(() => page.locator(`#${id} form`).isVisible()).toBe(true);
      await expect.poll(() => page.locator(`#${id}`).evaluate((el) => Math.abs(el.getBoundingClientRect().top) < window.innerHeight)).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
