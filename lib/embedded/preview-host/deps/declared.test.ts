import { describe, expect, it } from "vitest";
import { injectInvariants } from "@/lib/deploy/post-process";
import { renderFiles } from "@/lib/embedded/generator/render";
import { APP_KINDS, initialSpec } from "@/lib/embedded/generator/spec";
import { ownModules } from "../toolchain";
import { dependencySetKey, readDeclared, unsatisfied } from "./declared";

const commit = (packageJson: unknown, extra: Record<string, string> = {}) =>
  new Map(Object.entries({ "package.json": JSON.stringify(packageJson), ...extra }).map(([name, text]) => [name, Buffer.from(text)]));

describe("what an app declares", () => {
  it.each(APP_KINDS)("finds everything the local generator's %s app declares already installed here, so it builds offline", (kind) => {
    const files = injectInvariants(Object.fromEntries(renderFiles(initialSpec(`a ${kind} for my bakery`)).map((f) => [f.name, f.content])));
    const declared = readDeclared(new Map([["package.json", Buffer.from(files["package.json"] as string)]]))!;
    expect(unsatisfied(declared, ownModules.nodeModules)).toEqual([]);
  });

  it("asks for an install when a version, a lockfile or overrides differ from what is installed here", () => {
    const declared = (manifest: unknown, extra?: Record<string, string>) => unsatisfied(readDeclared(commit(manifest, extra))!, ownModules.nodeModules);
    expect(declared({ dependencies: { "lucide-react": "^0.454.0", react: "^19" } })).toEqual(["lucide-react@^0.454.0"]);
    expect(declared({ dependencies: { "no-such-package-here": "1.0.0" } })).toEqual(["no-such-package-here@1.0.0"]);
    expect(declared({ dependencies: { react: "*" } }, { "pnpm-lock.yaml": "lockfileVersion: '9.0'\n" })).toEqual(["pnpm-lock.yaml"]);
    expect(declared({ dependencies: { react: "*" }, pnpm: { overrides: { react: "19.0.0" } } })).toEqual(["pnpm"]);
    // Type checking and linting never decide a preview.
    expect(declared({ devDependencies: { typescript: "5.0.0", "@types/node": "18.0.0", eslint: "8.0.0" } })).toEqual([]);
  });

  it("keys a dependency set by what decides the install, not by the app's name or key order", () => {
    const a = readDeclared(commit({ name: "one", dependencies: { react: "19.2.9", next: "16.2.9" } }))!;
    const b = readDeclared(commit({ name: "two", scripts: { dev: "next dev" }, dependencies: { next: "16.2.9", react: "19.2.9" } }))!;
    const c = readDeclared(commit({ dependencies: { next: "16.2.9", react: "19.2.8" } }))!;
    expect(dependencySetKey(a, "pnpm@10")).toBe(dependencySetKey(b, "pnpm@10"));
    expect(dependencySetKey(a, "pnpm@10")).not.toBe(dependencySetKey(c, "pnpm@10"));
    expect(dependencySetKey(a, "pnpm@10")).not.toBe(dependencySetKey(a, "pnpm@11"));
  });

  it("rejects a package.json that isn't JSON as the app's mistake", () => {
    expect(() => readDeclared(new Map([["package.json", Buffer.from("{ nope")]]))).toThrow(/^package\.json: not valid JSON/);
  });
});
