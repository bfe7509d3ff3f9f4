import "server-only";

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { localRepoDir } from "@/lib/embedded/git-host/store";
import type { FileMap } from "@/lib/files/types";
import type { RepoRef } from "@/lib/github/types";

// Test helpers for the local preview host: bare repositories written with
// the git CLI (as the local git host keeps them), apps as v0 writes them,
// and requests to the preview server by host name.

const identity = { GIT_AUTHOR_NAME: "Test", GIT_AUTHOR_EMAIL: "test@example.com", GIT_COMMITTER_NAME: "Test", GIT_COMMITTER_EMAIL: "test@example.com" };

function git(gitDir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", ...identity, ...env } as unknown as NodeJS.ProcessEnv,
  }).trim();
}

export function createBareRepo(repo: RepoRef): void {
  const dir = localRepoDir(repo);
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "--bare", "-q", "-b", "main"]);
}

// Commits exactly `files` on `branch` (on top of its head, if any) and
// returns the new commit's id. Like a push, it does not tell anyone. Unlike
// the local git host, it takes files of any size.
export function commit(repo: RepoRef, branch: string, files: FileMap): string {
  const dir = localRepoDir(repo);
  const work = mkdtempSync(path.join(os.tmpdir(), "preview-commit-"));
  // The index (and the lock git takes on it) lives outside the tree it adds.
  const indexDir = mkdtempSync(path.join(os.tmpdir(), "preview-commit-index-"));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
      writeFileSync(path.join(work, name), content);
    }
    const env = { GIT_INDEX_FILE: path.join(indexDir, "index") };
    git(dir, ["--work-tree", work, "add", "-A"], env);
    const tree = git(dir, ["write-tree"], env);
    let parent: string | null = null;
    try {
      parent = git(dir, ["rev-parse", "--verify", "-q", `refs/heads/${branch}`]);
    } catch {
      parent = null;
    }
    const sha = git(dir, ["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", "test commit"]);
    git(dir, ["update-ref", `refs/heads/${branch}`, sha]);
    return sha;
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(indexDir, { recursive: true, force: true });
  }
}

// GET (or another method) a preview URL: *.localhost names are loopback,
// so ask 127.0.0.1 with the URL's host in the Host header (fetch can't set it).
export function request(
  url: string,
  method = "GET",
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; bytes: Buffer }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: target.port, path: target.pathname + target.search, method, headers: { host: target.host, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString("utf8"), bytes });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

// An app as v0 writes it: client state, Tailwind classes and a @theme
// color, a component, lucide-react icons, next/link, next/font/google in the
// layout, shadcn's cn(), and a second page.
export const todoApp: Record<string, string> = {
  "app/layout.tsx": `import type { Metadata } from "next";
import { Inter } from "next/font/google";
import "./globals.css";

const inter = Inter({ subsets: ["latin"], variable: "--font-inter" });

export const metadata: Metadata = { title: "Task Board", description: "Tasks" };

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" className="dark">
      <body className={\`\${inter.className} antialiased bg-slate-950\`}>{children}</body>
    </html>
  );
}
`,
  "app/globals.css": `@import "tailwindcss";

@theme {
  --color-brand: #4f46e5;
}

.card-shadow { box-shadow: 0 1px 2px rgb(0 0 0 / 0.2); }
`,
  "app/page.tsx": `"use client";

import { useState } from "react";
import Link from "next/link";
import { Plus } from "lucide-react";
import { TaskItem } from "@/components/task-item";
import { cn } from "@/lib/utils";

export default function Page() {
  const [tasks, setTasks] = useState<string[]>(["Water the plants"]);
  const [draft, setDraft] = useState("");
  return (
    <main className="mx-auto max-w-md p-6 text-white">
      <h1 className="text-3xl font-bold text-brand">My Tasks</h1>
      <p className={cn("mt-1 text-sm", tasks.length > 3 && "text-red-400")}>{tasks.length} open</p>
      <form onSubmit={(e) => { e.preventDefault(); setTasks([...tasks, draft]); setDraft(""); }} className="mt-4 flex gap-2">
        <input value={draft} onChange={(e) => setDraft(e.target.value)} className="flex-1 rounded-lg px-3 py-2 text-black" />
        <button type="submit" aria-label="Add task" className="rounded-lg bg-indigo-600 p-2 hover:bg-indigo-500"><Plus className="h-4 w-4" /></button>
      </form>
      <ul className="mt-4 space-y-2">{tasks.map((t) => <TaskItem key={t} title={t} />)}</ul>
      <Link href="/about" className="mt-6 block underline">About this board</Link>
    </main>
  );
}
`,
  "app/about/page.tsx": `export const metadata = { title: "About" };

export default function About() {
  return <p className="p-6 italic">Built for planning the week.</p>;
}
`,
  "components/task-item.tsx": `"use client";

import { useState } from "react";
import { Check } from "lucide-react";

export function TaskItem({ title }: { title: string }) {
  const [done, setDone] = useState(false);
  return (
    <li className="card-shadow flex items-center gap-2 rounded-md bg-slate-800 px-3 py-2">
      <Check className="h-4 w-4 text-emerald-400" />
      <span className={done ? "line-through" : undefined}>{title}</span>
      <button type="button" onClick={() => setDone(!done)} className="ml-auto text-xs">{done ? "Undo" : "Mark done"}</button>
    </li>
  );
}
`,
  "lib/utils.ts": `import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export function cn(...inputs: ClassValue[]) {
  return twMerge(clsx(inputs));
}
`,
  "package.json": `{ "name": "task-board", "private": true }`,
  "next.config.mjs": "export default {};\n",
  "tsconfig.json": `{ "compilerOptions": { "jsx": "preserve", "paths": { "@/*": ["./*"] } } }`,
  "postcss.config.mjs": `export default { plugins: { "@tailwindcss/postcss": {} } };\n`,
};
