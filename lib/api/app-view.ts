import type { App } from "@/lib/db/schema";

// What the browser may see of an app: no repository or provider identifiers.
export type AppView = { id: string; name: string; createdAt: string; updatedAt: string };

export function toAppView(app: App): AppView {
  return {
    id: app.id,
    name: app.name,
    createdAt: app.createdAt.toISOString(),
    updatedAt: app.updatedAt.toISOString(),
  };
}
