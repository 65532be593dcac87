import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { repoRoot } from "./paths.js";

export const cliPath = resolve(repoRoot, "dist/cli/main.js");

const dist = resolve(repoRoot, "dist");
const stamp = join(dist, ".build-stamp");
const lock = join(dist, ".build-lock");
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 300_000;

/**
 * Builds dist/, as `npm install` does for a user. Suites running in parallel build once: the first
 * takes a lock and builds, the others wait for it, and a build newer than every source file is
 * reused (no suite runs the CLI while another rewrites dist/ under it).
 */
export function buildCli(): void {
  mkdirSync(dist, { recursive: true });
  takeLock();
  try {
    if (existsSync(stamp) && statSync(stamp).mtimeMs > newestSource()) return;
    const started = new Date();
    execFileSync("npm", ["run", "-s", "build"], { cwd: repoRoot, stdio: "ignore" });
    // Stamped with the build's start: a source saved while it ran makes the next suite build again.
    writeFileSync(stamp, "");
    utimesSync(stamp, started, started);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function takeLock(): void {
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // Released meanwhile.
      }
      Atomics.wait(wait, 0, 0, 100);
    }
  }
}

/** Latest modification time of what the build reads: src/, the build's configuration and its bundler script. */
function newestSource(): number {
  let newest = 0;
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json", "scripts/bundle-worker.ts"]) {
    newest = Math.max(newest, statSync(resolve(repoRoot, file)).mtimeMs);
  }
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(resolve(repoRoot, "src"));
  return newest;
}

export function runCli(args: string[]) {
  return spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", timeout: 300_000 });
}

/**
 * For a suite that runs the built CLI: builds dist/ and makes a temporary folder before the suite,
 * removes the folder after it. Returns the folder (call it inside tests and hooks).
 */
export function cliWorkspace(prefix: string): () => string {
  let folder: string | undefined;
  beforeAll(() => {
    buildCli();
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    if (folder === undefined) throw new Error("cliWorkspace: the folder exists only while the suite runs");
    return folder;
  };
}
