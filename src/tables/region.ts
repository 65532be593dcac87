import type { Finding, Locator } from "../schema/report.js";
import type { RuleId } from "../schema/rules.js";
import type { LogicalRow } from "./rows.js";

/** A row handed to one table's reader, with the table it sits in. */
export interface RegionRow {
  row: LogicalRow;
  /** Index of the table among the document's tables. */
  table: number;
  /** Index of the table block among all blocks. */
  block: number;
}

export function locate(region: RegionRow, column?: number): Locator {
  const line = region.row.cells[0]?.loc.line;
  const page = region.row.cells[0]?.loc.page;
  return {
    block: region.block,
    table: region.table,
    row: region.row.index,
    ...(column === undefined ? {} : { column }),
    ...(line === undefined ? {} : { line }),
    ...(page === undefined ? {} : { page }),
  };
}

/** Where a cell is: its own line or page when the reader knew it, else the row's. */
export function locateCell(region: RegionRow, cell: { col: number; loc: { line?: number; page?: number } }): Locator {
  const at = locate(region, cell.col);
  if (cell.loc.line !== undefined) at.line = cell.loc.line;
  if (cell.loc.page !== undefined) at.page = cell.loc.page;
  return at;
}

export function rowFinding(rule: RuleId, region: RegionRow, message: string, paths: string[] = []): Finding {
  return { rule, severity: "warning", paths, message, at: locate(region) };
}
