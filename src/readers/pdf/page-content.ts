import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apply, type Matrix, type Rule, type TextPiece } from "./geometry.js";
import { readOperators } from "./operators.js";
import { groupLines } from "./text-lines.js";
import type { PdfJs } from "./pdfjs.js";

type TextItem = Extract<Awaited<ReturnType<PDFPageProxy["getTextContent"]>>["items"][number], { str: string }>;

/** What one page holds, in page coordinates (y down). */
export interface PageContent {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  pieces: TextPiece[];
  rules: Rule[];
}

/** Font ascent/descent as fractions of the size, where pdf.js does not know the font's own. */
const DEFAULT_ASCENT = 0.85;
const DEFAULT_DESCENT = -0.15;

/**
 * Text from pdf.js's text content (it handles fonts, encodings and spacing well), except runs in
 * vertical fonts, where it drops glyphs (the vertically printed "三、本年度办理结果" comes out as
 * "三、本年"): those, and the ruling lines, come from the operator list. The operator list costs
 * more than the text (pdf.js prepares every glyph for drawing), so it is only read for pages whose
 * text looks like it may sit in a table.
 */
export async function readPage(page: PDFPageProxy, pdfjs: PdfJs): Promise<PageContent> {
  const viewport = page.getViewport({ scale: 1 });
  const view = viewport.transform as unknown as Matrix;
  const content = await page.getTextContent();
  const verticalFonts = new Set(Object.entries(content.styles).flatMap(([name, style]) => (style.vertical ? [name] : [])));
  const pieces: TextPiece[] = [];
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "" || verticalFonts.has(item.fontName)) continue;
    const style = content.styles[item.fontName];
    pieces.push(pieceOf(item, view, style?.ascent || DEFAULT_ASCENT, style?.descent || DEFAULT_DESCENT));
  }
  if (verticalFonts.size === 0 && !mayHoldTable(pieces)) {
    return { number: page.pageNumber, width: viewport.width, height: viewport.height, pieces, rules: [] };
  }
  const { rules, verticalPieces } = readOperators(await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE }), pdfjs.OPS, view, verticalFonts);
  return { number: page.pageNumber, width: viewport.width, height: viewport.height, pieces: [...pieces, ...verticalPieces], rules };
}

/** In font sizes: a gap this wide between runs on one line is a gap between table cells. */
const CELL_GAP = 1.5;

/**
 * Table cells are set as separate runs with space between them on one line; running text is not.
 * (A page of running text, a title or a footer has no line with two runs far apart.)
 */
function mayHoldTable(pieces: TextPiece[]): boolean {
  return groupLines(pieces).some((line) =>
    line.pieces.some((piece, i) => i > 0 && piece.x0 - line.pieces[i - 1]!.x1 > CELL_GAP * Math.max(piece.size, line.pieces[i - 1]!.size)),
  );
}

function pieceOf(item: TextItem, view: Matrix, ascent: number, descent: number): TextPiece {
  const [a, b, c, d, e, f] = item.transform as number[] as [number, number, number, number, number, number];
  const length = Math.hypot(a, b) || 1;
  const start = apply(view, e, f);
  const end = apply(view, e + (item.width * a) / length, f + (item.width * b) / length);
  const size = Math.hypot(c, d) || item.height;
  // The run's start is on its baseline; the glyphs rise above it by the ascent and hang below by the descent.
  return {
    text: item.str,
    x0: Math.min(start.x, end.x),
    x1: Math.max(start.x, end.x),
    top: start.y - ascent * size,
    bottom: start.y - descent * size,
    size,
    vertical: false,
  };
}
