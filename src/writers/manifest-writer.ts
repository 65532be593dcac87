import { appendFileSync } from "node:fs";
import { writeFileAtomic } from "./files.js";
import type { ManifestLine } from "./manifest.js";

/** The manifest is appended one line per input as it finishes, so it is complete up to any kill. */
export class ManifestWriter {
  /** Starts the manifest afresh with `kept` (earlier lines a resumed run keeps), atomically. */
  constructor(
    readonly path: string,
    kept: ManifestLine[] = [],
  ) {
    writeFileAtomic(path, kept.map((line) => `${JSON.stringify(line)}\n`).join(""));
  }

  append(line: ManifestLine): void {
    appendFileSync(this.path, `${JSON.stringify(line)}\n`);
  }
}
