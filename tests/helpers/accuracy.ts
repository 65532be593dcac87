import type { Report } from "../../src/schema/report.js";
import { TEMPLATES } from "../../src/template/index.js";
import { flatValues } from "./paths.js";
import { type Transcription, transcribedValues } from "./transcription.js";

/** How nianbao's reading of one report compares with a person's transcription of it, cell by cell. */
export interface Score {
  right: number;
  /** Left null under a finding (state unread, or a row the reader says it did not find). */
  abstained: string[];
  /** A number that differs from print, a number where print has none, or a silent null: must be none. */
  wrong: string[];
  templateRight: boolean;
  /** Relation findings (errors) whose relation the transcribed cells satisfy: a break nianbao made up. Must be none. */
  falseFindings: string[];
  /** Relation findings that are real breaks of the printed tables. */
  realFindings: number;
  meta: { field: string; right: boolean }[];
}

export function score(report: Report, transcription: Transcription): Score {
  const values = flatValues(report);
  const result: Score = { right: 0, abstained: [], wrong: [], templateRight: report.template === transcription.template, falseFindings: [], realFindings: 0, meta: [] };
  const printedValues = transcribedValues(transcription);
  const relations = report.template === null ? [] : (TEMPLATES.get(report.template)?.relations ?? []);
  for (const finding of report.findings) {
    const relation = relations.find((r) => r.rule === finding.rule && [...r.left, ...r.right].every((p) => finding.paths.includes(p)));
    if (!relation) continue;
    const sum = (paths: readonly string[]) => paths.reduce((total, p) => total + (printedValues.get(p) ?? 0), 0);
    if (Math.abs(sum(relation.left) - sum(relation.right)) < 1e-9) result.falseFindings.push(finding.message);
    else result.realFindings++;
  }
  const notFound = new Set(report.findings.filter((f) => f.rule === "table.unknownRow").flatMap((f) => f.paths));
  for (const [path, printed] of printedValues) {
    const read = values.get(path);
    const state = report.provenance[path]?.state;
    if (read === printed || (typeof read === "number" && typeof printed === "number" && Math.abs(read - printed) < 1e-9)) result.right++;
    else if (read === null && (state === "unread" || (state === "absent" && notFound.has(path.slice(0, path.lastIndexOf("."))))))
      result.abstained.push(path);
    else result.wrong.push(`${path}: read ${read} (${state}), printed ${printed}`);
  }
  for (const field of ["title", "issuer", "year", "publishDate"] as const) {
    if (transcription.meta) result.meta.push({ field, right: report.meta[field] === transcription.meta[field] });
  }
  return result;
}
