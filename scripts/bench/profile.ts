/**
 * Where the time goes: the CLI run in its main thread (`--jobs 0`) under `node --cpu-prof`, and the
 * .cpuprofile summarised by self time, per function and per source file.
 * Standalone: `npx tsx scripts/bench/profile.ts <inputs…>` prints the summary.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface ProfileSummary {
  files: number;
  totalMs: number;
  /** Top functions by self time. */
  functions: { name: string; where: string; selfMs: number; percent: number }[];
  /** Self time per source file (nianbao's modules, dependencies, node internals, GC…). */
  modules: { module: string; selfMs: number; percent: number }[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples: number[];
  timeDeltas: number[];
}

export function profileCli(cli: string, inputs: string[], root: string, top = 15): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), "nianbao-prof-"));
  try {
    const out = join(dir, "out");
    const result = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, cli, "convert", ...inputs, "--out", out, "-q", "--jobs", "0"], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0 && result.status !== 1) throw new Error(`profiled run failed: ${result.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("no .cpuprofile written");
    const summary = summarise(JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile, root, top);
    return { ...summary, files: inputs.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function summarise(profile: CpuProfile, root: string, top: number): Omit<ProfileSummary, "files"> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const functions = new Map<string, { name: string; where: string; selfUs: number }>();
  const modules = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const module = moduleOf(frame.url, frame.functionName, root);
    const where = frame.url ? `${module}:${frame.lineNumber + 1}` : module;
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || "(anonymous)", where, selfUs: 0 };
    entry.selfUs += us;
    functions.set(key, entry);
    modules.set(module, (modules.get(module) ?? 0) + us);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const pct = (us: number) => Math.round((1000 * us) / Math.max(1, total)) / 10;
  return {
    totalMs: ms(total),
    functions: [...functions.values()]
      .sort((a, b) => b.selfUs - a.selfUs)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.selfUs), percent: pct(f.selfUs) })),
    modules: [...modules.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, selfMs: ms(us), percent: pct(us) })),
  };
}

function moduleOf(url: string, functionName: string, root: string): string {
  if (!url) return `(${functionName.replace(/[()]/g, "") || "native"})`;
  if (url.startsWith("node:")) return url;
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const nodeModules = path.lastIndexOf("node_modules/");
  if (nodeModules >= 0) return path.slice(nodeModules + "node_modules/".length);
  return path.startsWith(root) ? relative(root, path) : path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), "../../..");
  const summary = profileCli(join(root, "dist/cli/main.js"), process.argv.slice(2), root, 25);
  console.log(JSON.stringify(summary, null, 2));
}
