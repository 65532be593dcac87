import type { Report, ValueState } from "../schema/report.js";

/**
 * A report's canonical values with the text each was read from, as parallel columns (entry i of
 * each is one value): the rows of the tidy exports. Columns rather than one object per value
 * because a worker thread posts them, and four arrays cost a fifth of 200 objects to copy over.
 */
export interface ValueColumns {
  path: string[];
  value: (number | null)[];
  raw: (string | null)[];
  unit: (string | null)[];
  state: ValueState[];
}

/**
 * Every canonical leaf of report.tables (not the generic grids under `other`), in the order the
 * schema nests them. The tables are walked rather than the template's field list because a report
 * may print the other template's form of a row (2019's one-row （六）其他处理 in a 2021 report).
 */
export function valueColumns(report: Report): ValueColumns {
  const columns: ValueColumns = { path: [], value: [], raw: [], unit: [], state: [] };
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}.${key}`;
      if (value !== null && typeof value === "object") walk(value, path);
      else if (typeof value === "number" || value === null) {
        const provenance = report.provenance[path];
        columns.path.push(path);
        columns.value.push(value);
        columns.raw.push(provenance?.raw ?? null);
        columns.unit.push(provenance?.unit ?? null);
        columns.state.push(provenance?.state ?? "absent");
      }
    }
  };
  const { other: _genericGrids, ...canonical } = report.tables;
  for (const [table, node] of Object.entries(canonical)) if (node) walk(node, table);
  return columns;
}

/** The value under a path: null when blank, undefined when the report has no such path or left it unread. */
export function valueAt(columns: ValueColumns, path: string): number | null | undefined {
  const index = columns.path.indexOf(path);
  return index < 0 || columns.state[index] === "unread" ? undefined : columns.value[index];
}
