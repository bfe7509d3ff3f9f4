import { existsSync, readFileSync } from "node:fs";
import { contentBytes } from "@/lib/files/content";
import type { FileMap } from "@/lib/files/types";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { injectInvariants } from "@/lib/deploy/post-process";
import { renderFiles } from "@/lib/embedded/generator/render";
import { APP_KINDS, initialSpec } from "@/lib/embedded/generator/spec";
import { BuildFailure } from "./build-failure";
import { buildFastPath } from "./fast-path";
import type { FastPathManifest } from "./manifest";
import { ownModules } from "./toolchain";
import { todoApp } from "@/tests/helpers/preview-host";

let builds = 0;

async function build(files: FileMap, appEnv: Record<string, string> = {}) {
  const dir = path.join(process.env.DATA_DIR!, "build-test", String(++builds));
  const out = path.join(dir, "out");
  const { log } = await buildFastPath({
    files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(contentBytes(v))])),
    workDir: path.join(dir, "work"),
    outDir: out,
    modules: ownModules,
    appEnv,
  });
  const read = (file: string) => readFileSync(path.join(out, file), "utf8");
  return { log, out, read, manifest: JSON.parse(read("manifest.json")) as FastPathManifest };
}

async function failure(files: Record<string, string>, appEnv: Record<string, string> = {}): Promise<string[]> {
  const error = await build(files, appEnv).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BuildFailure);
  return (error as BuildFailure).lines;
}

// Just enough of jsdom's API for these tests (the package ships no types).
type Dom = { window: Window & typeof globalThis & { eval(code: string): unknown } };
type JsdomModule = { JSDOM: new (html: string, options: { runScripts: "outside-only"; url: string }) => Dom };

// Loads a built page the way a browser would: the HTML, then React, then the
// app. `prepare` shapes the browser before any script runs.
async function openInBrowser(
  site: Awaited<ReturnType<typeof build>>,
  url: string,
  { htmlFile = "index.html", prepare }: { htmlFile?: string; prepare?: (window: Dom["window"]) => void } = {},
): Promise<{ dom: Dom; errors: string[] }> {
  const { JSDOM } = (await import("jsdom" as string)) as JsdomModule;
  const dom = new JSDOM(site.read(htmlFile), { runScripts: "outside-only", url });
  const errors: string[] = [];
  dom.window.console.error = (...args: unknown[]) => void errors.push(args.map(String).join(" "));
  dom.window.addEventListener("error", (event) => errors.push(String(event.message)));
  prepare?.(dom.window);
  const vendor = Object.entries(site.manifest.files).find(([urlPath]) => urlPath.startsWith("/__preview/") && urlPath.endsWith(".js"))!;
  dom.window.eval(site.read(vendor[1]));
  dom.window.eval(site.read("app.js"));
  // React renders and hydrates asynchronously.
  await waitFor(() => dom.window.document.getElementById("root")!.hasChildNodes());
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { dom, errors };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe("building an app on the fast path", () => {
  it("prerenders a realistic page with its layout, title, styles and icons", async () => {
    const site = await build(todoApp);
    const html = site.read("index.html");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>Task Board</title>");
    expect(html).toContain('<link rel="stylesheet" href="/app.css">');
    expect(html).toContain('<script type="module" src="/app.js"></script>');
    expect(html).toContain('<div id="root"');
    // The page's content, from the page and its component, before any script runs.
    expect(html).toContain("My Tasks");
    expect(html).toContain("Water the plants");
    expect(html).toContain("lucide-plus");
    expect(html).toContain('href="/about"');
    // The layout's <html> and <body> attributes land on the real document.
    expect(html).toMatch(/<html lang="en" class="dark">/);
    expect(html).toMatch(/<body class="[^"]*bg-slate-950[^"]*">/);

    const css = site.read("app.css");
    expect(css).toContain(".bg-indigo-600");
    expect(css).toContain("hover\\:bg-indigo-500");
    expect(css).toContain(".text-brand"); // a color from the app's @theme
    expect(css).toContain(".card-shadow"); // the app's own CSS
    expect(css).not.toContain(".bg-rose-900"); // only classes the app uses

    // React is shared, not in the app's bundle.
    const js = site.read("app.js");
    expect(js).toContain("__previewModules");
    expect(js.length).toBeLessThan(100_000);
    expect(site.log.at(-1)).toMatch(/^Build completed in \d+ ms$/);
  });

  it("gives each page of the app its own prerendered HTML and title", async () => {
    const site = await build(todoApp);
    expect(site.manifest.pages).toEqual({ "/": "index.html", "/about": expect.stringMatching(/\.html$/) });
    const about = site.read(site.manifest.pages["/about"]!);
    expect(about).toContain("Built for planning the week.");
    expect(about).toContain("<title>About</title>");
  });

  it("hydrates in the browser: the page is interactive, with no hydration errors", async () => {
    const site = await build(todoApp);
    const { dom, errors } = await openInBrowser(site, "http://dpl-test.localhost/");
    const button = [...dom.window.document.querySelectorAll("button")].find((b) => b.textContent === "Mark done")!;
    button.click();
    await waitFor(() => button.textContent === "Undo");
    expect(dom.window.document.body.classList.contains("bg-slate-950")).toBe(true);
    expect(errors).toEqual([]);
  });

  it("renders dynamic routes and unknown URLs in the browser", async () => {
    const site = await build({
      "app/layout.tsx": 'export default function Layout({ children }) { return <html><body className="bg-white">{children}</body></html>; }',
      "app/page.tsx": "export default function Home() { return <h1>Home</h1>; }",
      "app/posts/[slug]/page.tsx": `"use client";
import { use } from "react";
import { useParams, usePathname } from "next/navigation";
export default function Post({ params }) {
  const { slug } = use(params);
  return <h1>Post {slug} {useParams().slug} at {usePathname()}</h1>;
}`,
    });
    expect(site.manifest.routes.map((r) => r.pattern)).toEqual(["^/?$", "^/posts/([^/]+)/?$"]);
    const post = await openInBrowser(site, "http://dpl-test.localhost/posts/hello", { htmlFile: site.manifest.fallback });
    expect(post.dom.window.document.querySelector("h1")?.textContent).toBe("Post hello hello at /posts/hello");
    const missing = await openInBrowser(site, "http://dpl-test.localhost/nope", { htmlFile: site.manifest.fallback });
    expect(missing.dom.window.document.body.textContent).toContain("This page could not be found.");
    expect([...post.errors, ...missing.errors]).toEqual([]);
  });

  it("prerenders async pages for the params they list, and hydrates them without errors", async () => {
    const site = await build({
      "app/layout.tsx": 'export default function Layout({ children }) { return <html><body>{children}</body></html>; }',
      "app/page.tsx": "export default function Home() { return <h1>Trips</h1>; }",
      "app/not-found.tsx": "export default function Missing() { return <p>No such trip</p>; }",
      "lib/trips.ts": 'export const trips = [{ id: "lofoten", name: "Lofoten by boat" }, { id: "atlas", name: "Atlas villages" }];',
      "components/like.tsx": `"use client";
import { useState } from "react";
export function Like() { const [liked, setLiked] = useState(false); return <button onClick={() => setLiked(true)}>{liked ? "Liked" : "Like"}</button>; }`,
      "app/trips/[id]/page.tsx": `import { notFound } from "next/navigation";
import { trips } from "@/lib/trips";
import { Like } from "@/components/like";
export function generateStaticParams() { return trips.map((trip) => ({ id: trip.id })); }
export default async function Trip({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const trip = trips.find((t) => t.id === id);
  if (!trip) notFound();
  return <main><h1>{trip.name}</h1><Like /></main>;
}`,
    });
    expect(Object.keys(site.manifest.pages).sort()).toEqual(["/", "/trips/atlas", "/trips/lofoten"]);
    expect(site.log.join("\n")).toMatch(/Prerendered 3 of 3 pages/);
    const file = site.manifest.pages["/trips/lofoten"]!;
    expect(site.read(file)).toContain("<h1>Lofoten by boat</h1>");

    const trip = await openInBrowser(site, "http://dpl-test.localhost/trips/lofoten", { htmlFile: file });
    const button = trip.dom.window.document.querySelector("button")!;
    button.click();
    await waitFor(() => button.textContent === "Liked");
    expect(trip.dom.window.document.querySelector("h1")?.textContent).toBe("Lofoten by boat");
    expect(trip.errors).toEqual([]);

    const missing = await openInBrowser(site, "http://dpl-test.localhost/trips/nowhere", { htmlFile: site.manifest.fallback });
    await waitFor(() => missing.dom.window.document.body.textContent!.includes("No such trip"));
  });

  it("falls back to rendering in the browser when the page can't render in Node", async () => {
    const site = await build({
      "app/page.tsx": 'const width = window.innerWidth;\nexport default function Page() { return <p>Width {width}</p>; }',
    });
    expect(site.log.join("\n")).toMatch(/render in the browser only: window is not defined/);
    expect(site.read("index.html")).not.toContain("data-prerendered");
    const { dom, errors } = await openInBrowser(site, "http://dpl-test.localhost/");
    expect(dom.window.document.querySelector("p")?.textContent).toMatch(/^Width \d+$/);
    expect(errors).toEqual([]);
  });

  it("serves the app's public files and imported images", async () => {
    const site = await build({
      "app/page.tsx": 'import logo from "./logo.svg";\nexport default function Page() { return <img src={logo} alt="" />; }',
      "app/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>',
      "public/robots.txt": "User-agent: *\n",
    });
    expect(site.manifest.files["/robots.txt"]).toBe("public/robots.txt");
    const asset = Object.keys(site.manifest.files).find((p) => p.startsWith("/assets/logo-"))!;
    expect(site.read("index.html")).toContain(`src="${asset}"`);
  });

  it("builds a shadcn/ui app with v0's globals.css, leaving out stylesheets that aren't installed", async () => {
    const files = injectInvariants({
      "app/globals.css": `@import "tailwindcss";
@import "tw-animate-css";

@custom-variant dark (&:is(.dark *));

:root {
  --background: oklch(1 0 0);
  --foreground: oklch(0.145 0 0);
}

@theme inline {
  --color-background: var(--background);
  --color-foreground: var(--foreground);
}

@layer base {
  body {
    @apply bg-background text-foreground;
  }
}
`,
      // The app's own shadcn-style components, as v0's versions carry them.
      "components/ui/button.tsx": `import { Slot } from "@radix-ui/react-slot";
import { cn } from "@/lib/utils";

export function Button({ asChild, size, className, ...props }: React.ComponentProps<"button"> & { asChild?: boolean; size?: "lg" }) {
  const Comp = asChild ? Slot : "button";
  return <Comp className={cn("inline-flex items-center bg-neutral-900 text-white", size === "lg" && "h-10 px-6", className)} {...props} />;
}
`,
      "components/ui/card.tsx": `import { cn } from "@/lib/utils";

export const Card = ({ className, ...props }: React.ComponentProps<"div">) => <div className={cn("rounded-xl border", className)} {...props} />;
export const CardHeader = (props: React.ComponentProps<"div">) => <div {...props} />;
export const CardTitle = (props: React.ComponentProps<"div">) => <div className="font-semibold" {...props} />;
export const CardContent = (props: React.ComponentProps<"div">) => <div {...props} />;
`,
      "app/page.tsx": `import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ArrowRight, type LucideIcon } from "lucide-react";

const Icon: LucideIcon = ArrowRight;

export default function Page() {
  return (
    <Card className="m-8 dark:bg-black">
      <CardHeader><CardTitle>Fresh bread daily</CardTitle></CardHeader>
      <CardContent><Button asChild size="lg"><a href="#order">Order now <Icon /></a></Button></CardContent>
    </Card>
  );
}
`,
    });
    const site = await build(files);
    const html = site.read("index.html");
    expect(html).toContain("Fresh bread daily");
    expect(html).toMatch(/<a href="#order" class="[^"]*bg-neutral-900[^"]*">Order now/); // Slot (asChild)
    const css = site.read("app.css");
    expect(css).toMatch(/body \{\s*background-color: var\(--background\);/); // @apply with the app's inline theme
    expect(css).toContain(".dark\\:bg-black");
    expect(site.log).toContain('warning: app/globals.css: "tw-animate-css" is not installed for previews; its styles are left out');
  });

  it.each(APP_KINDS)("builds the local generator's %s app", async (kind) => {
    const spec = initialSpec(`a ${kind} for my bakery`);
    const files = injectInvariants(Object.fromEntries(renderFiles(spec).map((f) => [f.name, f.content])));
    const site = await build(files);
    expect(site.read("index.html")).toContain(spec.title);
    expect(site.log.join("\n")).not.toMatch(/browser only/);
  });

  // Chromium denies storage to a frame from another site when third-party
  // storage is blocked, which is how the builder app frames a preview.
  it("keeps the local generator's to-do list working where the browser denies storage", async () => {
    const spec = initialSpec("a todo app with a dark theme");
    const site = await build(injectInvariants(Object.fromEntries(renderFiles(spec).map((f) => [f.name, f.content]))));
    const { dom, errors } = await openInBrowser(site, "http://todo-preview.localhost/", {
      prepare: (window) =>
        Object.defineProperty(window, "localStorage", {
          get: () => {
            throw new window.DOMException("Access is denied for this document.", "SecurityError");
          },
        }),
    });
    expect(errors).toEqual([]);
    const document = dom.window.document;
    const input = document.querySelector<HTMLInputElement>('input[aria-label="New task"]');
    expect(input).not.toBeNull();
    // React sees typing through the native value setter and an input event.
    Object.getOwnPropertyDescriptor(dom.window.HTMLInputElement.prototype, "value")!.set!.call(input, "Buy milk");
    input!.dispatchEvent(new dom.window.Event("input", { bubbles: true }));
    input!.form!.requestSubmit();
    await waitFor(() => [...document.querySelectorAll("li")].some((li) => li.textContent === "Buy milk"));
    expect(errors).toEqual([]);
  });
});

describe("builds that fail", () => {
  it("names the file and position of a syntax error", async () => {
    const lines = await failure({ "app/page.tsx": "export default function Page() {\n  return <h1>Hi</h1\n}\n" });
    expect(lines[0]).toMatch(/^app\/page\.tsx:3:\d+: Expected ">" but found "}"$/);
  });

  it("names the file that imports a package that isn't available", async () => {
    const lines = await failure({
      "app/page.tsx": 'import { Card } from "@/components/card";\nexport default function Page() { return <Card />; }',
      "components/card.tsx": 'import pad from "left-pad";\nexport function Card() { return <p>{pad("x", 3)}</p>; }',
    });
    expect(lines).toEqual(['components/card.tsx:1:17: Could not resolve "left-pad"']);
  });

  it("reports a missing icon, a server-only Next.js module and a missing default export", async () => {
    const page = (imports: string, body: string) => ({ "app/page.tsx": `${imports}\nexport default function Page() { return ${body}; }`, "app/other.tsx": "export const x = 1;" });
    expect(await failure(page('import { NoSuchIcon } from "lucide-react";', "<NoSuchIcon />"))).toEqual([
      'app/page.tsx:1:10: No matching export in "node_modules/lucide-react/dist/esm/lucide-react.mjs" for import "NoSuchIcon"',
    ]);
    expect((await failure(page('import { cookies } from "next/headers";', "<p>{String(cookies())}</p>")))[0]).toMatch(
      /^app\/page\.tsx:1:25: Could not resolve "next\/headers" \(previews support next, next\/dynamic, /,
    );
    expect(await failure(page('import Other from "./other";', "<Other />"))).toEqual(['app/page.tsx:1:8: No matching export in "app/other.tsx" for import "default"']);
  });

  it("never reads files outside the app", async () => {
    const lines = await failure({
      "app/page.tsx": `import data from ${JSON.stringify(path.resolve("package.json"))};\nimport other from "../../../etc/hostname";\nexport default function Page() { return <p>{String(data)}{String(other)}</p>; }`,
    });
    expect(lines[0]).toMatch(/^app\/page\.tsx:1:\d+: Could not resolve ".*package\.json" \(outside the app\)$/);
    expect(lines[1]).toMatch(/^app\/page\.tsx:2:\d+: Could not resolve "\.\.\/\.\.\/\.\.\/etc\/hostname"/);
  });

  it("rejects Tailwind plugins and configs from the app's own files", async () => {
    const lines = await failure({
      "app/page.tsx": "export default function Page() { return <p />; }",
      "app/globals.css": '@import "tailwindcss";\n@plugin "./plugin.js";\n',
      "app/plugin.js": "throw new Error('ran');",
    });
    expect(lines[0]).toMatch(/^app\/globals\.css: .*can't be loaded in previews/);
  });

  it("needs a page", async () => {
    expect(await failure({ "components/x.tsx": "export const x = 1;" })).toEqual(["app/page.tsx: not found (an app needs at least one page)"]);
  });

  it("leaves nothing behind in the output folder", async () => {
    const out = path.join(process.env.DATA_DIR!, "build-test", String(builds + 1), "out");
    await failure({ "app/page.tsx": "export default function Page( {" });
    expect(existsSync(out)).toBe(false);
  });
});

describe("pages that need a setting's value", () => {
  const layout = 'export default function Layout({ children }: { children: React.ReactNode }) { return <html><body>{children}</body></html>; }';

  it("fails the build when the app's code throws as it loads for want of a setting, and builds with the value inlined once it has one", async () => {
    const files = {
      "app/layout.tsx": layout,
      "app/page.tsx": 'import { site } from "@/lib/site";\nexport default function Page() { return <p>Visit {site.url}</p>; }',
      "lib/site.ts":
        'function client(url: string | undefined, key: string | undefined) {\n  if (!url) throw new Error("siteUrl is required.");\n  return { url, key };\n}\nexport const site = client(process.env.NEXT_PUBLIC_SITE_URL, process.env.NEXT_PUBLIC_SITE_KEY);\nexport const label = process.env.NEXT_PUBLIC_LABEL ?? "Shop";\n',
    };
    // The names read before the error are blamed; the one after it never ran.
    expect(await failure(files)).toEqual([
      "Error: the app's code failed as it loaded: siteUrl is required. (settings it read without a value: NEXT_PUBLIC_SITE_KEY, NEXT_PUBLIC_SITE_URL)",
    ]);

    const site = await build(files, { NEXT_PUBLIC_SITE_URL: "https://mugs.example" });
    expect(site.read("index.html")).toContain("Visit <!-- -->https://mugs.example");
    expect(site.read("app.js")).toContain('"https://mugs.example"');
    const { dom, errors } = await openInBrowser(site, "http://dpl-test.localhost/");
    expect(dom.window.document.querySelector("p")?.textContent).toBe("Visit https://mugs.example");
    expect(errors).toEqual([]);
  });

  it("fails the build when one page throws while rendering for want of a setting, naming the page", async () => {
    const lines = await failure({
      "app/layout.tsx": layout,
      "app/page.tsx": "export default function Page() { return <p>Home</p>; }",
      "app/contact/page.tsx":
        'export default function Contact() {\n  if (!process.env.NEXT_PUBLIC_CONTACT_EMAIL) throw new Error("Missing NEXT_PUBLIC_CONTACT_EMAIL");\n  return <p>{process.env.NEXT_PUBLIC_CONTACT_EMAIL}</p>;\n}',
    });
    expect(lines).toEqual(['Error occurred prerendering page "/contact": Missing NEXT_PUBLIC_CONTACT_EMAIL (settings it read without a value: NEXT_PUBLIC_CONTACT_EMAIL)']);
  });

  it("keeps the app's setting values out of the failure it reports", async () => {
    const lines = await failure(
      {
        "app/page.tsx":
          'const shop = process.env.SHOP_NAME;\nexport default function Page() {\n  if (!process.env.NEXT_PUBLIC_API_URL) throw new Error(`no address for ${shop}`);\n  return <p>{shop}</p>;\n}',
      },
      { SHOP_NAME: "Kiln and Company Mugs" },
    );
    expect(lines).toEqual(['Error occurred prerendering page "/": no address for [redacted] (settings it read without a value: NEXT_PUBLIC_API_URL)']);
  });

  it("still renders in the browser a page that fails for another reason, even if it reads a setting without a value", async () => {
    const site = await build({
      "app/page.tsx":
        'const base = process.env.NEXT_PUBLIC_BASE_PATH ?? "";\nconst width = window.innerWidth;\nexport default function Page() { return <p>Width {width}{base}</p>; }',
    });
    expect(site.log.join("\n")).toMatch(/render in the browser only: window is not defined/);
    const { dom, errors } = await openInBrowser(site, "http://dpl-test.localhost/");
    expect(dom.window.document.querySelector("p")?.textContent).toMatch(/^Width \d+$/);
    expect(errors).toEqual([]);
  });

  it("leaves to the browser a page that fails for want of a value only a package reads", async () => {
    // Not among the app's settings: the builder couldn't be asked for it.
    const site = await build({
      "app/page.tsx": 'const read = (name: string) => process.env[name];\nconst token = read("SOME_TOKEN");\nexport default function Page() { if (!token) throw new Error("no token"); return <p>{token}</p>; }',
    });
    expect(site.log.join("\n")).toMatch(/\/ renders in the browser only: no token/);
  });
});
