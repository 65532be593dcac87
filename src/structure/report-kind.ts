import { extname } from "node:path";
import type { Report } from "../schema/report.js";
import { REPORT_TITLE } from "./meta.js";

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
