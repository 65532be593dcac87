import type { Paragraph } from "../document.js";
import { joinWords, type TextLine, tidySpacing } from "./text-lines.js";

/** Where the body text of a page starts and ends (its margins), from the lines themselves. */
export interface Margins {
  left: number;
  right: number;
}

/** Numbered headings and list items: 一、 （一） 1. 1、 第一条. */
const NUMBERED = /^(第[一二三四五六七八九十百]+[章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d))/;
/** In font sizes: a first line indented by about a character or more. */
const INDENT = 0.8;
/** In font sizes: a line ending this far short of the right margin ends its paragraph. */
const SHORT_LINE = 1.5;
/** In font sizes: more white space than this above a line starts a new paragraph. */
const PARAGRAPH_GAP = 1.2;
/** Points: a change of font size larger than this (title → body) starts a new paragraph. */
const SIZE_CHANGE = 1.5;
const SAME_X = 2;

/**
 * Margins of a page's body text: the leftmost start and the rightmost end that at least two lines
 * share (justified text lines up on both sides; a centred title or a short last line does not).
 */
export function marginsOf(lines: TextLine[]): Margins {
  const starts = lines.map((l) => l.x0);
  const ends = lines.map((l) => l.x1);
  const left = sharedValues(starts);
  const right = sharedValues(ends);
  return {
    left: Math.min(...(left.length > 0 ? left : starts)),
    right: Math.max(...(right.length > 0 ? right : ends)),
  };
}

/** The values that have another within SAME_X of them (sorted, so each only looks at its neighbours). */
function sharedValues(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => (i > 0 && v - sorted[i - 1]! <= SAME_X) || (i + 1 < sorted.length && sorted[i + 1]! - v <= SAME_X));
}

/**
 * Joins lines into paragraphs. A line starts a new paragraph when it is numbered (一、 （一） 1.),
 * indented, set in another size, far below the line before, or when the line before stopped
 * short of the right margin. A paragraph carries over a page break when the next page's first line
 * does none of these.
 */
export class ParagraphBuilder {
  private lines: { line: TextLine; page: number; margins: Margins }[] = [];

  /** Adds the next line; returns the paragraph it closed, if it starts a new one. */
  add(line: TextLine, page: number, margins: Margins): Paragraph | undefined {
    const previous = this.lines[this.lines.length - 1];
    const closed = previous && startsParagraph(line, margins, previous.line, previous.margins, previous.page === page) ? this.close() : undefined;
    this.lines.push({ line, page, margins });
    return closed;
  }

  /** Closes the open paragraph (a table follows, or the document ends). */
  close(): Paragraph | undefined {
    const first = this.lines[0];
    const text = tidySpacing(this.lines.reduce((joined, { line }) => joinWords(joined, line.text), ""));
    this.lines = [];
    return first && text !== "" ? { kind: "paragraph", text, loc: { page: first.page } } : undefined;
  }
}

function startsParagraph(line: TextLine, margins: Margins, previous: TextLine, previousMargins: Margins, samePage: boolean): boolean {
  if (NUMBERED.test(line.text)) return true;
  if (line.x0 > margins.left + INDENT * line.size) return true;
  if (Math.abs(line.size - previous.size) > SIZE_CHANGE) return true;
  if (previous.x1 < previousMargins.right - SHORT_LINE * previous.size) return true;
  return samePage && line.top - previous.bottom > PARAGRAPH_GAP * Math.max(line.size, previous.size);
}
