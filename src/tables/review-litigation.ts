import type { Finding } from "../schema/report.js";
import { OUTCOME_COLUMNS } from "../schema/tables.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { splitValues } from "./rows.js";
import { type ReadValue, cellValue } from "./values.js";

const GROUPS = [
  { key: "review", label: "行政复议" },
  { key: "litigationDirect", label: "行政诉讼·未经复议直接起诉" },
  { key: "litigationAfterReview", label: "行政诉讼·复议后起诉" },
] as const;
const OUTCOME_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
const WIDTH = GROUPS.length * OUTCOME_COLUMNS.length;

/** 表四: two header levels over one data row of fifteen numbers, in the template's fixed order. */
export function readReviewLitigation(rows: RegionRow[], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  for (const region of rows) {
    const split = splitValues(region.row, WIDTH);
    if (!split) continue;
    if (values.length > 0) {
      findings.push(rowFinding("table.duplicateRow", region, "表四 has a second data row; the first one is kept"));
      break;
    }
    split.values.forEach((cell, i) => {
      const group = GROUPS[Math.floor(i / OUTCOME_COLUMNS.length)]!;
      const outcome = i % OUTCOME_COLUMNS.length;
      const path = `reviewLitigation.${group.key}.${OUTCOME_COLUMNS[outcome]}`;
      const label = `${group.label} / ${OUTCOME_LABELS[outcome]}`;
      values.push(cellValue({ path, cell, label, at: locateCell(region, cell) }, findings));
    });
  }
  return values;
}
