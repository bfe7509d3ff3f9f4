// The package.json a publish writes. Packages not pinned (../../pinned-versions.ts)
// resolve from this server's own node_modules when present, else to the
// newest release.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PINNED_DEPENDENCIES, PINNED_DEV_DEPENDENCIES } from "@/lib/pinned-versions";

const PINNED: Record<string, string> = PINNED_DEPENDENCIES;
const DEV_DEPENDENCIES: Record<string, string> = PINNED_DEV_DEPENDENCIES;


// Always present: the utilities every generated layout or component relies on.
const BASE = ["next", "react", "react-dom", "clsx", "tailwind-merge"];

export function packageJsonFor(imported: string[]): string {
  const dependencies: Record<string, string> = {};
  for (const name of [...new Set([...BASE, ...imported])].sort()) {
    if (name in DEV_DEPENDENCIES || name.startsWith("next/")) continue;
    dependencies[name] = PINNED[name] ?? installedVersion(name) ?? "latest";
  }
  const manifest = {
    name: "app",
    version: "0.1.0",
    private: true,
    scripts: { dev: "next dev", build: "next build", start: "next start" },
    dependencies,
    devDependencies: DEV_DEPENDENCIES,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function installedVersion(name: string): string | null {
  try {
    const file = path.join(process.cwd(), "node_modules", name, "package.json");
    const { version } = JSON.parse(readFileSync(file, "utf8")) as { version?: string };
    return version ?? null;
  } catch {
    return null;
  }
}
