import type { Table, TableCell } from "../readers/document.js";
import { gridOf } from "../readers/grid.js";
import { type CellReading, readCell } from "./number.js";

/** One grid row seen as a person reads it: the distinct cells across it, left to right. */
export interface LogicalRow {
  /** Grid row index. */
  index: number;
  /** Every distinct cell covering this row, in slot order (cells merged from above included). */
  cells: TableCell[];
  /** Only the cells that start in this row. */
  own: TableCell[];
}

export function logicalRows(table: Table): LogicalRow[] {
  return gridOf(table).map((slots, index) => {
    const cells: TableCell[] = [];
    for (const cell of slots) if (cell && cells[cells.length - 1] !== cell && !cells.includes(cell)) cells.push(cell);
    return { index, cells, own: cells.filter((c) => c.row === index) };
  });
}

/** Text of the whole row with no white space, for marker searches. */
export function rowText(row: LogicalRow): string {
  return row.cells.map((c) => c.text.replace(/\s+/g, "")).join("");
}

/** A value cell: a number, blank or placeholder; text means the row is a header or a label. */
export function isValueLike(reading: CellReading): boolean {
  return reading.kind !== "text";
}

/**
 * The last `count` cells of the row when they read as values (the template tables put the numbers
 * right of the labels), with the label cells before them; undefined for header rows. A row whose
 * values hold some text (见附表 in a cell) but also a number is split too, marked `withText`: the
 * caller decides by its label whether it is a data row, whose text cells are then unreadable values.
 */
export function splitValues(row: LogicalRow, count: number): { labels: TableCell[]; values: TableCell[]; withText: boolean } | undefined {
  if (row.cells.length < count) return undefined;
  const values = row.cells.slice(row.cells.length - count);
  if (!values.every((c) => c.row === row.index)) return undefined;
  const readings = values.map((c) => readCell(c.text));
  const withText = !readings.every(isValueLike);
  if (withText && !readings.some((r) => r.kind === "number")) return undefined;
  return { labels: row.cells.slice(0, row.cells.length - count), values, withText };
}
