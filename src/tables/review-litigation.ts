import type { Finding } from "../schema/report.js";
import type { ReadingLookup } from "./lookup.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { splitValues } from "./rows.js";
import { type ReadValue, cellValue } from "./values.js";

/** 表四: two header levels over one data row holding every group's columns, in the template's fixed order. */
export function readReviewLitigation(rows: RegionRow[], lookup: ReadingLookup["reviewLitigation"], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  const width = lookup.rows.length * lookup.columns.length;
  for (const region of rows) {
    const split = splitValues(region.row, width);
    if (!split) continue;
    if (values.length > 0) {
      findings.push(rowFinding("table.duplicateRow", region, "表四 has a second data row; the first one is kept"));
      break;
    }
    split.values.forEach((cell, i) => {
      const group = lookup.rows[Math.floor(i / lookup.columns.length)]!;
      const column = lookup.columns[i % lookup.columns.length]!;
      const path = `reviewLitigation.${group.key}.${column.key}`;
      values.push(cellValue({ path, kind: column.kind, cell, label: `${group.label} / ${column.label}`, at: locateCell(region, cell) }, findings));
    });
  }
  return values;
}
