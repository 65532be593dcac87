/**
 * The measurements: the built CLI timed as a child process (wall time, peak RSS polled from
 * /proc/<pid>/status — worker threads live in the same process, so its VmHWM covers them), pandoc with
 * a concurrency-2 runner, and convertBytes in this process (CPU ms per file).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

export interface CliRun {
  files: number;
  ok: number;
  skipped: number;
  failed: number;
  seconds: number;
  filesPerSec: number;
  /** Peak resident set of the CLI process tree, MB (max over the tree of VmHWM). */
  peakRssMB: number;
  /** [seconds, VmRSS MB] about every 2 s (at most 30 points): flat when memory does not grow with N. */
  rssTimeline: [number, number][];
  /** user + system CPU seconds of the CLI process (all its threads), from this process's reaped-children times. */
  cpuSeconds: number;
  cpuMsPerFile: number;
  load1: [before: number, after: number];
  exitCode: number | null;
  /** The SQLite export of the converted reports, when asked for. */
  exportSqlite?: ExportRun;
}

const CLOCK_TICKS = 100;

/** CPU seconds (user + system) of this process's children that have exited and been waited for. */
function childrenCpuSeconds(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** `nianbao export` of a conversion's output folder to SQLite, timed like the conversion. */
export interface ExportRun {
  reports: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  bytes: number;
  load1: [before: number, after: number];
}

interface Timed {
  exitCode: number | null;
  stderr: string;
  seconds: number;
  cpuSeconds: number;
  peakKB: number;
  timeline: [number, number][];
  load1: [number, number];
}

/** Runs `node <args>` as a child: wall and CPU seconds, peak RSS of its process tree, an RSS timeline. */
async function timeNode(args: string[]): Promise<Timed> {
  const before = loadavg()[0]!;
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  let peakKB = 0;
  const timeline: [number, number][] = [];
  const poll = () => {
    if (child.pid === undefined) return;
    const tree = processTree(child.pid);
    peakKB = Math.max(peakKB, tree.reduce((sum, pid) => sum + statusKB(pid, "VmHWM"), 0));
    const at = (performance.now() - started) / 1000;
    if (timeline.length === 0 || at - timeline.at(-1)![0] >= 2) {
      timeline.push([round(at, 1), round(tree.reduce((sum, pid) => sum + statusKB(pid, "VmRSS"), 0) / 1024, 1)]);
    }
  };
  const timer = setInterval(poll, 20);
  poll();
  const exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  return { exitCode, stderr, seconds, cpuSeconds: childrenCpuSeconds() - cpuBefore, peakKB, timeline, load1: [round(before, 2), round(loadavg()[0]!, 2)] };
}

/**
 * Runs `node dist/cli/main.js convert <inputs> --out <tmp> -q --jobs N` and times it; with
 * `exportSqlite`, then times `nianbao export <tmp> --to <tmp>/bench.sqlite` on what it wrote.
 */
export async function runCli(
  cli: string,
  inputs: string[],
  jobs: number,
  { exportSqlite = false }: { exportSqlite?: boolean } = {},
): Promise<CliRun> {
  const out = mkdtempSync(join(tmpdir(), "nianbao-bench-out-"));
  try {
    const run = await timeNode([cli, "convert", ...inputs, "--out", out, "-q", "--jobs", String(jobs)]);
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`CLI exited with ${run.exitCode}: ${run.stderr}`);
    const lines = readFileSync(join(out, "manifest.jsonl"), "utf8").split("\n").filter(Boolean);
    const count = (status: string) => lines.filter((l) => (JSON.parse(l) as { status: string }).status === status).length;
    const result: CliRun = {
      files: lines.length,
      ok: count("ok"),
      skipped: count("skipped"),
      failed: count("failed"),
      seconds: round(run.seconds, 3),
      filesPerSec: round(lines.length / run.seconds, 1),
      peakRssMB: round(run.peakKB / 1024, 1),
      rssTimeline: run.timeline.filter((_, i) => i % Math.ceil(run.timeline.length / 30) === 0),
      cpuSeconds: round(run.cpuSeconds, 2),
      cpuMsPerFile: round((1000 * run.cpuSeconds) / Math.max(1, lines.length), 1),
      load1: run.load1,
      exitCode: run.exitCode,
    };
    if (exportSqlite) {
      const database = join(out, "bench.sqlite");
      const exported = await timeNode([cli, "export", out, "--to", database, "-q"]);
      if (exported.exitCode !== 0) throw new Error(`export exited with ${exported.exitCode}: ${exported.stderr}`);
      result.exportSqlite = {
        reports: result.ok,
        seconds: round(exported.seconds, 2),
        cpuSeconds: round(exported.cpuSeconds, 2),
        peakRssMB: round(exported.peakKB / 1024, 1),
        bytes: statSync(database).size,
        load1: exported.load1,
      };
    }
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The process and its descendants (threads are not processes: they share the main one's RSS). */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const current = all[i]!;
    try {
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, "utf8").trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone already
    }
  }
  return all;
}

function statusKB(pid: number, field: string): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+)`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

export interface PandocRun {
  files: number;
  failed: number;
  seconds: number;
  filesPerSec: number;
  /** user + system CPU ms per file of the pandoc processes. */
  cpuMsPerFile: number;
  concurrency: number;
  load1: [before: number, after: number];
}

export function pandocVersion(): string | null {
  const result = spawnSync("pandoc", ["--version"], { encoding: "utf8" });
  return result.status === 0 ? (result.stdout.split("\n")[0] ?? "pandoc") : null;
}

/** `pandoc -f <from> -t json FILE` over the files, `concurrency` processes at a time, output discarded. */
export async function runPandoc(from: "docx" | "html", files: string[], concurrency = 2): Promise<PandocRun> {
  const before = loadavg()[0]!;
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  let next = 0;
  let failed = 0;
  const one = (file: string) =>
    new Promise<void>((resolve) => {
      const child = spawn("pandoc", ["-f", from, "-t", "json", file], { stdio: ["ignore", "ignore", "ignore"] });
      child.on("exit", (code) => {
        if (code !== 0) failed++;
        resolve();
      });
      child.on("error", () => {
        failed++;
        resolve();
      });
    });
  const lane = async () => {
    while (next < files.length) await one(files[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  return {
    files: files.length,
    failed,
    seconds: round(seconds, 3),
    filesPerSec: round(files.length / seconds, 2),
    cpuMsPerFile: round((1000 * (childrenCpuSeconds() - cpuBefore)) / Math.max(1, files.length), 1),
    concurrency,
    load1: [round(before, 2), round(loadavg()[0]!, 2)],
  };
}

export interface InProcessRun {
  files: number;
  /** Mean user+system CPU ms per file (this thread; convertBytes is synchronous work apart from awaits). */
  cpuMsMean: number;
  wallMsMean: number;
  wallMsP50: number;
  wallMsP95: number;
  failed: number;
}

type ConvertModule = typeof import("../../src/pipeline/convert.js");

/** convertBytes from the built dist/ (the code the CLI runs), one file at a time, after a warm-up. */
export async function runInProcess(distConvert: string, files: string[], warmup = 15): Promise<InProcessRun> {
  const url: string = pathToFileURL(distConvert).href;
  const { convertBytes } = (await import(url)) as ConvertModule;
  const inputs = files.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));
  for (const input of inputs.slice(0, warmup)) await convertBytes(input.bytes, input.name).catch(() => undefined);
  const walls: number[] = [];
  let cpu = 0;
  let failed = 0;
  for (const input of inputs) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    try {
      await convertBytes(input.bytes, input.name);
    } catch {
      failed++;
    }
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu += (used.user + used.system) / 1000;
  }
  walls.sort((a, b) => a - b);
  const quantile = (q: number) => walls[Math.min(walls.length - 1, Math.floor(q * walls.length))] ?? 0;
  return {
    files: inputs.length,
    cpuMsMean: round(cpu / inputs.length, 2),
    wallMsMean: round(walls.reduce((a, b) => a + b, 0) / inputs.length, 2),
    wallMsP50: round(quantile(0.5), 2),
    wallMsP95: round(quantile(0.95), 2),
    failed,
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
