import type { Table, TableCell } from "../document.js";
import type { PlacedTable } from "./cells.js";
import { clusterValues } from "./geometry.js";

/** Cell edges this close (points) are one grid line. */
const SAME_EDGE = 2;
/** Outer edges of two tables on consecutive pages this close: the second continues the first. */
const SAME_OUTLINE = 3;

/**
 * A table that runs over a page break is printed as a part per page. The next page's part
 * continues it when it is the first thing on that page, the previous part was the last thing on
 * its page, and their outer left and right edges line up (the column lines inside may differ:
 * 表二's blocks have two or four columns).
 */
export function continues(previous: PlacedTable, next: PlacedTable): boolean {
  return (
    next.page === previous.page + 1 &&
    Math.abs(previous.box.x0 - next.box.x0) <= SAME_OUTLINE &&
    Math.abs(previous.box.x1 - next.box.x1) <= SAME_OUTLINE
  );
}

/**
 * The parts of one table as a Document table: the parts are stacked, and the grid is rebuilt from
 * every cell edge, so a column line that only some rows have splits the others into merged cells.
 */
export function toTable(parts: PlacedTable[]): Table {
  let offset = 0;
  const stacked = parts.flatMap((part) => {
    const shift = offset - part.box.top;
    offset += part.box.bottom - part.box.top;
    return part.cells.map((cell) => ({ ...cell, page: part.page, top: cell.box.top + shift, bottom: cell.box.bottom + shift }));
  });
  const xs = clusterValues(stacked.flatMap((c) => [c.box.x0, c.box.x1]), SAME_EDGE);
  const ys = clusterValues(stacked.flatMap((c) => [c.top, c.bottom]), SAME_EDGE);
  const cells: TableCell[] = stacked
    .map((cell) => {
      const col = nearest(xs, cell.box.x0);
      const row = nearest(ys, cell.top);
      return {
        text: cell.text,
        row,
        col,
        rowSpan: Math.max(1, nearest(ys, cell.bottom) - row),
        colSpan: Math.max(1, nearest(xs, cell.box.x1) - col),
        loc: { page: cell.page },
      };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { kind: "table", cells, rowCount: Math.max(1, ys.length - 1), colCount: Math.max(1, xs.length - 1), loc: { page: parts[0]!.page } };
}

function nearest(lines: number[], value: number): number {
  let best = 0;
  for (let i = 1; i < lines.length; i++) if (Math.abs(lines[i]! - value) < Math.abs(lines[best]! - value)) best = i;
  return best;
}
