import type { Table } from "../readers/document.js";
import { gridOf } from "../readers/grid.js";
import type { GenericTable } from "../schema/tables.js";
import { readCell } from "./number.js";

/** A table the template does not know, as a plain grid: kept whole, never dropped. */
export function genericTable(table: Table, block: number, caption: string | null): GenericTable {
  const rows = gridOf(table).map((slots) => slots.map((cell) => cell?.text ?? ""));
  const firstData = rows.findIndex((row) => row.some((text) => readCell(text).kind === "number"));
  return { block, caption, headerRows: firstData < 0 ? rows.length : firstData, rows };
}
