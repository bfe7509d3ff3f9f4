import "server-only";

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// Previews are built with this project's own installed packages (React,
// Tailwind, lucide-react, …), as if the app's package.json listed them. The
// builder app runs from its project folder (`next dev`, `next start`, vitest).
export const projectRoot = process.cwd();
export const nodeModules = path.join(projectRoot, "node_modules");

export function packageVersion(name: string): string {
  const file = path.join(nodeModules, name, "package.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version : "missing";
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
