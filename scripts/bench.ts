/**
 * Throughput benchmark: `npm run bench` (N=1000) or `npm run bench -- --scale` (N=1000 and N=10000).
 *
 * Builds bench/corpus/n<N>/{docx,html,text}/ by varying the real reports (scripts/bench/corpus.ts),
 * then on those files measures, `--repeat` times (default 2, to see the spread):
 * - the built CLI (`node dist/cli/main.js convert <folder> --out <tmp> -q --jobs 1|2`) per format, and
 *   over all three folders with --jobs 2: files/s, peak RSS (VmHWM), CPU ms per file;
 * - pandoc (`pandoc -f docx|html -t json FILE`), two processes at a time, on the whole docx and HTML
 *   folders (the same files the per-format runs convert; pandoc takes 0.2–0.5 s a file, so at N=1000
 *   about 45 s a folder), and right after it the CLI with --jobs 2 on exactly those files, so that each
 *   pair of runs meets the same load. --pandoc-sample K takes the first K files instead, for a quicker
 *   run: the sources cycle, so a sample has the corpus's mix, but the CLI's start-up (0.3–0.4 s) then
 *   weighs more on its files/s;
 * - convertBytes in this process, CPU ms per file, on up to --in-process (300) files per format;
 * - at 10,000, `nianbao export` of the whole corpus's output to SQLite after each whole-corpus run.
 * At sizes above 1000 (the second half of --scale) only what the scale targets need is repeated (all
 * three folders, --jobs 2); per-format --jobs 2 runs once, and --jobs 1 and pandoc (whose sample is
 * the same bytes at every N) are left to the n=1000 run, unless --full.
 * Prints a table, checks the targets, profiles (`--cpu-prof`, `--jobs 0`) a format that missed its
 * target (or all with --profile), and writes bench/results.json (runs of other sizes are kept).
 *
 * Options: --n N | --scale, --repeat R, --seed S, --pandoc-sample K, --in-process K, --profile, --full,
 * --report-only (re-evaluate and print the stored results, measuring nothing),
 * --no-pandoc, --wait-load L (wait up to 10 min for the 1-minute load average to fall to L first),
 * --shared DIR (where corpus/real and seed are; default ../shared). BENCH_REV names the revision
 * measured when the tree is not a git checkout.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCorpus, type Corpus, defaultSources, FORMATS, type Format } from "./bench/corpus.js";
import { type CliRun, type InProcessRun, type PandocRun, pandocVersion, round, runCli, runInProcess, runPandoc } from "./bench/measure.js";
import { type ProfileSummary, profileCli } from "./bench/profile.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "dist/cli/main.js");
const DIST_CONVERT = join(ROOT, "dist/pipeline/convert.js");
const RESULTS = join(ROOT, "bench/results.json");

const TARGETS = { docxVsPandoc: 10, htmlVsPandoc: 5, scaleRssMB: 300, scaleDrop: 0.1, exportSeconds: 30 };

interface Options {
  sizes: number[];
  repeat: number;
  seed: number;
  pandocSample: number;
  inProcess: number;
  profile: boolean;
  pandoc: boolean;
  waitLoad: number | null;
  /** The folder holding corpus/real and seed (default: ../shared next to the repository). */
  shared: string;
  /** At sizes above 1000 too: --jobs 1 runs, per-format repeats and pandoc. */
  full: boolean;
  /** Measure nothing: re-evaluate the targets of bench/results.json, print and rewrite it. */
  reportOnly: boolean;
}

interface Series<T> {
  runs: T[];
  best: T;
  /** (max − min) / max of files/s over the repeats. */
  spread: number;
}

interface PandocComparison {
  /** The files both ran on: the folder, or its first --pandoc-sample files. */
  files: number;
  pandoc: Series<PandocRun>;
  /** The CLI with --jobs 2 on exactly those files. */
  nianbao: Series<CliRun>;
  /** nianbao files/s ÷ pandoc files/s (best of the repeats each). */
  ratio: number;
  /** pandoc CPU ms/file ÷ nianbao CPU ms/file (least of the repeats each): less sensitive to other load. */
  cpuRatio: number;
}

interface FormatResult {
  files: number;
  /** Not run at the large size of --scale (unless --full). */
  jobs1: Series<CliRun> | null;
  jobs2: Series<CliRun>;
  inProcess: InProcessRun;
  /** Only at sizes ≤ 1000 (or --full): the sample is the same bytes at every N. */
  pandoc: PandocComparison | null;
}

interface SizeResult {
  n: number;
  date: string;
  corpus: { dir: string; seed: number; counts: Record<Format, number>; variedCells: Record<string, number>; reused: boolean };
  load1: { start: number; end: number; waitedSeconds: number };
  formats: Record<Format, FormatResult>;
  all: Series<CliRun>;
  profiles: Partial<Record<Format, ProfileSummary>>;
}

interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean | null;
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(CLI)) fail(`${CLI} missing: run \`npm run build\` first (npm run bench does)`);
if (!options.reportOnly) {
  const sources = defaultSources(ROOT, options.shared);
  const missing = FORMATS.flatMap((f) => sources[f]).filter((file) => !existsSync(file));
  if (missing.length > 0) fail(`source reports not found: ${missing.join(", ")} (the shared corpus is looked for in ${options.shared}; see --shared)`);
}
const pandoc = options.pandoc ? pandocVersion() : null;
if (options.pandoc && !pandoc) process.stderr.write("pandoc not found on PATH: the pandoc comparison is skipped\n");

const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Partial<Results>) : {};
const runs: Record<string, SizeResult> = { ...(previous.runs ?? {}) };
const startLoad = loadavg().map((l) => round(l, 2));
for (const n of options.reportOnly ? [] : options.sizes) {
  runs[String(n)] = await measureSize(n);
  // Written after each size, so a long scale run leaves its first half behind if stopped.
  writeResults(runs, startLoad);
}
const targets = evaluateTargets(runs);
const missed = new Set(targets.filter((t) => t.pass === false).map((t) => t.name));
// --report-only keeps the stored profiles unless --profile asks for new ones.
const profileFormats = FORMATS.filter(
  (f) =>
    options.profile ||
    (!options.reportOnly && ((f === "docx" && missed.has("docx ≥ 10× pandoc")) || (f === "html" && missed.has("HTML ≥ 5× pandoc")))),
);
if (profileFormats.length > 0) {
  const last = Object.values(runs).sort((a, b) => a.n - b.n).at(-1)!;
  for (const format of profileFormats) {
    log(`profiling ${format} (--cpu-prof, --jobs 0, first 150 files)…`);
    const files = corpusFiles(last, format).slice(0, 150);
    last.profiles[format] = profileCli(CLI, files, ROOT);
  }
}
writeResults(runs, startLoad);
printTables(runs, targets);

async function measureSize(n: number): Promise<SizeResult> {
  log(`corpus n=${n}…`);
  const corpus = buildCorpus(join(ROOT, "bench/corpus"), n, options.seed, defaultSources(ROOT, options.shared));
  log(`${corpus.reused ? "reused" : "built"} ${corpus.dir}`);
  const waitedSeconds = await waitForLoad();
  const loadStart = round(loadavg()[0]!, 2);
  // At 10,000 only what the scale targets need is repeated: the whole corpus with --jobs 2.
  const full = options.full || n <= 1000;
  const jobs1 = emptyLists<CliRun>();
  const jobs2 = emptyLists<CliRun>();
  const all: CliRun[] = [];
  const pandocRuns = emptyLists<PandocRun>();
  const sameFiles = emptyLists<CliRun>();
  const folders = FORMATS.map((f) => join(corpus.dir, f));
  const report = (label: string, run: CliRun) =>
    log(`n=${n} ${label}: ${run.files} files, ${run.filesPerSec} files/s, ${run.cpuMsPerFile} CPU ms/file, ${run.peakRssMB} MB, load ${run.load1.join("→")}`);
  for (let r = 1; r <= options.repeat; r++) {
    if (full || r === 1) {
      for (const format of FORMATS) {
        for (const jobs of full ? ([1, 2] as const) : ([2] as const)) {
          const run = await runCli(CLI, [join(corpus.dir, format)], jobs);
          (jobs === 1 ? jobs1 : jobs2)[format].push(run);
          report(`#${r} ${format} --jobs ${jobs}`, run);
        }
      }
    }
    // At 10,000 the whole corpus's reports are then exported to SQLite, as `nianbao export` does.
    const whole = await runCli(CLI, folders, 2, { exportSqlite: n >= 10_000 });
    all.push(whole);
    report(`#${r} all --jobs 2`, whole);
    const exported = whole.exportSqlite;
    if (exported) {
      log(`n=${n} #${r} export to SQLite: ${exported.reports} reports in ${exported.seconds} s, ${exported.cpuSeconds} CPU s, ${exported.peakRssMB} MB, load ${exported.load1.join("→")}`);
    }
    if (pandoc && full) {
      for (const format of ["docx", "html"] as const) {
        const files = pandocSample(corpus, format);
        const run = await runPandoc(format, files, 2);
        pandocRuns[format].push(run);
        log(`n=${n} #${r} pandoc ${format}: ${run.files} files, ${run.filesPerSec} files/s, ${run.cpuMsPerFile} CPU ms/file (2 processes), load ${run.load1.join("→")}`);
        const same = await runCli(CLI, files, 2);
        sameFiles[format].push(same);
        report(`#${r} ${format} --jobs 2 on pandoc's files`, same);
      }
    }
  }
  const formats = {} as Record<Format, FormatResult>;
  for (const format of FORMATS) {
    const files = corpus.files[format];
    const step = Math.max(1, Math.floor(files.length / options.inProcess));
    const sample = files.filter((_, i) => i % step === 0).slice(0, options.inProcess);
    log(`in-process convertBytes ${format} (${sample.length} files)…`);
    formats[format] = {
      files: files.length,
      jobs1: jobs1[format].length > 0 ? series(jobs1[format]) : null,
      jobs2: series(jobs2[format]),
      inProcess: await runInProcess(DIST_CONVERT, sample),
      pandoc: comparison(pandocRuns[format], sameFiles[format]),
    };
  }
  return {
    n,
    date: new Date().toISOString(),
    corpus: { dir: corpus.dir.slice(ROOT.length + 1), seed: corpus.seed, counts: counts(corpus), variedCells: corpus.variedCells, reused: corpus.reused },
    load1: { start: loadStart, end: round(loadavg()[0]!, 2), waitedSeconds },
    formats,
    all: series(all),
    profiles: {},
  };
}

function comparison(pandocRuns: PandocRun[], nianbaoRuns: CliRun[]): PandocComparison | null {
  if (pandocRuns.length === 0 || nianbaoRuns.length === 0) return null;
  const p = series(pandocRuns);
  const nb = series(nianbaoRuns);
  const cpu = (list: { cpuMsPerFile: number }[]) => Math.min(...list.map((r) => r.cpuMsPerFile));
  return {
    files: p.best.files,
    pandoc: p,
    nianbao: nb,
    ratio: round(nb.best.filesPerSec / p.best.filesPerSec, 1),
    cpuRatio: round(cpu(pandocRuns) / cpu(nianbaoRuns), 1),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2, 1);
}

function emptyLists<T>(): Record<Format, T[]> {
  return { docx: [], html: [], text: [] };
}

function pandocSample(corpus: Corpus, format: Format): string[] {
  const files = corpus.files[format];
  return files.slice(0, options.pandocSample);
}

function corpusFiles(result: SizeResult, format: Format): string[] {
  const corpus = buildCorpus(join(ROOT, "bench/corpus"), result.n, result.corpus.seed, defaultSources(ROOT, options.shared));
  return corpus.files[format];
}

function counts(corpus: Corpus): Record<Format, number> {
  return { docx: corpus.files.docx.length, html: corpus.files.html.length, text: corpus.files.text.length };
}

function series<T extends { filesPerSec: number }>(list: T[]): Series<T> {
  const rates = list.map((r) => r.filesPerSec);
  const max = Math.max(...rates);
  const best = list.find((r) => r.filesPerSec === max)!;
  return { runs: list, best, spread: round((max - Math.min(...rates)) / max, 3) };
}

function evaluateTargets(all: Record<string, SizeResult>): Target[] {
  const targets: Target[] = [];
  const sizes = Object.values(all).sort((a, b) => a.n - b.n);
  for (const [format, factor, name] of [
    ["docx", TARGETS.docxVsPandoc, "docx ≥ 10× pandoc"],
    ["html", TARGETS.htmlVsPandoc, "HTML ≥ 5× pandoc"],
  ] as const) {
    const reference = sizes.find((r) => r.formats[format].pandoc);
    const p = reference?.formats[format].pandoc;
    if (!p || !reference) {
      targets.push({ name, target: `≥ ${factor}× pandoc`, measured: pandoc === null && options.pandoc ? "pandoc not installed: skipped" : "not measured", pass: null });
      continue;
    }
    // Each repeat runs pandoc and then nianbao on the same files back to back: the ratio within a
    // repeat compares like load with like. The verdict takes the median of those and the CPU ratio,
    // whichever is lower, so that a window in which pandoc alone was starved cannot pass the target.
    const paired = p.pandoc.runs.map((run, i) => round((p.nianbao.runs[i]?.filesPerSec ?? 0) / run.filesPerSec, 1));
    const verdict = Math.min(median(paired), p.cpuRatio);
    targets.push({
      name,
      target: `≥ ${factor}× pandoc's files/s on the same ${p.files} files (both 2 at a time)`,
      measured: `${p.nianbao.best.filesPerSec} vs ${p.pandoc.best.filesPerSec} files/s best = ${p.ratio}×; per repeat ${paired.map((r) => `${r}×`).join(", ")}; CPU per file ${p.cpuRatio}× → ${verdict}×`,
      pass: verdict >= factor,
    });
  }
  const large = all["10000"];
  const small = all["1000"];
  if (large) {
    const peak = Math.max(...large.all.runs.map((r) => r.peakRssMB));
    targets.push({
      name: "10,000 docs under 300 MB",
      target: `peak RSS < ${TARGETS.scaleRssMB} MB converting ${large.all.best.files} documents (--jobs 2)`,
      measured: `${peak} MB (max of ${large.all.runs.length} runs); ${large.all.best.ok} ok, ${large.all.best.skipped} skipped, ${large.all.best.failed} failed`,
      pass: peak < TARGETS.scaleRssMB && large.all.best.files >= 10_000,
    });
    if (small) {
      const ratio = large.all.best.filesPerSec / small.all.best.filesPerSec;
      const cpu = large.all.best.cpuMsPerFile / small.all.best.cpuMsPerFile;
      targets.push({
        name: "files/s at 10,000 within 10% of 1,000",
        target: `≥ ${100 - TARGETS.scaleDrop * 100}% of the n=1000 rate (all formats, --jobs 2)`,
        measured: `${large.all.best.filesPerSec} vs ${small.all.best.filesPerSec} files/s = ${round(ratio * 100, 1)}% (CPU ms/file ${large.all.best.cpuMsPerFile} vs ${small.all.best.cpuMsPerFile}: ${round(cpu * 100, 1)}%)`,
        pass: ratio >= 1 - TARGETS.scaleDrop,
      });
    }
    const exports = large.all.runs.flatMap((run) => (run.exportSqlite ? [run.exportSqlite] : []));
    const slowest = exports.length > 0 ? Math.max(...exports.map((e) => e.seconds)) : null;
    targets.push({
      name: "SQLite export of 10,000 reports under 30 s",
      target: `nianbao export <output of the 10,000> --to x.sqlite in < ${TARGETS.exportSeconds} s`,
      measured:
        slowest === null
          ? "not measured"
          : `${exports.map((e) => `${e.seconds} s (${e.cpuSeconds} CPU s, ${e.peakRssMB} MB)`).join(", ")} for ${exports[0]!.reports} reports`,
      pass: slowest === null ? null : slowest < TARGETS.exportSeconds,
    });
  } else {
    targets.push({ name: "10,000 docs under 300 MB", target: `peak RSS < ${TARGETS.scaleRssMB} MB`, measured: "not run (use --scale)", pass: null });
  }
  return targets;
}

interface Results {
  tool: string;
  date: string;
  machine: Record<string, unknown>;
  load: Record<string, unknown>;
  method: Record<string, string>;
  targets: Target[];
  runs: Record<string, SizeResult>;
  /** Written by hand after a run; kept by --report-only, dropped by a new measurement. */
  notes?: unknown;
}

function writeResults(all: Record<string, SizeResult>, load: number[]): void {
  mkdirSync(dirname(RESULTS), { recursive: true });
  const results: Results = {
    tool: `npm run bench${options.sizes.includes(10_000) ? " -- --scale" : ""}`,
    date: new Date().toISOString(),
    machine: {
      nproc: availableParallelism(),
      cpu: cpus()[0]?.model ?? null,
      memoryMB: Math.round(totalmem() / 1024 / 1024),
      node: process.version,
      pandoc,
      nianbao: gitHead(),
    },
    load: {
      note: "1-minute load average; other processes (test suites, other sessions) share this machine's 2 cores",
      atStart: load,
      atEnd: loadavg().map((l) => round(l, 2)),
      uptime: uptime(),
    },
    method: {
      nianbao: "node dist/cli/main.js convert <format folder> --out <tmp> -q --jobs N, timed as a child process; best of the repeats, spread = (max−min)/max",
      peakRss: "VmHWM of the CLI process (worker threads included) polled every 20 ms from /proc",
      pandoc: "pandoc -f docx|html -t json FILE > /dev/null, 2 processes at a time over the format's folder (or its first `files` files with --pandoc-sample); nianbao's CLI with --jobs 2 on exactly those files",
      cpu: "user+system CPU of the child processes (reaped-children times of the bench process)",
      inProcess: "convertBytes from dist/ in the bench process, one file at a time after a warm-up; CPU = process.cpuUsage user+system",
    },
    targets: evaluateTargets(all),
    runs: all,
  };
  // --report-only re-evaluates the stored runs: when and where they were measured stays as it was.
  if (options.reportOnly && previous.date && previous.machine && previous.load && previous.tool) {
    Object.assign(results, { tool: previous.tool, date: previous.date, machine: previous.machine, load: previous.load, notes: previous.notes });
  }
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

function printTables(all: Record<string, SizeResult>, targets: Target[]): void {
  const lines: string[] = [];
  lines.push(
    "| N | format | files | --jobs 1 files/s | --jobs 2 files/s | CLI CPU ms/file | convertBytes CPU ms/file | peak RSS MB (--jobs 2) | pandoc files/s | nianbao files/s, same files | ÷ pandoc (CPU) |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const result of Object.values(all).sort((a, b) => a.n - b.n)) {
    for (const format of FORMATS) {
      const f = result.formats[format];
      const p = f.pandoc;
      lines.push(
        `| ${result.n} | ${format} | ${f.files} | ${f.jobs1 ? rate(f.jobs1) : "—"} | ${rate(f.jobs2)} | ${f.jobs2.best.cpuMsPerFile} | ${f.inProcess.cpuMsMean} | ${f.jobs2.best.peakRssMB} | ${p ? `${rate(p.pandoc)} (${p.files} files)` : "—"} | ${p ? rate(p.nianbao) : "—"} | ${p ? `${p.ratio}× (${p.cpuRatio}×)` : "—"} |`,
      );
    }
    const peak = Math.max(...result.all.runs.map((r) => r.peakRssMB));
    lines.push(`| ${result.n} | all | ${result.all.best.files} | — | ${rate(result.all)} | ${result.all.best.cpuMsPerFile} | — | ${peak} | — | — | — |`);
  }
  lines.push("", "Best of the repeats first, the other repeats in brackets. Load (1 min) per size:");
  for (const result of Object.values(all)) lines.push(`  n=${result.n} (${result.date}): ${result.load1.start} → ${result.load1.end}`);
  lines.push("");
  lines.push("| target | goal | measured | |");
  lines.push("|---|---|---|---|");
  for (const t of targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.pass === null ? "—" : t.pass ? "✓" : "✗"} |`);
  for (const result of Object.values(all)) {
    for (const [format, profile] of Object.entries(result.profiles)) {
      lines.push("", `Profile n=${result.n} ${format} (${profile.files} files, --jobs 0, ${profile.totalMs} ms sampled): self time by module`);
      for (const m of profile.modules.slice(0, 10)) lines.push(`  ${String(m.percent).padStart(5)}%  ${m.module}`);
      lines.push("  by function:");
      for (const fn of profile.functions.slice(0, 12)) lines.push(`  ${String(fn.percent).padStart(5)}%  ${fn.name}  ${fn.where}`);
    }
  }
  lines.push("", `load average at start ${startLoad.join(" ")}, now ${loadavg().map((l) => round(l, 2)).join(" ")} → ${RESULTS}`);
  console.log(lines.join("\n"));
}

function rate(s: Series<{ filesPerSec: number }>): string {
  // Compared by index, not identity: a series read back from results.json holds copies.
  const bestAt = s.runs.findIndex((r) => r.filesPerSec === s.best.filesPerSec);
  const others = s.runs.filter((_, i) => i !== bestAt).map((r) => r.filesPerSec);
  return `${s.best.filesPerSec}${others.length > 0 ? ` (${others.join(", ")})` : ""}`;
}

async function waitForLoad(): Promise<number> {
  if (options.waitLoad === null) return 0;
  const started = performance.now();
  while (loadavg()[0]! > options.waitLoad && performance.now() - started < 600_000) {
    log(`load ${loadavg()[0]!.toFixed(2)} > ${options.waitLoad}: waiting…`);
    await new Promise((r) => setTimeout(r, 15_000));
  }
  return Math.round((performance.now() - started) / 1000);
}

/** The revision measured, marked dirty when src/ differs from it. */
function gitHead(): string | null {
  if (process.env.BENCH_REV) return process.env.BENCH_REV;
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return null;
  }
}

function uptime(): string | null {
  try {
    return execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

function parseArgs(args: string[]): Options {
  const result: Options = { sizes: [1000], repeat: 2, seed: 1, pandocSample: Number.POSITIVE_INFINITY, full: false, reportOnly: false, inProcess: 300, profile: false, pandoc: true, waitLoad: null, shared: join(ROOT, "../shared") };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = Number(args[++i]);
      if (!Number.isFinite(v) || v < 0) fail(`${arg} takes a number`);
      return v;
    };
    if (arg === "--n") result.sizes = [Math.max(3, Math.floor(value()))];
    else if (arg === "--scale") result.sizes = [1000, 10_000];
    else if (arg === "--repeat") result.repeat = Math.max(1, Math.floor(value()));
    else if (arg === "--seed") result.seed = Math.floor(value());
    else if (arg === "--pandoc-sample") result.pandocSample = Math.max(1, Math.floor(value()));
    else if (arg === "--in-process") result.inProcess = Math.max(1, Math.floor(value()));
    else if (arg === "--profile") result.profile = true;
    else if (arg === "--full") result.full = true;
    else if (arg === "--report-only") result.reportOnly = true;
    else if (arg === "--no-pandoc") result.pandoc = false;
    else if (arg === "--wait-load") result.waitLoad = value();
    else if (arg === "--shared") result.shared = resolve(args[++i] ?? fail("--shared takes a folder"));
    else fail(`unknown option ${arg}`);
  }
  return result;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}
