import type { SourceLocation, Table, TableCell } from "./document.js";

/** A cell as markup gives it: no grid position yet, only its spans. */
export interface RawCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
  loc?: SourceLocation;
}

/**
 * Places HTML-style rows on a grid: each cell takes the next slot not already covered by a rowspan
 * from above. (The docx reader places cells itself, because OOXML gives explicit grid columns.)
 */
export function placeRows(rows: RawCell[][], loc: SourceLocation): Table {
  const covered: boolean[][] = [];
  const cells: TableCell[] = [];
  let colCount = 0;
  const isCovered = (r: number, c: number) => covered[r]?.[c] === true;
  const cover = (r: number, c: number) => {
    let line = covered[r];
    if (!line) {
      line = [];
      covered[r] = line;
    }
    line[c] = true;
  };
  rows.forEach((row, r) => {
    let c = 0;
    for (const raw of row) {
      while (isCovered(r, c)) c++;
      // Cells past the grid's width are dropped, not placed one by one: 10,000 cells in one row
      // would otherwise make every gridOf row 10,000 wide.
      if (c >= MAX_COLUMNS) break;
      const rowSpan = clampSpan(raw.rowSpan, rows.length - r);
      const colSpan = clampSpan(raw.colSpan, MAX_COLUMNS - c);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) cover(r + dr, c + dc);
      cells.push({ text: raw.text, row: r, col: c, rowSpan, colSpan, loc: raw.loc ?? loc });
      c += colSpan;
      colCount = Math.max(colCount, c);
    }
  });
  return { kind: "table", cells, rowCount: rows.length, colCount, loc };
}

/** Upper bound on grid width; a hostile colspan must not allocate an unbounded grid. */
export const MAX_COLUMNS = 1000;

function clampSpan(span: number | undefined, room: number): number {
  if (span === undefined || !Number.isFinite(span) || span < 1) return 1;
  return Math.max(1, Math.min(Math.floor(span), room));
}

/** The grid view: every slot points at the cell covering it, or null where no cell does. */
export function gridOf(table: Table): (TableCell | null)[][] {
  const grid: (TableCell | null)[][] = Array.from({ length: table.rowCount }, () =>
    Array.from({ length: table.colCount }, () => null),
  );
  for (const cell of table.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan && r < table.rowCount; r++) {
      const line = grid[r]!;
      for (let c = cell.col; c < cell.col + cell.colSpan && c < table.colCount; c++) line[c] = cell;
    }
  }
  return grid;
}
