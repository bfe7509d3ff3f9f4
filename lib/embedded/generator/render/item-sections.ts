import "server-only";

import type { Section } from "../app-spec";
import { isMoney } from "../part-words";
import { type Context, headingFor, introFor, type Rendered, sectionId, sectionOpen, slug } from "./content";
import { data, literal } from "./theme";
import type { UiComponent } from "./ui";

// Sections built from the subject's items: the list (with live search,
// category chips or tabs), a gallery, a table and a chart.

export function imagePath(title: string): string {
  return `/images/${slug(title)}.svg`;
}

function itemData(ctx: Context) {
  return ctx.items.map((item) => ({ ...item, image: imagePath(item.title) }));
}

export function itemList(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "items");
  const name = `${ctx.Pascal}List`;
  const interactive = Boolean(section.search || section.filters || section.tabs);
  const ui: UiComponent[] = ["card", "badge"];
  const list = ctx.camelMany;
  const categories = [...new Set(ctx.items.map((i) => i.category))];
  const card = `<li key={item.title}>
              <Card className="h-full overflow-hidden pt-0">
                <img src={item.image} alt="" width={600} height={400} className="aspect-[3/2] w-full object-cover" />
                <CardHeader>
                  <div className="flex items-center justify-between gap-2">
                    <Badge variant="secondary">{item.category}</Badge>
                    <span className="text-sm font-semibold">{item.price}</span>
                  </div>
                  <CardTitle>{item.title}</CardTitle>
                  <CardDescription>{item.text}</CardDescription>
                </CardHeader>
                <CardContent className="mt-auto">
                  <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted-foreground" aria-label="Details">
                    {item.details.map((detail) => (
                      <li key={detail}>{detail}</li>
                    ))}
                  </ul>
                </CardContent>
              </Card>
            </li>`;
  const grid = (items: string) => `<ul className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {${items}.map((item) => (
            ${card}
            ))}
          </ul>`;

  if (!interactive) {
    return {
      file: slug(name.replace(/([a-z0-9])([A-Z])/g, "$1-$2")),
      name,
      ui,
      source: `import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const ${list} = ${data(itemData(ctx))};

export function ${name}() {
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "items"))}
      ${grid(list)}
    </section>
  );
}
`,
    };
  }

  const imports = ['import { useState } from "react";'];
  if (section.search) {
    imports.push('import { Search } from "lucide-react";', 'import { Input } from "@/components/ui/input";', 'import { Label } from "@/components/ui/label";');
    ui.push("input", "label");
  }
  if (section.filters && !section.tabs) {
    imports.push('import { Button } from "@/components/ui/button";');
    ui.push("button");
  }
  if (section.tabs) {
    imports.push('import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";');
    ui.push("tabs");
  }
  imports.push('import { Badge } from "@/components/ui/badge";', 'import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";');

  const usesCategory = Boolean(section.filters || section.tabs);
  const search = section.search
    ? `<div className="relative mt-6 max-w-md">
        <Label htmlFor="${id}-search" className="sr-only">
          {${literal(`Search ${ctx.many}`)}}
        </Label>
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
        <Input
          id="${id}-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={${literal(`Search ${ctx.many}…`)}}
          className="pl-9"
        />
      </div>`
    : "";
  const chips =
    section.filters && !section.tabs
      ? `<div role="group" aria-label={${literal(`Filter ${ctx.many} by category`)}} className="mt-4 flex flex-wrap gap-2">
        {categories.map((name) => (
          <Button key={name} type="button" size="sm" variant={name === category ? "default" : "outline"} aria-pressed={name === category} onClick={() => setCategory(name)}>
            {name}
          </Button>
        ))}
      </div>`
      : "";
  const empty = `{shown.length === 0 && <p className="mt-8 text-muted-foreground">{${literal(`No ${ctx.many} match your search.`)}}</p>}`;
  const body = section.tabs
    ? `<Tabs value={category} onValueChange={setCategory} className="mt-6">
        <TabsList aria-label={${literal(`${ctx.Many} by category`)}}>
          {categories.map((name) => (
            <TabsTrigger key={name} value={name}>
              {name}
            </TabsTrigger>
          ))}
        </TabsList>
        {categories.map((name) => (
          <TabsContent key={name} value={name}>
            ${grid("shown")}
            ${empty}
          </TabsContent>
        ))}
      </Tabs>`
    : `${grid("shown")}
      ${empty}`;
  const filters = [
    usesCategory ? `(category === "All" || item.category === category)` : "",
    section.search ? `(item.title + " " + item.text + " " + item.category).toLowerCase().includes(query.trim().toLowerCase())` : "",
  ].filter(Boolean);
  return {
    file: slug(name.replace(/([a-z0-9])([A-Z])/g, "$1-$2")),
    name,
    ui,
    source: `"use client";

${imports.join("\n")}

const ${list} = ${data(itemData(ctx))};
${usesCategory ? `\nconst categories = ${data(["All", ...categories])};\n` : ""}
export function ${name}() {
${section.search ? '  const [query, setQuery] = useState("");\n' : ""}${usesCategory ? '  const [category, setCategory] = useState("All");\n' : ""}  const shown = ${list}.filter((item) => ${filters.join(" && ")});
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "items"))}
      ${search}
      ${chips}
      <p className="sr-only" role="status">
        {shown.length + ${literal(` ${ctx.many} shown`)}}
      </p>
      ${body}
    </section>
  );
}
`,
  };
}

export function gallery(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "gallery");
  const photos = ctx.items.map((item) => ({ src: imagePath(item.title), alt: `${item.title}: ${item.text.replace(/\.$/, "").toLowerCase()}`, caption: item.title }));
  return {
    file: "gallery",
    name: "Gallery",
    ui: [],
    source: `const photos = ${data(photos)};

export function Gallery() {
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "gallery"))}
      <ul className="mt-8 grid grid-cols-2 gap-4 md:grid-cols-3">
        {photos.map((photo) => (
          <li key={photo.src}>
            <figure className="overflow-hidden rounded-xl border bg-card">
              <img src={photo.src} alt={photo.alt} width={600} height={400} loading="lazy" className="aspect-[3/2] w-full object-cover transition-transform hover:scale-105" />
              <figcaption className="px-4 py-3 text-sm font-medium">{photo.caption}</figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </section>
  );
}
`,
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"];

// Six months of a named measure, rising with a wobble; money in dollars.
function monthly(ctx: Context, measure: string): { month: string; value: number; shown: string }[] {
  const money = isMoney(measure);
  const base = money ? 8000 : Math.max(40, ctx.items.length * 30);
  return MONTHS.map((month, i) => {
    const value = Math.round(base * (1 + i * 0.12 + (((i * 7 + 3) % 5) - 2) * 0.04));
    return { month, value, shown: money ? `$${value.toLocaleString("en-US")}` : value.toLocaleString("en-US") };
  });
}

// Months down the side, one column per measure named, and how the first
// measure changed on the month before.
function measureTable(ctx: Context, section: Section, measures: string[]): Rendered {
  const id = sectionId(ctx, "table");
  const series = measures.map((m) => monthly(ctx, m));
  const first = series[0]!;
  const rows = MONTHS.map((month, i) => {
    const change = i === 0 ? "" : `${first[i]!.value >= first[i - 1]!.value ? "+" : "−"}${Math.abs(Math.round(((first[i]!.value - first[i - 1]!.value) / first[i - 1]!.value) * 100))}%`;
    return { month, values: series.map((s) => s[i]!.shown), change };
  });
  return {
    file: "data-table",
    name: "DataTable",
    ui: [],
    source: `const measures = ${data(measures.map(capitalWords))};
const rows = ${data(rows)};

export function DataTable() {
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "table", section))}
      <div className="mt-8 overflow-x-auto rounded-xl border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{${literal(headingFor(ctx, section))}}</caption>
          <thead className="bg-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">Month</th>
              {measures.map((measure) => (
                <th key={measure} scope="col" className="px-4 py-3 text-right font-semibold">
                  {measure}
                </th>
              ))}
              <th scope="col" className="px-4 py-3 text-right font-semibold">{${literal(`Change in ${measures[0]}`)}}</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row) => (
              <tr key={row.month}>
                <th scope="row" className="px-4 py-3 font-medium">{row.month}</th>
                {row.values.map((value, i) => (
                  <td key={measures[i]} className="px-4 py-3 text-right tabular-nums">
                    {value}
                  </td>
                ))}
                <td className="px-4 py-3 text-right text-muted-foreground tabular-nums">{row.change}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
`,
  };
}

export function dataTable(ctx: Context, section: Section): Rendered {
  if (section.measures?.length) return measureTable(ctx, section, section.measures);
  const id = sectionId(ctx, "table");
  const rows = ctx.items.map((item) => ({ title: item.title, category: item.category, detail: item.details[0] ?? "", price: item.price }));
  return {
    file: "data-table",
    name: "DataTable",
    ui: [],
    source: `const rows = ${data(rows)};

export function DataTable() {
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "table"))}
      <div className="mt-8 overflow-x-auto rounded-xl border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{${literal(headingFor(ctx, section))}}</caption>
          <thead className="bg-muted">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{${literal(ctx.Pascal === "Item" ? "Name" : capitalWords(ctx.one))}}</th>
              <th scope="col" className="px-4 py-3 font-semibold">Category</th>
              <th scope="col" className="px-4 py-3 font-semibold">Details</th>
              <th scope="col" className="px-4 py-3 text-right font-semibold">Price</th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row) => (
              <tr key={row.title}>
                <th scope="row" className="px-4 py-3 font-medium">{row.title}</th>
                <td className="px-4 py-3">{row.category}</td>
                <td className="px-4 py-3 text-muted-foreground">{row.detail}</td>
                <td className="px-4 py-3 text-right tabular-nums">{row.price}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
`,
  };
}

function capitalWords(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function barChart(ctx: Context, section: Section): Rendered {
  const id = sectionId(ctx, "chart");
  const measure = section.measures?.[0];
  const base = Math.max(4, ctx.items.length * 2);
  const months = measure
    ? monthly(ctx, measure)
    : MONTHS.map((month, i) => {
        const value = base + ((i * 7 + 3) % 9) + i * 2;
        return { month, value, shown: String(value) };
      });
  const summary = `Bar chart of ${measure ?? `new ${ctx.many}`} each month: ${months.map((m) => `${m.month} ${m.shown}`).join(", ")}.`;
  return {
    file: "bar-chart",
    name: "BarChart",
    ui: ["card"],
    source: `import { Card, CardContent } from "@/components/ui/card";

const months = ${data(months)};
const highest = Math.max(...months.map((m) => m.value));

export function BarChart() {
  return (
    ${sectionOpen(id, headingFor(ctx, section), introFor(ctx, "chart", section))}
      <Card className="mt-8">
        <CardContent>
          <div role="img" aria-label={${literal(summary)}} className="flex h-64 items-end gap-3 sm:gap-6">
            {months.map((m) => (
              <div key={m.month} className="flex h-full flex-1 flex-col items-center justify-end gap-2">
                <span className="text-sm font-semibold tabular-nums">{m.shown}</span>
                <div className="w-full rounded-t-md bg-primary" style={{ height: (m.value / highest) * 80 + "%" }} />
                <span className="text-sm text-muted-foreground">{m.month}</span>
              </div>
            ))}
          </div>
        </CardContent>
      </Card>
    </section>
  );
}
`,
  };
}
