import "server-only";

// The App Router's file conventions, as far as the fast path follows
// them: app/**/page.* are routes ("(group)" folders don't count in the URL;
// [param], [...rest] and [[...rest]] are dynamic), each wrapped in the
// layout.* files of its folder and the folders above; app/not-found.* is
// shown for unknown URLs. Parallel (@slot), intercepting ((.)x) and private
// (_x) folders are not routes.

export type Route = {
  page: string;
  layouts: string[];
  // Matched against the decoded pathname, by the server and the browser alike.
  pattern: string;
  params: [name: string, catchAll: boolean][];
  // Set for routes without params: the one URL they answer, prerendered.
  staticPath: string | null;
  template: string; // the URL with its params as written: "/trips/[id]"
  rank: string;
};

export type AppRoutes = { routes: Route[]; notFound: string | null; rootLayout: string | null };

const MODULE = /\.(tsx|jsx|ts|js)$/;
const SPECIAL = /^app\/(?:(.+)\/)?(page|layout|not-found)\.(tsx|jsx|ts|js)$/;

export function findRoutes(paths: string[]): AppRoutes {
  const pages: { file: string; dir: string }[] = [];
  const layouts = new Map<string, string>(); // folder → layout file
  let notFound: string | null = null;
  for (const file of [...paths].sort()) {
    const found = SPECIAL.exec(file);
    if (!found || !MODULE.test(file)) continue;
    const dir = found[1] ?? "";
    if (found[2] === "page") pages.push({ file, dir });
    else if (found[2] === "layout") {
      if (!layouts.has(dir)) layouts.set(dir, file);
    } else if (dir === "" && !notFound) notFound = file;
  }

  const routes: Route[] = [];
  const seen = new Set<string>();
  for (const { file, dir } of pages) {
    const route = toRoute(file, dir, layouts);
    // Two page files for one URL (page.tsx and page.jsx): the first wins.
    if (route && !seen.has(route.pattern)) {
      seen.add(route.pattern);
      routes.push(route);
    }
  }
  routes.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.page.localeCompare(b.page)));
  return { routes, notFound, rootLayout: layouts.get("") ?? null };
}

function toRoute(page: string, dir: string, layouts: Map<string, string>): Route | null {
  const folders = dir ? dir.split("/") : [];
  let pattern = "";
  let rank = "";
  let template = "";
  const params: Route["params"] = [];
  for (const folder of folders) {
    if (/^\(.*\)$/.test(folder) && !folder.startsWith("(.")) continue; // route group
    if (folder.startsWith("@") || folder.startsWith("_") || folder.startsWith("(")) return null;
    template += `/${folder}`;
    const dynamic = /^\[(\[)?(\.\.\.)?([A-Za-z_$][\w$-]*)\]?\]$/.exec(folder);
    if (!dynamic) {
      pattern += `/${escapeRegExp(folder)}`;
      rank += "0";
    } else if (dynamic[1] && dynamic[2]) {
      pattern += "(?:/(.+))?";
      rank += "3";
      params.push([dynamic[3]!, true]);
    } else if (dynamic[2]) {
      pattern += "/(.+)";
      rank += "2";
      params.push([dynamic[3]!, true]);
    } else {
      pattern += "/([^/]+)";
      rank += "1";
      params.push([dynamic[3]!, false]);
    }
  }
  const chain = ["", ...folders.map((_, i) => folders.slice(0, i + 1).join("/"))];
  return {
    page,
    layouts: chain.map((folder) => layouts.get(folder)).filter((f): f is string => f !== undefined),
    pattern: `^${pattern}/?$`,
    params,
    staticPath: params.length === 0 ? pattern.replace(/\\(.)/g, "$1") || "/" : null,
    template: template || "/",
    rank,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

// The "preview:routes" module: every page and layout imported, and the
// table the runtime matches URLs against.
export function routesModule(app: AppRoutes): string {
  const imports: string[] = [];
  const names = new Map<string, string>();
  const ref = (file: string, page: boolean) => {
    let name = names.get(file);
    if (!name) {
      name = `m${names.size}`;
      names.set(file, name);
      const spec = JSON.stringify(`./${file}`);
      imports.push(`import ${name} from ${spec};\nimport * as ${name}meta from ${spec};`);
    }
    return `{ Component: ${name}, meta: ${name}meta, page: ${page} }`;
  };
  const routes = app.routes.map(
    (r) => `{ pattern: ${JSON.stringify(r.pattern)}, params: ${JSON.stringify(r.params)}, template: ${JSON.stringify(r.template)}, chain: [${[...r.layouts.map((l) => ref(l, false)), ref(r.page, true)].join(", ")}] }`,
  );
  const notFound = [app.rootLayout && ref(app.rootLayout, false), app.notFound && ref(app.notFound, true)].filter(Boolean);
  return `${imports.join("\n")}\nexport const routes = [\n  ${routes.join(",\n  ")}\n];\nexport const notFound = [${notFound.join(", ")}];\n`;
}

// `pathname` decoded, as the browser's runtime matches it too.
export function matchesRoute(routes: Pick<Route, "pattern">[], pathname: string): boolean {
  return routes.some((route) => new RegExp(route.pattern).test(pathname));
}
