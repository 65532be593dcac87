import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apply, IDENTITY, type Matrix, multiply, type Rule, type TextPiece } from "./geometry.js";
import type { PdfJs } from "./pdfjs.js";

type Ops = PdfJs["OPS"];
type OperatorList = Awaited<ReturnType<PDFPageProxy["getOperatorList"]>>;

/** pdf.js path codes inside a constructPath buffer (its DrawOPS). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;

/** Thicker than this, a filled rectangle is a shaded area, not a ruling line. */
const MAX_RULE_THICKNESS = 3;
const MIN_RULE_LENGTH = 2;
/** How far from axis-parallel a drawn line may be and still count as a rule. */
const SKEW_TOLERANCE = 1;
/** Rules painted in white (cell backgrounds, erased borders) are not seen on paper. */
const INVISIBLE = "#ffffff";

interface GraphicsState {
  ctm: Matrix;
  strokeColor: string;
  fillColor: string;
  font: string;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  horizontalScale: number;
  leading: number;
  rise: number;
}

interface Glyph {
  unicode: string;
  width: number;
  vmetric?: number[];
  isSpace?: boolean;
}

export interface OperatorContent {
  rules: Rule[];
  /** Text set in the given vertical fonts (pdf.js's text content loses glyphs of these). */
  verticalPieces: TextPiece[];
}

/**
 * Walks a page's operator list once, following the graphics state, and collects what the text
 * content does not give: ruling lines (stroked lines, edges of stroked rectangles, thin filled
 * rectangles) and the text of vertical fonts. `view` maps user space to page coordinates.
 */
export function readOperators(list: OperatorList, OPS: Ops, view: Matrix, verticalFonts: ReadonlySet<string>): OperatorContent {
  const rules: Rule[] = [];
  const verticalPieces: TextPiece[] = [];
  const stack: GraphicsState[] = [];
  let state: GraphicsState = {
    ctm: IDENTITY,
    strokeColor: "#000000",
    fillColor: "#000000",
    font: "",
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    horizontalScale: 1,
    leading: 0,
    rise: 0,
  };
  let textMatrix: Matrix = IDENTITY;
  let lineMatrix: Matrix = IDENTITY;
  const moveLine = (x: number, y: number) => {
    lineMatrix = multiply([1, 0, 0, 1, x, y], lineMatrix);
    textMatrix = lineMatrix;
  };

  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(matrixOf(args), state.ctm);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push(state);
        state = { ...state, ctm: args?.[0] ? multiply(matrixOf(args[0]), state.ctm) : state.ctm };
        break;
      case OPS.setStrokeRGBColor:
        state.strokeColor = String(args?.[0]);
        break;
      case OPS.setFillRGBColor:
        state.fillColor = String(args?.[0]);
        break;
      case OPS.constructPath:
        collectRules(args, OPS, multiply(state.ctm, view), state, rules);
        break;
      case OPS.beginText:
        textMatrix = IDENTITY;
        lineMatrix = IDENTITY;
        break;
      case OPS.setFont:
        state.font = String(args?.[0]);
        state.fontSize = Number(args?.[1]);
        break;
      case OPS.setCharSpacing:
        state.charSpacing = Number(args?.[0]);
        break;
      case OPS.setWordSpacing:
        state.wordSpacing = Number(args?.[0]);
        break;
      case OPS.setHScale:
        state.horizontalScale = Number(args?.[0]) / 100;
        break;
      case OPS.setLeading:
        state.leading = Number(args?.[0]);
        break;
      case OPS.setTextRise:
        state.rise = Number(args?.[0]);
        break;
      case OPS.setTextMatrix:
        textMatrix = matrixOf(args?.[0]);
        lineMatrix = textMatrix;
        break;
      case OPS.moveText:
        moveLine(Number(args?.[0]), Number(args?.[1]));
        break;
      case OPS.setLeadingMoveText:
        state.leading = -Number(args?.[1]);
        moveLine(Number(args?.[0]), Number(args?.[1]));
        break;
      case OPS.nextLine:
        moveLine(0, -state.leading);
        break;
      case OPS.showText: {
        const glyphs = (args?.[0] ?? []) as (Glyph | number | null)[];
        const vertical = verticalFonts.has(state.font);
        const start = multiply(multiply(textMatrix, state.ctm), view);
        const advance = textAdvance(glyphs, state, vertical);
        if (vertical) {
          const piece = verticalPiece(glyphs, start, advance, state);
          if (piece) verticalPieces.push(piece);
        }
        textMatrix = multiply(vertical ? [1, 0, 0, 1, 0, -advance] : [1, 0, 0, 1, advance, 0], textMatrix);
        break;
      }
    }
  }
  return { rules, verticalPieces };
}

/** A matrix from operator arguments (an array or Float32Array of six numbers); identity if it is not one. */
function matrixOf(values: unknown): Matrix {
  const m = Array.from((values ?? []) as ArrayLike<number>, Number);
  return m.length === 6 && m.every(Number.isFinite) ? [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!] : IDENTITY;
}

/** Distance the glyphs move the text position, in text space (along y for vertical fonts). */
function textAdvance(glyphs: (Glyph | number | null)[], state: GraphicsState, vertical: boolean): number {
  const scale = state.fontSize / 1000;
  let advance = 0;
  for (const glyph of glyphs) {
    if (typeof glyph === "number") {
      advance -= glyph * scale;
      continue;
    }
    if (!glyph) continue;
    const width = vertical && glyph.vmetric ? -(glyph.vmetric[0] ?? -1000) : glyph.width;
    advance += width * scale + state.charSpacing + (glyph.isSpace ? state.wordSpacing : 0);
  }
  return vertical ? advance : advance * state.horizontalScale;
}

/**
 * One vertical run as a piece: its box spans from the first glyph's origin down by the advance,
 * one em wide, centred on the origin (vertical fonts put the origin at the glyph's centre line).
 */
function verticalPiece(glyphs: (Glyph | number | null)[], start: Matrix, advance: number, state: GraphicsState): TextPiece | undefined {
  // Vertical CMaps give the vertical presentation forms of punctuation (︑ for 、); read them as text.
  const text = glyphs
    .map((g) => (g && typeof g === "object" ? g.unicode : ""))
    .join("")
    .replace(/[\ufe10-\ufe4f]/g, (c) => c.normalize("NFKC"));
  if (text.trim() === "") return undefined;
  const half = state.fontSize / 2;
  const corners = [
    apply(start, -half, state.rise),
    apply(start, half, state.rise),
    apply(start, -half, state.rise - advance),
    apply(start, half, state.rise - advance),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const size = Math.abs(apply(start, 0, state.fontSize).y - apply(start, 0, 0).y) || Math.abs(state.fontSize);
  return { text, x0: Math.min(...xs), x1: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), size, vertical: true };
}

function collectRules(args: unknown[] | null, OPS: Ops, toPage: Matrix, state: GraphicsState, rules: Rule[]): void {
  const paint = Number(args?.[0]);
  const buffer = (args?.[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
  if (!buffer) return;
  const stroked = [OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  const filled = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  if (!stroked && !filled) return;
  for (const subpath of subpaths(buffer)) {
    const points = subpath.points.map((p) => apply(toPage, p.x, p.y));
    if (stroked && state.strokeColor !== INVISIBLE) {
      const closing = subpath.closed && points.length > 2 ? [[points[points.length - 1]!, points[0]!] as const] : [];
      const segments = [...points.slice(1).map((p, k) => [points[k]!, p] as const), ...closing];
      for (const [a, b] of segments) {
        const rule = ruleOfSegment(a, b);
        if (rule) rules.push(rule);
      }
    }
    if (filled && state.fillColor !== INVISIBLE) {
      const rule = ruleOfThinRectangle(points);
      if (rule) rules.push(rule);
    }
  }
}

interface Subpath {
  points: { x: number; y: number }[];
  closed: boolean;
}

/** Straight-line subpaths; a curve ends the current one (curves draw no ruling lines). */
function subpaths(buffer: ArrayLike<number>): Subpath[] {
  const result: Subpath[] = [];
  let current: Subpath | undefined;
  for (let k = 0; k < buffer.length; ) {
    const code = buffer[k++];
    if (code === MOVE_TO || code === LINE_TO) {
      const point = { x: buffer[k]!, y: buffer[k + 1]! };
      k += 2;
      if (code === MOVE_TO || !current) {
        current = { points: [point], closed: false };
        result.push(current);
      } else current.points.push(point);
    } else if (code === CURVE_TO || code === QUADRATIC_CURVE_TO) {
      const size = code === CURVE_TO ? 6 : 4;
      current = { points: [{ x: buffer[k + size - 2]!, y: buffer[k + size - 1]! }], closed: false };
      result.push(current);
      k += size;
    } else if (code === CLOSE_PATH) {
      if (current) current.closed = true;
    } else break;
  }
  return result;
}

function ruleOfSegment(a: { x: number; y: number }, b: { x: number; y: number }): Rule | undefined {
  if (Math.abs(a.y - b.y) <= SKEW_TOLERANCE && Math.abs(a.x - b.x) >= MIN_RULE_LENGTH) {
    return { orientation: "horizontal", at: (a.y + b.y) / 2, from: Math.min(a.x, b.x), to: Math.max(a.x, b.x) };
  }
  if (Math.abs(a.x - b.x) <= SKEW_TOLERANCE && Math.abs(a.y - b.y) >= MIN_RULE_LENGTH) {
    return { orientation: "vertical", at: (a.x + b.x) / 2, from: Math.min(a.y, b.y), to: Math.max(a.y, b.y) };
  }
  return undefined;
}

/** A filled axis-aligned rectangle no thicker than a line is drawn as a rule by many producers. */
function ruleOfThinRectangle(points: { x: number; y: number }[]): Rule | undefined {
  if (points.length < 4 || points.length > 5) return undefined;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const axisAligned = points.every((p) => (Math.abs(p.x - x0) < 0.01 || Math.abs(p.x - x1) < 0.01) && (Math.abs(p.y - y0) < 0.01 || Math.abs(p.y - y1) < 0.01));
  if (!axisAligned) return undefined;
  const width = x1 - x0;
  const height = y1 - y0;
  if (height <= MAX_RULE_THICKNESS && width >= MIN_RULE_LENGTH && width > height) {
    return { orientation: "horizontal", at: (y0 + y1) / 2, from: x0, to: x1 };
  }
  if (width <= MAX_RULE_THICKNESS && height >= MIN_RULE_LENGTH && height > width) {
    return { orientation: "vertical", at: (x0 + x1) / 2, from: y0, to: y1 };
  }
  return undefined;
}
