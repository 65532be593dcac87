/**
 * Reads one statistical cell. The rule is: report what was printed. Blank and placeholders become
 * null (the raw text stays in provenance), 0 stays 0, units are recorded, nothing is recomputed.
 */
export type CellReading =
  | { kind: "number"; value: number; digits: string; unit: string | null }
  | { kind: "blank" }
  | { kind: "placeholder" }
  | { kind: "text" };

const PLACEHOLDERS = new Set(["—", "——", "-", "--", "－", "/", "／", "\\", "无", "空", "暂无", "不适用", "×", "x", "X", "*", "…", "..."]);
const UNIT = /^(万元|亿元|元|件|个|项|条|人次|次|起|宗|家|份)$/;

export function readCell(raw: string): CellReading {
  const text = toHalfWidth(raw).replace(/\s+/g, " ").trim();
  if (text === "") return { kind: "blank" };
  if (PLACEHOLDERS.has(text)) return { kind: "placeholder" };
  const match = /^([+-]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(\S*)$/.exec(text);
  if (!match) return { kind: "text" };
  const [, sign, whole, fraction, unitText] = match;
  const unit = unitText === "" ? null : unitText!;
  if (unit !== null && !UNIT.test(unit)) return { kind: "text" };
  const digits = `${sign === "-" ? "-" : ""}${whole!.replace(/,/g, "")}${fraction ?? ""}`;
  return { kind: "number", value: Number(digits), digits, unit };
}

/** Full-width (and dash-like) signs and separators as Word and portals print them; digits go by offset. */
const HALF_WIDTH: Record<string, string> = { "．": ".", "，": ",", "－": "-", "−": "-", "–": "-", "＋": "+" };
const FULL_WIDTH = /[０-９．，－−–＋]/g;

/** Full-width digits, signs and separators to ASCII, in one pass (most cells hold none: no copy then). */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => HALF_WIDTH[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Multiplies a decimal string by 10^exponent without binary rounding: 75394432.52 元 is exactly
 * 7539.443252 万元, whereas 75394432.52 / 10000 in floating point is not.
 */
export function shiftDecimal(digits: string, exponent: number): number {
  const negative = digits.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? digits.slice(1) : digits).split(".");
  let all = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    all = "0".repeat(-point) + all;
    point = 0;
  }
  if (point > all.length) all = all + "0".repeat(point - all.length);
  const text = `${all.slice(0, point) || "0"}.${all.slice(point) || "0"}`;
  return (negative ? -1 : 1) * Number(text);
}

/** Exponent that turns an amount in `unit` into 万元, or undefined when the unit is not money. */
export function toWanYuanExponent(unit: string): number | undefined {
  if (unit === "元") return -4;
  if (unit === "万元") return 0;
  if (unit === "亿元") return 4;
  return undefined;
}

/** Sums of decimal amounts (万元 with six places) compared without binary rounding noise. */
export function roundSum(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
