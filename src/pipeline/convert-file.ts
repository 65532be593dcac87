import { ReaderError } from "../readers/document.js";
import type { Report } from "../schema/report.js";
import { notAReport } from "../structure/report-kind.js";
import { writeFileAtomic } from "../writers/files.js";
import type { ManifestLine } from "../writers/manifest.js";
import { convertBytes, InvalidOutputError } from "./convert.js";
import { type FileTask, failedLine } from "./task.js";
import { PIPELINE_VERSION } from "./version.js";

/** Converts one input and writes its JSON; never throws: every outcome is a manifest line. */
export async function convertTask(task: FileTask): Promise<ManifestLine> {
  const { input, output, outputName, bytes, sha256, ...options } = task;
  await stallIfAsked(input);
  let report: Report;
  try {
    report = await convertBytes(bytes, input, { ...options, sha256 });
  } catch (error) {
    return failedLine(input, conversionError(error), sha256);
  }
  const via = report.source.via;
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const outcome = {
    template: report.template,
    findings: report.findings.length,
    errors,
    warnings: report.findings.length - errors,
    sha256,
    version: PIPELINE_VERSION,
    ...(via ? { via } : {}),
  };
  const reason = notAReport(report, input);
  if (reason) return { input, output: null, status: "skipped", error: `${input}: ${reason}`, ...outcome };
  try {
    // Compact, as pandoc's JSON is: a third smaller than indented (79 against 110 KB for a report
    // with its provenance), so an archive's output is written and read back by exports that much faster.
    writeFileAtomic(output, `${JSON.stringify(report)}\n`);
  } catch (error) {
    return failedLine(input, `cannot write ${outputName}: ${(error as Error).message}`, sha256);
  }
  return { input, output: outputName, status: "ok", ...outcome };
}

/**
 * What a user is told when conversion throws: a reader's own words for a file it cannot read; for
 * anything else (a bug met on this file), that it is one, with the exception, so it gets reported.
 */
function conversionError(error: unknown): string {
  if (error instanceof ReaderError) {
    return error.code === "docx.overCap" ? `${error.message} (--max-inflated-bytes sets the cap)` : error.message;
  }
  if (error instanceof InvalidOutputError) return error.message;
  const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
  return `internal error (${name}: ${message}); please report this file`;
}

/**
 * A file that never finishes, by construction, for the tests of --timeout: with NIANBAO_STALL_ON set,
 * an input whose path contains it waits forever, so only the timeout ends it, on any machine, however
 * fast (a genuinely slow input converted in under the limit on a fast machine).
 */
async function stallIfAsked(input: string): Promise<void> {
  const marker = process.env.NIANBAO_STALL_ON;
  if (marker && input.includes(marker)) await new Promise<never>(() => {});
}
