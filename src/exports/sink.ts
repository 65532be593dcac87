import type { ExportEntry } from "./output-dir.js";
import type { SeriesOutcome } from "./series.js";

/** One export format: fed every entry of the output folder in manifest order, then finished once. */
export interface ExportSink {
  add(entry: ExportEntry): void;
  /** Writes what is left, including the cross-document findings where the format holds findings. */
  finish(series: SeriesOutcome): void;
  /** Leaves the target as it was before the export, as far as the format allows. */
  abandon(): void;
}

/**
 * The export file cannot be written (locked by another program, the disk full, a file that is not a
 * database of ours): told in words naming the file, not as a crash.
 */
export class ExportTargetError extends Error {}
