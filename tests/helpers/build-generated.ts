import { readFileSync } from "node:fs";
import path from "node:path";
import { injectInvariants } from "@/lib/deploy/post-process";
import { contentBytes } from "@/lib/files/content";
import type { ChatFile } from "@/lib/v0/types";
import { buildFastPath } from "@/lib/embedded/preview-host/fast-path";
import { ownModules } from "@/lib/embedded/preview-host/toolchain";

let builds = 0;

export type BuiltSite = { out: string; log: string[]; read: (file: string) => string; pages: Record<string, string> };

// Builds the local generator's files into a fast-path preview the way the
// preview host does (the pipeline's invariant files added, then buildFastPath),
// and reads back the prerendered pages.
export async function buildGenerated(files: ChatFile[]): Promise<BuiltSite> {
  const map = injectInvariants(Object.fromEntries(files.map((f) => [f.name, f.content])));
  const dir = path.join(process.env.DATA_DIR!, "generated-build", String(++builds));
  const out = path.join(dir, "out");
  const { log } = await buildFastPath({
    files: new Map(Object.entries(map).map(([name, content]) => [name, Buffer.from(contentBytes(content))])),
    workDir: path.join(dir, "work"),
    outDir: out,
    // The generator's apps use only packages this server has installed.
    modules: ownModules,
  });
  const read = (file: string) => readFileSync(path.join(out, file), "utf8");
  const manifest = JSON.parse(read("manifest.json")) as { pages: Record<string, string> };
  return { out, log, read, pages: manifest.pages };
}
