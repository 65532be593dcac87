import type { Box, TextPiece } from "./geometry.js";

/** Pieces standing on one line, left to right. */
export interface TextLine extends Box {
  pieces: TextPiece[];
  size: number;
  text: string;
}

/** Share of the smaller height two pieces must overlap vertically to stand on one line. */
const SAME_LINE_OVERLAP = 0.5;
/** A gap wider than this share of the font size between Latin pieces is a word space. */
const WORD_GAP = 0.25;

/**
 * Rebuilds lines from pieces: pieces whose vertical extents overlap enough stand on one line
 * (table digits are often set larger than the label beside them, so baselines alone do not do).
 */
export function groupLines(pieces: TextPiece[]): TextLine[] {
  const sorted = [...pieces].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const groups: { pieces: TextPiece[]; bottom: number }[] = [];
  let open: typeof groups = [];
  for (const piece of sorted) {
    // Pieces come top-down, so a group that ends above this piece can take no more: only the few
    // groups still open at this height are compared.
    open = open.filter((g) => g.bottom > piece.top);
    const group = open.find((g) => g.pieces.some((other) => sameLine(other, piece)));
    if (group) {
      group.pieces.push(piece);
      group.bottom = Math.max(group.bottom, piece.bottom);
    } else {
      const created = { pieces: [piece], bottom: piece.bottom };
      groups.push(created);
      open.push(created);
    }
  }
  return groups.map((g) => lineOf(g.pieces)).sort((a, b) => a.top - b.top || a.x0 - b.x0);
}

function sameLine(a: TextPiece, b: TextPiece): boolean {
  if (a.vertical || b.vertical) return false;
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap >= SAME_LINE_OVERLAP * Math.min(a.bottom - a.top, b.bottom - b.top);
}

function lineOf(pieces: TextPiece[]): TextLine {
  const sorted = [...pieces].sort((a, b) => a.x0 - b.x0);
  let text = "";
  let previous: TextPiece | undefined;
  for (const piece of sorted) {
    if (previous && piece.x0 - previous.x1 > WORD_GAP * Math.max(piece.size, previous.size)) text = joinWords(text, piece.text);
    else text += piece.text;
    previous = piece;
  }
  return {
    pieces: sorted,
    x0: Math.min(...sorted.map((p) => p.x0)),
    x1: Math.max(...sorted.map((p) => p.x1)),
    top: Math.min(...sorted.map((p) => p.top)),
    bottom: Math.max(...sorted.map((p) => p.bottom)),
    size: Math.max(...sorted.map((p) => p.size)),
    text: tidySpacing(text),
  };
}

/** CJK ideographs, CJK punctuation, full-width forms and the wide quotes and dashes set with them. */
const CJK = "\\u2018-\\u201f\\u2014\\u2026\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef";
const SPACE_BESIDE_CJK = new RegExp(`\\s+(?=[${CJK}])|(?<=[${CJK}])\\s+`, "g");
const ENDS_CJK = new RegExp(`[${CJK}]$`);
const STARTS_CJK = new RegExp(`^[${CJK}]`);

/**
 * Joins two runs of one text: with a space only between Latin words. Chinese text has no word
 * spaces, so a line wrapped inside a word or sentence joins directly.
 */
export function joinWords(left: string, right: string): string {
  if (left === "" || right === "") return left + right;
  return ENDS_CJK.test(left.trimEnd()) || STARTS_CJK.test(right.trimStart()) ? left + right : `${left.trimEnd()} ${right.trimStart()}`;
}

/**
 * White space as the PDF leaves it is layout, not text: producers space out digits from Chinese
 * ("2024 年"), justify with spaces, and pad cells. Spaces beside a CJK character go; runs of
 * other white space fold to one.
 */
export function tidySpacing(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").replace(SPACE_BESIDE_CJK, "").trim();
}
