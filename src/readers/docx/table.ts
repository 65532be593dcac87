/**
 * Places the cells of a w:tbl on its grid. OOXML gives each cell's grid column implicitly: a row
 * first skips w:gridBefore columns, then each w:tc covers w:gridSpan columns. A vertically merged
 * cell is written as a w:vMerge="restart" cell followed, in the rows below, by w:vMerge continue
 * cells at the SAME grid column. Matching continue cells to the cell above by grid column, not by
 * their ordinal in the row, is what keeps merges in the right column when rows start with
 * w:gridBefore or cells span differently (converters that match by ordinal misplace them).
 */
import type { ReaderMessage, Table, TableCell } from "../document.js";
import { MAX_COLUMNS } from "../grid.js";
import { foldSpace } from "../normalize.js";
import { child, childAt, childElements, intVal, val, type XmlElement } from "./xml.js";

/** What the reader makes of one w:tc: its text and the tables nested in it (in reading order). */
export interface CellContent {
  text: string;
  nested: Table[];
}

/** Row and cell containers that do not change the grid: content controls, custom XML, tracked insertions. */
const ROW_AND_CELL_WRAPPERS = new Set(["w:sdt", "w:sdtContent", "w:customXml", "w:ins", "w:moveTo"]);

/**
 * Reads a w:tbl into the table itself followed by the tables nested in its cells. `readCell` reads a
 * cell's content (paragraphs and nested tables) in reading order.
 */
export function readTable(
  tbl: XmlElement,
  readCell: (tc: XmlElement) => CellContent,
  messages: ReaderMessage[],
): Table[] {
  const cells: TableCell[] = [];
  const nested: Table[] = [];
  /** The cell whose left edge is at each grid column and that reaches furthest down so far. */
  const lastAtColumn: TableCell[] = [];
  let rowCount = 0;
  const grid = child(tbl, "w:tblGrid");
  const gridColumns = grid ? childElements(grid).filter((element) => element.name === "w:gridCol").length : 0;
  let colCount = Math.min(gridColumns, MAX_COLUMNS);

  for (const tr of descendantsNamed(tbl, "w:tr")) {
    const trPr = child(tr, "w:trPr");
    if (child(trPr, "w:del")) continue; // a tracked row deletion: Word no longer shows the row
    const row = rowCount++;
    let col = Math.min(Math.max(0, intVal(child(trPr, "w:gridBefore")) ?? 0), MAX_COLUMNS);
    let previous: TableCell | undefined;
    for (const tc of descendantsNamed(tr, "w:tc")) {
      if (col >= MAX_COLUMNS) {
        messages.push({ code: "tableCut", message: `a table row is wider than ${MAX_COLUMNS} grid columns; the cells beyond are dropped` });
        break;
      }
      const tcPr = child(tc, "w:tcPr");
      const span = Math.max(1, Math.min(intVal(child(tcPr, "w:gridSpan")) ?? 1, MAX_COLUMNS - col));
      const content = readCell(tc);
      nested.push(...content.nested);

      const above = continuesVertically(tcPr) ? lastAtColumn[col] : undefined;
      if (above && above.row + above.rowSpan === row) {
        above.rowSpan++;
        above.text = joinText(above.text, content.text);
        previous = above;
      } else if (previous && continuesHorizontally(tcPr)) {
        previous.colSpan += span;
        previous.text = joinText(previous.text, content.text);
      } else {
        // A continue cell with nothing to continue is shown by Word as a cell of its own.
        const cell: TableCell = { text: content.text, row, col, rowSpan: 1, colSpan: span, loc: {} };
        cells.push(cell);
        lastAtColumn[col] = cell;
        previous = cell;
      }
      col += span;
    }
    col += Math.max(0, intVal(childAt(tr, "w:trPr", "w:gridAfter")) ?? 0);
    colCount = Math.max(colCount, Math.min(col, MAX_COLUMNS));
  }
  if (rowCount === 0) return [];
  return [{ kind: "table", cells, rowCount, colCount, loc: {} }, ...nested];
}

/** The text a table contributes to the cell that holds it: one line per row, cells separated by a space. */
export function tableText(table: Table): string {
  const lines: string[] = [];
  for (const cell of table.cells) {
    if (cell.text === "") continue;
    lines[cell.row] = lines[cell.row] === undefined ? cell.text : `${lines[cell.row]} ${cell.text}`;
  }
  return foldSpace(lines.join("\n"));
}

/** `<w:vMerge/>` and `<w:vMerge w:val="continue"/>` continue the merge above; "restart" opens one. */
function continuesVertically(tcPr: XmlElement | undefined): boolean {
  const vMerge = child(tcPr, "w:vMerge");
  return vMerge !== undefined && val(vMerge) !== "restart";
}

/** Legacy horizontal merge (w:hMerge), written by old Word instead of w:gridSpan. */
function continuesHorizontally(tcPr: XmlElement | undefined): boolean {
  const hMerge = child(tcPr, "w:hMerge");
  return hMerge !== undefined && val(hMerge) !== "restart";
}

function joinText(first: string, second: string): string {
  if (second === "") return first;
  return first === "" ? second : `${first}\n${second}`;
}

/** Children named `name`, looking through wrappers but never into nested tables. */
function* descendantsNamed(container: XmlElement, name: string): Generator<XmlElement> {
  for (const element of childElements(container)) {
    if (element.name === name) yield element;
    else if (ROW_AND_CELL_WRAPPERS.has(element.name)) yield* descendantsNamed(element, name);
  }
}
