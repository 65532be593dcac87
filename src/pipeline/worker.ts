import type { MessagePort } from "node:worker_threads";
import { loadReader } from "../readers/index.js";
import { convertTask } from "./convert-file.js";
import type { FileTask } from "./task.js";

/** A file for a worker, with the port on which the worker says it has started (the per-file clock starts then). */
export interface WorkerTask extends FileTask {
  started?: MessagePort;
}

/** Worker-thread entry (piscina): parsing is CPU-bound, so batches spread it over the cores. */
export default async function run({ started, ...task }: WorkerTask) {
  // Readers load on first use; that is module loading, not the file's time, so it comes before the clock.
  await loadReader(task.format);
  started?.postMessage(0);
  started?.close();
  return convertTask(task);
}
