import { toHalfWidth } from "./number.js";

/**
 * Normalizes a label for comparison: no white space (labels wrap and get padded), half-width digits,
 * `2、` read as `2.`, one kind of bracket and no quotes (“三安全一稳定” is printed with every kind).
 */
export function normalizeLabel(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00a0\u3000]+/g, "")
    .replace(/\(/g, "（")
    .replace(/\)/g, "）")
    .replace(/^(\d+)[、,，]/, "$1.")
    .replace(/["'“”‘’「」『』]/g, "");
}

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\d]+）|\d+\.(?!\d))/;

/** The label without its numbering (一、 （三） 2.) and without a trailing parenthetical note. */
export function coreLabel(text: string): string {
  let label = normalizeLabel(text);
  for (let previous = ""; previous !== label; ) {
    previous = label;
    label = label.replace(NUMBERING, "");
  }
  const note = label.search(/（[^（）]*）$/);
  return note > 0 ? label.slice(0, note) : label;
}

/** Dice coefficient over character bigrams: tolerant of a typo or a dropped character. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

const FUZZY_THRESHOLD = 0.7;
const FUZZY_MARGIN = 0.15;

/**
 * Finds the known label a source label means: exact core match, else a known core the label ends
 * with (a group label glued in front), else the one clearly most similar (a typo). Returns undefined
 * rather than a guess when two known labels are about equally close.
 */
export function matchLabel<T>(label: string, known: ReadonlyMap<string, T>): { value: T; how: "exact" | "suffix" | "fuzzy" } | undefined {
  const core = coreLabel(label);
  if (core === "") return undefined;
  const exact = known.get(core);
  if (exact !== undefined) return { value: exact, how: "exact" };
  let suffix: { key: string; value: T } | undefined;
  for (const [key, value] of known) {
    if (key.length >= 2 && core.endsWith(key) && (!suffix || key.length > suffix.key.length)) suffix = { key, value };
  }
  if (suffix) return { value: suffix.value, how: "suffix" };
  let best: { score: number; value: T } | undefined;
  let second = 0;
  for (const [key, value] of known) {
    const score = similarity(core, key);
    if (!best || score > best.score) {
      second = best?.score ?? 0;
      best = { score, value };
    } else if (score > second) second = score;
  }
  if (best && best.score >= FUZZY_THRESHOLD && best.score - second >= FUZZY_MARGIN) return { value: best.value, how: "fuzzy" };
  return undefined;
}
