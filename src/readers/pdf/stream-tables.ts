import type { TextPiece } from "./geometry.js";
import { cellText, type PlacedCell, type PlacedTable } from "./cells.js";
import type { TextLine } from "./text-lines.js";

/** A gap this many font sizes wide inside a line separates two columns. */
const COLUMN_GAP = 1.5;
/** Lines with this many columns look like table rows; a table needs two of them in a run. */
const ROW_COLUMNS = 3;
const MIN_ROWS = 2;

/**
 * Tables drawn without ruling lines, found from the text alone: a run of consecutive lines that each
 * break into two or more widely spaced chunks, at least two of them into three or more. Columns are
 * the x bands where chunks overlap across the run; every line is a row. This is the fallback for
 * PDFs without rules, so it only builds a plain grid (no merged cells).
 */
export function findStreamTables(lines: TextLine[], page: number): { tables: PlacedTable[]; rest: TextLine[] } {
  const chunked = lines.map((line) => ({ line, chunks: chunksOf(line) }));
  const tables: PlacedTable[] = [];
  const rest: TextLine[] = [];
  for (let i = 0; i < chunked.length; ) {
    let end = i;
    while (end < chunked.length && chunked[end]!.chunks.length >= 2) end++;
    const run = chunked.slice(i, end);
    if (run.filter((r) => r.chunks.length >= ROW_COLUMNS).length >= MIN_ROWS) {
      tables.push(gridOf(run, page));
      i = end;
    } else {
      rest.push(chunked[i]!.line);
      i++;
    }
  }
  return { tables, rest };
}

/** A line's pieces cut at white space, then regrouped where the gaps are narrow. */
function chunksOf(line: TextLine): TextPiece[][] {
  const words = line.pieces.flatMap(wordsOf);
  const chunks: TextPiece[][] = [];
  for (const word of words) {
    const chunk = chunks[chunks.length - 1];
    const last = chunk?.[chunk.length - 1];
    if (chunk && last && word.x0 - last.x1 <= COLUMN_GAP * Math.max(word.size, last.size)) chunk.push(word);
    else chunks.push([word]);
  }
  return chunks;
}

/** Words of a piece, each placed in proportion to its characters (pdf.js gives one box per run). */
function wordsOf(piece: TextPiece): TextPiece[] {
  const chars = [...piece.text];
  const width = (piece.x1 - piece.x0) / Math.max(chars.length, 1);
  const words: TextPiece[] = [];
  for (const match of piece.text.matchAll(/\S+/g)) {
    const start = [...piece.text.slice(0, match.index)].length;
    const length = [...match[0]].length;
    words.push({ ...piece, text: match[0], x0: piece.x0 + start * width, x1: piece.x0 + (start + length) * width });
  }
  return words;
}

function gridOf(run: { line: TextLine; chunks: TextPiece[][] }[], page: number): PlacedTable {
  const bands = columnBands(run.flatMap((r) => r.chunks.map(extentOf)));
  const columnEdges = [bands[0]![0], ...bands.slice(1).map((band, k) => (bands[k]![1] + band[0]) / 2), bands[bands.length - 1]![1]];
  const lines = run.map((r) => r.line);
  const rowEdges = [lines[0]!.top, ...lines.slice(1).map((line, k) => (lines[k]!.bottom + line.top) / 2), lines[lines.length - 1]!.bottom];
  const cells: PlacedCell[] = [];
  run.forEach(({ chunks }, row) => {
    bands.forEach((band, col) => {
      const inBand = chunks.filter((chunk) => {
        const [x0, x1] = extentOf(chunk);
        return x0 < band[1] && x1 > band[0];
      });
      cells.push({
        box: { x0: columnEdges[col]!, x1: columnEdges[col + 1]!, top: rowEdges[row]!, bottom: rowEdges[row + 1]! },
        text: cellText(inBand.flat()),
      });
    });
  });
  return {
    page,
    box: { x0: columnEdges[0]!, x1: columnEdges[columnEdges.length - 1]!, top: rowEdges[0]!, bottom: rowEdges[rowEdges.length - 1]! },
    cells,
  };
}

function extentOf(chunk: TextPiece[]): [number, number] {
  return [Math.min(...chunk.map((p) => p.x0)), Math.max(...chunk.map((p) => p.x1))];
}

/** Overlapping x extents merged into column bands, left to right. */
function columnBands(extents: [number, number][]): [number, number][] {
  const bands: [number, number][] = [];
  for (const [x0, x1] of [...extents].sort((a, b) => a[0] - b[0])) {
    const band = bands[bands.length - 1];
    if (band && x0 < band[1]) band[1] = Math.max(band[1], x1);
    else bands.push([x0, x1]);
  }
  return bands;
}
