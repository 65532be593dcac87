/**
 * Seeded mutation fuzzing over the real reports: byte flips, truncation, spliced chunks, corrupted zip
 * entries of the .docx fixtures (both the raw zip structure and the XML inside, re-zipped with valid
 * checksums so the XML reader is reached), shuffled and broken table rows in HTML and text. Every
 * mutant must end as one manifest line (never a crash, never a hang past the per-file limit), and
 * convertBytes must either return a report or throw a ReaderError (anything else is a bug).
 *
 * Everything is derived from one seed: mutant i of seed S is rebuilt alone from (S, i), so a failure
 * is replayed with `npm run fuzz -- --seed S --only i`, or from the mutated file that is written out.
 *
 * Usage: npm run fuzz -- [--iterations N] [--seed S] [--only i] [--jobs J] [--timeout SECONDS] [--keep DIR]
 *        npm run fuzz -- --replay FILE…
 * (`--iterations` mutants go through the CLI batch and as many more through convertBytes in this process.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { convertBytes } from "../src/pipeline/convert.js";
import { ReaderError } from "../src/readers/document.js";
import { readManifest } from "../src/writers/manifest.js";
import { readZip, writeZip, zipLayout } from "./lib/zip.js";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// ------------------------------------------------------------------------------------------------
// Seeded randomness.

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed gives the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** 0 ≤ n < bound. */
  int(bound: number): number {
    return Math.floor(this.next() * Math.max(0, bound));
  }
  /** lo ≤ n ≤ hi. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[this.int(items.length)]!;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/** The seed of mutant `index` of a run seeded `seed`. */
export function mutantSeed(seed: number, index: number): number {
  return (mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0)() * 4294967296) >>> 0;
}

// ------------------------------------------------------------------------------------------------
// Mutations: pure functions of (bytes, rng). Each returns the mutant and a note of what it did, or
// undefined when it does not apply (no zip, no table rows…).

export interface Mutation {
  bytes: Uint8Array;
  note: string;
}

type Mutator = (bytes: Uint8Array, rng: Rng) => Mutation | undefined;

const INTERESTING_BYTES = [0x00, 0xff, 0x3c, 0x3e, 0x26, 0x22, 0x09, 0x0a, 0x0d, 0x80, 0xe4, 0x7f, 0x1f];

export const flipBits: Mutator = (bytes, rng) => {
  if (bytes.length === 0) return undefined;
  const out = Uint8Array.from(bytes);
  const count = rng.range(1, 16);
  for (let i = 0; i < count; i++) out[rng.int(out.length)]! ^= 1 << rng.int(8);
  return { bytes: out, note: `flip ${count} bits` };
};

export const setBytes: Mutator = (bytes, rng) => {
  if (bytes.length === 0) return undefined;
  const out = Uint8Array.from(bytes);
  const count = rng.range(1, 8);
  for (let i = 0; i < count; i++) out[rng.int(out.length)] = rng.pick(INTERESTING_BYTES);
  return { bytes: out, note: `set ${count} bytes` };
};

export const truncate: Mutator = (bytes, rng) => {
  if (bytes.length < 2) return undefined;
  const at = rng.int(bytes.length);
  return { bytes: bytes.slice(0, at), note: `truncate at ${at} of ${bytes.length}` };
};

export const deleteChunk: Mutator = (bytes, rng) => {
  if (bytes.length < 2) return undefined;
  const length = rng.range(1, Math.max(1, Math.min(4096, bytes.length >> 3)));
  const at = rng.int(bytes.length - length);
  return { bytes: Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + length)]), note: `delete ${length} bytes at ${at}` };
};

export const duplicateChunk: Mutator = (bytes, rng) => {
  if (bytes.length < 2) return undefined;
  const length = rng.range(1, Math.max(1, Math.min(8192, bytes.length >> 2)));
  const from = rng.int(bytes.length - length);
  const to = rng.int(bytes.length);
  const chunk = bytes.subarray(from, from + length);
  return { bytes: Buffer.concat([bytes.subarray(0, to), chunk, bytes.subarray(to)]), note: `copy ${length} bytes from ${from} to ${to}` };
};

export const insertRandom: Mutator = (bytes, rng) => {
  const length = rng.range(1, 256);
  const junk = Uint8Array.from({ length }, () => rng.int(256));
  const at = rng.int(bytes.length + 1);
  return { bytes: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]), note: `insert ${length} random bytes at ${at}` };
};

const GENERIC: Mutator[] = [flipBits, setBytes, truncate, deleteChunk, duplicateChunk, insertRandom];

/**
 * Text-level edits work on the bytes as latin1 (one char per byte, lossless), so UTF-8 and GBK files
 * keep their encoding: every pattern below is ASCII.
 */
function onLatin1(bytes: Uint8Array, edit: (text: string) => { text: string; note: string } | undefined): Mutation | undefined {
  const result = edit(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"));
  return result && { bytes: Buffer.from(result.text, "latin1"), note: result.note };
}

/** Rewrites the matches of `pattern` (non-overlapping), keeping the text between them. */
function rewriteMatches(text: string, pattern: RegExp, rewrite: (matches: string[]) => string[]): string | undefined {
  const matches = [...text.matchAll(pattern)];
  if (matches.length < 2) return undefined;
  const replaced = rewrite(matches.map((m) => m[0]));
  let out = "";
  let last = 0;
  matches.forEach((match, i) => {
    out += text.slice(last, match.index) + (replaced[i] ?? "");
    last = match.index! + match[0].length;
  });
  return out + text.slice(last);
}

/** Shuffles, drops or repeats the rows matched by `pattern` (HTML <tr>, OOXML <w:tr>). */
function rowMutator(pattern: RegExp, label: string) {
  return (text: string, rng: Rng): { text: string; note: string } | undefined => {
    const choice = rng.int(3);
    const out = rewriteMatches(text, pattern, (rows) => {
      if (choice === 0) {
        // Shuffle a run of rows (a table's worth) rather than all rows of the document.
        const start = rng.int(rows.length - 1);
        const end = Math.min(rows.length, start + rng.range(2, 30));
        return [...rows.slice(0, start), ...rng.shuffle(rows.slice(start, end)), ...rows.slice(end)];
      }
      const at = rng.int(rows.length);
      return rows.map((row, i) => (i !== at ? row : choice === 1 ? "" : row.repeat(rng.range(2, 50))));
    });
    return out === undefined ? undefined : { text: out, note: `${["shuffle", "drop", "repeat"][choice]} ${label} rows` };
  };
}

const HTML_ROWS = /<tr\b[^>]*>[\s\S]*?<\/tr\s*>/gi;
const OOXML_ROWS = /<w:tr\b[^>]*>[\s\S]*?<\/w:tr>/g;

const SPAN_VALUES = ["0", "-1", "2", "99999", "1e9", "abc", "", "4294967297", "NaN"];

export const shuffleHtmlRows: Mutator = (bytes, rng) => onLatin1(bytes, (text) => rowMutator(HTML_ROWS, "<tr>")(text, rng));

export const breakHtmlSpans: Mutator = (bytes, rng) =>
  onLatin1(bytes, (text) => {
    const spans = [...text.matchAll(/(rowspan|colspan)\s*=\s*["']?\d*["']?/gi)];
    if (spans.length === 0) return undefined;
    const span = rng.pick(spans);
    const value = rng.pick(SPAN_VALUES);
    const out = `${text.slice(0, span.index)}${span[1]}="${value}"${text.slice(span.index! + span[0].length)}`;
    return { text: out, note: `${span[1]}="${value}"` };
  });

export const breakHtmlTags: Mutator = (bytes, rng) =>
  onLatin1(bytes, (text) => {
    const tags = [...text.matchAll(/<\/?(table|tbody|tr|td|th|div|p|span)\b[^>]*>/gi)];
    if (tags.length === 0) return undefined;
    const tag = rng.pick(tags);
    const replacement = rng.pick(["", "<table>", "<tr>", "<td>", "</table>", "<div>".repeat(rng.range(1, 2000)), "<!--"]);
    const out = text.slice(0, tag.index) + replacement + text.slice(tag.index! + tag[0].length);
    return { text: out, note: `replace ${tag[0].slice(0, 20)} with ${replacement.slice(0, 12) || "nothing"}` };
  });

/** Seed-style text: rows are runs of tab-led lines between blank lines; shuffle or drop rows of a table. */
export const shuffleTextRows: Mutator = (bytes, rng) =>
  onLatin1(bytes, (text) => {
    const parts = text.split(/(\r?\n[ \t]*\r?\n)/);
    const rows = parts.flatMap((part, i) => (i % 2 === 0 && part.startsWith("\t") ? [i] : []));
    if (rows.length < 2) return undefined;
    const start = rng.int(rows.length - 1);
    const run = rows.slice(start, start + rng.range(2, 25));
    if (rng.chance(0.7)) {
      const moved = rng.shuffle(run.map((i) => parts[i]!));
      run.forEach((i, k) => {
        parts[i] = moved[k]!;
      });
      return { text: parts.join(""), note: `shuffle ${run.length} text rows` };
    }
    parts[run[0]!] = "";
    return { text: parts.join(""), note: "drop a text row" };
  });

const ODD_NUMBERS = ["99999999999999999999", "-0", "1e5", "１２", "NaN", "3.14159", "-7", "0x10", "1,234", "五", "—", "∞"];

/** Replaces a number in a cell line (text) or cell (HTML) with an odd one. */
export const oddNumbers: Mutator = (bytes, rng) =>
  onLatin1(bytes, (text) => {
    const numbers = [...text.matchAll(/(\t|>)\s*(\d{1,9})\s*(?=\r?\n|<)/g)];
    if (numbers.length === 0) return undefined;
    const number = rng.pick(numbers);
    const odd = Buffer.from(rng.pick(ODD_NUMBERS), "utf8").toString("latin1");
    const out = text.slice(0, number.index) + number[1] + odd + text.slice(number.index! + number[0].length);
    return { text: out, note: `number ${number[2]} → ${Buffer.from(odd, "latin1").toString("utf8")}` };
  });

/** Edits of one XML part of a .docx; the archive is rewritten with valid sizes and checksums. */
const XML_EDITS: { name: string; edit: (xml: string, rng: Rng) => string | undefined }[] = [
  { name: "shuffle/drop/repeat w:tr", edit: (xml, rng) => rowMutator(OOXML_ROWS, "<w:tr>")(xml, rng)?.text },
  {
    name: "odd attribute value",
    edit: (xml, rng) => {
      const attrs = [...xml.matchAll(/w:(val|gridSpan|w|numId|ilvl)="[^"]*"/g)];
      if (attrs.length === 0) return undefined;
      const attr = rng.pick(attrs);
      return `${xml.slice(0, attr.index)}w:${attr[1]}="${rng.pick(SPAN_VALUES)}"${xml.slice(attr.index! + attr[0].length)}`;
    },
  },
  {
    name: "drop a closing tag",
    edit: (xml, rng) => {
      const tags = [...xml.matchAll(/<\/w:(tc|tr|tbl|p|r|body)>/g)];
      if (tags.length === 0) return undefined;
      const tag = rng.pick(tags);
      return xml.slice(0, tag.index) + xml.slice(tag.index! + tag[0].length);
    },
  },
  {
    name: "deep nesting",
    edit: (xml, rng) => {
      const at = xml.indexOf("<w:body>");
      if (at < 0) return undefined;
      const depth = rng.range(100, 3000);
      const open = "<w:sdt><w:sdtContent>".repeat(depth);
      return `${xml.slice(0, at + 8)}${open}<w:p/>${"</w:sdtContent></w:sdt>".repeat(depth)}${xml.slice(at + 8)}`;
    },
  },
  {
    name: "DOCTYPE with entities",
    edit: (xml) => {
      const at = xml.indexOf("?>");
      const doctype = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>';
      return `${xml.slice(0, at + 2)}${doctype}${xml.slice(at + 2).replace("<w:t>", "<w:t>&b;&x;")}`;
    },
  },
  { name: "truncate", edit: (xml, rng) => xml.slice(0, rng.int(xml.length)) },
  {
    name: "flip characters",
    edit: (xml, rng) => {
      const chars = [...xml];
      for (let i = rng.range(1, 12); i > 0; i--) chars[rng.int(chars.length)] = rng.pick(["<", ">", "&", '"', "/", "\u0000", "", "中"]);
      return chars.join("");
    },
  },
];

export const corruptZipXml: Mutator = (bytes, rng) => {
  const entries = readZip(bytes);
  if (!entries) return undefined;
  const xmlEntries = entries.filter((e) => /\.(xml|rels)$/.test(e.name));
  if (xmlEntries.length === 0) return undefined;
  const target = rng.chance(0.6) ? (xmlEntries.find((e) => e.name === "word/document.xml") ?? rng.pick(xmlEntries)) : rng.pick(xmlEntries);
  const edit = rng.pick(XML_EDITS);
  const edited = edit.edit(Buffer.from(target.data).toString("utf8"), rng);
  if (edited === undefined) return undefined;
  const rewritten = entries.map((e) => (e === target ? { ...e, data: Buffer.from(edited, "utf8"), method: 8 } : e));
  return { bytes: writeZip(rewritten), note: `${target.name}: ${edit.name}` };
};

/** Damages the zip structure itself: compressed data, header fields, the end record, a missing part. */
export const corruptZipRaw: Mutator = (bytes, rng) => {
  const layout = zipLayout(bytes);
  if (!layout || layout.entries.length === 0) return undefined;
  const out = Buffer.from(Uint8Array.from(bytes));
  const entry = rng.pick(layout.entries);
  const choice = rng.int(6);
  switch (choice) {
    case 0: {
      // Damage the deflated data of one entry (fails its inflate or its CRC).
      if (entry.compressedSize === 0) return undefined;
      for (let i = rng.range(1, 8); i > 0; i--) out[entry.dataStart + rng.int(entry.compressedSize)]! ^= 1 << rng.int(8);
      return { bytes: out, note: `damage data of ${entry.name}` };
    }
    case 1: {
      const fields = [
        { at: 20, size: 4, name: "compressed size" },
        { at: 24, size: 4, name: "size" },
        { at: 42, size: 4, name: "local header offset" },
        { at: 28, size: 2, name: "name length" },
        { at: 10, size: 2, name: "method" },
        { at: 8, size: 2, name: "flags" },
      ];
      const field = rng.pick(fields);
      const value = rng.pick([0, 1, 0xffff, 0xffffffff, rng.int(2 ** (8 * field.size))]) % 2 ** (8 * field.size);
      if (field.size === 4) out.writeUInt32LE(value >>> 0, entry.central + field.at);
      else out.writeUInt16LE(value, entry.central + field.at);
      return { bytes: out, note: `${entry.name}: central ${field.name} = ${value}` };
    }
    case 2: {
      const fields = [
        { at: 10, size: 2, name: "entry count" },
        { at: 16, size: 4, name: "directory offset" },
        { at: 20, size: 2, name: "comment length" },
      ];
      const field = rng.pick(fields);
      const value = rng.pick([0, 1, 0xffff, rng.int(2 ** 16)]);
      if (field.size === 4) out.writeUInt32LE(value, layout.end + field.at);
      else out.writeUInt16LE(value, layout.end + field.at);
      return { bytes: out, note: `end record ${field.name} = ${value}` };
    }
    case 3: {
      // A missing part: rewrite the archive without one entry.
      const entries = readZip(bytes);
      if (!entries) return undefined;
      const dropped = rng.pick(entries);
      return { bytes: writeZip(entries.filter((e) => e !== dropped)), note: `drop ${dropped.name}` };
    }
    case 4: {
      // Damage the local header of one entry.
      out.writeUInt32LE(rng.pick([0, 0x04034b50 ^ 1, rng.int(2 ** 32)]) >>> 0, entry.local);
      return { bytes: out, note: `local header signature of ${entry.name}` };
    }
    default: {
      // A lying directory: the entry declares a huge or tiny inflated size.
      out.writeUInt32LE(rng.pick([0, 1, 0x7fffffff, 0xfffffffe]), entry.central + 24);
      return { bytes: out, note: `${entry.name}: lying size` };
    }
  }
};

export type FuzzFormat = "docx" | "html" | "text" | "pdf";

export function fuzzFormatOf(name: string, bytes: Uint8Array): FuzzFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return "docx";
  if (/\.pdf$/i.test(name)) return "pdf";
  if (/\.html?$/i.test(name)) return "html";
  return "text";
}

/** Mutators by format, each with a weight: structure-aware edits first, generic byte damage always. */
const MUTATORS: Record<FuzzFormat, { mutator: Mutator; weight: number }[]> = {
  docx: [
    { mutator: corruptZipXml, weight: 5 },
    { mutator: corruptZipRaw, weight: 3 },
    ...GENERIC.map((mutator) => ({ mutator, weight: 0.5 })),
  ],
  html: [
    { mutator: shuffleHtmlRows, weight: 3 },
    { mutator: breakHtmlSpans, weight: 2 },
    { mutator: breakHtmlTags, weight: 2 },
    { mutator: oddNumbers, weight: 2 },
    ...GENERIC.map((mutator) => ({ mutator, weight: 1 })),
  ],
  text: [
    { mutator: shuffleTextRows, weight: 3 },
    { mutator: oddNumbers, weight: 2 },
    ...GENERIC.map((mutator) => ({ mutator, weight: 1 })),
  ],
  pdf: GENERIC.map((mutator) => ({ mutator, weight: 1 })),
};

function pickWeighted<T extends { weight: number }>(items: T[], rng: Rng): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let r = rng.float() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

/** One to three mutations stacked; a mutator that does not apply falls back to a bit flip. */
export function mutate(name: string, bytes: Uint8Array, rng: Rng): Mutation {
  const format = fuzzFormatOf(name, bytes);
  const steps = rng.chance(0.7) ? 1 : rng.chance(0.6) ? 2 : 3;
  let current = bytes;
  const notes: string[] = [];
  for (let i = 0; i < steps; i++) {
    const { mutator } = pickWeighted(MUTATORS[format], rng);
    const result = mutator(current, rng) ?? flipBits(current, rng) ?? { bytes: current, note: "unchanged" };
    current = result.bytes;
    notes.push(result.note);
  }
  return { bytes: current, note: notes.join("; ") };
}

// ------------------------------------------------------------------------------------------------
// The corpus and the mutants.

export interface CorpusFile {
  name: string;
  path: string;
  /** How often the file is picked, relative to the others. */
  weight: number;
}

/**
 * A PDF costs pdf.js about a second and a half to read where other formats take tens of
 * milliseconds, so PDFs are picked less often: about one mutant in a hundred.
 */
const PDF_WEIGHT = 0.1;

/** The real reports (HTML, text, PDF), the seed, the .docx fixtures and the GBK pages. */
export function fuzzCorpus(root = repoRoot): CorpusFile[] {
  const folders = [
    resolve(root, "../shared/corpus/real"),
    resolve(root, "../shared/seed"),
    resolve(root, "tests/fixtures/docx"),
    resolve(root, "tests/fixtures/formats"),
  ];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => /\.(html?|txt|pdf|docx)$/i.test(name) && !name.includes(".expected."))
      .sort()
      .map((name) => ({ name, path: join(folder, name), weight: /\.pdf$/i.test(name) ? PDF_WEIGHT : 1 })),
  );
}

export interface Mutant {
  index: number;
  /** The mutant's own seed (from the run seed and the index). */
  seed: number;
  source: string;
  /** File name: index and source name, so the extension (and what it claims) is kept. */
  name: string;
  bytes: Uint8Array;
  note: string;
}

/** Mutants `first` … `first + count - 1` of a run: each depends only on (seed, index) and the corpus. */
export function makeMutants(corpus: CorpusFile[], seed: number, count: number, first = 0): Mutant[] {
  const cache = new Map<string, Uint8Array>();
  const read = (file: CorpusFile) => {
    let bytes = cache.get(file.path);
    if (!bytes) {
      bytes = readFileSync(file.path);
      cache.set(file.path, bytes);
    }
    return bytes;
  };
  return Array.from({ length: count }, (_, k) => {
    const index = first + k;
    const own = mutantSeed(seed, index);
    const rng = new Rng(own);
    const source = pickWeighted(corpus, rng);
    const { bytes, note } = mutate(source.name, read(source), rng);
    return { index, seed: own, source: source.path, name: `${String(index).padStart(5, "0")}-${source.name}`, bytes, note };
  });
}

// ------------------------------------------------------------------------------------------------
// Checks.

export interface Problem {
  mutant?: Mutant;
  file?: string;
  problem: string;
}

/** convertBytes must return a report or throw a ReaderError, and within the per-file limit. */
export async function checkInProcess(mutants: Mutant[], limitMs: number): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const mutant of mutants) {
    const started = performance.now();
    try {
      await convertBytes(mutant.bytes, mutant.name);
    } catch (error) {
      if (!(error instanceof ReaderError)) {
        problems.push({ mutant, problem: `convertBytes threw ${(error as Error).name}: ${(error as Error).stack ?? error}` });
      }
    }
    const took = performance.now() - started;
    if (took > limitMs) problems.push({ mutant, problem: `convertBytes took ${Math.round(took)} ms (limit ${limitMs} ms)` });
  }
  return problems;
}

export interface BatchRun {
  status: number | null;
  stderr: string;
  ms: number;
}

/** Runs the built CLI over a folder of mutants. */
export function runCliBatch(inputDir: string, outDir: string, { jobs = 2, timeoutSeconds = 10 } = {}): BatchRun {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [resolve(repoRoot, "dist/cli/main.js"), "convert", inputDir, "--out", outDir, "-q", "--jobs", String(jobs), "--timeout", String(timeoutSeconds)],
    { encoding: "utf8", timeout: 600_000 },
  );
  return { status: result.status, stderr: result.stderr, ms: performance.now() - started };
}

/**
 * The batch's account of the mutants: exit 0 or 1 (never a crash), exactly one manifest line per
 * mutant, every failure naming its file, no timeout and no internal error.
 */
export function checkBatch(run: BatchRun, inputDir: string, outDir: string, mutants: Mutant[]): Problem[] {
  const problems: Problem[] = [];
  if (run.status !== 0 && run.status !== 1) problems.push({ problem: `the CLI exited with ${run.status}: ${run.stderr.slice(-2000)}` });
  if (/^nianbao: /m.test(run.stderr)) problems.push({ problem: `the CLI crashed: ${run.stderr.slice(-2000)}` });
  const lines = readManifest(join(outDir, "manifest.jsonl"));
  const byInput = new Map<string, number>();
  for (const line of lines) byInput.set(line.input, (byInput.get(line.input) ?? 0) + 1);
  for (const mutant of mutants) {
    const path = join(inputDir, mutant.name);
    const count = byInput.get(path) ?? 0;
    if (count !== 1) problems.push({ mutant, problem: `${count} manifest lines instead of 1` });
  }
  if (lines.length !== mutants.length) problems.push({ problem: `${lines.length} manifest lines for ${mutants.length} mutants` });
  const byName = new Map(mutants.map((m) => [join(inputDir, m.name), m]));
  for (const line of lines) {
    const mutant = byName.get(line.input);
    const at = mutant ? { mutant } : { file: line.input };
    if (line.status !== "ok" && !line.error?.startsWith(`${line.input}: `)) problems.push({ ...at, problem: `error does not name the file: ${line.error}` });
    if (line.error?.includes("(--timeout)")) problems.push({ ...at, problem: `hang: ${line.error}` });
    if (line.error?.includes("internal error")) problems.push({ ...at, problem: line.error });
    if (line.status === "ok" && (!line.output || line.output.includes(".."))) problems.push({ ...at, problem: `bad output ${line.output}` });
  }
  return problems;
}

/** Writes each failing mutant where it can be replayed and says how. */
export function reportProblems(problems: Problem[], runSeed: number, keepDir: string): string {
  mkdirSync(keepDir, { recursive: true });
  const lines = [`fuzz seed ${runSeed}: ${problems.length} problem(s); mutants kept in ${keepDir}`];
  for (const { mutant, file, problem } of problems.slice(0, 50)) {
    if (mutant) {
      const kept = join(keepDir, mutant.name);
      writeFileSync(kept, mutant.bytes);
      lines.push(
        `- mutant ${mutant.index} (${mutant.note}) of ${basename(mutant.source)}: ${problem.slice(0, 1500)}`,
        `  replay: npm run fuzz -- --replay ${kept}   or   npm run fuzz -- --seed ${runSeed} --only ${mutant.index}`,
      );
    } else if (file) {
      try {
        copyFileSync(file, join(keepDir, basename(file)));
      } catch {
        // The file may be gone with its temporary folder; the message still names it.
      }
      lines.push(`- ${file}: ${problem.slice(0, 1500)}`);
    } else {
      lines.push(`- ${problem.slice(0, 1500)}`);
    }
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------------
// Command line.

interface Args {
  iterations: number;
  seed: number;
  only?: number;
  jobs: number;
  timeout: number;
  keep: string;
  replay: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    iterations: 200,
    seed: (Date.now() ^ (process.pid << 16)) >>> 0,
    jobs: 2,
    timeout: 10,
    keep: join(tmpdir(), "nianbao-fuzz-failures"),
    replay: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const whole = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} takes a whole number`);
      return n;
    };
    if (flag === "--iterations") args.iterations = whole();
    else if (flag === "--seed") args.seed = whole() >>> 0;
    else if (flag === "--only") args.only = whole();
    else if (flag === "--jobs") args.jobs = whole();
    else if (flag === "--timeout") args.timeout = whole();
    else if (flag === "--keep") args.keep = resolve(value());
    else if (flag === "--replay") args.replay.push(resolve(value()));
    else if (flag.startsWith("--")) throw new Error(`unknown option ${flag}`);
    else args.replay.push(resolve(flag));
  }
  return args;
}

async function replay(files: string[]): Promise<number> {
  let bad = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    const started = performance.now();
    try {
      const report = await convertBytes(bytes, file);
      console.log(`${file}: ok (${report.template ?? "no template"}, ${report.findings.length} findings)`);
    } catch (error) {
      const expected = error instanceof ReaderError;
      if (!expected) bad++;
      console.log(`${file}: ${expected ? "ReaderError" : "BUG"} ${(error as Error).stack ?? error}`);
    }
    console.log(`  ${Math.round(performance.now() - started)} ms`);
  }
  return bad > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.replay.length > 0) return replay(args.replay);
  const corpus = fuzzCorpus();
  const count = args.only === undefined ? args.iterations : 1;
  const first = args.only ?? 0;
  console.log(`fuzz seed ${args.seed}: ${count} mutants through the CLI batch, ${count} more through convertBytes`);
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: repoRoot, stdio: "inherit" });
  if (build.status !== 0) return 2;

  const root = mkdtempSync(join(tmpdir(), "nianbao-fuzz-"));
  try {
    const batchMutants = makeMutants(corpus, args.seed, count, first);
    const inputDir = join(root, "mutants");
    mkdirSync(inputDir);
    for (const mutant of batchMutants) writeFileSync(join(inputDir, mutant.name), mutant.bytes);
    const outDir = join(root, "out");
    const run = runCliBatch(inputDir, outDir, { jobs: args.jobs, timeoutSeconds: args.timeout });
    const problems = checkBatch(run, inputDir, outDir, batchMutants);
    const statuses = readManifest(join(outDir, "manifest.jsonl")).reduce<Record<string, number>>((acc, l) => {
      acc[l.status] = (acc[l.status] ?? 0) + 1;
      return acc;
    }, {});
    console.log(`batch: ${Math.round(run.ms)} ms, ${JSON.stringify(statuses)}`);

    // In-process: the mutants after the batch's (or the one asked for again), so both paths see new inputs.
    const inProcess = args.only === undefined ? makeMutants(corpus, args.seed, count, first + count) : batchMutants;
    const started = performance.now();
    problems.push(...(await checkInProcess(inProcess, args.timeout * 1000)));
    console.log(`in-process: ${Math.round(performance.now() - started)} ms`);
    if (problems.length === 0) {
      console.log("no problems");
      return 0;
    }
    console.error(reportProblems(problems, args.seed, join(args.keep, `seed-${args.seed}`)));
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
