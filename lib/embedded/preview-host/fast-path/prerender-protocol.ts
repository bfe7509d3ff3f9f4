// What the prerender child (./prerender-child.ts) prints for its parent
// (./prerender.ts): a marker, then one JSON line. The app's own console
// output goes to stderr, so it can't be mistaken for it.
import type { RenderedPage } from "./runtime/server-entry";

export type PrerenderedPage = RenderedPage;
export type IconLink = RenderedPage["head"]["icons"][number];

export const MARKER = "\u0000preview-prerender\u0000";

// `unset`: the environment names the code read and found without a value,
// while loading (`failed`) or while loading and rendering that page.
export type ChildFailure = { error: string; unset: string[] };

export type ChildResult = ({ failed: string } & Omit<ChildFailure, "error">) | { pages: Record<string, PrerenderedPage | ChildFailure> };
