import Link from "next/link";
import type { AppView } from "@/lib/api/app-view";

export function AppList({ apps }: { apps: AppView[] }) {
  if (apps.length === 0) {
    return <p className="text-sm text-muted-foreground">Your apps will appear here.</p>;
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your apps">
      {apps.map((app) => (
        <li key={app.id}>
          <Link
            href={`/apps/${app.id}`}
            className="flex flex-col gap-1 rounded-lg border p-4 transition-colors hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
          >
            <span className="font-medium">{app.name}</span>
            <span className="text-xs text-muted-foreground">
              Updated <time dateTime={app.updatedAt}>{new Date(app.updatedAt).toLocaleString()}</time>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
