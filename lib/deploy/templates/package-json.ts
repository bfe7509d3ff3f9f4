// Exact versions, so a preview built today and a publish next month install
// the same code. Packages not listed resolve from this server's own
// node_modules when present, else to the newest release.
import { readFileSync } from "node:fs";
import path from "node:path";

const PINNED: Record<string, string> = {
  next: "16.4.6",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "lucide-react": "1.77.0",
  clsx: "2.1.1",
  "tailwind-merge": "3.7.0",
  "class-variance-authority": "0.7.1",
  "@radix-ui/react-slot": "1.5.0",
  "framer-motion": "14.14.0",
  "date-fns": "4.4.0",
  recharts: "3.11.0",
  zod: "4.6.7",
  "react-hook-form": "7.92.0",
  "@hookform/resolvers": "7.0.7",
  sonner: "2.0.8",
};

const DEV_DEPENDENCIES: Record<string, string> = {
  tailwindcss: "4.3.5",
  "@tailwindcss/postcss": "4.3.5",
  typescript: "5.9.3",
  "@types/node": "22.19.1",
  "@types/react": "19.3.0",
  "@types/react-dom": "19.3.0",
};

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
