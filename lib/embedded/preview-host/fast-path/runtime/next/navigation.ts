// next/navigation: the location the page was loaded at; every navigation
// is a full page load.
import { currentLocation, type Params } from "../router";

const router = {
  push: (href: string) => window.location.assign(href),
  replace: (href: string) => window.location.replace(href),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  refresh: () => window.location.reload(),
  prefetch: () => {},
};
export function useRouter() {
  return router;
}
export function usePathname(): string {
  return currentLocation().pathname;
}
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(currentLocation().search);
}
export function useParams(): Params {
  return currentLocation().params;
}
export function useSelectedLayoutSegment(): string | null {
  return null;
}
export function useSelectedLayoutSegments(): string[] {
  return [];
}
export function redirect(href: string): never {
  if (typeof window !== "undefined") window.location.replace(href);
  throw new Error("redirect to " + href + " happens in the browser");
}
export const permanentRedirect = redirect;
export function notFound(): never {
  const error = new Error("notFound() was called") as Error & { digest: string };
  error.digest = "NEXT_NOT_FOUND";
  throw error;
}
export const RedirectType = { push: "push", replace: "replace" };
