/**
 * Throughput benchmark: `npm run bench` (N=1000) or `npm run bench -- --scale` (N=1000 and N=10000).
 *
 * Builds bench/corpus/n<N>/{docx,html,text}/ by varying the real reports (scripts/bench/corpus.ts),
 * then on those same files measures, `--repeat` times (default 2, to see the spread):
 * - the built CLI (`node dist/cli/main.js convert <folder> --out <tmp> -q --jobs 1|2`) per format,
 *   and over all three folders with --jobs 2: files/s, peak RSS (VmHWM), CPU seconds;
 * - pandoc (`pandoc -f docx|html -t json FILE`), two processes at a time, on the first
 *   --pandoc-sample files of each folder (default: all of them up to 400 files, else the first 200 —
 *   pandoc takes ~0.2–0.5 s a file; the sources cycle, so any prefix has the same mix of reports);
 * - convertBytes in this process, per file CPU ms, on up to --in-process files per format.
 * Prints a table, checks the targets, profiles (`--cpu-prof`, `--jobs 0`) what missed its target
 * (or everything with --profile), and writes bench/results.json (runs of other N are kept).
 *
 * Options: --n N | --scale, --repeat R, --seed S, --pandoc-sample K, --in-process K, --profile,
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

const TARGETS = { docxVsPandoc: 10, htmlVsPandoc: 5, scaleRssMB: 300, scaleDrop: 0.1 };

interface Options {
  sizes: number[];
  repeat: number;
  seed: number;
  /** null: every file when a folder has at most 400, else the first 200. */
  pandocSample: number | null;
  inProcess: number;
  profile: boolean;
  pandoc: boolean;
  waitLoad: number | null;
  /** The folder holding corpus/real and seed (default: ../shared next to the repository). */
  shared: string;
}

interface Series<T> {
  runs: T[];
  best: T;
  /** (max − min) / max of files/s over the repeats. */
  spread: number;
}

interface FormatResult {
  files: number;
  jobs1: Series<CliRun>;
  jobs2: Series<CliRun>;
  inProcess: InProcessRun;
  pandoc: (Series<PandocRun> & { sample: number; nianbaoJobs2FilesPerSec: number; ratio: number }) | null;
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
const pandoc = options.pandoc ? pandocVersion() : null;
if (options.pandoc && !pandoc) process.stderr.write("pandoc not found on PATH: the pandoc comparison is skipped\n");

const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as { runs?: Record<string, SizeResult> }) : {};
const runs: Record<string, SizeResult> = { ...(previous.runs ?? {}) };
const startLoad = loadavg().map((l) => round(l, 2));
for (const n of options.sizes) {
  runs[String(n)] = await measureSize(n);
  // Written after each size, so a long scale run leaves its first half behind if stopped.
  writeResults(runs, startLoad);
}
const targets = evaluateTargets(runs);
const missed = new Set(targets.filter((t) => t.pass === false).map((t) => t.name));
const profileFormats = FORMATS.filter(
  (f) => options.profile || (f === "docx" && missed.has("docx ≥ 10× pandoc")) || (f === "html" && missed.has("HTML ≥ 5× pandoc")),
);
if (profileFormats.length > 0) {
  const last = runs[String(options.sizes.at(-1))]!;
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
  const cli = { jobs1: emptyLists<CliRun>(), jobs2: emptyLists<CliRun>(), all: [] as CliRun[] };
  const pandocRuns = emptyLists<PandocRun>();
  const folders = FORMATS.map((f) => join(corpus.dir, f));
  for (let r = 1; r <= options.repeat; r++) {
    for (const format of FORMATS) {
      for (const jobs of [1, 2] as const) {
        const run = await runCli(CLI, [join(corpus.dir, format)], jobs);
        cli[`jobs${jobs}`][format].push(run);
        log(`#${r} n=${n} ${format} --jobs ${jobs}: ${run.filesPerSec} files/s, ${run.peakRssMB} MB, load ${run.load1.join("→")}`);
      }
    }
    const all = await runCli(CLI, folders, 2);
    cli.all.push(all);
    log(`#${r} n=${n} all --jobs 2: ${all.filesPerSec} files/s, ${all.peakRssMB} MB, load ${all.load1.join("→")}`);
    if (pandoc) {
      for (const format of ["docx", "html"] as const) {
        const run = await runPandoc(format, pandocSample(corpus, format), 2);
        pandocRuns[format].push(run);
        log(`#${r} n=${n} pandoc ${format} (${run.files} files, 2 processes): ${run.filesPerSec} files/s`);
      }
    }
  }
  const formats = {} as Record<Format, FormatResult>;
  for (const format of FORMATS) {
    const files = corpus.files[format];
    const sample = files.filter((_, i) => i % Math.max(1, Math.floor(files.length / options.inProcess)) === 0).slice(0, options.inProcess);
    log(`in-process convertBytes ${format} (${sample.length} files)…`);
    const jobs2 = series(cli.jobs2[format]);
    const pandocSeries = pandocRuns[format].length > 0 ? series(pandocRuns[format]) : null;
    formats[format] = {
      files: files.length,
      jobs1: series(cli.jobs1[format]),
      jobs2,
      inProcess: await runInProcess(DIST_CONVERT, sample),
      pandoc: pandocSeries
        ? {
            ...pandocSeries,
            sample: pandocSeries.best.files,
            nianbaoJobs2FilesPerSec: jobs2.best.filesPerSec,
            ratio: round(jobs2.best.filesPerSec / pandocSeries.best.filesPerSec, 1),
          }
        : null,
    };
  }
  return {
    n,
    date: new Date().toISOString(),
    corpus: { dir: corpus.dir.slice(ROOT.length + 1), seed: corpus.seed, counts: counts(corpus), variedCells: corpus.variedCells, reused: corpus.reused },
    load1: { start: loadStart, end: round(loadavg()[0]!, 2), waitedSeconds },
    formats,
    all: series(cli.all),
    profiles: {},
  };
}

function emptyLists<T>(): Record<Format, T[]> {
  return { docx: [], html: [], text: [] };
}

function pandocSample(corpus: Corpus, format: Format): string[] {
  const files = corpus.files[format];
  return files.slice(0, options.pandocSample ?? (files.length <= 400 ? files.length : 200));
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
  const small = all["1000"];
  const large = all["10000"];
  const reference = large ?? small;
  for (const [format, factor, name] of [
    ["docx", TARGETS.docxVsPandoc, "docx ≥ 10× pandoc"],
    ["html", TARGETS.htmlVsPandoc, "HTML ≥ 5× pandoc"],
  ] as const) {
    const p = reference?.formats[format].pandoc;
    targets.push(
      p
        ? {
            name,
            target: `≥ ${factor}× pandoc files/s (both 2-way parallel)`,
            measured: `${p.nianbaoJobs2FilesPerSec} vs ${p.best.filesPerSec} files/s = ${p.ratio}× (n=${reference.n})`,
            pass: p.ratio >= factor,
          }
        : { name, target: `≥ ${factor}× pandoc`, measured: pandoc === null ? "pandoc not installed: skipped" : "not measured", pass: null },
    );
  }
  if (large) {
    const peak = Math.max(large.all.best.peakRssMB, ...large.all.runs.map((r) => r.peakRssMB));
    targets.push({
      name: "10,000 docs under 300 MB",
      target: `peak RSS < ${TARGETS.scaleRssMB} MB converting ${large.all.best.files} documents (--jobs 2)`,
      measured: `${peak} MB, ${large.all.best.ok} ok / ${large.all.best.skipped} skipped / ${large.all.best.failed} failed`,
      pass: peak < TARGETS.scaleRssMB && large.all.best.files >= 10_000,
    });
    if (small) {
      const ratio = large.all.best.filesPerSec / small.all.best.filesPerSec;
      targets.push({
        name: "files/s at 10,000 within 10% of 1,000",
        target: `≥ ${100 - TARGETS.scaleDrop * 100}% of the n=1000 rate`,
        measured: `${large.all.best.filesPerSec} vs ${small.all.best.filesPerSec} files/s = ${round(ratio * 100, 1)}%`,
        pass: ratio >= 1 - TARGETS.scaleDrop,
      });
    }
  } else {
    targets.push({ name: "10,000 docs under 300 MB", target: `peak RSS < ${TARGETS.scaleRssMB} MB`, measured: "not run (use --scale)", pass: null });
  }
  return targets;
}

function writeResults(all: Record<string, SizeResult>, load: number[]): void {
  mkdirSync(dirname(RESULTS), { recursive: true });
  const results = {
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
      pandoc: "pandoc -f docx|html -t json FILE > /dev/null, 2 processes at a time over the first `sample` files of the same folder",
      inProcess: "convertBytes from dist/ in the bench process, one file at a time after a warm-up; CPU = process.cpuUsage user+system",
    },
    targets: evaluateTargets(all),
    runs: all,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}

function printTables(all: Record<string, SizeResult>, targets: Target[]): void {
  const lines: string[] = [];
  lines.push("| N | format | files | nianbao --jobs 1 files/s | nianbao --jobs 2 files/s | CPU ms/file (in-process) | peak RSS MB (--jobs 2) | pandoc files/s (2 procs) | nianbao ÷ pandoc |");
  lines.push("|---|---|---|---|---|---|---|---|---|");
  for (const result of Object.values(all).sort((a, b) => a.n - b.n)) {
    for (const format of FORMATS) {
      const f = result.formats[format];
      const p = f.pandoc;
      lines.push(
        `| ${result.n} | ${format} | ${f.files} | ${rate(f.jobs1)} | ${rate(f.jobs2)} | ${f.inProcess.cpuMsMean} | ${f.jobs2.best.peakRssMB} | ${p ? `${p.best.filesPerSec} (${p.sample} files)` : "—"} | ${p ? `${p.ratio}×` : "—"} |`,
      );
    }
    lines.push(`| ${result.n} | all | ${result.all.best.files} | | ${rate(result.all)} | | ${result.all.best.peakRssMB} | | |`);
  }
  lines.push("");
  lines.push("| target | goal | measured | |");
  lines.push("|---|---|---|---|");
  for (const t of targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.pass === null ? "—" : t.pass ? "✓" : "✗"} |`);
  for (const result of Object.values(all)) {
    for (const [format, profile] of Object.entries(result.profiles)) {
      lines.push("", `Profile n=${result.n} ${format} (${profile.files} files, --jobs 0, ${profile.totalMs} ms sampled): top self time`);
      for (const m of profile.modules.slice(0, 8)) lines.push(`  ${String(m.percent).padStart(5)}%  ${m.module}`);
      lines.push("  functions:");
      for (const fn of profile.functions.slice(0, 10)) lines.push(`  ${String(fn.percent).padStart(5)}%  ${fn.name}  ${fn.where}`);
    }
  }
  lines.push("", `load average at start ${startLoad.join(" ")}, now ${loadavg().map((l) => round(l, 2)).join(" ")} → ${RESULTS}`);
  console.log(lines.join("\n"));
}

function rate(s: Series<CliRun>): string {
  const others = s.runs.filter((r) => r !== s.best).map((r) => r.filesPerSec);
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
  const result: Options = { sizes: [1000], repeat: 2, seed: 1, pandocSample: null, inProcess: 300, profile: false, pandoc: true, waitLoad: null, shared: join(ROOT, "../shared") };
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
