import { isEnvFile, isEnvTemplate } from "@/lib/files/kinds";
import type { FileMap } from "@/lib/files/types";
import { isPlatformName, isValidSettingName } from "./names";

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
// process.env.NAME, process.env?.NAME, process.env["NAME"], process.env['NAME'].
const MEMBER = /\bprocess\.env\??\.([A-Za-z_][A-Za-z0-9_]*)\b|\bprocess\.env\??\.?\[\s*(["'`])([A-Za-z_][A-Za-z0-9_]*)\2\s*\]/g;
// const { A, B: b, C = "x", ...rest } = process.env
const DESTRUCTURED = /\{([^{}]*)\}\s*=\s*process\.env\b/g;
// import.meta.env is Vite's; v0 writes Next.js apps, but a copied snippet may use it.
const META = /\bimport\.meta\.env\.([A-Za-z_][A-Za-z0-9_]*)\b/g;

// The settings a version's code reads and its env files name, sorted, minus
// what the platform sets. `files` may include real env files: only their
// names are read, never their values.
export function detectSettings(files: FileMap): string[] {
  const names = new Set<string>();
  for (const [path, content] of Object.entries(files)) {
    if (typeof content !== "string") continue;
    if (isEnvTemplate(path) || isEnvFile(path)) {
      for (const name of envFileNames(content)) names.add(name);
    } else if (SOURCE.test(path) && !path.startsWith("node_modules/")) {
      for (const name of sourceNames(content)) names.add(name);
    }
  }
  return [...names].filter((name) => isValidSettingName(name) && !isPlatformName(name)).sort();
}

export function sourceNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(MEMBER)) names.push((match[1] ?? match[3])!);
  for (const match of source.matchAll(META)) names.push(match[1]!);
  for (const match of source.matchAll(DESTRUCTURED)) {
    for (const part of match[1]!.split(",")) {
      const key = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[:=]|$)/.exec(part);
      if (key && !part.trim().startsWith("...")) names.push(key[1]!);
    }
  }
  return names.filter((name) => name !== "env");
}

// NAME=value, export NAME=value, NAME: value is YAML, not dotenv; comments skipped.
export function envFileNames(content: string): string[] {
  const names: string[] = [];
  for (const line of content.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (match) names.push(match[1]!);
  }
  return names;
}
