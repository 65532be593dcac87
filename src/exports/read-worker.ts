import { parentPort, workerData } from "node:worker_threads";
import { type ReadAheadMessage, type ReadAheadRequest, type ReadAheadSetup, READ_AHEAD_ENTRIES } from "./read-ahead.js";
import { readOutputDir } from "./output-dir.js";

/**
 * Worker-thread entry: reads and parses the output folder's report JSONs (most of an export's work)
 * while the main thread writes, staying at most READ_AHEAD_ENTRIES entries ahead of it.
 */
const port = parentPort!;
const { outDir, options } = workerData as ReadAheadSetup;
let credit = READ_AHEAD_ENTRIES;
let wake: (() => void) | undefined;
port.on("message", (request: ReadAheadRequest) => {
  credit += request.credit;
  wake?.();
});
const post = (message: ReadAheadMessage) => port.postMessage(message);

try {
  for await (const entry of readOutputDir(outDir, options, (line) => post({ kind: "unreadable", line }))) {
    while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
    credit--;
    post({ kind: "entry", entry });
  }
  post({ kind: "done" });
} catch (error) {
  post({ kind: "error", message: (error as Error).message });
}
port.close();
