import type { Finding } from "../schema/report.js";
import type { ReadingLookup } from "./lookup.js";
import { coreLabel, matchLabel } from "./match.js";
import { locateCell, type RegionRow, rowFinding } from "./region.js";
import { splitValues } from "./rows.js";
import { type ReadValue, cellValue } from "./values.js";

/**
 * 表三: every data row ends in the applicant columns, in the template's fixed order. The row is
 * named by its last label cell; group cells (三、本年度办理结果, （三）不予公开 …) only matter for a
 * row declared `under` a group (（六）3.其他, otherwise just "其他").
 */
export function readApplications(rows: RegionRow[], lookup: ReadingLookup["applications"], findings: Finding[]): ReadValue[] {
  const values: ReadValue[] = [];
  const seen = new Set<string>();
  let openGroup: string | undefined;
  for (const region of rows) {
    const split = splitValues(region.row, lookup.columns.length);
    if (!split) continue;
    const labels = split.labels.map((c) => c.text).filter((t) => t.trim() !== "");
    const leaf = labels[labels.length - 1];
    if (leaf === undefined) {
      if (!split.withText && split.values.some((c) => c.text.trim() !== "")) {
        findings.push(rowFinding("table.unlabelledRow", region, "表三 row with values but no label; not read"));
      }
      continue;
    }
    const groupsHere = new Set(labels.slice(0, -1).map(coreLabel));
    const rowKey = rowKeyOf(leaf, lookup, (group) => openGroup === group || groupsHere.has(group));
    if (rowKey === undefined) {
      // Text among the values and a label the template does not know: a header row, not data.
      if (!split.withText) findings.push(rowFinding("table.unknownRow", region, `表三 row "${leaf.replace(/\s+/g, "")}" matches no template row; not read`));
      continue;
    }
    const rowPath = `applications.${rowKey}`;
    openGroup = lookup.groupOf.get(rowKey);
    if (seen.has(rowPath)) {
      findings.push(rowFinding("table.duplicateRow", region, `表三 row "${leaf}" appears again; the first one is kept`, [rowPath]));
      continue;
    }
    seen.add(rowPath);
    split.values.forEach((cell, i) => {
      const column = lookup.columns[i]!;
      const label = `${leaf.replace(/\s+/g, "")} / ${column.label}`;
      values.push(cellValue({ path: `${rowPath}.${column.key}`, kind: column.kind, cell, label, at: locateCell(region, cell) }, findings));
    });
  }
  return values;
}

function rowKeyOf(leaf: string, lookup: ReadingLookup["applications"], inGroup: (group: string) => boolean): string | undefined {
  const core = coreLabel(leaf);
  const exact = lookup.rows.get(core);
  if (exact !== undefined) return exact;
  const grouped = lookup.underGroup.filter((row) => row.core === core);
  if (grouped.length > 0) return grouped.find((row) => inGroup(row.group))?.key;
  return matchLabel(leaf, lookup.rows)?.value;
}
