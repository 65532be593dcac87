import type { Block, ReaderMessage, Table } from "../document.js";
import { MAX_COLUMNS, placeRows, type RawCell } from "../grid.js";
import { foldSpace } from "../normalize.js";
import { walkContent } from "./content.js";
import { BLOCK_ELEMENTS, renderedWhiteSpace } from "./layout.js";
import type { HtmlElement } from "./tree.js";

/**
 * Tables nested deeper than this inside a table are not emitted on their own (their text still
 * stays in the outer cell). Each level re-reads the text below it, so the bound keeps hostile
 * nesting linear.
 */
const MAX_NESTED_TABLE_DEPTH = 4;

/**
 * The blocks for one <table>: its caption as a paragraph, the table, then each table nested in its
 * cells as a table of its own. Undefined when the table has at most one cell: that is layout (a
 * frame around text), and its content should be read as paragraphs.
 */
export function tableBlocks(
  element: HtmlElement,
  lineAt: (offset: number) => number,
  messages: ReaderMessage[],
): Block[] | undefined {
  const structure = tableStructure(element);
  if (!isDataTable(structure)) return undefined;
  const blocks: Block[] = [];
  const pending: { structure: TableStructure; depth: number }[] = [{ structure, depth: 0 }];
  while (pending.length > 0) {
    const { structure, depth } = pending.pop()!;
    if (structure.caption) {
      const text = cellText(structure.caption).text;
      if (text !== "") blocks.push({ kind: "paragraph", text, loc: { line: lineAt(structure.caption.start) } });
    }
    const { table, nested } = readTable(structure, lineAt, messages);
    blocks.push(table);
    if (depth >= MAX_NESTED_TABLE_DEPTH) continue;
    const inner = nested.map(tableStructure).filter(isDataTable);
    // Reversed onto the stack so they come out in document order, each followed by its own nested tables.
    for (let i = inner.length - 1; i >= 0; i--) pending.push({ structure: inner[i]!, depth: depth + 1 });
  }
  return blocks;
}

/** A table's rows of cell elements, found without reading the cells. */
interface TableStructure {
  element: HtmlElement;
  rows: HtmlElement[][];
  caption?: HtmlElement;
}

function isDataTable(structure: TableStructure): boolean {
  let cells = 0;
  for (const row of structure.rows) cells += row.length;
  return cells > 1;
}

function tableStructure(element: HtmlElement): TableStructure {
  const rows: HtmlElement[][] = [];
  let caption: HtmlElement | undefined;
  let row: HtmlElement[] | undefined;
  // thead/tbody/tfoot and other wrappers are walked through; cells outside any <tr> form a row of their own.
  walkContent(element, {
    enter(child) {
      if (child === element) return true;
      switch (child.name) {
        case "tr":
          row = [];
          rows.push(row);
          return true;
        case "td":
        case "th":
          if (!row) {
            row = [];
            rows.push(row);
          }
          row.push(child);
          return false;
        case "caption":
          caption ??= child;
          return false;
        case "table":
          return false;
        default:
          return true;
      }
    },
    leave(child) {
      if (child.name === "tr") row = undefined;
    },
  });
  return caption ? { element, rows, caption } : { element, rows };
}

/** Reads the cells and places them on the grid; also returns the tables directly inside the cells. */
function readTable(
  structure: TableStructure,
  lineAt: (offset: number) => number,
  messages: ReaderMessage[],
): { table: Table; nested: HtmlElement[] } {
  const nested: HtmlElement[] = [];
  const rawRows = structure.rows.map((cells) =>
    cells.map((cell): RawCell => {
      const { text, tables } = cellText(cell);
      for (const table of tables) nested.push(table);
      return {
        text,
        rowSpan: spanOf(cell, "rowspan"),
        colSpan: spanOf(cell, "colspan"),
        loc: { line: lineAt(cell.start) },
      };
    }),
  );
  const table = placeRows(rawRows, { line: lineAt(structure.element.start) });
  const dropped = rawRows.reduce((sum, cells) => sum + cells.length, 0) - table.cells.length;
  if (dropped > 0) {
    messages.push({
      code: "tableCut",
      message: `table wider than ${MAX_COLUMNS} columns: ${dropped} cells beyond the last column were dropped`,
      loc: table.loc,
    });
  }
  return { table, nested };
}

/**
 * A cell's text as shown: <br> and block children (<p>, <div>, a nested table's cells) start new
 * lines, then white space folds, so a cell holding only &nbsp; is blank. Also returns the tables
 * directly inside the cell.
 */
function cellText(cell: HtmlElement): { text: string; tables: HtmlElement[] } {
  const parts: string[] = [];
  const tables: HtmlElement[] = [];
  let tableDepth = 0;
  let preDepth = 0;
  walkContent(cell, {
    enter(element) {
      if (element === cell) return true;
      if (element.name === "br" || BLOCK_ELEMENTS.has(element.name)) parts.push("\n");
      if (element.name === "table" && tableDepth++ === 0) tables.push(element);
      if (element.name === "pre") preDepth++;
      return true;
    },
    leave(element) {
      if (element === cell) return;
      if (BLOCK_ELEMENTS.has(element.name)) parts.push("\n");
      if (element.name === "table") tableDepth--;
      if (element.name === "pre") preDepth--;
    },
    text(node) {
      parts.push(renderedWhiteSpace(node.text, preDepth > 0));
    },
  });
  return { text: foldSpace(parts.join("")), tables };
}

function spanOf(cell: HtmlElement, name: "rowspan" | "colspan"): number | undefined {
  const value = Number.parseInt(cell.attrs.get(name) ?? "", 10);
  return Number.isNaN(value) ? undefined : value;
}
