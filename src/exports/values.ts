import type { Report } from "../schema/report.js";

/** One canonical value of a report, with the text it was read from: the row of the tidy exports. */
export interface ValueRow {
  path: string;
  value: number | null;
  raw: string | null;
  unit: string | null;
}

/**
 * Every canonical leaf of report.tables (not the generic grids under `other`), in the order the
 * schema nests them. The tables are walked rather than the template's field list because a report
 * may print the other template's form of a row (2019's one-row （六）其他处理 in a 2021 report).
 */
export function valueRows(report: Report): ValueRow[] {
  const rows: ValueRow[] = [];
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}.${key}`;
      if (value !== null && typeof value === "object") walk(value, path);
      else if (typeof value === "number" || value === null) {
        const provenance = report.provenance[path];
        rows.push({ path, value, raw: provenance?.raw ?? null, unit: provenance?.unit ?? null });
      }
    }
  };
  const { other: _genericGrids, ...canonical } = report.tables;
  for (const [table, node] of Object.entries(canonical)) if (node) walk(node, table);
  return rows;
}
