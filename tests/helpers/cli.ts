import { execFileSync, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { repoRoot } from "./paths.js";

export const cliPath = resolve(repoRoot, "dist/cli/main.js");

/** Builds dist/ once per suite, as `npm install` does for a user. */
export function buildCli(): void {
  execFileSync("npm", ["run", "-s", "build"], { cwd: repoRoot, stdio: "ignore" });
}

export function runCli(args: string[]) {
  return spawnSync(process.execPath, [cliPath, ...args], { encoding: "utf8", timeout: 300_000 });
}
