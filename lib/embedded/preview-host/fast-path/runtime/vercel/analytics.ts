// Vercel's analytics report page views to Vercel; a preview has nowhere to
// send them.
export function Analytics() {
  return null;
}
export function inject() {}
export function track() {}
export function pageview() {}
export function computeRoute(pathname: string) {
  return pathname;
}
const analytics = { inject, track, pageview, computeRoute };
export default analytics;
