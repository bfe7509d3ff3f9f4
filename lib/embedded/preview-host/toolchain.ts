import "server-only";

import { realpathSync } from "node:fs";
import path from "node:path";

// The builder app runs from its project folder (`next dev`, `next start`,
// vitest). Its own installed packages (React, Tailwind, lucide-react, …) are
// the preview host's toolchain, and a dependency set of their own: apps that
// ask for nothing else build from them (see ../deps).
export const projectRoot = process.cwd();

// The packages a build resolves the app's imports from.
export type Modules = {
  nodeModules: string; // the node_modules folder imports resolve from
  realRoot: string; // every package file resolved is inside this real path
};

const nodeModules = path.join(projectRoot, "node_modules");
export const ownModules: Modules = { nodeModules, realRoot: safeRealpath(nodeModules) };

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

export function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
