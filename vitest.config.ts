import os from "node:os";
import path from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = import.meta.dirname;
const postgresUrl = process.env.DATABASE_URL;

// Test files that touch the database. They run on PGlite always, and a second
// time on the real PostgreSQL server when DATABASE_URL is set (as in CI).
const databaseTests = [
  "lib/db/**/*.test.ts",
  "lib/deploy/**/*.test.ts",
  "lib/embedded/**/*.db.test.ts",
  "app/**/*.test.ts",
  "tests/db/**/*.test.ts",
];
// Only meaningful on a real server (several processes, one database).
const postgresOnlyTests = ["tests/postgres/**/*.test.ts"];

const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

const shared = {
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests/setup/server-only.ts"),
    },
  },
};

const ignored = ["node_modules/**", ".next/**", ".data/**", "e2e/**"];

const projects: TestProjectInlineConfiguration[] = [
  {
    ...shared,
    test: {
      name: "unit",
      include: ["**/*.test.ts", "**/*.test.tsx"],
      exclude: [...ignored, ...databaseTests, ...postgresOnlyTests],
      setupFiles: ["tests/setup/isolation.ts"],
      env: { DATABASE_URL: "", TEST_POSTGRES_URL: "" },
      ...timeouts,
    },
  },
  {
    ...shared,
    test: {
      name: "pglite",
      include: databaseTests,
      exclude: ignored,
      globalSetup: ["tests/setup/pglite-template.ts"],
      // PGlite is PostgreSQL in WebAssembly. V8 compiles it quickly with its
      // baseline compiler, then recompiles the hot parts with its optimizing
      // one, several seconds of CPU in every test process; a test file's
      // few hundred queries run as fast on the baseline code alone.
      execArgv: ["--liftoff-only"],
      setupFiles: ["tests/setup/isolation.ts", "tests/setup/database.ts"],
      env: { DATABASE_URL: "", TEST_POSTGRES_URL: "" },
      ...timeouts,
    },
  },
];

// The projects that need `next build` run after all the others (a higher
// groupOrder), so the build, started in the background by their global
// setups (e2e/support/build.ts), overlaps the unit and database tests
// instead of holding them up.
const afterTheBuild = { sequence: { groupOrder: 1 } };

// The builder journey in Chromium, against `next build && next start`.
projects.push({
  ...shared,
  test: {
    ...afterTheBuild,
    name: "browser",
    include: ["e2e/**/*.test.ts"],
    exclude: ["e2e/production/**"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

// The production build (`next start`) with the real clients pointed at fakes
// of v0, GitHub and Vercel. Needs no browser, so it runs on any machine.
projects.push({
  ...shared,
  test: {
    ...afterTheBuild,
    name: "production",
    include: ["e2e/production/**/*.test.ts"],
    globalSetup: ["e2e/production/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

// Skipped suites say so, and why, in the output: never silently absent.
if (!postgresUrl) {
  console.warn(
    "\n↓ postgres project skipped: DATABASE_URL is not set, so the database tests run on PGlite only and the " +
      "multi-process tests (tests/postgres) don't run. Set DATABASE_URL to a PostgreSQL server, e.g. " +
      "postgres://postgres@127.0.0.1:5432/test, to run them.\n",
  );
}

if (postgresUrl) {
  projects.push({
    ...shared,
    test: {
      name: "postgres",
      include: [...databaseTests, ...postgresOnlyTests],
      exclude: ignored,
      setupFiles: ["tests/setup/isolation.ts", "tests/setup/database.ts"],
      env: { DATABASE_URL: "", TEST_POSTGRES_URL: postgresUrl },
      ...timeouts,
    },
  });
}

// Vitest's default on a 2-core machine is one test file at a time, and most
// files spend much of their time waiting on child processes (git, esbuild,
// pnpm, next, Chromium) and servers; two at a time keeps both cores busy.
const maxWorkers = Math.max(2, os.availableParallelism() - 1);

export default defineConfig({ test: { projects, maxWorkers } });
