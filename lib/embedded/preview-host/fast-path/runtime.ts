import "server-only";

// The code a preview runs besides the app's own, as module sources for
// esbuild. It turns a Next.js App Router app into a plain React app: pick the
// route for the URL, wrap its page in its layouts, and stand in for the few
// Next.js modules generated code imports. Navigation is by full page load,
// each page being prerendered (or rendered in the browser) on its own.

// Shared state and routing, used by both entries and the next/* stand-ins.
const runtime = String.raw`
import { Component, createElement as h, Fragment, use, useLayoutEffect } from "react";

let current = { pathname: "/", search: "", params: {} };
export function currentLocation() { return current; }

// Next.js passes params and searchParams as promises (awaited or use()d)
// that also carry the values directly. Marked fulfilled, as React's use()
// reads them, so a prerender never suspends on them.
function settled(value) {
  const promise = Promise.resolve(value);
  promise.status = "fulfilled";
  promise.value = value;
  return Object.assign(promise, value);
}

function match(routes, pathname) {
  let decoded;
  try { decoded = decodeURIComponent(pathname); } catch { return null; }
  for (const route of routes) {
    const found = new RegExp(route.pattern).exec(decoded);
    if (!found) continue;
    const params = {};
    route.params.forEach(([name, catchAll], i) => {
      const value = found[i + 1];
      params[name] = value === undefined ? undefined : catchAll ? value.split("/") : value;
    });
    return { chain: route.chain, params };
  }
  return null;
}

function NotFound() {
  return h("main", { style: { fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "20vh 1rem" } },
    h("h1", { style: { fontSize: "1.5rem", fontWeight: 600 } }, "404"),
    h("p", null, "This page could not be found."));
}

// Next.js metadata, merged from the root layout down to the page: titles
// are a string or { default, template, absolute } (a layout's template
// applies to the titles below it); icons a URL, a list, or { icon, apple,
// shortcut } of URLs or { url, type, sizes, media } descriptors.
function iconLinks(icons) {
  if (!icons) return [];
  const list = (value, rel) => (Array.isArray(value) ? value : value ? [value] : []).map((icon) =>
    typeof icon === "string" || icon instanceof URL ? { rel, href: String(icon) } : { rel: icon.rel || rel, href: String(icon.url), type: icon.type, sizes: icon.sizes, media: icon.media });
  if (typeof icons === "string" || icons instanceof URL || Array.isArray(icons)) return list(icons, "icon");
  return [...list(icons.icon, "icon"), ...list(icons.shortcut, "shortcut icon"), ...list(icons.apple, "apple-touch-icon")];
}

function resolveMetadata(chain) {
  let title = null;
  let template = null;
  let description = null;
  let generator = null;
  let icons = [];
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
class NotFoundBoundary extends Component {
  constructor(props) { super(props); this.state = { missing: false }; }
  static getDerivedStateFromError(error) {
    if (error && error.digest === "NEXT_NOT_FOUND") return { missing: true };
    throw error;
  }
  render() { return this.state.missing ? this.props.fallback : this.props.children; }
}

// Pages and layouts written as async server components (\`export default
// async function Page({ params }) { const { id } = await params; … }\`),
// which the fast path only takes when they need nothing but their params
// (see ../plan.ts). React renders an async component on the server, not in
// the browser: there it is called once per page load and its result awaited
// with use(), so hydration finds the markup the prerender wrote.
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
const awaitedComponents = new WeakMap();
function awaited(Component) {
  if (!(Component instanceof AsyncFunction)) return Component;
  let Wrapper = awaitedComponents.get(Component);
  if (!Wrapper) {
    let result = null;
    Wrapper = function Awaited(props) {
      if (!result) result = Component(props);
      return use(result);
    };
    awaitedComponents.set(Component, Wrapper);
  }
  return Wrapper;
}

// URLs of dynamic pages that list their params (generateStaticParams), so
// they are prerendered like static ones.
export async function generatedPaths(app) {
  const paths = [];
  for (const route of app.routes) {
    const page = route.chain[route.chain.length - 1];
    const generate = page && page.meta && page.meta.generateStaticParams;
    if (route.params.length === 0 || typeof generate !== "function") continue;
    for (const params of (await generate({ params: {} })) || []) {
      let path = route.template;
      for (const [name, catchAll] of route.params) {
        const value = params && params[name];
        const text = catchAll ? [].concat(value == null ? [] : value).map(String).join("/") : value == null ? "" : String(value);
        if (!catchAll && (text === "" || text.includes("/"))) { path = null; break; }
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
export function pageFor(app, pathname, search) {
  const found = match(app.routes, pathname);
  const params = found ? found.params : {};
  current = { pathname, search, params };
  const chain = found ? found.chain : app.notFound;
  const searchParams = Object.fromEntries(new URLSearchParams(search));
  const last = chain[chain.length - 1];
  const notFoundPage = app.notFound.find((entry) => entry.page);
  const missing = h(notFoundPage ? notFoundPage.Component : NotFound, null);
  let element = h(last && last.page ? awaited(last.Component) : NotFound, { params: settled(params), searchParams: settled(searchParams) });
  if (found) element = h(NotFoundBoundary, { fallback: missing }, element);
  for (let i = chain.length - (last && last.page ? 2 : 1); i >= 0; i--) {
    element = h(awaited(chain[i].Component), { params: settled(params) }, element);
  }
  const metadata = resolveMetadata(chain);
  return { element, title: metadata.title, metadata, found: Boolean(found) };
}

// A layout's <html> and <body> can't render inside the preview's root
// element. They render their children only; their class names and language
// go on the real document (in the prerendered HTML, and again in the browser).
let documentAttributes = { html: {}, body: {} };
export function takeDocumentAttributes() {
  const taken = documentAttributes;
  documentAttributes = { html: {}, body: {} };
  return taken;
}

export function DocumentElement({ tag, children, className, lang, dir }) {
  if (typeof document === "undefined") documentAttributes[tag] = { className, lang, dir };
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
`;

// The automatic JSX runtime generated code compiles against: React's, with
// <html>/<body>/<head> swapped for elements that can live inside a page.
const jsxRuntime = String.raw`
import { jsx as reactJsx, jsxs as reactJsxs, Fragment } from "react/jsx-runtime";
import { DocumentElement } from "preview:runtime";
function documentSafe(create) {
  return (type, props, key) => {
    if (type === "html" || type === "body") return create(DocumentElement, { ...props, tag: type }, key);
    if (type === "head") return create(Fragment, { children: props.children }, key);
    return create(type, props, key);
  };
}
export const jsx = documentSafe(reactJsx);
export const jsxs = documentSafe(reactJsxs);
export { Fragment };
`;

const clientEntry = String.raw`
import { createRoot, hydrateRoot } from "react-dom/client";
import * as app from "preview:routes";
import { pageFor } from "preview:runtime";
const { element, title } = pageFor(app, window.location.pathname, window.location.search);
if (title) document.title = title;
const root = document.getElementById("root");
if (root.hasAttribute("data-prerendered")) hydrateRoot(root, element);
else createRoot(root).render(element);
`;

// Pages render one at a time (the document attributes and location are
// module state), each completely, async components included.
const serverEntry = String.raw`
import { prerender } from "react-dom/static";
import * as app from "preview:routes";
import { generatedPaths, pageFor, takeDocumentAttributes } from "preview:runtime";
export function paths() { return generatedPaths(app); }
export async function render(pathname) {
  const { element, title, metadata } = pageFor(app, pathname, "");
  takeDocumentAttributes();
  const { prelude } = await prerender(element);
  const html = await new Response(prelude).text();
  return { html, title, head: { description: metadata.description, generator: metadata.generator, icons: metadata.icons }, document: takeDocumentAttributes() };
}
`;

// next/* modules, as much of each as a page running in the browser needs.
const nextModules: Record<string, string> = {
  next: "export {};",
  "next/link": String.raw`
import { createElement as h, cloneElement, isValidElement } from "react";
function toHref(href) {
  if (typeof href === "string") return href;
  if (!href) return "#";
  const query = href.query ? "?" + new URLSearchParams(href.query).toString() : (href.search || "");
  const hash = href.hash ? (href.hash.startsWith("#") ? href.hash : "#" + href.hash) : "";
  return (href.pathname || "") + query + hash;
}
export default function Link({ href, as, children, legacyBehavior, passHref, prefetch, replace, scroll, shallow, locale, onNavigate, ...rest }) {
  const target = toHref(as || href);
  if (legacyBehavior && isValidElement(children)) return cloneElement(children, { href: target });
  return h("a", { ...rest, href: target }, children);
}
`,
  "next/image": String.raw`
import { createElement as h } from "react";
export default function Image({ src, alt, fill, priority, quality, placeholder, blurDataURL, loader, unoptimized, overrideSrc, onLoadingComplete, style, loading, ...rest }) {
  const source = typeof src === "string" ? src : (src && (src.default ? src.default.src : src.src)) || "";
  const fillStyle = fill ? { position: "absolute", inset: 0, width: "100%", height: "100%" } : null;
  return h("img", { ...rest, src: overrideSrc || source, alt: alt ?? "", loading: loading || (priority ? "eager" : "lazy"), decoding: "async", style: fillStyle ? { ...fillStyle, ...style } : style });
}
export function getImageProps(props) { return { props: { ...props, src: typeof props.src === "string" ? props.src : props.src && props.src.src } }; }
`,
  "next/navigation": String.raw`
import { currentLocation } from "preview:runtime";
const router = {
  push: (href) => window.location.assign(href),
  replace: (href) => window.location.replace(href),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  refresh: () => window.location.reload(),
  prefetch: () => {},
};
export function useRouter() { return router; }
export function usePathname() { return currentLocation().pathname; }
export function useSearchParams() { return new URLSearchParams(currentLocation().search); }
export function useParams() { return currentLocation().params; }
export function useSelectedLayoutSegment() { return null; }
export function useSelectedLayoutSegments() { return []; }
export function redirect(href) {
  if (typeof window !== "undefined") window.location.replace(href);
  throw new Error("redirect to " + href + " happens in the browser");
}
export const permanentRedirect = redirect;
export function notFound() { const error = new Error("notFound() was called"); error.digest = "NEXT_NOT_FOUND"; throw error; }
export const RedirectType = { push: "push", replace: "replace" };
`,
  "next/router": String.raw`
import { currentLocation } from "preview:runtime";
export function useRouter() {
  const { pathname, search, params } = currentLocation();
  return {
    pathname, asPath: pathname + search, route: pathname, isReady: true,
    query: { ...Object.fromEntries(new URLSearchParams(search)), ...params },
    push: (href) => window.location.assign(typeof href === "string" ? href : href.pathname),
    replace: (href) => window.location.replace(typeof href === "string" ? href : href.pathname),
    back: () => window.history.back(),
    reload: () => window.location.reload(),
    prefetch: () => Promise.resolve(),
    events: { on() {}, off() {}, emit() {} },
  };
}
export default { useRouter };
`,
  // React 19 moves <title>, <meta> and <link> rendered anywhere into <head>.
  "next/head": String.raw`
import { createElement as h, Fragment } from "react";
export default function Head({ children }) { return h(Fragment, null, children); }
`,
  "next/script": String.raw`
import { useEffect } from "react";
export default function Script({ src, children, dangerouslySetInnerHTML, onLoad, onReady, onError, id, strategy, ...rest }) {
  useEffect(() => {
    const script = document.createElement("script");
    if (id) script.id = id;
    for (const [name, value] of Object.entries(rest)) if (typeof value === "string") script.setAttribute(name, value);
    if (src) script.src = src;
    else script.text = typeof children === "string" ? children : (dangerouslySetInnerHTML && dangerouslySetInnerHTML.__html) || "";
    script.onload = () => { if (onLoad) onLoad(); if (onReady) onReady(); };
    if (onError) script.onerror = onError;
    document.body.appendChild(script);
    return () => script.remove();
  }, [src]);
  return null;
}
`,
  "next/dynamic": String.raw`
import { createElement as h, lazy, Suspense } from "react";
export default function dynamic(load, options = {}) {
  const Lazy = lazy(() => Promise.resolve(load()).then((m) => ({ default: m && m.default !== undefined ? m.default : m })));
  const fallback = options.loading ? h(options.loading, { isLoading: true }) : null;
  return function Dynamic(props) { return h(Suspense, { fallback }, h(Lazy, props)); };
}
`,
  // Vercel's analytics report page views to Vercel; a preview has nowhere
  // to send them.
  "@vercel/analytics": String.raw`
export function Analytics() { return null; }
export function inject() {}
export function track() {}
export function pageview() {}
export function computeRoute(pathname) { return pathname; }
export default { inject, track, pageview, computeRoute };
`,
  "@vercel/speed-insights": String.raw`
export function SpeedInsights() { return null; }
export function injectSpeedInsights() { return null; }
export function computeRoute(pathname) { return pathname; }
export default { injectSpeedInsights, computeRoute };
`,
};

// next/font stand-ins: the class names and CSS variables the app's styles
// rely on, defined by the stylesheet the build adds (./fonts.ts).
const fontRuntime = String.raw`
function slug(text) { return String(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""); }
export function font(family, options) {
  const name = slug(family);
  const variable = options && typeof options.variable === "string" ? "__variable-" + name + "-" + slug(options.variable) : "";
  return { className: "__font-" + name, variable, style: { fontFamily: "'" + family + "'" } };
}
`;

// next/font/google exports one function per font family; only the families
// the app imports are generated (any name is valid there).
function googleFonts(names: string[]): string {
  const lines = names.map((name) => `export const ${name} = (options) => font(${JSON.stringify(name.replace(/_/g, " "))}, options);`);
  return `import { font } from "preview:fonts";\n${lines.join("\n")}\n`;
}

const localFont = String.raw`
import { font } from "preview:fonts";
export default function localFont(options) {
  const src = options && (typeof options.src === "string" ? options.src : Array.isArray(options.src) && options.src[0] ? options.src[0].path : "");
  return font(String(src || "local font").split("/").pop().replace(/\.[a-z0-9]+$/i, ""), options);
}
`;

const FONT_IMPORT = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']next\/font\/google["']/g;

export function googleFontNames(sources: string[]): string[] {
  const names = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(FONT_IMPORT)) {
      for (const part of match[1]!.split(",")) {
        const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!.trim();
        if (/^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
      }
    }
  }
  return [...names].sort();
}

export const EMPTY_MODULES = new Set(["server-only", "client-only"]);

export function nextModuleNames(): string[] {
  return [...Object.keys(nextModules).filter((name) => name.startsWith("next")), "next/font/google", "next/font/local"];
}

// Packages a preview replaces with its own module, whatever the app installed.
export function replacedPackage(specifier: string): string | null {
  const found = /^(@vercel\/(?:analytics|speed-insights))(\/.*)?$/.exec(specifier);
  return found ? found[1]! : null;
}

// Source of a virtual module, by name ("runtime", "next/link", …).
export function virtualModule(name: string, fontNames: string[]): string | null {
  if (name === "runtime") return runtime;
  if (name === "jsx-runtime") return jsxRuntime;
  if (name === "client") return clientEntry;
  if (name === "server") return serverEntry;
  if (name === "next/font/google") return googleFonts(fontNames);
  if (name === "next/font/local") return localFont;
  if (name === "fonts") return fontRuntime;
  if (EMPTY_MODULES.has(name)) return "export {};";
  return nextModules[name] ?? null;
}
