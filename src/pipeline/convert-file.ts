import type { Report } from "../schema/report.js";
import { writeFileAtomic } from "../writers/files.js";
import type { ManifestLine } from "../writers/manifest.js";
import { convertBytes } from "./convert.js";
import { PIPELINE_VERSION } from "./version.js";

/** One unit of batch work: the bytes are read (and hashed) by the batch, converted here. */
export interface FileTask {
  input: string;
  /** Absolute output path of the report JSON. */
  output: string;
  /** Output path as the manifest shows it (relative to the output folder). */
  outputName: string;
  bytes: Uint8Array;
  sha256: string;
}

/** Converts one input and writes its JSON; never throws: every outcome is a manifest line. */
export async function convertTask(task: FileTask): Promise<ManifestLine> {
  const { input, sha256 } = task;
  let report: Report;
  try {
    report = await convertBytes(task.bytes, input);
  } catch (error) {
    return failedLine(input, (error as Error).message, sha256);
  }
  const outcome = { template: report.template, findings: report.findings.length, sha256, version: PIPELINE_VERSION };
  const reason = notAReport(report);
  if (reason) return { input, output: null, status: "skipped", error: reason, ...outcome };
  try {
    writeFileAtomic(task.output, `${JSON.stringify(report, null, 2)}\n`);
  } catch (error) {
    return failedLine(input, `cannot write ${task.outputName}: ${(error as Error).message}`, sha256);
  }
  return { input, output: task.outputName, status: "ok", ...outcome };
}

export function failedLine(input: string, error: string, sha256: string | null = null): ManifestLine {
  return { input, output: null, status: "failed", error: `${input}: ${error}`, template: null, findings: 0, sha256, version: PIPELINE_VERSION };
}

/** A document with no report title, no standard section and no template table is something else. */
function notAReport(report: Report): string | undefined {
  if (report.template !== null || report.meta.title !== null) return undefined;
  if (report.sections.some((s) => s.key !== undefined)) return undefined;
  return "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四";
}
