import { readFileSync, statSync } from "node:fs";
import { join, normalize, relative, sep } from "node:path";
import type { Report } from "../schema/report.js";
import { writeFileAtomic } from "../writers/files.js";
import { type ManifestLine, ManifestWriter } from "../writers/manifest.js";
import { convertBytes } from "./convert.js";
import { walkInputs } from "./inputs.js";

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  /** Inputs larger than this fail without being read. */
  maxInputBytes?: number;
  onResult?: (line: ManifestLine) => void;
}

export interface BatchSummary {
  ok: number;
  failed: number;
  skipped: number;
}

export const DEFAULT_MAX_INPUT_BYTES = 100 * 1024 * 1024;

/**
 * Converts every input, one bad file never stopping the run: each input ends as exactly one manifest
 * line (ok, failed or skipped) and, when converted, one JSON file under outDir.
 */
export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const manifest = new ManifestWriter(join(options.outDir, "manifest.jsonl"));
  const summary: BatchSummary = { ok: 0, failed: 0, skipped: 0 };
  const taken = new Set<string>();
  for (const input of walkInputs(options.inputs)) {
    const line = "error" in input ? failed(input.path, input.error) : await convertOne(input.path, outputPathFor(input.relative, options.outDir, taken), options);
    manifest.append(line);
    summary[line.status]++;
    options.onResult?.(line);
  }
  return summary;
}

async function convertOne(input: string, output: string, options: BatchOptions): Promise<ManifestLine> {
  let bytes: Uint8Array;
  try {
    const size = statSync(input).size;
    const cap = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
    if (size > cap) return failed(input, `file is ${size} bytes, over the ${cap}-byte limit (--max-bytes)`);
    bytes = readFileSync(input);
  } catch (error) {
    return failed(input, `cannot read the file: ${(error as Error).message}`);
  }
  let report: Report;
  try {
    report = await convertBytes(bytes, input);
  } catch (error) {
    return failed(input, (error as Error).message);
  }
  const outcome = { template: report.template, findings: report.findings.length, sha256: report.source.sha256 };
  const reason = notAReport(report);
  if (reason) return { input, output: null, status: "skipped", error: reason, ...outcome };
  writeFileAtomic(output, `${JSON.stringify(report, null, 2)}\n`);
  return { input, output: relative(options.outDir, output), status: "ok", ...outcome };
}

function failed(input: string, error: string): ManifestLine {
  return { input, output: null, status: "failed", error: `${input}: ${error}`, template: null, findings: 0, sha256: null };
}

/** A document with no report title, no standard section and no template table is something else. */
function notAReport(report: Report): string | undefined {
  if (report.template !== null || report.meta.title !== null) return undefined;
  if (report.sections.some((s) => s.key !== undefined)) return undefined;
  return "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四";
}

/**
 * The output keeps the input's relative path (so same-named files in different folders stay apart),
 * never climbs out of outDir, and two inputs mapping to one name get distinct names.
 */
function outputPathFor(relativeInput: string, outDir: string, taken: Set<string>): string {
  const safe = normalize(relativeInput)
    .split(sep)
    .filter((part) => part !== ".." && part !== "." && part !== "")
    .map((part) => (Buffer.byteLength(part) > 200 ? `${Buffer.from(part).subarray(0, 180).toString("utf8").replace(/\uFFFD+$/, "")}~` : part))
    .join(sep);
  let candidate = `${safe}.json`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${safe}~${n}.json`;
  taken.add(candidate);
  return join(outDir, candidate);
}
