/**
 * Automatic paragraph numbering (word/numbering.xml). Government reports number their sections
 * 一、 （一） 1. through list levels rather than typed text, so a reader that ignores numbering loses
 * the section labels the structure stage depends on. This module renders the label Word would show.
 */
import type { NumberingRef, Styles } from "./styles.js";
import { child, childElements, intVal, isOn, val, type XmlElement } from "./xml.js";

interface Level {
  start: number;
  format: string;
  /** w:lvlText, e.g. "%1、" or "（%1）" or "%1.%2"; %k stands for the counter of level k. */
  text: string;
  /** w:lvlRestart: the level restarts only after a level above this 1-based bound advances (0: never). */
  restartBound?: number;
  /** w:isLgl: every %k of this level renders in decimal ("legal" numbering, 1.1.1). */
  legal: boolean;
  /** w:pStyle: the paragraph style linked to this level; a style-numbered paragraph takes this level. */
  style?: string;
  suffix: LabelSuffix;
}

interface AbstractNumbering {
  id: string;
  levels: Map<number, Level>;
  /** w:numStyleLink: the levels are defined by the list a numbering style points at. */
  numStyleLink?: string;
}

interface NumberingInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Level>;
}

/** Counters of one list (one abstract numbering): undefined means the level has not started. */
interface ListState {
  counters: (number | undefined)[];
  usedNums: Set<string>;
}

const LEVEL_COUNT = 9;

/** What follows the label in Word (w:suff). */
export type LabelSuffix = "tab" | "space" | "nothing";

export interface Label {
  text: string;
  suffix: LabelSuffix;
}

/**
 * Renders numbering labels in document order; each call advances the counters as Word would, so
 * call it exactly once per paragraph, in reading order.
 */
export class Numberer {
  private readonly abstracts = new Map<string, AbstractNumbering>();
  private readonly instances = new Map<string, NumberingInstance>();
  private readonly lists = new Map<string, ListState>();

  constructor(
    root: XmlElement | undefined,
    private readonly styles: Styles,
  ) {
    for (const element of root ? childElements(root) : []) {
      if (element.name === "w:abstractNum") this.readAbstract(element);
      else if (element.name === "w:num") this.readInstance(element);
    }
  }

  /**
   * The label of a paragraph with numbering `ref` (its own w:numPr merged with its style's), or
   * undefined when it has none or only a bullet.
   */
  next(ref: NumberingRef, styleId: string | undefined): Label | undefined {
    const numId = ref.numId;
    // numId 0 is how a paragraph switches off numbering its style would give it.
    if (numId === undefined || numId === "0") return undefined;
    const instance = this.instances.get(numId);
    const abstract = instance && this.resolveAbstract(instance.abstractId);
    if (!instance || !abstract) return undefined;
    const ilvl = clampLevel(ref.ilvl ?? levelOfStyle(abstract, styleId) ?? 0);
    const level = this.levelOf(instance, abstract, ilvl);
    if (!level) return undefined;

    const list = this.listOf(abstract.id);
    if (!list.usedNums.has(numId)) {
      // A w:num with startOverride restarts the shared list where it is first used.
      list.usedNums.add(numId);
      for (const overridden of instance.startOverrides.keys()) list.counters[overridden] = undefined;
    }
    const current = list.counters[ilvl];
    list.counters[ilvl] = current === undefined ? this.startOf(instance, abstract, ilvl) : current + 1;
    for (let deeper = ilvl + 1; deeper < LEVEL_COUNT; deeper++) {
      const bound = this.levelOf(instance, abstract, deeper)?.restartBound ?? deeper;
      if (ilvl < bound) list.counters[deeper] = undefined;
    }

    if (level.format === "bullet") return undefined;
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const at = Number(k) - 1;
      if (at > ilvl) return "";
      const format = level.legal ? "decimal" : (this.levelOf(instance, abstract, at)?.format ?? "decimal");
      return formatNumber(list.counters[at] ?? this.startOf(instance, abstract, at), format);
    });
    return text === "" ? undefined : { text, suffix: level.suffix };
  }

  private readAbstract(element: XmlElement): void {
    const id = element.attrs["w:abstractNumId"];
    if (id === undefined) return;
    const levels = new Map<number, Level>();
    for (const lvl of childElements(element)) {
      if (lvl.name !== "w:lvl") continue;
      const ilvl = Number.parseInt(lvl.attrs["w:ilvl"] ?? "", 10);
      if (ilvl >= 0 && ilvl < LEVEL_COUNT) levels.set(ilvl, readLevel(lvl));
    }
    this.abstracts.set(id, { id, levels, numStyleLink: val(child(element, "w:numStyleLink")) });
  }

  private readInstance(element: XmlElement): void {
    const numId = element.attrs["w:numId"];
    const abstractId = val(child(element, "w:abstractNumId"));
    if (numId === undefined || abstractId === undefined) return;
    const startOverrides = new Map<number, number>();
    const levelOverrides = new Map<number, Level>();
    for (const override of childElements(element)) {
      if (override.name !== "w:lvlOverride") continue;
      const ilvl = Number.parseInt(override.attrs["w:ilvl"] ?? "", 10);
      if (!(ilvl >= 0 && ilvl < LEVEL_COUNT)) continue;
      const start = intVal(child(override, "w:startOverride"));
      if (start !== undefined) startOverrides.set(ilvl, start);
      const lvl = child(override, "w:lvl");
      if (lvl) levelOverrides.set(ilvl, readLevel(lvl));
    }
    this.instances.set(numId, { abstractId, startOverrides, levelOverrides });
  }

  /** Follows w:numStyleLink (abstract → numbering style → w:num → the abstract that defines the levels). */
  private resolveAbstract(abstractId: string): AbstractNumbering | undefined {
    let abstract = this.abstracts.get(abstractId);
    for (let hops = 0; abstract?.numStyleLink !== undefined && hops < 4; hops++) {
      const numId = this.styles.numberingStyleNumIds.get(abstract.numStyleLink);
      const linked = numId === undefined ? undefined : this.instances.get(numId);
      const target = linked && this.abstracts.get(linked.abstractId);
      if (!target || target === abstract) break;
      abstract = target;
    }
    return abstract;
  }

  private levelOf(instance: NumberingInstance, abstract: AbstractNumbering, ilvl: number): Level | undefined {
    return instance.levelOverrides.get(ilvl) ?? abstract.levels.get(ilvl);
  }

  private startOf(instance: NumberingInstance, abstract: AbstractNumbering, ilvl: number): number {
    return instance.startOverrides.get(ilvl) ?? this.levelOf(instance, abstract, ilvl)?.start ?? 1;
  }

  private listOf(abstractId: string): ListState {
    let list = this.lists.get(abstractId);
    if (!list) {
      list = { counters: [], usedNums: new Set() };
      this.lists.set(abstractId, list);
    }
    return list;
  }
}

function readLevel(lvl: XmlElement): Level {
  const suffix = val(child(lvl, "w:suff"));
  return {
    // ECMA-376 §17.9.25: an omitted w:start means zero.
    start: intVal(child(lvl, "w:start")) ?? 0,
    format: val(child(lvl, "w:numFmt")) ?? "decimal",
    text: val(child(lvl, "w:lvlText")) ?? "",
    restartBound: intVal(child(lvl, "w:lvlRestart")),
    legal: isOn(child(lvl, "w:isLgl")),
    style: val(child(lvl, "w:pStyle")),
    suffix: suffix === "space" || suffix === "nothing" ? suffix : "tab",
  };
}

/** A style-numbered paragraph without w:ilvl takes the level linked to its style (w:lvl/w:pStyle). */
function levelOfStyle(abstract: AbstractNumbering, styleId: string | undefined): number | undefined {
  if (styleId === undefined) return undefined;
  for (const [ilvl, level] of abstract.levels) if (level.style === styleId) return ilvl;
  return undefined;
}

function clampLevel(ilvl: number): number {
  return Math.min(Math.max(0, ilvl), LEVEL_COUNT - 1);
}

/**
 * Joins a label and the paragraph text. Word separates them by a tab or space; labels such as 一、
 * （一） 1. ① read naturally attached, as typed reports write them, while a label ending in a Latin
 * letter or digit ("1.1", "A") keeps a space so "1.1" and "2019年" do not run together.
 */
export function prefixLabel(label: Label, text: string): string {
  if (label.suffix === "nothing" || !/[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]$/.test(label.text)) return label.text + text;
  return `${label.text} ${text}`;
}

const CHINESE_DIGITS = "零一二三四五六七八九";
const CHINESE_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖";
const HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸";
const EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥";

/** Renders a counter in a w:numFmt; formats this reader does not know render as decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case "chineseCounting":
    case "chineseCountingThousand":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
      return chineseNumber(n, CHINESE_DIGITS, ["", "十", "百", "千"], true);
    case "chineseLegalSimplified":
      return chineseNumber(n, CHINESE_LEGAL_DIGITS, ["", "拾", "佰", "仟"], false);
    case "ideographDigital":
      return String(n).replace(/\d/g, (d) => "〇一二三四五六七八九"[Number(d)]!);
    case "ideographTraditional":
      return cycle(n, HEAVENLY_STEMS);
    case "ideographZodiac":
      return cycle(n, EARTHLY_BRANCHES);
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return enclosed(n, 0x2460);
    case "decimalEnclosedParen":
      return enclosed(n, 0x2474);
    case "decimalEnclosedFullstop":
      return enclosed(n, 0x2488);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case "decimalZero":
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case "upperLetter":
      return letters(n).toUpperCase();
    case "lowerLetter":
      return letters(n);
    case "upperRoman":
      return roman(n).toUpperCase();
    case "lowerRoman":
      return roman(n);
    case "none":
    case "bullet":
      return "";
    default:
      return String(n);
  }
}

/**
 * Chinese counting: 1→一, 10→十, 11→十一, 20→二十, 101→一百零一, 10000→一万. `dropLeadingOne` writes
 * 10–19 as 十… rather than 一十… (counting style); legal numerals keep 壹拾.
 */
function chineseNumber(n: number, digits: string, units: string[], dropLeadingOne: boolean): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) return String(n);
  if (n === 0) return digits[0]!;
  const belowTenThousand = (value: number): string => {
    let out = "";
    let pendingZero = false;
    for (let place = 3; place >= 0; place--) {
      const digit = Math.floor(value / 10 ** place) % 10;
      if (digit === 0) {
        pendingZero = out !== "";
        continue;
      }
      if (pendingZero) out += digits[0];
      pendingZero = false;
      out += digits[digit]! + units[place]!;
    }
    return out;
  };
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let out = high > 0 ? `${belowTenThousand(high)}万` : "";
  if (low > 0) out += (high > 0 && low < 1000 ? digits[0] : "") + belowTenThousand(low);
  const ten = digits[1]! + units[1]!;
  return dropLeadingOne && out.startsWith(ten) && n < 20 ? out.slice(1) : out;
}

function cycle(n: number, symbols: string): string {
  if (n < 1) return String(n);
  return symbols[(n - 1) % symbols.length]!;
}

/** ①…⑳ and their kin exist for 1–20 only; Word falls back to digits beyond. */
function enclosed(n: number, one: number): string {
  return n >= 1 && n <= 20 ? String.fromCharCode(one + n - 1) : String(n);
}

/** a…z, then aa…zz (Word repeats the letter rather than counting in base 26). */
function letters(n: number): string {
  if (n < 1) return String(n);
  return String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.ceil(n / 26));
}

function roman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "m"],
    [900, "cm"],
    [500, "d"],
    [400, "cd"],
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let out = "";
  let rest = n;
  for (const [value, symbol] of table) {
    while (rest >= value) {
      out += symbol;
      rest -= value;
    }
  }
  return out;
}
