// Vercel's speed insights report to Vercel; a preview has nowhere to send
// them.
export function SpeedInsights() {
  return null;
}
export function injectSpeedInsights() {
  return null;
}
export function computeRoute(pathname: string) {
  return pathname;
}
const speedInsights = { injectSpeedInsights, computeRoute };
export default speedInsights;
