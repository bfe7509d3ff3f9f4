// next/router (the Pages Router's): the location the page was loaded at.
import { currentLocation } from "../router";

type Href = string | { pathname: string };
const pathOf = (href: Href) => (typeof href === "string" ? href : href.pathname);

export function useRouter() {
  const { pathname, search, params } = currentLocation();
  return {
    pathname,
    asPath: pathname + search,
    route: pathname,
    isReady: true,
    query: { ...Object.fromEntries(new URLSearchParams(search)), ...params },
    push: (href: Href) => window.location.assign(pathOf(href)),
    replace: (href: Href) => window.location.replace(pathOf(href)),
    back: () => window.history.back(),
    reload: () => window.location.reload(),
    prefetch: () => Promise.resolve(),
    events: { on() {}, off() {}, emit() {} },
  };
}
const nextRouter = { useRouter };
export default nextRouter;
