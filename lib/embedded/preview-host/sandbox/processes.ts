import "server-only";

import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { onShutdown } from "@/lib/shutdown";
import { previewsDir } from "../store";

// Every build and preview server is one process group (spawned detached),
// recorded under ${DATA_DIR}/previews/processes/<pid>.json with the server
// process that owns it, and killed as a whole: on timeout, on idle, when
// this server stops, and, should it die without cleaning up, by the next
// server that starts on the same data directory.
type Record = { pid: number; started: string | null; owner: number; ownerStarted: string | null; label: string };

const globalForGroups = globalThis as unknown as { __localPreviewGroups?: Map<number, Record> };

function groups(): Map<number, Record> {
  if (!globalForGroups.__localPreviewGroups) {
    globalForGroups.__localPreviewGroups = new Map();
    // Synchronous, so it also runs on process.exit() from anywhere.
    process.on("exit", killAllGroups);
    onShutdown(killAllGroups);
  }
  return globalForGroups.__localPreviewGroups;
}

function recordFile(pid: number): string {
  return previewsDir("processes", `${pid}.json`);
}

export function trackGroup(child: ChildProcess, label: string): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const record: Record = { pid, started: startTime(pid), owner: process.pid, ownerStarted: startTime(process.pid), label };
  groups().set(pid, record);
  try {
    mkdirSync(path.dirname(recordFile(pid)), { recursive: true });
    writeFileSync(recordFile(pid), JSON.stringify(record));
  } catch (error) {
    console.error(`[local previews] could not record process ${pid} (${label})`, error);
  }
  child.once("exit", () => {
    // The group may outlive its leader (a child that ignored the signal).
    killGroup(pid);
    forget(pid);
  });
}

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function forget(pid: number): void {
  groups().delete(pid);
  rmSync(recordFile(pid), { force: true });
}

export function killAllGroups(): void {
  for (const pid of [...groups().keys()]) {
    killGroup(pid);
    forget(pid);
  }
}

// Groups recorded by a server process that is gone (crashed, killed): their
// builds and servers serve nobody. Those of a live server (another process
// on the same data directory) are left alone. Returns what was stopped.
export function cleanLeftoverGroups(): string[] {
  let names: string[];
  try {
    names = readdirSync(previewsDir("processes")).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const stopped: string[] = [];
  for (const name of names) {
    const file = previewsDir("processes", name);
    let record: Record;
    try {
      record = JSON.parse(readFileSync(file, "utf8")) as Record;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (isAlive(record.owner, record.ownerStarted)) continue;
    // The pid may have been reused since: only the recorded process is killed.
    if (isAlive(record.pid, record.started)) {
      killGroup(record.pid);
      stopped.push(`${record.label} (process ${record.pid})`);
    }
    rmSync(file, { force: true });
  }
  return stopped;
}

// This server process, as recorded with what it owns (groups, builds).
export type ProcessIdentity = { pid: number; started: string | null };

export function thisProcess(): ProcessIdentity {
  return { pid: process.pid, started: startTime(process.pid) };
}

export function isProcessAlive(identity: ProcessIdentity): boolean {
  return isAlive(identity.pid, identity.started);
}

function isAlive(pid: number, started: string | null): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return started === null || startTime(pid) === started;
}

// The process's start time in clock ticks since boot (Linux), which tells
// a process from a later one that got the same pid.
function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
