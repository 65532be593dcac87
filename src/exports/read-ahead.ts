import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ExportEntry, manifestPathOf, type ReadOptions, readOutputDir, type UnreadableLine } from "./output-dir.js";

/** How far the reading thread may run ahead: enough to never starve the writer, little memory. */
export const READ_AHEAD_ENTRIES = 64;

export type ReadAheadMessage =
  | { kind: "entry"; entry: ExportEntry }
  | { kind: "unreadable"; line: UnreadableLine }
  | { kind: "done" }
  | { kind: "error"; message: string };

export interface ReadAheadSetup {
  outDir: string;
  options: ReadOptions;
}

/** The main thread hands back one credit per entry it took, so the worker's lead stays bounded. */
export interface ReadAheadRequest {
  credit: number;
}

const WORKER = fileURLToPath(new URL("./read-worker.js", import.meta.url));

/**
 * readOutputDir, with the reading and parsing done in a worker thread so that it overlaps the
 * writing (an export's two halves cost about the same). Like the batch, worker mode needs the
 * compiled worker; from sources (tests, tsx) the folder is read in this thread.
 */
export async function* readOutputDirAhead(
  outDir: string,
  options: ReadOptions,
  onUnreadableLine: (line: UnreadableLine) => void,
): AsyncGenerator<ExportEntry> {
  manifestPathOf(outDir);
  if (!existsSync(WORKER)) {
    yield* readOutputDir(outDir, options, onUnreadableLine);
    return;
  }
  yield* readThroughWorker(new Worker(WORKER, { workerData: { outDir, options } satisfies ReadAheadSetup }), onUnreadableLine);
}

/** The entries a worker running read-worker posts, handing back one credit for each taken. */
export async function* readThroughWorker(worker: Worker, onUnreadableLine: (line: UnreadableLine) => void): AsyncGenerator<ExportEntry> {
  const inbox: ReadAheadMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on("message", (message: ReadAheadMessage) => {
    inbox.push(message);
    wake?.();
  });
  worker.on("error", (error) => {
    failure = error;
    wake?.();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the reading thread stopped (exit code ${code}) before the end of the manifest`);
    wake?.();
  });
  try {
    for (;;) {
      const message = inbox.shift();
      if (message === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (message.kind === "done") return;
      if (message.kind === "error") throw new Error(message.message);
      if (message.kind === "unreadable") onUnreadableLine(message.line);
      else {
        worker.postMessage({ credit: 1 } satisfies ReadAheadRequest);
        yield message.entry;
      }
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
