import { extname } from "node:path";
import { ReaderError } from "../readers/document.js";
import type { Report } from "../schema/report.js";
import { writeFileAtomic } from "../writers/files.js";
import type { ManifestLine } from "../writers/manifest.js";
import { convertBytes, InvalidOutputError } from "./convert.js";
import { type FileTask, failedLine } from "./task.js";
import { PIPELINE_VERSION } from "./version.js";

/** Converts one input and writes its JSON; never throws: every outcome is a manifest line. */
export async function convertTask(task: FileTask): Promise<ManifestLine> {
  const { input, output, outputName, bytes, sha256, ...options } = task;
  let report: Report;
  try {
    report = await convertBytes(bytes, input, { ...options, sha256 });
  } catch (error) {
    return failedLine(input, conversionError(error), sha256);
  }
  const via = report.source.via;
  const outcome = { template: report.template, findings: report.findings.length, sha256, version: PIPELINE_VERSION, ...(via ? { via } : {}) };
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
    const capped = error.code === "docx.tooLarge" && error.message.includes("(the cap");
    return capped ? `${error.message} (--max-inflated-bytes sets the cap)` : error.message;
  }
  if (error instanceof InvalidOutputError) return error.message;
  const { name, message } = error instanceof Error ? error : { name: "Error", message: String(error) };
  return `internal error (${name}: ${message}); please report this file`;
}

/** Words of a report title: 政府信息公开工作年度报告 and its variants. */
const REPORT_TITLE = /(政府信息公开|政务公开).{0,6}(年度报告|年报|工作报告)/;

/**
 * Tells a report from everything else an archive holds (news, notices, budget tables, READMEs): a
 * report has the template's tables, or several of the standard sections (总体情况, 主动公开…), or a
 * report title with at least one standard section or a statistics table. A page title alone proves
 * nothing: every news page has one. Returns why the document is not a report, or undefined.
 */
export function notAReport(report: Report, fileName = ""): string | undefined {
  if (report.template !== null) return undefined;
  const sections = countStandardSections(report.sections);
  if (sections >= 2) return undefined;
  const reportTitle = report.meta.title !== null && REPORT_TITLE.test(report.meta.title);
  if (reportTitle && (sections >= 1 || report.tables.other.length > 0)) return undefined;
  const read = readAs(report, fileName);
  if (reportTitle) {
    return `not an annual report: the title “${report.meta.title}” names one, but there is no standard section (总体情况…) and no table (an announcement or interpretation page?)${read}`;
  }
  const seen = sections === 1 ? "only one standard section (总体情况…)" : "no standard section (总体情况…)";
  return `not an annual report: no report title, ${seen} and no 表二/表三/表四${read}`;
}

function countStandardSections(sections: Report["sections"]): number {
  const keys = new Set<string>();
  const walk = (list: Report["sections"]) => {
    for (const section of list) {
      if (section.key !== undefined) keys.add(section.key);
      walk(section.children);
    }
  };
  walk(sections);
  return keys.size;
}

const FORMAT_NAMES: Record<string, string> = { text: "plain text", html: "HTML", docx: ".docx", pdf: "PDF", doc: ".doc" };
const EXTENSION_FORMATS: Record<string, string> = { ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".html": "html", ".htm": "html" };

/** " (read as plain text: the name says .docx, the content does not)" when name and content disagree. */
function readAs(report: Report, fileName: string): string {
  const extension = extname(fileName).toLowerCase();
  const named = EXTENSION_FORMATS[extension];
  const format = report.source.format;
  if (named === undefined || named === format) return "";
  return ` (read as ${FORMAT_NAMES[format] ?? format}: the name says ${extension}, the content does not)`;
}
