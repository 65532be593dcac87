/**
 * The benchmark corpus: N reports made by varying the real ones, numbers changed and formats kept.
 *
 * - .docx: the LibreOffice-saved real reports of tests/fixtures/docx/; the digits of every table cell
 *   whose text is a number (inside `<w:t>` of word/document.xml) are rewritten and the package is
 *   re-zipped with scripts/lib/zip.ts (the other parts are deflated once per source and reused).
 * - HTML: the real pages of the shared corpus (Pingtan 2023 and 2025 full portal pages, the Shanghai
 *   2019 article fragment); the digits of every `<td>` whose text is a number are rewritten.
 * - text: the seed and the seed-style text files of tests/fixtures/formats/; the digits of every
 *   tab-led line that holds only a number (a table cell in the seed's layout) are rewritten.
 *
 * Only number cells change, so labels (「1.属于国家秘密」), titles, years and dates stay as printed and
 * each variant is still a report of the same template; the report's own sums no longer hold, so the
 * arithmetic checks fire as they would on a sloppy report. Deterministic: file i of a format is made
 * from source i mod (number of sources) with a PRNG seeded by (seed, format, i).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { readZip, writeZip, type ZipEntryInput } from "../lib/zip.js";

export const FORMATS = ["docx", "html", "text"] as const;
export type Format = (typeof FORMATS)[number];

/** Bump when the way variants are made changes: an existing corpus of another version is rebuilt. */
const GENERATOR_VERSION = 2;

export interface CorpusSources {
  docx: string[];
  html: string[];
  text: string[];
}

export function defaultSources(root: string, shared = join(root, "../shared")): CorpusSources {
  const docx = join(root, "tests/fixtures/docx");
  const real = join(shared, "corpus/real");
  const formats = join(root, "tests/fixtures/formats");
  return {
    docx: ["2019_shanghai_shizhengfu_bangongting", "2023_pingtan_zonghe_shiyanqu", "2025_pingtan_zonghe_shiyanqu"].map((n) => join(docx, `${n}.docx`)),
    html: ["2019_shanghai_shizhengfu_bangongting", "2023_pingtan_zonghe_shiyanqu", "2025_pingtan_zonghe_shiyanqu"].map((n) => join(real, `${n}.html`)),
    text: [
      join(shared, "seed/2021_yangquan_city.txt"),
      ...["2019_shanghai_shizhengfu_bangongting", "2023_pingtan_zonghe_shiyanqu", "2025_pingtan_zonghe_shiyanqu"].map((n) => join(formats, `${n}.txt`)),
    ],
  };
}

export interface Corpus {
  dir: string;
  n: number;
  seed: number;
  /** Files per format, in the order the CLI walks them. */
  files: Record<Format, string[]>;
  /** Number cells varied per source file. */
  variedCells: Record<string, number>;
  reused: boolean;
}

interface Stamp {
  version: number;
  n: number;
  seed: number;
  sources: string[];
  counts: Record<Format, number>;
  variedCells: Record<string, number>;
}

/** Makes (or reuses, when the stamp matches) bench/corpus/n<N>/{docx,html,text}/. */
export function buildCorpus(baseDir: string, n: number, seed: number, sources: CorpusSources): Corpus {
  const dir = join(baseDir, `n${n}`);
  const counts = splitThirds(n);
  const names = {} as Record<Format, string[]>;
  for (const format of FORMATS) {
    const list = sources[format];
    names[format] = Array.from({ length: counts[format] }, (_, i) => `${String(i).padStart(5, "0")}_${stem(list[i % list.length]!)}.${extension(format)}`);
  }
  const files = Object.fromEntries(FORMATS.map((f) => [f, names[f].map((name) => join(dir, f, name))])) as Record<Format, string[]>;
  const sourceList = FORMATS.flatMap((f) => sources[f].map((s) => basename(s)));
  const stampPath = join(dir, "corpus.json");
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, "utf8")) as Stamp;
    if (stamp.version === GENERATOR_VERSION && stamp.n === n && stamp.seed === seed && JSON.stringify(stamp.sources) === JSON.stringify(sourceList)) {
      return { dir, n, seed, files, variedCells: stamp.variedCells, reused: true };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const variedCells: Record<string, number> = {};
  for (const format of FORMATS) {
    mkdirSync(join(dir, format), { recursive: true });
    const makers = sources[format].map((source) => {
      const maker = variantMaker(format, source);
      variedCells[basename(source)] = maker.cells;
      return maker;
    });
    files[format].forEach((file, i) => {
      const random = mulberry32(hashSeed(seed, format, i));
      writeFileSync(file, makers[i % makers.length]!.make(random));
    });
  }
  const stamp: Stamp = { version: GENERATOR_VERSION, n, seed, sources: sourceList, counts, variedCells };
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
  return { dir, n, seed, files, variedCells, reused: false };
}

/** N split in three as equal as can be (docx gets the remainder first). */
export function splitThirds(n: number): Record<Format, number> {
  const base = Math.floor(n / 3);
  const rest = n - 3 * base;
  return { docx: base + (rest > 0 ? 1 : 0), html: base + (rest > 1 ? 1 : 0), text: base };
}

function extension(format: Format): string {
  return format === "text" ? "txt" : format;
}

function stem(path: string): string {
  return basename(path).replace(/\.[^.]+$/, "");
}

interface VariantMaker {
  /** Number cells whose digits change. */
  cells: number;
  make(random: () => number): Buffer;
}

function variantMaker(format: Format, source: string): VariantMaker {
  const bytes = readFileSync(source);
  if (format === "docx") {
    const entries = readZip(bytes) ?? fail(`${source}: not a zip`);
    const index = entries.findIndex((e) => e.name === "word/document.xml");
    if (index < 0) fail(`${source}: no word/document.xml`);
    // Every part but the main one is deflated once here; each variant deflates only its document.xml.
    const parts: ZipEntryInput[] = entries.map((e) => ({ name: e.name, data: e.data, packed: deflateRawSync(e.data), size: e.data.length, crc: crc32(e.data) }));
    const template = numberTemplate(Buffer.from(entries[index]!.data).toString("utf8"), docxNumberCells);
    return {
      cells: template.cells,
      make: (random) => {
        const variant = parts.slice();
        variant[index] = { name: "word/document.xml", data: Buffer.from(fill(template, random), "utf8") };
        return writeZip(variant);
      },
    };
  }
  const text = bytes.toString("utf8");
  const template = numberTemplate(text, format === "html" ? htmlNumberCells : textNumberCells);
  return { cells: template.cells, make: (random) => Buffer.from(fill(template, random), "utf8") };
}

/** A text cut at the digit runs to vary: text = pieces[0] + run 0 + pieces[1] + … */
interface NumberTemplate {
  pieces: string[];
  runs: number[];
  cells: number;
}

type Range = [start: number, end: number];

/** Digit runs inside the given ranges of the text become the variable parts. */
function numberTemplate(text: string, find: (text: string) => Range[][]): NumberTemplate {
  const cells = find(text);
  const pieces: string[] = [];
  const runs: number[] = [];
  let last = 0;
  for (const range of cells.flat()) {
    const digits = /\d+/g;
    const segment = text.slice(range[0], range[1]);
    for (let m = digits.exec(segment); m; m = digits.exec(segment)) {
      const at = range[0] + m.index;
      pieces.push(text.slice(last, at));
      runs.push(m[0].length);
      last = at + m[0].length;
    }
  }
  pieces.push(text.slice(last));
  return { pieces, runs, cells: cells.length };
}

function fill(template: NumberTemplate, random: () => number): string {
  let out = template.pieces[0]!;
  template.runs.forEach((length, i) => {
    let digits = "";
    for (let d = 0; d < length; d++) digits += String(d === 0 && length > 1 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10));
    out += digits + template.pieces[i + 1]!;
  });
  return out;
}

const NUMBER = /^\s*\d+(?:\.\d+)?\s*$/;

/** Leaf `<w:tc>` cells whose `<w:t>` texts together read as a number: the ranges of those texts. */
function docxNumberCells(xml: string): Range[][] {
  const cells: Range[][] = [];
  for (const cell of xml.matchAll(/<w:tc>((?:(?!<w:tc>)[\s\S])*?)<\/w:tc>/g)) {
    const ranges: Range[] = [];
    let joined = "";
    for (const t of cell[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) {
      const start = cell.index + 6 + t.index + t[0].indexOf(">") + 1;
      ranges.push([start, start + t[1]!.length]);
      joined += t[1];
    }
    if (ranges.length > 0 && NUMBER.test(joined)) cells.push(ranges);
  }
  return cells;
}

/** Leaf `<td>` cells whose text (tags and entities aside) reads as a number: the ranges of that text. */
function htmlNumberCells(html: string): Range[][] {
  const cells: Range[][] = [];
  for (const cell of html.matchAll(/<td\b[^>]*>((?:(?!<td\b)[\s\S])*?)<\/td>/gi)) {
    const contentAt = cell.index + cell[0].length - cell[1]!.length - "</td>".length;
    const ranges: Range[] = [];
    let joined = "";
    let last = 0;
    const content = cell[1]!;
    for (const markup of [...content.matchAll(/<[^>]*>|&[#\w]+;/g), null]) {
      const end = markup ? markup.index : content.length;
      if (end > last) {
        ranges.push([contentAt + last, contentAt + end]);
        joined += content.slice(last, end);
      }
      if (markup) last = markup.index + markup[0].length;
    }
    if (joined.trim() !== "" && NUMBER.test(joined)) cells.push(ranges);
  }
  return cells;
}

/** Tab-led lines holding only a number (one table cell each in the seed's layout). */
function textNumberCells(text: string): Range[][] {
  return [...text.matchAll(/^\t[\t ]*\d+(?:\.\d+)?[ \t]*$/gm)].map((m): Range[] => [[m.index, m.index + m[0].length]]);
}

function fail(message: string): never {
  throw new Error(message);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(seed: number, format: Format, index: number): number {
  let h = 2166136261 ^ seed;
  for (const ch of `${format}:${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}
