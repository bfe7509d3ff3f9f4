import "server-only";

import type { ChatFile } from "../../../v0/types";
import { PINNED_DEPENDENCIES, PINNED_DEV_DEPENDENCIES } from "@/lib/pinned-versions";
import { type Action, type AppSpec, samePart, type Section, type SectionKind } from "../app-spec";
import { type Context, contextFor, headingFor, type Rendered, type SectionRenderer, sectionId, slug, taglineFor } from "./content";
import { contactForm, newsletter, signupForm, todoList } from "./form-sections";
import { images } from "./images";
import { faq, features, hours, menu, mission, pricing, stats, team, testimonials, timeline } from "./info-sections";
import { requestForm } from "./request-form";
import { barChart, dataTable, gallery, itemList } from "./item-sections";
import { globalsCss, literal } from "./theme";
import { UI_COMPONENTS, type UiComponent, UTILS } from "./ui";

const RENDERERS: Record<SectionKind, SectionRenderer> = {
  items: itemList,
  features,
  gallery,
  faq,
  testimonials,
  team,
  stats,
  pricing,
  menu,
  hours,
  timeline,
  newsletter,
  contact: contactForm,
  signup: signupForm,
  todo: todoList,
  table: dataTable,
  chart: barChart,
  request: requestForm,
  mission,
};

// The packages a generated app depends on, at the pinned versions.
const DEPENDENCIES = ["next", "react", "react-dom", "lucide-react", "clsx", "tailwind-merge", "class-variance-authority", "@radix-ui/react-slot", "@radix-ui/react-tabs"] as const;
export const PACKAGE_VERSIONS = Object.fromEntries(DEPENDENCIES.map((name) => [name, PINNED_DEPENDENCIES[name]])) as Record<(typeof DEPENDENCIES)[number], string>;
export const DEV_PACKAGE_VERSIONS = PINNED_DEV_DEPENDENCIES;

// A spec → the files of a Next.js App Router app shaped like v0's: pages
// first (what a builder cares about), then sections, shadcn/ui components,
// layout, styles, images and project files.
export function renderFiles(spec: AppSpec): ChatFile[] {
  const ctx = contextFor(spec);
  const sections = spec.sections.map((section) => ({ section, rendered: RENDERERS[section.kind](ctx, section) }));
  const ui = new Set<UiComponent>(sections.flatMap((s) => s.rendered.ui));
  ui.add("button");
  const pages = pageFiles(ctx, sections);
  const shell: Rendered[] = [siteHeader(ctx), ...(spec.darkToggle ? [themeToggle(ctx)] : []), ...(spec.footer ? [siteFooter(ctx)] : [])];
  const usesImages = spec.sections.some((s) => s.kind === "items" || s.kind === "gallery");
  return [
    ...pages,
    ...sections.map(({ rendered }) => ({ name: `components/${rendered.file}.tsx`, content: rendered.source })),
    ...shell.map((c) => ({ name: `components/${c.file}.tsx`, content: c.source })),
    ...[...ui].sort().map((name) => ({ name: `components/ui/${name}.tsx`, content: UI_COMPONENTS[name] })),
    { name: "lib/utils.ts", content: UTILS },
    { name: "app/layout.tsx", content: layoutFile(ctx) },
    { name: "app/globals.css", content: globalsCss(spec) },
    ...(usesImages ? images(ctx) : []),
    { name: "package.json", content: packageJson(ui.has("tabs")) },
    { name: "components.json", content: COMPONENTS_JSON },
  ];
}

type Placed = { section: Section; rendered: Rendered };

// One page with every section, or (when asked) a home page with the first
// section and a page of its own for each of the others.
function pageFiles(ctx: Context, sections: Placed[]): ChatFile[] {
  if (!ctx.spec.multiPage || sections.length < 2) return [{ name: "app/page.tsx", content: pageFile(ctx, sections, null) }];
  const [first, ...rest] = sections;
  return [
    { name: "app/page.tsx", content: pageFile(ctx, [first!], null) },
    ...rest.map((placed) => ({ name: `app/${sectionId(ctx, placed.section)}/page.tsx`, content: pageFile(ctx, [placed], headingFor(ctx, placed.section)) })),
  ];
}

// Where the hero's button leads: the first of these the app has.
const CALLS_TO_ACTION: [SectionKind, (ctx: Context) => string][] = [
  ["signup", () => "Sign up"],
  ["newsletter", () => "Subscribe"],
  ["items", (ctx) => `Browse ${ctx.many}`],
  ["menu", () => "See the menu"],
  ["contact", () => "Get in touch"],
  ["pricing", () => "See plans"],
];

function href(ctx: Context, part: Pick<Section, "kind" | "form">): string {
  const first = ctx.spec.sections[0];
  if (!ctx.spec.multiPage || (first && samePart(first, part))) return `#${sectionId(ctx, part)}`;
  return `/${sectionId(ctx, part)}`;
}

// The hero's buttons: the ones the builder named, labelled as asked, else
// one leading to the first of CALLS_TO_ACTION the page has.
function heroButtons(ctx: Context): Action[] {
  const named = ctx.spec.actions.filter((a) => ctx.spec.sections.some((s) => samePart(s, { kind: a.to, form: a.form })));
  if (named.length) return named;
  const cta = CALLS_TO_ACTION.find(([kind]) => ctx.spec.sections.some((s) => s.kind === kind));
  return cta ? [{ label: cta[1](ctx), to: cta[0] }] : [];
}

function pageFile(ctx: Context, sections: Placed[], pageTitle: string | null): string {
  const imports = sections.map(({ rendered }) => `import { ${rendered.name} } from "@/components/${rendered.file}";`);
  const buttons = pageTitle === null ? heroButtons(ctx) : [];
  if (buttons.length) imports.unshift('import { Button } from "@/components/ui/button";');
  const metadata = pageTitle ? `export const metadata = {\n  title: ${literal(`${pageTitle} · ${ctx.spec.title}`)},\n};\n\n` : "";
  const button = buttons.length
    ? `
          <div className="mt-8 flex flex-wrap justify-center gap-3">${buttons
            .map(
              (b, i) => `
            <Button asChild size="lg"${i > 0 ? ' variant="outline"' : ""}>
              <a href="${href(ctx, { kind: b.to, form: b.form })}">{${literal(b.label)}}</a>
            </Button>`,
            )
            .join("")}
          </div>`
    : "";
  const body = sections.map(({ rendered }) => `      <${rendered.name} />`).join("\n");
  return `${imports.join("\n")}${imports.length ? "\n\n" : ""}${metadata}export default function ${pageTitle ? `${pascal(pageTitle)}Page` : "Home"}() {
  return (
    <main id="main">
      <section aria-labelledby="hero-heading" className="border-b bg-muted">
        <div className="mx-auto max-w-6xl px-6 py-${pageTitle ? "12" : "20"} text-center">
          <h1 id="hero-heading" className="text-4xl font-bold tracking-tight text-balance sm:text-5xl">{${literal(ctx.spec.title)}}</h1>
          <p className="mx-auto mt-4 max-w-2xl text-lg text-muted-foreground">{${literal(taglineFor(ctx))}}</p>${button}
        </div>
      </section>
${body}
    </main>
  );
}
`;
}

function pascal(text: string): string {
  const name = text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
  return /^[A-Za-z]/.test(name) ? name : "Section";
}

function layoutFile(ctx: Context): string {
  const { spec } = ctx;
  return `import type { Metadata } from "next";
import type { ReactNode } from "react";
${spec.footer ? 'import { SiteFooter } from "@/components/site-footer";\n' : ""}import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: ${literal(spec.title)},
  description: ${literal(taglineFor(ctx))},
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en"${spec.dark ? ' className="dark"' : ""}>
      <body className="flex min-h-screen flex-col">
        <SiteHeader />
        <div className="flex-1">{children}</div>${spec.footer ? "\n        <SiteFooter />" : ""}
      </body>
    </html>
  );
}
`;
}

function siteHeader(ctx: Context): Rendered {
  const { spec } = ctx;
  const links = spec.sections.map((s) => ({ href: spec.multiPage ? (s === spec.sections[0] ? "/" : `/${sectionId(ctx, s)}`) : `#${sectionId(ctx, s)}`, label: navLabel(ctx, s) }));
  if (spec.multiPage && links[0]) links[0] = { href: "/", label: "Home" };
  const link = spec.multiPage ? "Link" : "a";
  return {
    file: "site-header",
    name: "SiteHeader",
    ui: [],
    source: `${spec.multiPage ? 'import Link from "next/link";\n' : ""}${spec.darkToggle ? 'import { ThemeToggle } from "@/components/theme-toggle";\n' : ""}
const links: { href: string; label: string }[] = ${JSON.stringify(links, null, 2).replace(/</g, "\\u003c").replace(/"(href|label)":/g, "$1:")};

export function SiteHeader() {
  return (
    <header className="sticky top-0 z-10 border-b bg-background/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <${link} href="${spec.multiPage ? "/" : "#main"}" className="text-lg font-semibold tracking-tight">
          {${literal(spec.title)}}
        </${link}>
        <div className="flex items-center gap-2">
          <nav aria-label="Main">
            <ul className="flex flex-wrap gap-1 text-sm">
              {links.map((item) => (
                <li key={item.href}>
                  <${link} href={item.href} className="rounded-md px-3 py-2 font-medium text-muted-foreground hover:bg-muted hover:text-foreground">
                    {item.label}
                  </${link}>
                </li>
              ))}
            </ul>
          </nav>${spec.darkToggle ? `\n          <ThemeToggle initialDark={${spec.dark}} />` : ""}
        </div>
      </div>
    </header>
  );
}
`.replace(/^\n/, ""),
  };
}

function navLabel(ctx: Context, section: Section): string {
  if (section.heading) return section.heading;
  if (section.kind === "request") return headingFor(ctx, section);
  if (section.kind === "team" && section.people) return section.people.charAt(0).toUpperCase() + section.people.slice(1);
  const labels: Partial<Record<SectionKind, string>> = {
    items: ctx.Many,
    faq: "FAQ",
    hours: "Visit",
    signup: "Sign up",
    todo: "To-do",
    table: "Table",
    chart: "Chart",
    stats: section.impact ? "Impact" : "Numbers",
  };
  return labels[section.kind] ?? section.kind.charAt(0).toUpperCase() + section.kind.slice(1);
}

function themeToggle(ctx: Context): Rendered {
  return {
    file: "theme-toggle",
    name: "ThemeToggle",
    ui: ["button"],
    source: `"use client";

import { Moon, Sun } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

const STORAGE_KEY = ${literal(`theme-${slug(ctx.spec.title)}`)};

export function ThemeToggle({ initialDark }: { initialDark: boolean }) {
  const [dark, setDark] = useState(initialDark);

  useEffect(() => {
    try {
      const saved = window.localStorage.getItem(STORAGE_KEY);
      if (saved === "dark" || saved === "light") setDark(saved === "dark");
    } catch {
      // Storage denied (a frame from another site): keep the default.
    }
  }, []);

  useEffect(() => {
    document.documentElement.classList.toggle("dark", dark);
  }, [dark]);

  function toggle() {
    const next = !dark;
    setDark(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next ? "dark" : "light");
    } catch {
      // Storage denied: the theme still switches, it just isn't kept.
    }
  }

  return (
    <Button type="button" variant="outline" size="icon" onClick={toggle} aria-label={dark ? "Switch to light theme" : "Switch to dark theme"}>
      {dark ? <Sun aria-hidden="true" /> : <Moon aria-hidden="true" />}
    </Button>
  );
}
`,
  };
}

function siteFooter(ctx: Context): Rendered {
  return {
    file: "site-footer",
    name: "SiteFooter",
    ui: [],
    source: `export function SiteFooter() {
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-6 py-8 text-sm text-muted-foreground sm:flex-row sm:justify-between">
        <p>
          © {new Date().getFullYear()} {${literal(ctx.spec.title)}}
        </p>
        <p>{${literal(taglineFor(ctx))}}</p>
      </div>
    </footer>
  );
}
`,
  };
}

function packageJson(tabs: boolean): string {
  const dependencies: Record<string, string> = { ...PACKAGE_VERSIONS };
  if (!tabs) delete dependencies["@radix-ui/react-tabs"];
  const manifest = {
    name: "my-project",
    version: "0.1.0",
    private: true,
    scripts: { dev: "next dev", build: "next build", start: "next start" },
    dependencies: Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b))),
    devDependencies: DEV_PACKAGE_VERSIONS,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const COMPONENTS_JSON = `${JSON.stringify(
  {
    $schema: "https://ui.shadcn.com/schema.json",
    style: "new-york",
    rsc: true,
    tsx: true,
    tailwind: { config: "", css: "app/globals.css", baseColor: "slate", cssVariables: true, prefix: "" },
    aliases: { components: "@/components", utils: "@/lib/utils", ui: "@/components/ui", lib: "@/lib", hooks: "@/hooks" },
    iconLibrary: "lucide",
  },
  null,
  2,
)}
`;
