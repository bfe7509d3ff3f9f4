// next/link: a plain link; every navigation is a full page load.
import { type AnchorHTMLAttributes, cloneElement, createElement as h, isValidElement, type ReactElement, type ReactNode } from "react";

type Url = string | { pathname?: string | null; query?: Record<string, string> | string | null; search?: string | null; hash?: string | null } | null | undefined;
type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & {
  href: Url;
  as?: Url;
  children?: ReactNode;
  legacyBehavior?: boolean;
  passHref?: boolean;
  prefetch?: boolean | null;
  replace?: boolean;
  scroll?: boolean;
  shallow?: boolean;
  locale?: string | false;
  onNavigate?: unknown;
};

function toHref(href: Url): string {
  if (typeof href === "string") return href;
  if (!href) return "#";
  const query = href.query ? "?" + new URLSearchParams(href.query).toString() : href.search || "";
  const hash = href.hash ? (href.hash.startsWith("#") ? href.hash : "#" + href.hash) : "";
  return (href.pathname || "") + query + hash;
}

export default function Link({ href, as, children, legacyBehavior, passHref: _passHref, prefetch: _prefetch, replace: _replace, scroll: _scroll, shallow: _shallow, locale: _locale, onNavigate: _onNavigate, ...rest }: LinkProps) {
  const target = toHref(as || href);
  if (legacyBehavior && isValidElement(children)) return cloneElement(children as ReactElement<{ href?: string }>, { href: target });
  return h("a", { ...rest, href: target }, children);
}
