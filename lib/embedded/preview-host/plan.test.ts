import { describe, expect, it } from "vitest";
import { planBuild } from "./plan";

const files = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([name, text]) => [name, Buffer.from(text)]));
const page = "export default function Page() { return <h1>Hi</h1>; }";

describe("choosing a build path from the files", () => {
  it("keeps client-side apps, and async pages that only await their params, on the fast path", () => {
    expect(planBuild(files({ "app/page.tsx": page, "components/x.tsx": '"use client";\nexport function X() { return null; }' }))).toEqual({ path: "fast", reasons: [] });
    const asyncPage = "export default async function Page({ params }) { const { id } = await params; return <h1>{id}</h1>; }";
    expect(planBuild(files({ "app/page.tsx": page, "app/trips/[id]/page.tsx": asyncPage })).path).toBe("fast");
    // A route handler named GET is not a component.
    expect(planBuild(files({ "app/page.tsx": page, "lib/load.ts": "export async function GET() {}" })).path).toBe("fast");
  });

  it("sends server features and what the fast path can't reproduce to Next.js, saying why", () => {
    const cases: [Record<string, string>, string][] = [
      [{ "app/api/contact/route.ts": "export async function POST() {}" }, "app/api/contact/route.ts is a route handler"],
      [{ "middleware.ts": "export function middleware() {}" }, "middleware.ts runs on the server"],
      [{ "app/actions.ts": '"use server";\nexport async function save() {}' }, "app/actions.ts has server actions"],
      [{ "app/page.tsx": 'import { cookies } from "next/headers";\n' + page }, "app/page.tsx uses next/headers"],
      [{ "app/page.tsx": "export default async function Page() { const r = await fetch('https://x'); return <p />; }" }, "app/page.tsx renders on the server (it fetches data)"],
      [{ "app/page.tsx": "export default async function Page({ searchParams }) { await searchParams; return <p />; }" }, "app/page.tsx renders on the server (it reads the query string)"],
      [{ "components/list.tsx": "export default async function List() { return <ul />; }" }, "components/list.tsx has an async server component"],
      [{ "app/page.tsx": "export async function generateMetadata() { return {}; }\n" + page }, "app/page.tsx generates its metadata on the server"],
      [{ "app/sitemap.ts": "export default function sitemap() { return []; }" }, "app/sitemap.ts is generated on the server"],
      [{ "app/globals.css": '@import "tailwindcss";\n@plugin "tailwindcss-animate";\n' }, "app/globals.css loads a Tailwind plugin"],
      [{ "package.json": JSON.stringify({ devDependencies: { tailwindcss: "^3.4.1" } }) }, "package.json asks for Tailwind CSS 3"],
      [{ "next.config.mjs": "export default { async redirects() { return []; } };" }, "next.config.mjs sets server behaviour (redirects, rewrites, headers or paths)"],
    ];
    for (const [extra, reason] of cases) {
      expect(planBuild(files({ "app/page.tsx": page, ...extra }))).toEqual({ path: "next", reasons: [reason] });
    }
  });
});
