import { decodeBytes } from "../decode.js";
import type { Block, Document } from "../document.js";
import { placeRows, type RawCell } from "../grid.js";
import { foldSpace } from "../normalize.js";
import { splitCrawlerHeader } from "./crawled.js";
import { splitRunOn } from "./paragraphs.js";

/**
 * Plain text as copied from a report page: paragraphs one per line, tables flattened to one cell per
 * tab-led line with a blank line between rows (blank cells are a tab and white space). A line with no
 * tab right after a cell line continues that cell (a label wrapped in the source).
 */
export function readText(bytes: Uint8Array): Document {
  const { text, encoding } = decodeBytes(bytes);
  const allLines = text.split(/\r\n|\r|\n/);
  const crawled = splitCrawlerHeader(allLines);
  const lines = crawled?.body ?? allLines;
  const lineOffset = crawled?.offset ?? 0;
  const blocks: Block[] = [];
  let rows: RawCell[][] = [];
  let row: RawCell[] = [];
  let tableLine = 0;
  let previousWasCell = false;

  const endRow = () => {
    if (row.length > 0) rows.push(row);
    row = [];
  };
  const endTable = () => {
    endRow();
    if (rows.length > 0) blocks.push(placeRows(rows, { line: tableLine }));
    rows = [];
  };

  lines.forEach((line, i) => {
    const lineNumber = lineOffset + i + 1;
    if (line.startsWith("\t")) {
      if (rows.length === 0 && row.length === 0) tableLine = lineNumber;
      row.push({ text: foldSpace(line), loc: { line: lineNumber } });
      previousWasCell = true;
      return;
    }
    if (line.trim() === "") {
      endRow();
      previousWasCell = false;
      return;
    }
    const last = row[row.length - 1];
    if (previousWasCell && last) {
      last.text = foldSpace(`${last.text}\n${line}`);
      return;
    }
    endTable();
    for (const part of splitRunOn(line)) blocks.push({ kind: "paragraph", text: foldSpace(part), loc: { line: lineNumber } });
  });
  endTable();
  return { format: "text", encoding, blocks, properties: crawled?.properties ?? {}, messages: [], ...(crawled ? { via: "crawler page text" } : {}) };
}
