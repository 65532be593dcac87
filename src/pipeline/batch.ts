import { createHash } from "node:crypto";
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, normalize, sep } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import PQueue from "p-queue";
import { Piscina } from "piscina";
import type { ManifestLine } from "../writers/manifest.js";
import { ManifestWriter } from "../writers/manifest-writer.js";
import { type FileTask, failedLine } from "./task.js";
import { detectFormat } from "./detect.js";
import { DocGroups } from "./doc-groups.js";
import { describeFsError, type InputFile, specialFileError, walkInputs } from "./inputs.js";
import { inShard, type Shard } from "./shard.js";
import { PIPELINE_VERSION } from "./version.js";
import type { WorkerTask } from "./worker.js";

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  /** Worker threads; 0 converts in this thread (no --timeout then). Default: one per core. */
  jobs?: number;
  /** Inputs larger than this fail without being read. */
  maxInputBytes?: number;
  /** A .docx whose parts inflate to more than this fails (zip-bomb guard); default: the zip reader's caps. */
  maxInflatedBytes?: number;
  /** Per-file limit in milliseconds (worker mode): the file fails and the run goes on. */
  timeoutMs?: number;
  /** Keep earlier ok/skipped lines of this pipeline version and skip those inputs. */
  resume?: boolean;
  shard?: Shard;
  onStart?: (total: number) => void;
  onResult?: (line: ManifestLine, resumed: boolean) => void;
}

export interface BatchSummary {
  ok: number;
  failed: number;
  skipped: number;
  /** Inputs skipped because a resumed manifest already had them. */
  resumed: number;
}

export const DEFAULT_MAX_INPUT_BYTES = 100 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Workers run in two sizes. The pool's workers are tight: V8 lets a heap grow lazily towards its
 * limit, and with a generous one two workers held ~60 MB of garbage each after 10,000 files; real
 * reports need 15–50 MB (a 400 KB PDF the most). A file that outgrows a tight worker is retried once,
 * alone, in a roomy worker; a file that outgrows that too (a hostile one that allocates without
 * end) fails, and stops only its own worker, long before the machine runs out of memory.
 */
const TIGHT_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 24 };
const ROOMY_HEAP = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 24 };

/** V8's profiler budget before a function is considered for optimization (its default: 67,584). */
const INTERRUPT_BUDGET = 300_000;

/** The worker as the build bundles it (scripts/bundle-worker.ts): one file loads far faster than its modules. */
const WORKER = fileURLToPath(new URL("../worker/worker.js", import.meta.url));

/**
 * Converts every input, one bad file never stopping the run: each input ends as exactly one manifest
 * line and, when converted, one JSON under outDir. Inputs are walked lazily and at most a few per
 * worker are in flight (and a group of .doc files per LibreOffice run, see doc-groups.ts), so memory
 * stays flat however large the archive.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const jobs = options.jobs ?? defaultJobs();
  // Worker mode needs the compiled worker; from sources (tests) the batch runs in this thread. The
  // workers start first, so that loading their modules overlaps reading the manifest and the walk.
  const workers = jobs > 0 && existsSync(WORKER) ? new Workers(jobs) : undefined;
  try {
    return await convertAll(options, jobs, workers);
  } finally {
    await workers?.destroy();
  }
}

async function convertAll(options: BatchOptions, jobs: number, workers: Workers | undefined): Promise<BatchSummary> {
  const manifestPath = join(options.outDir, "manifest.jsonl");
  // Reading a manifest back validates it with zod; a fresh run's main thread never loads zod.
  const previous = options.resume ? (await import("../writers/manifest.js")).readManifest(manifestPath) : [];
  const done = new Map(
    previous.filter((l) => l.status !== "failed" && l.version === PIPELINE_VERSION).map((l) => [`${l.input}\0${l.sha256}`, l]),
  );
  const manifest = new ManifestWriter(manifestPath, [...done.values()]);
  const summary: BatchSummary = { ok: 0, failed: 0, skipped: 0, resumed: 0 };
  const record = (line: ManifestLine, resumed = false) => {
    if (resumed) summary.resumed++;
    else manifest.append(line);
    summary[line.status]++;
    options.onResult?.(line, resumed);
  };

  if (options.onStart) {
    let total = 0;
    for (const input of selected(options)) if (input) total++;
    options.onStart(total);
  }

  // Two files per worker in flight: the pool holds the second and hands it over as soon as the
  // first is done, so a worker does not sit idle while this thread records the result (a round trip
  // of 1–1.5 ms a file when both cores are busy, 7% of a worker's time on small .docx files).
  const queue = new PQueue({ concurrency: workers ? jobs * 2 : 1 });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const enqueue = (task: FileTask): void => void queue.add(async () => record(await dispatch(task, workers, timeoutMs)));
  // A group of .doc files gets one file's --timeout: sixteen that convert take a few seconds.
  const docs = DocGroups.create(jobs, timeoutMs, enqueue);
  const taken = new Set<string>();
  for (const input of selected(options)) {
    if ("error" in input) {
      record(failedLine(input.path, input.error));
      continue;
    }
    const task = prepare(input, options, taken);
    if ("status" in task) {
      record(task);
      continue;
    }
    const earlier = done.get(`${task.input}\0${task.sha256}`);
    if (earlier) {
      record(earlier, true);
      continue;
    }
    if (await docs?.take(task)) continue;
    await queue.onSizeLessThan(Math.max(1, jobs) * 2);
    enqueue(task);
  }
  await docs?.finish();
  await queue.onIdle();
  return summary;
}

function* selected(options: BatchOptions): Generator<InputFile | { path: string; error: string }> {
  // The output folder is never read as input, also when it sits inside an input folder.
  for (const input of walkInputs(options.inputs, { exclude: [options.outDir] })) {
    if (options.shard && !inShard("relative" in input ? input.relative : input.path, options.shard)) continue;
    yield input;
  }
}

/** The tight pool, and the roomy worker made the first time a file needs it. */
class Workers {
  readonly tight: Piscina;
  private roomyPool: Piscina | undefined;

  constructor(jobs: number) {
    // Each worker compiles the readers afresh; with V8's default budget functions are optimized
    // after a few calls, and on a short batch that compilation was a third of all CPU (TurboFan
    // took 1.4 s for the first 100 .docx in one thread). Tiering up a little later took 5-8% off the
    // CPU of a 200-file batch (interleaved runs) and cost nothing on 3,334 files (28.5-29.9 s against
    // 30.2 s with the default). V8 reads the budget process-wide when it sets up an isolate's
    // feedback, so it is set before the workers start.
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    this.tight = withStrayErrorsIgnored(new Piscina({ filename: WORKER, minThreads: jobs, maxThreads: jobs, resourceLimits: TIGHT_HEAP }));
  }

  get roomy(): Piscina {
    this.roomyPool ??= withStrayErrorsIgnored(new Piscina({ filename: WORKER, minThreads: 0, maxThreads: 1, resourceLimits: ROOMY_HEAP }));
    return this.roomyPool;
  }

  async destroy(): Promise<void> {
    await Promise.all([this.tight.destroy(), this.roomyPool?.destroy()]);
  }
}

/**
 * A worker that fails with no task of its own is reported by the pool as an 'error' event, and an
 * 'error' event nobody listens to ends the process. It happens when a file is stopped at its
 * --timeout and its worker runs out of memory before it is gone: the file already has its line (timed
 * out), the pool replaces the worker, and there is nothing left to report. Unheard, it killed the
 * whole run, losing the lines of the files still in flight.
 */
function withStrayErrorsIgnored(pool: Piscina): Piscina {
  pool.on("error", () => {});
  return pool;
}

async function dispatch(task: FileTask, workers: Workers | undefined, timeoutMs: number): Promise<ManifestLine> {
  if (!workers) {
    // In-thread mode only: the worker pool's main thread never loads the readers.
    const { convertTask } = await import("./convert-file.js");
    return convertTask(task);
  }
  const first = await runInWorker(task, workers.tight, timeoutMs, timeoutMs);
  if (!("outOfMemoryAfterMs" in first)) return first;
  // The retry gets what is left of the file's time: --timeout bounds the file, not each attempt.
  const left = timeoutMs - first.outOfMemoryAfterMs;
  const second = left > 0 ? await runInWorker(task, workers.roomy, left, timeoutMs) : timedOut(task, timeoutMs);
  if (!("outOfMemoryAfterMs" in second)) return second;
  return failedLine(
    task.input,
    `conversion needed more than ${ROOMY_HEAP.maxOldGenerationSizeMb} MB of memory and was stopped: the file is too large or too complex`,
    task.sha256,
  );
}

/** A worker ran out of heap on the file, this long after it started on it. */
interface OutOfMemory {
  outOfMemoryAfterMs: number;
}

function timedOut(task: FileTask, timeoutMs: number): ManifestLine {
  return failedLine(task.input, `conversion took longer than ${timeoutMs / 1000} s (--timeout) and was stopped`, task.sha256);
}

/** Converts the file in a worker of `pool`, stopping it after `budgetMs` (of the file's `timeoutMs`). */
async function runInWorker(task: FileTask, pool: Piscina, budgetMs: number, timeoutMs: number): Promise<ManifestLine | OutOfMemory> {
  // The clock starts when the worker starts on the file (it says so on `started`), not when the file
  // is handed to the pool: a worker still loading its modules (the first ones, or one replacing a
  // worker stopped by the timeout) takes seconds on a busy machine, and that is not the file's time.
  const { port1: started, port2: startedInWorker } = new MessageChannel();
  const stop = new AbortController();
  let startedAt: number | undefined;
  let timer = setTimeout(() => stop.abort(), WORKER_START_LIMIT_MS + budgetMs);
  started.once("message", () => {
    startedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(() => stop.abort(), budgetMs);
  });
  try {
    const timeLimitMs = converterTimeLimit(budgetMs);
    return await pool.run({ ...task, timeLimitMs, started: startedInWorker } satisfies WorkerTask, {
      signal: stop.signal,
      transferList: [startedInWorker],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
      return { outOfMemoryAfterMs: startedAt === undefined ? 0 : performance.now() - startedAt };
    }
    if ((error as Error).name === "AbortError" || (error as Error).name === "TimeoutError") return timedOut(task, timeoutMs);
    return failedLine(task.input, (error as Error).message, task.sha256);
  } finally {
    clearTimeout(timer);
    started.close();
  }
}

/**
 * The time an external converter gets from a file's budget: a little less, so that the worker stops
 * LibreOffice (its whole process tree) and removes its folder itself before the batch stops the
 * worker, which would leave both behind.
 */
function converterTimeLimit(budgetMs: number): number {
  return Math.max(1, budgetMs - Math.min(2000, budgetMs / 4));
}

/** Longest a worker may take to start on a file (loading its modules) before the file fails as timed out. */
const WORKER_START_LIMIT_MS = 60_000;

/**
 * Reads and hashes an input (the hash decides --resume), or says why it cannot be. The file is
 * opened once and checked on the open descriptor: non-blocking, so a FIFO swapped in after the walk
 * cannot hang the run, and never read past the cap, so a file that grows (or a device) cannot
 * exhaust memory.
 */
function prepare(input: InputFile, options: BatchOptions, taken: Set<string>): FileTask | ManifestLine {
  let fd: number | undefined;
  try {
    fd = openSync(input.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stats = fstatSync(fd);
    const special = specialFileError(stats);
    if (special) return failedLine(input.path, special);
    const cap = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
    const tooLarge = (size: number) =>
      failedLine(input.path, `the file is ${size} bytes, over the ${cap}-byte limit (--max-bytes); it was not read`);
    if (stats.size > cap) return tooLarge(stats.size);
    const bytes = readCapped(fd, stats.size, cap);
    if (bytes.length > cap) return tooLarge(bytes.length);
    const outputName = outputNameFor(input.relative, taken);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const format = detectFormat(bytes, input.path);
    const task: FileTask = { input: input.path, output: join(options.outDir, outputName), outputName, bytes, sha256, format };
    if (options.maxInflatedBytes !== undefined) task.maxInflatedBytes = options.maxInflatedBytes;
    return task;
  } catch (error) {
    return failedLine(input.path, describeFsError(error));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads to the end, but at most cap + 1 bytes (one past the cap tells a file that grew past it). */
function readCapped(fd: number, expected: number, cap: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // Not from Buffer's shared pool: the bytes are posted to a worker, which copies the whole backing store.
  let chunk = Buffer.allocUnsafeSlow(Math.min(expected, cap) + 1);
  let filled = 0;
  for (;;) {
    const read = readSync(fd, chunk, filled, chunk.length - filled, null);
    if (read === 0) break;
    filled += read;
    total += read;
    if (total > cap) break;
    if (filled === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafeSlow(Math.min(1 << 20, cap + 1 - total));
      filled = 0;
    }
  }
  if (chunks.length === 0) return chunk.subarray(0, filled);
  chunks.push(chunk.subarray(0, filled));
  return Buffer.concat(chunks, total);
}

function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The output keeps the input's relative path (same-named files in different folders stay apart),
 * never climbs out of the output folder, and two inputs mapping to one name get distinct names.
 */
function outputNameFor(relativeInput: string, taken: Set<string>): string {
  const safe = normalize(relativeInput)
    .split(sep)
    .filter((part) => part !== ".." && part !== "." && part !== "")
    .map((part) => (Buffer.byteLength(part) > 200 ? `${Buffer.from(part).subarray(0, 180).toString("utf8").replace(/\uFFFD+$/, "")}~` : part))
    .join(sep);
  let candidate = `${safe}.json`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${safe}~${n}.json`;
  taken.add(candidate);
  return candidate;
}
