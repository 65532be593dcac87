import type { ManifestLine } from "../writers/manifest.js";
import { PIPELINE_VERSION } from "./version.js";

/**
 * One unit of batch work: the bytes are read (and hashed) by the batch, converted in a worker.
 * Kept apart from the converter so the batch's main thread never loads the readers.
 */
export interface FileTask {
  input: string;
  /** Absolute output path of the report JSON. */
  output: string;
  /** Output path as the manifest shows it (relative to the output folder). */
  outputName: string;
  bytes: Uint8Array;
  sha256: string;
  /** Zip-bomb guard for .docx inputs (--max-inflated-bytes); the reader's default when absent. */
  maxInflatedBytes?: number;
  /** Longest an external converter (LibreOffice) may run on the file: set inside its --timeout. */
  timeLimitMs?: number;
  /** For a .doc converted in a group run of LibreOffice: its .docx (see doc-groups.ts). */
  docxOfDoc?: Uint8Array;
}

export function failedLine(input: string, error: string, sha256: string | null = null): ManifestLine {
  return { input, output: null, status: "failed", error: `${input}: ${error}`, template: null, findings: 0, sha256, version: PIPELINE_VERSION };
}
