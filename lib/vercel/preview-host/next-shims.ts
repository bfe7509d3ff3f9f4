// Minimal stand-ins for the Next.js modules generated pages import, so a page
// runs as a plain React app in the local preview.
export const nextShims: Record<string, string> = {
  "next/link": `import { createElement } from "react";
export default function Link({ href, children, prefetch, replace, scroll, shallow, passHref, legacyBehavior, ...rest }) {
  const target = typeof href === "string" ? href : (href && href.pathname) || "#";
  return createElement("a", { href: target, ...rest }, children);
}`,
  "next/image": `import { createElement } from "react";
export default function Image({ src, alt, fill, priority, quality, placeholder, blurDataURL, loader, unoptimized, style, ...rest }) {
  const source = typeof src === "string" ? src : (src && src.src) || "";
  const fillStyle = fill ? { position: "absolute", inset: 0, width: "100%", height: "100%", objectFit: "cover" } : {};
  return createElement("img", { src: source, alt: alt ?? "", style: { ...fillStyle, ...style }, ...rest });
}`,
  "next/navigation": `export function useRouter() {
  return {
    push: (url) => { window.location.href = url; },
    replace: (url) => { window.location.replace(url); },
    back: () => window.history.back(),
    forward: () => window.history.forward(),
    refresh: () => window.location.reload(),
    prefetch: () => {},
  };
}
export function usePathname() { return typeof window === "undefined" ? "/" : window.location.pathname; }
export function useSearchParams() { return new URLSearchParams(typeof window === "undefined" ? "" : window.location.search); }
export function useParams() { return {}; }
export function redirect(url) { if (typeof window !== "undefined") window.location.href = url; }
export function notFound() { throw new Error("Not found"); }`,
  "next/font/google": `const font = () => ({ className: "", variable: "", style: { fontFamily: "inherit" } });
export default new Proxy({}, { get: () => font });
export const Inter = font, Geist = font, Geist_Mono = font, Roboto = font, Poppins = font, Montserrat = font, Lato = font, Open_Sans = font, Playfair_Display = font, DM_Sans = font, Space_Grotesk = font, Manrope = font, Nunito = font, Raleway = font, Source_Sans_3 = font, Work_Sans = font, JetBrains_Mono = font;`,
  "next/font/local": `export default function localFont() { return { className: "", variable: "", style: {} }; }`,
  "next/head": `export default function Head() { return null; }`,
  "next/script": `export default function Script() { return null; }`,
  "next": `export {};`,
};
