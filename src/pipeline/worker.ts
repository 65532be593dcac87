import { type FileTask, convertTask } from "./convert-file.js";

/** Worker-thread entry (piscina): parsing is CPU-bound, so batches spread it over the cores. */
export default function run(task: FileTask) {
  return convertTask(task);
}
