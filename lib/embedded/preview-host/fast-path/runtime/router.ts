// Shared state and routing of a preview in the browser and in the
// prerender, used by both entries and the next/* stand-ins. It turns a
// Next.js App Router app into a plain React app: pick the route for the URL,
// wrap its page in its layouts. Navigation is by full page load, each page
// being prerendered (or rendered in the browser) on its own.
import { Component, createElement as h, Fragment, type ComponentType, type ReactNode, use, useLayoutEffect } from "react";

export type Params = Record<string, string | string[] | undefined>;
type Metadata = {
  title?: string | { default?: string; template?: string; absolute?: string };
  description?: string;
  generator?: string;
  icons?: unknown;
};
type PageModule = { metadata?: Metadata; generateStaticParams?: (context: { params: Params }) => Promise<Params[] | null | undefined> | Params[] | null | undefined };
export type ChainEntry = { Component: ComponentType<Record<string, unknown>>; meta: PageModule; page: boolean };
export type RouteEntry = { pattern: string; params: [name: string, catchAll: boolean][]; template: string; chain: ChainEntry[] };
// The "preview:routes" module the build generates (../routes.ts).
export type AppTable = { routes: RouteEntry[]; notFound: ChainEntry[] };
export type Location = { pathname: string; search: string; params: Params };
export type IconLink = { rel: string; href: string; type?: string; sizes?: string; media?: string };
type Attributes = { className?: string; lang?: string; dir?: string };
export type DocumentAttributes = { html: Attributes; body: Attributes };

let current: Location = { pathname: "/", search: "", params: {} };
export function currentLocation(): Location {
  return current;
}

// Next.js passes params and searchParams as promises (awaited or use()d)
// that also carry the values directly. Marked fulfilled, as React's use()
// reads them, so a prerender never suspends on them.
function settled<T extends object>(value: T): Promise<T> & T {
  const promise = Promise.resolve(value) as Promise<T> & { status?: string; value?: T };
  promise.status = "fulfilled";
  promise.value = value;
  return Object.assign(promise, value);
}

function match(routes: RouteEntry[], pathname: string): { chain: ChainEntry[]; params: Params } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  for (const route of routes) {
    const found = new RegExp(route.pattern).exec(decoded);
    if (!found) continue;
    const params: Params = {};
    route.params.forEach(([name, catchAll], i) => {
      const value = found[i + 1];
      params[name] = value === undefined ? undefined : catchAll ? value.split("/") : value;
    });
    return { chain: route.chain, params };
  }
  return null;
}

function NotFound() {
  return h(
    "main",
    { style: { fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "20vh 1rem" } },
    h("h1", { style: { fontSize: "1.5rem", fontWeight: 600 } }, "404"),
    h("p", null, "This page could not be found."),
  );
}

// Next.js metadata, merged from the root layout down to the page: titles
// are a string or { default, template, absolute } (a layout's template
// applies to the titles below it); icons a URL, a list, or { icon, apple,
// shortcut } of URLs or { url, type, sizes, media } descriptors.
type IconDescriptor = { url: string | URL; rel?: string; type?: string; sizes?: string; media?: string };
type IconValue = string | URL | IconDescriptor;

function iconLinks(icons: unknown): IconLink[] {
  if (!icons) return [];
  const list = (value: unknown, rel: string): IconLink[] =>
    ((Array.isArray(value) ? value : value ? [value] : []) as IconValue[]).map((icon) =>
      typeof icon === "string" || icon instanceof URL
        ? { rel, href: String(icon) }
        : { rel: icon.rel || rel, href: String(icon.url), type: icon.type, sizes: icon.sizes, media: icon.media },
    );
  if (typeof icons === "string" || icons instanceof URL || Array.isArray(icons)) return list(icons, "icon");
  const named = icons as { icon?: unknown; shortcut?: unknown; apple?: unknown };
  return [...list(named.icon, "icon"), ...list(named.shortcut, "shortcut icon"), ...list(named.apple, "apple-touch-icon")];
}

export type ResolvedMetadata = { title: string | null; description: string | null; generator: string | null; icons: IconLink[] };

function resolveMetadata(chain: ChainEntry[]): ResolvedMetadata {
  let title: string | null = null;
  let template: string | null = null;
  let description: string | null = null;
  let generator: string | null = null;
  let icons: IconLink[] = [];
  for (const { meta } of chain) {
    const metadata = meta && meta.metadata;
    if (!metadata) continue;
    const t = metadata.title;
    if (typeof t === "string") title = template ? template.replace("%s", t) : t;
    else if (t) {
      if (typeof t.absolute === "string") title = t.absolute;
      else if (typeof t.default === "string") title = t.default;
      if (typeof t.template === "string") template = t.template;
    }
    if (typeof metadata.description === "string") description = metadata.description;
    if (typeof metadata.generator === "string") generator = metadata.generator;
    if (metadata.icons) icons = iconLinks(metadata.icons);
  }
  return { title, description, generator, icons };
}

// notFound() from a page shows the app's not-found page in its place.
class NotFoundBoundary extends Component<{ fallback: ReactNode; children?: ReactNode }, { missing: boolean }> {
  state = { missing: false };
  static getDerivedStateFromError(error: unknown) {
    if (error && (error as { digest?: unknown }).digest === "NEXT_NOT_FOUND") return { missing: true };
    throw error;
  }
  render() {
    return this.state.missing ? this.props.fallback : this.props.children;
  }
}

// Pages and layouts written as async server components (`export default
// async function Page({ params }) { const { id } = await params; … }`),
// which the fast path only takes when they need nothing but their params
// (see ../../plan.ts). React renders an async component on the server, not
// in the browser: there it is called once per page load and its result
// awaited with use(), so hydration finds the markup the prerender wrote.
type AnyComponent = ComponentType<Record<string, unknown>>;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as FunctionConstructor;
const awaitedComponents = new WeakMap<AnyComponent, AnyComponent>();
function awaited(Component: AnyComponent): AnyComponent {
  if (!(Component instanceof AsyncFunction)) return Component;
  let Wrapper = awaitedComponents.get(Component);
  if (!Wrapper) {
    let result: Promise<ReactNode> | null = null;
    const render = Component as unknown as (props: Record<string, unknown>) => Promise<ReactNode>;
    Wrapper = function Awaited(props: Record<string, unknown>) {
      if (!result) result = render(props);
      return use(result);
    };
    awaitedComponents.set(Component, Wrapper);
  }
  return Wrapper;
}

// URLs of dynamic pages that list their params (generateStaticParams), so
// they are prerendered like the pages without params.
export async function generatedPaths(app: AppTable): Promise<string[]> {
  const paths: string[] = [];
  for (const route of app.routes) {
    const page = route.chain[route.chain.length - 1];
    const generate = page && page.meta && page.meta.generateStaticParams;
    if (route.params.length === 0 || typeof generate !== "function") continue;
    for (const params of (await generate({ params: {} })) || []) {
      let path: string | null = route.template;
      for (const [name, catchAll] of route.params) {
        const value = params && params[name];
        const text = catchAll
          ? ([] as unknown[]).concat(value == null ? [] : value).map(String).join("/")
          : value == null
            ? ""
            : String(value);
        if (!catchAll && (text === "" || text.includes("/"))) {
          path = null;
          break;
        }
        path = path.replace(new RegExp("/\\[\\[?(\\.\\.\\.)?" + name + "\\]\\]?"), text ? "/" + text : "");
      }
      if (path !== null) paths.push(path || "/");
      if (paths.length >= 500) return paths;
    }
  }
  return paths;
}

// The element tree and title for a URL: layouts outermost first, the page
// (or the not-found page) innermost.
export function pageFor(app: AppTable, pathname: string, search: string): { element: ReactNode; title: string | null; metadata: ResolvedMetadata; found: boolean } {
  const found = match(app.routes, pathname);
  const params = found ? found.params : {};
  current = { pathname, search, params };
  const chain = found ? found.chain : app.notFound;
  const searchParams = Object.fromEntries(new URLSearchParams(search));
  const last = chain[chain.length - 1];
  const notFoundPage = app.notFound.find((entry) => entry.page);
  const missing = h(notFoundPage ? notFoundPage.Component : NotFound, null);
  let element: ReactNode = h(last && last.page ? awaited(last.Component) : NotFound, { params: settled(params), searchParams: settled(searchParams) });
  if (found) element = h(NotFoundBoundary, { fallback: missing }, element);
  for (let i = chain.length - (last && last.page ? 2 : 1); i >= 0; i--) {
    element = h(awaited(chain[i]!.Component), { params: settled(params) }, element);
  }
  const metadata = resolveMetadata(chain);
  return { element, title: metadata.title, metadata, found: Boolean(found) };
}

// A layout's <html> and <body> can't render inside the preview's root
// element. They render their children only; their class names and language
// go on the real document (in the prerendered HTML, and again in the browser).
let documentAttributes: DocumentAttributes = { html: {}, body: {} };
export function takeDocumentAttributes(): DocumentAttributes {
  const taken = documentAttributes;
  documentAttributes = { html: {}, body: {} };
  return taken;
}

// Called while prerendering, where no effect runs: the page renders once,
// then its attributes are taken.
function recordDocumentAttributes(tag: "html" | "body", attributes: Attributes): void {
  documentAttributes[tag] = attributes;
}

type DocumentElementProps = { tag: "html" | "body"; children?: ReactNode; className?: string; lang?: string; dir?: string };

export function DocumentElement({ tag, children, className, lang, dir }: DocumentElementProps) {
  if (typeof document === "undefined") recordDocumentAttributes(tag, { className, lang, dir });
  useLayoutEffect(() => {
    const element = tag === "html" ? document.documentElement : document.body;
    const classes = typeof className === "string" ? className.split(/\s+/).filter(Boolean) : [];
    element.classList.add(...classes);
    if (lang) element.lang = lang;
    if (dir) element.dir = dir;
    return () => element.classList.remove(...classes);
  }, [tag, className, lang, dir]);
  return h(Fragment, null, children);
}
