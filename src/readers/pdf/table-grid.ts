import type { Table, TableCell } from "../document.js";
import type { PlacedTable } from "./cells.js";
import { type Box, clusterValues } from "./geometry.js";

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

/** A cell with its box moved into the stacked parts' coordinates. */
interface StackedCell {
  box: Box;
  text: string;
  page: number;
}

/**
 * The parts of one table as a Document table: the parts are stacked, a merged cell cut by the page
 * break is made whole again, and the grid is rebuilt from every cell edge, so a column line that
 * only some rows have splits the others into merged cells.
 */
export function toTable(parts: PlacedTable[]): Table {
  let offset = 0;
  let stacked: StackedCell[] = [];
  parts.forEach((part, i) => {
    const shift = offset - part.box.top;
    const cells = part.cells.map((cell) => ({ ...cell, page: part.page, box: { ...cell.box, top: cell.box.top + shift, bottom: cell.box.bottom + shift } }));
    stacked = i === 0 ? cells : joinCutCells(stacked, cells, offset);
    offset += part.box.bottom - part.box.top;
  });
  const xs = clusterValues(stacked.flatMap((c) => [c.box.x0, c.box.x1]), SAME_EDGE);
  const ys = clusterValues(stacked.flatMap((c) => [c.box.top, c.box.bottom]), SAME_EDGE);
  const cells: TableCell[] = stacked
    .map((cell) => {
      const col = nearest(xs, cell.box.x0);
      const row = nearest(ys, cell.box.top);
      return {
        text: cell.text,
        row,
        col,
        rowSpan: Math.max(1, nearest(ys, cell.box.bottom) - row),
        colSpan: Math.max(1, nearest(xs, cell.box.x1) - col),
        loc: { page: cell.page },
      };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { kind: "table", cells, rowCount: Math.max(1, ys.length - 1), colCount: Math.max(1, xs.length - 1), loc: { page: parts[0]!.page } };
}

/**
 * A cell merged over several rows that the page break cuts (the vertical group label 三、本年度办理结果,
 * （四）无法提供) leaves an empty cell in the same columns at the top of the next part: that cell is
 * the rest of it. Only merged cells are extended, so an empty value cell under a number stays apart.
 */
function joinCutCells(before: StackedCell[], after: StackedCell[], seam: number): StackedCell[] {
  const atSeam = (y: number) => Math.abs(y - seam) <= SAME_EDGE;
  const lastRowTop = Math.max(...before.filter((c) => atSeam(c.box.bottom)).map((c) => c.box.top));
  const sameColumns = (a: Box, b: Box) => Math.abs(a.x0 - b.x0) <= SAME_EDGE && Math.abs(a.x1 - b.x1) <= SAME_EDGE;
  const rest = new Set<StackedCell>();
  const joined = before.map((cell) => {
    const cutMerge = atSeam(cell.box.bottom) && cell.box.top < lastRowTop - SAME_EDGE;
    const remainder = cutMerge ? after.find((c) => atSeam(c.box.top) && c.text === "" && sameColumns(c.box, cell.box)) : undefined;
    if (!remainder) return cell;
    rest.add(remainder);
    return { ...cell, box: { ...cell.box, bottom: remainder.box.bottom } };
  });
  return [...joined, ...after.filter((c) => !rest.has(c))];
}

function nearest(lines: number[], value: number): number {
  let best = 0;
  for (let i = 1; i < lines.length; i++) if (Math.abs(lines[i]! - value) < Math.abs(lines[best]! - value)) best = i;
  return best;
}
