import type { SourceFormat } from "../readers/document.js";
import type { ReadOptions } from "../readers/index.js";
import type { ManifestLine } from "../writers/manifest.js";
import { PIPELINE_VERSION } from "./version.js";

/**
 * One unit of batch work: the bytes are read, hashed and their format told by the batch, converted in
 * a worker with the reader options the batch sets (--max-inflated-bytes; the converter time limit
 * inside --timeout; a .doc's .docx from a group run of LibreOffice, see doc-groups.ts). Kept apart
 * from the converter (types only) so the batch's main thread never loads the readers.
 */
export interface FileTask extends ReadOptions {
  input: string;
  /** Absolute output path of the report JSON. */
  output: string;
  /** Output path as the manifest shows it (relative to the output folder). */
  outputName: string;
  bytes: Uint8Array;
  sha256: string;
  format: SourceFormat;
}

export function failedLine(input: string, error: string, sha256: string | null = null): ManifestLine {
  return { input, output: null, status: "failed", error: `${input}: ${error}`, template: null, findings: 0, errors: 0, warnings: 0, sha256, version: PIPELINE_VERSION };
}
