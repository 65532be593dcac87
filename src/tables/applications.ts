import { fieldsOf, TEMPLATE_VERSIONS } from "../schema/fields.js";
import type { Finding } from "../schema/report.js";
import { APPLICANT_COLUMNS } from "../schema/tables.js";
import { OTHER_HANDLING_GROUP } from "./labels.js";
import { coreLabel, matchLabel } from "./match.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { splitValues } from "./rows.js";
import { type ReadValue, cellValue } from "./values.js";

const COLUMN_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
const OTHER_HANDLING = "applications.results.otherHandling";

/** 表三 row labels (core form) → row path, from the canonical labels of every template version. */
const ROWS: ReadonlyMap<string, string> = (() => {
  const rows = new Map<string, string>();
  for (const template of TEMPLATE_VERSIONS) {
    for (const field of fieldsOf(template)) {
      if (!field.path.startsWith("applications.")) continue;
      const core = coreLabel(field.row);
      // Both need the row's group to be told apart; see rowPathOf.
      if (core === "其他" || core === OTHER_HANDLING_GROUP) continue;
      rows.set(core, field.path.slice(0, field.path.lastIndexOf(".")));
    }
  }
  return rows;
})();

/**
 * 表三: every data row ends in the seven applicant columns, in the template's fixed order. The row is
 * named by its last label cell; group cells (三、本年度办理结果, （三）不予公开 …) only matter for
 * （六）, whose sub-row "3.其他" is otherwise just "其他".
 */
export function readApplications(rows: RegionRow[], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  const seen = new Set<string>();
  let inOtherHandling = false;
  for (const region of rows) {
    const split = splitValues(region.row, APPLICANT_COLUMNS.length);
    if (!split) continue;
    const labels = split.labels.map((c) => c.text).filter((t) => t.trim() !== "");
    const leaf = labels[labels.length - 1];
    if (leaf === undefined) {
      if (!split.withText && split.values.some((c) => c.text.trim() !== "")) {
        findings.push(rowFinding("table.unlabelledRow", region, "表三 row with values but no label; not read"));
      }
      continue;
    }
    const groupHere = labels.slice(0, -1).some((t) => coreLabel(t) === OTHER_HANDLING_GROUP);
    const rowPath = rowPathOf(leaf, inOtherHandling || groupHere);
    if (rowPath === undefined) {
      // Text among the values and a label the template does not know: a header row, not data.
      if (!split.withText) findings.push(rowFinding("table.unknownRow", region, `表三 row "${leaf.replace(/\s+/g, "")}" matches no template row; not read`));
      continue;
    }
    inOtherHandling = rowPath.startsWith(OTHER_HANDLING) && !rowPath.endsWith(".total");
    if (seen.has(rowPath)) {
      findings.push(rowFinding("table.duplicateRow", region, `表三 row "${leaf}" appears again; the first one is kept`, [rowPath]));
      continue;
    }
    seen.add(rowPath);
    split.values.forEach((cell, i) => {
      const column = APPLICANT_COLUMNS[i]!;
      const label = `${leaf.replace(/\s+/g, "")} / ${COLUMN_LABELS[i]}`;
      values.push(cellValue({ path: `${rowPath}.${column}`, cell, label, at: locateCell(region, cell) }, findings));
    });
  }
  return values;
}

function rowPathOf(leaf: string, underOtherHandling: boolean): string | undefined {
  const core = coreLabel(leaf);
  if (core === OTHER_HANDLING_GROUP) return `${OTHER_HANDLING}.total`;
  if (core === "其他") return underOtherHandling ? `${OTHER_HANDLING}.other` : undefined;
  return matchLabel(leaf, ROWS)?.value;
}
