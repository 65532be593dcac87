import { TEMPLATES } from "../src/template/index.js";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkSeries, type SeriesReport } from "../src/checks/series.js";
import { csvField } from "../src/exports/csv.js";
import { type ExportSummary, exportOutput } from "../src/exports/index.js";
import { countManifestLines, type ExportEntry, readOutputDir, type UnreadableLine } from "../src/exports/output-dir.js";
import { readThroughWorker } from "../src/exports/read-ahead.js";
import { SqliteSink } from "../src/exports/sqlite.js";
import { runBatch } from "../src/pipeline/batch.js";
import type { Report } from "../src/schema/report.js";
import { type ManifestLine, manifestLine } from "../src/writers/manifest.js";
import { fieldsOf, repoRoot, setValue, shared } from "./helpers/paths.js";

const seedPath = resolve(shared, "seed/2021_yangquan_city.txt");
const RECEIVED_TOTAL = "applications.received.total";
const TIDY_HEADER = ["file", "sha256", "issuer", "year", "template", "path", "value", "raw", "unit"];

let work: string;
let outDir: string;
let manifest: ManifestLine[];
let seedLine: ManifestLine;
let seedReport: Report;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "nianbao-exports-"));
  outDir = join(work, "output");
  // Besides the seed and samples/ (which holds a copy of the seed: same sha256), a damaged .docx
  // (failed), a notice that is no annual report (skipped) and a path that does not exist (failed, no sha256).
  const odd = join(work, "odd");
  mkdirSync(odd);
  writeFileSync(join(odd, "broken.docx"), "PK\u0003\u0004 not a zip archive at all");
  writeFileSync(join(odd, "notice.txt"), "关于召开安全生产工作会议的通知\n\n各单位：\n定于下周一召开会议。\n");
  await runBatch({ inputs: [seedPath, resolve(repoRoot, "samples"), odd, join(odd, "missing.txt")], outDir });
  manifest = readManifest(outDir);
  seedLine = manifest.find((line) => line.input === seedPath)!;
  seedReport = JSON.parse(readFileSync(join(outDir, seedLine.output!), "utf8"));
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function readManifest(dir: string): ManifestLine[] {
  return readFileSync(join(dir, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((text) => text !== "")
    .map((text) => manifestLine.parse(JSON.parse(text)));
}

const okLines = () => manifest.filter((line) => line.status === "ok");

/** An output folder (under `work`) whose manifest lists the seed's report `copies` times, then `tail`. */
function seedCopies(name: string, copies: number, tail = ""): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "seed.json"), readFileSync(join(outDir, seedLine.output!)));
  const lines = Array.from({ length: copies }, (_, i) => JSON.stringify({ ...seedLine, input: `copy-${i}.txt`, output: "seed.json" }));
  writeFileSync(join(dir, "manifest.jsonl"), `${lines.join("\n")}\n${tail}`);
  return dir;
}

/** A minimal RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe("the output folder used by these tests", () => {
  it("has the seed converted, a failed and a skipped input", () => {
    expect(seedLine.status).toBe("ok");
    expect(manifest.filter((l) => l.status === "failed").map((l) => l.input)).toEqual(
      expect.arrayContaining([join(work, "odd", "broken.docx"), join(work, "odd", "missing.txt")]),
    );
    expect(manifest.find((l) => l.input.endsWith("notice.txt"))?.status).toBe("skipped");
  });
});

describe("sqlite export", () => {
  let to: string;
  let db: Database.Database;
  let summary: ExportSummary;
  let seedId: number;

  beforeAll(async () => {
    to = join(work, "sqlite", "reports.sqlite");
    summary = await exportOutput({ outDir, to });
    db = new Database(to, { readonly: true });
    seedId = (db.prepare("SELECT id FROM reports WHERE sha256 = ?").get(seedLine.sha256) as { id: number }).id;
  }, 60_000);

  afterAll(() => db.close());

  it("has one reports row per document: by sha256, or by input path when there is none", () => {
    const byIdentity = new Map(manifest.map((line) => [line.sha256 ?? `input ${line.input}`, line]));
    expect(count(db, "reports")).toBe(byIdentity.size);
    expect(summary).toMatchObject({ ok: okLines().length, failed: manifest.filter((l) => l.status === "failed").length });
    // The copy of the seed in samples/ came later, so its row is the one kept.
    const lastSeedCopy = [...byIdentity.values()].find((line) => line.sha256 === seedLine.sha256)!;
    expect(db.prepare("SELECT * FROM reports WHERE id = ?").get(seedId)).toEqual({
      id: seedId,
      file: lastSeedCopy.input,
      output: lastSeedCopy.output,
      sha256: seedLine.sha256,
      status: "ok",
      error: null,
      issuer: "阳泉市人民政府",
      year: 2021,
      template: "2021",
      publish_date: "2022-03-09",
      title: "阳泉市人民政府2021年政府信息公开工作年度报告",
      source_format: "text",
    });
  });

  it("keeps failed and skipped inputs with their error and NULL where unknown", () => {
    const missing = db.prepare("SELECT * FROM reports WHERE file = ?").get(join(work, "odd", "missing.txt"));
    expect(missing).toMatchObject({ status: "failed", sha256: null, output: null, issuer: null, year: null, template: null });
    expect((missing as { error: string }).error).toContain("missing.txt");
    const notice = db.prepare("SELECT status, error, issuer FROM reports WHERE file = ?").get(join(work, "odd", "notice.txt"));
    expect(notice).toMatchObject({ status: "skipped", issuer: null });
    expect((notice as { error: string }).error).toContain("not an annual report");
  });

  it("has every canonical value of the seed; received.total = 36 read from '36'", () => {
    expect(db.prepare("SELECT count(*) AS n FROM report_values WHERE report_id = ?").get(seedId)).toEqual({ n: fieldsOf("2021").length });
    expect(db.prepare("SELECT value, raw, unit FROM report_values WHERE report_id = ? AND path = ?").get(seedId, RECEIVED_TOTAL)).toEqual({
      value: 36,
      raw: "36",
      unit: null,
    });
    // A blank cell is NULL, never 0.
    expect(db.prepare("SELECT value FROM report_values WHERE report_id = ? AND path = 'applications.carriedOver.total'").get(seedId)).toEqual({
      value: null,
    });
  });

  it("has the seed's applications.balance findings", () => {
    const rows = db
      .prepare("SELECT severity, paths, expected, actual FROM findings WHERE report_id = ? AND rule = 'applications.balance' ORDER BY paths")
      .all(seedId);
    expect(rows).toEqual([
      {
        severity: "error",
        paths: JSON.stringify([
          "applications.received.naturalPerson",
          "applications.carriedOver.naturalPerson",
          "applications.results.total.naturalPerson",
          "applications.carriedForward.naturalPerson",
        ]),
        expected: 36,
        actual: 37,
      },
      {
        severity: "error",
        paths: JSON.stringify([RECEIVED_TOTAL, "applications.carriedOver.total", "applications.results.total.total", "applications.carriedForward.total"]),
        expected: 36,
        actual: 37,
      },
    ]);
    const findingsByDocument = new Map(okLines().map((line) => [line.sha256, line.findings]));
    expect(count(db, "findings")).toBe([...findingsByDocument.values()].reduce((a, b) => a + b, 0));
  });

  it("has the section tree flattened in reading order", () => {
    const first = db.prepare("SELECT position, parent_position, key, title, number, level FROM sections WHERE report_id = ? ORDER BY position").all(seedId);
    expect(first.slice(0, 2)).toEqual([
      { position: 0, parent_position: null, key: "overview", title: "总体情况", number: "一、", level: 1 },
      { position: 1, parent_position: 0, key: null, title: "主动公开方面", number: "（一）", level: 2 },
    ]);
    const text = db.prepare("SELECT text FROM sections WHERE report_id = ? AND position = 0").get(seedId) as { text: string };
    expect(text.text).toBe(seedReport.sections[0]!.paragraphs.join("\n"));
  });

  it("declares the foreign keys and indexes", () => {
    for (const table of ["report_values", "findings", "sections"]) {
      expect(db.pragma(`foreign_key_list(${table})`)).toEqual([expect.objectContaining({ table: "reports", from: "report_id", on_delete: "CASCADE" })]);
    }
    const indexes = (table: string) => (db.pragma(`index_list(${table})`) as { name: string }[]).map((i) => i.name);
    expect(indexes("report_values")).toContain("report_values_path");
    expect(indexes("reports")).toContain("reports_issuer_year");
  });

  it("is idempotent: exporting again replaces rows instead of adding them", async () => {
    const tables = ["reports", "report_values", "findings", "sections"];
    const before = tables.map((t) => count(db, t));
    await exportOutput({ outDir, to });
    expect(tables.map((t) => count(db, t))).toEqual(before);
    // All of the database was written again, so the path index was dropped and built anew.
    expect((db.pragma("index_list(report_values)") as { name: string }[]).map((i) => i.name)).toContain("report_values_path");
    expect(db.prepare("SELECT count(*) AS n FROM reports WHERE sha256 = ?").get(seedLine.sha256)).toEqual({ n: 1 });
  });

  it("leaves the database as it was when an export is abandoned before its transaction commits", async () => {
    const tables = ["reports", "report_values", "findings", "sections"];
    const before = tables.map((t) => count(db, t));
    const seedRow = db.prepare("SELECT id FROM reports WHERE sha256 = ?").get(seedLine.sha256);
    const sink = new SqliteSink(to, 1);
    // Re-adding the seed deletes its rows and writes new ones, all inside the open transaction.
    for await (const entry of readOutputDir(outDir, { json: false }, () => {})) if (entry.line.sha256 === seedLine.sha256) sink.add(entry);
    sink.abandon();
    expect(tables.map((t) => count(db, t))).toEqual(before);
    expect((db.pragma("index_list(report_values)") as { name: string }[]).map((i) => i.name)).toContain("report_values_path");
    expect(db.prepare("SELECT id FROM reports WHERE sha256 = ?").get(seedLine.sha256)).toEqual(seedRow);
  });
});

describe("jsonl export", () => {
  it("has one line per converted report, the report JSON as written", async () => {
    const to = join(work, "jsonl", "reports.jsonl");
    await exportOutput({ outDir, to });
    const lines = readFileSync(to, "utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(okLines().length);
    const index = okLines().findIndex((line) => line.input === seedPath);
    expect(JSON.parse(lines[index]!)).toEqual(seedReport);
  });
});

describe("csv export", () => {
  let tidy: string[][];

  beforeAll(async () => {
    const to = join(work, "csv", "values.csv");
    await exportOutput({ outDir, to });
    tidy = parseCsv(readFileSync(to, "utf8"));
  });

  it("quotes as RFC 4180 says and writes null as empty", () => {
    expect(["plain", "a,b", 'say "hi"', "two\nlines", 25.1, 0, null].map(csvField)).toEqual([
      "plain",
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "25.1",
      "0",
      "",
    ]);
  });

  it("is tidy: one row per value, the seed's received.total in its row", () => {
    expect(tidy[0]).toEqual(TIDY_HEADER);
    const seedRows = tidy.filter((row) => row[0] === seedPath);
    expect(seedRows).toHaveLength(fieldsOf("2021").length);
    expect(seedRows).toContainEqual([seedPath, seedLine.sha256, "阳泉市人民政府", "2021", "2021", RECEIVED_TOTAL, "36", "36", ""]);
    expect(seedRows).toContainEqual([seedPath, seedLine.sha256, "阳泉市人民政府", "2021", "2021", "applications.carriedOver.total", "", "", ""]);
  });

  it("with --wide --excel: a BOM, every canonical path a column, the seed's value in the right one", async () => {
    const to = join(work, "csv", "wide.csv");
    await exportOutput({ outDir, to, wide: true, excel: true });
    const text = readFileSync(to, "utf8");
    expect(text.startsWith("\uFEFFfile,sha256,")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(["file", "sha256", "issuer", "year", "template", ...TEMPLATES.allPaths]);
    expect(rows).toHaveLength(okLines().length);
    const seedRow = rows.find((row) => row[0] === seedPath)!;
    expect(seedRow).toHaveLength(header!.length);
    expect(seedRow[header!.indexOf(RECEIVED_TOTAL)]).toBe("36");
    expect(seedRow[header!.indexOf("applications.carriedForward.total")]).toBe("1");
    // 2019-only columns are empty for a 2021 report.
    expect(seedRow[header!.indexOf("activeDisclosure.regulations.newlyMade")]).toBe("");
  });
});

describe("parquet export", () => {
  it("reads back the same rows as the tidy CSV, value as nullable DOUBLE", async () => {
    const to = join(work, "parquet", "values.parquet");
    const csvTo = join(work, "parquet", "values.csv");
    await exportOutput({ outDir, to });
    await exportOutput({ outDir, to: csvTo });
    const file = await asyncBufferFromFile(to);
    const schema = (await parquetMetadataAsync(file)).schema;
    expect(schema.find((e) => e.name === "value")).toMatchObject({ type: "DOUBLE", repetition_type: "OPTIONAL" });
    expect(schema.find((e) => e.name === "issuer")).toMatchObject({ type: "BYTE_ARRAY", converted_type: "UTF8" });
    const rows = (await parquetReadObjects({ file })) as Record<string, string | number | null>[];
    const asCsv = rows.map((row) => TIDY_HEADER.map((column) => (row[column] === null ? "" : String(row[column]))));
    const [, ...csvRows] = parseCsv(readFileSync(csvTo, "utf8"));
    expect(asCsv).toEqual(csvRows);
    expect(rows.find((row) => row.file === seedPath && row.path === RECEIVED_TOTAL)).toMatchObject({ value: 36, raw: "36", year: 2021 });
  });
});

type DeriveArgs = [tag: string, issuer: string, year: number, carriedOver: number | null, carriedForward: number | null, edit?: (report: Report) => void];

/**
 * A synthetic report DERIVED FROM THE SEED's report JSON, written into an output folder `dir`: only
 * the issuer, the year, the two carry figures and the sha256 are changed (and what `edit` changes),
 * so it is a valid report of real shape but not a real report. Returns its manifest line.
 */
function deriveReport(dir: string, ...[tag, issuer, year, carriedOver, carriedForward, edit]: DeriveArgs): ManifestLine {
  const report: Report = structuredClone(seedReport);
  report.meta.issuer = issuer;
  report.meta.year = year;
  setValue(report, "applications.carriedOver.total", carriedOver);
  setValue(report, "applications.carriedForward.total", carriedForward);
  report.source.sha256 = createHash("sha256").update(tag).digest("hex");
  edit?.(report);
  const output = `derived/${tag}.json`;
  mkdirSync(join(dir, "derived"), { recursive: true });
  writeFileSync(join(dir, output), JSON.stringify(report));
  return { ...seedLine, input: `derived/${tag}.txt`, output, sha256: report.source.sha256 };
}

describe("series.carryOver across documents", () => {
  let seriesDir: string;
  let summary: ExportSummary;
  let db: Database.Database;

  const derive = (...args: DeriveArgs) => deriveReport(seriesDir, ...args);

  beforeAll(async () => {
    seriesDir = join(work, "series-output");
    const lines = [
      derive("a", "洪泽区人民政府", 2022, 2, 5),
      derive("b", "淮安市洪泽区人民政府", 2023, 3, 4), // 3 carried over, but 2022 carried 5 forward
      derive("c", "洪泽区人民政府", 2024, 4, 0), // agrees with b
      derive("d", "阳泉市人民政府", 2021, null, 1),
      derive("e", "阳泉市人民政府", 2022, 1, null), // agrees with d
      derive("f", "晋中市人民政府", 2023, 9, null), // another city: not 阳泉's next year
      { ...seedLine, input: "derived/gone.txt", output: "derived/gone.json", sha256: "0".repeat(64) },
    ];
    // A run killed mid-write leaves a torn last line.
    writeFileSync(join(seriesDir, "manifest.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n{"input":"derived/g`);
    summary = await exportOutput({ outDir: seriesDir, to: join(work, "series", "series.sqlite") });
    db = new Database(join(work, "series", "series.sqlite"), { readonly: true });
  });

  afterAll(() => db.close());

  it("finds the one broken carry, on the year-Y report in sqlite", () => {
    expect(summary.seriesFindings).toBe(1);
    const rows = db
      .prepare(
        `SELECT r.issuer, r.year, f.severity, f.paths, f.expected, f.actual FROM findings f JOIN reports r ON r.id = f.report_id
         WHERE f.rule = 'series.carryOver'`,
      )
      .all();
    expect(rows).toEqual([
      {
        issuer: "淮安市洪泽区人民政府",
        year: 2023,
        severity: "warning",
        paths: JSON.stringify(["applications.carriedOver.total", "applications.carriedForward.total"]),
        expected: 5,
        actual: 3,
      },
    ]);
  });

  it("writes series.json beside the export with the groups formed and the findings", () => {
    const series = JSON.parse(readFileSync(join(work, "series", "series.json"), "utf8"));
    const hongze = series.groups.find((g: { names: string[] }) => g.names.includes("洪泽区人民政府"));
    expect(hongze.names).toEqual(["淮安市洪泽区人民政府", "洪泽区人民政府"]);
    expect(hongze.reports.map((r: { file: string; year: number }) => [r.file, r.year])).toEqual([
      ["derived/a.txt", 2022],
      ["derived/b.txt", 2023],
      ["derived/c.txt", 2024],
    ]);
    expect(series.groups.map((g: { key: string }) => g.key).sort()).toEqual(["晋中市人民政府", "淮安市洪泽区人民政府", "阳泉市人民政府"].sort());
    expect(series.findings).toEqual([
      expect.objectContaining({
        file: "derived/b.txt",
        year: 2023,
        previous: expect.objectContaining({ file: "derived/a.txt", issuer: "洪泽区人民政府", year: 2022 }),
        rule: "series.carryOver",
        expected: 5,
        actual: 3,
      }),
    ]);
  });

  it("turns a missing report JSON into a failed row and skips a torn manifest line", () => {
    expect(db.prepare("SELECT status FROM reports WHERE file = 'derived/gone.txt'").get()).toEqual({ status: "failed" });
    expect(summary.unreadableLines).toEqual([{ number: 8, reason: "not JSON" }]);
    // The torn last line has no newline and is counted all the same.
    expect(countManifestLines(seriesDir)).toBe(8);
  });

  it("takes the groups a researcher gives: series.json with a group split and two merged", async () => {
    const written = JSON.parse(readFileSync(join(work, "series", "series.json"), "utf8"));
    const edited = {
      ...written,
      groups: [
        { names: ["淮安市洪泽区人民政府"] }, // split off from 洪泽区人民政府: a and c are not its years
        { names: ["洪泽区人民政府"] },
        { names: ["阳泉市人民政府", "晋中市人民政府", "某县人民政府"] }, // merged; the third name no report carries
      ],
    };
    const issuers = join(work, "series-given", "issuers.json");
    mkdirSync(dirname(issuers), { recursive: true });
    writeFileSync(issuers, JSON.stringify(edited));
    const given = await exportOutput({ outDir: seriesDir, to: join(work, "series-given", "series.jsonl"), issuerGroups: issuers });
    const series = JSON.parse(readFileSync(join(work, "series-given", "series.json"), "utf8"));
    expect(series.groups.map((g: { key: string; names: string[]; given: boolean; reports: { file: string }[] }) => [g.key, g.names, g.given, g.reports.map((r) => r.file)])).toEqual([
      // A group's key is its longest name, the first in code point order among equals, as for the others.
      ["晋中市人民政府", ["晋中市人民政府", "阳泉市人民政府"], true, ["derived/d.txt", "derived/e.txt", "derived/f.txt"]],
      ["洪泽区人民政府", ["洪泽区人民政府"], true, ["derived/a.txt", "derived/c.txt"]],
      ["淮安市洪泽区人民政府", ["淮安市洪泽区人民政府"], true, ["derived/b.txt"]],
    ]);
    expect(series.unusedNames).toEqual(["某县人民政府"]);
    // b's broken carry is no longer seen (no 2022 in its group); f's 9 now follows 阳泉 2022's blank.
    expect(given.seriesFindings).toBe(1);
    expect(series.findings).toEqual([
      expect.objectContaining({ file: "derived/f.txt", previous: expect.objectContaining({ file: "derived/e.txt" }), expected: null, actual: 9, blankPaths: ["applications.carriedForward.total"] }),
    ]);
  });

  it("does not duplicate series findings when exported again", async () => {
    await exportOutput({ outDir: seriesDir, to: join(work, "series", "series.sqlite") });
    expect(db.prepare("SELECT count(*) AS n FROM findings WHERE rule = 'series.carryOver'").get()).toEqual({ n: 1 });
  });
});

describe("series.carryOver and a carry figure left unread", () => {
  /** Exports two consecutive years of one body, 2020 carrying nothing forward (null), 2021 carrying 4 over. */
  async function carryFindings(name: string, unread: boolean): Promise<number> {
    const dir = join(work, name);
    const lines = [
      deriveReport(dir, `${name}-2020`, "某市人民政府", 2020, null, null, (report) => {
        // What a 结转下年度 总计 cell reading 见附表 leaves: null in state unread, and a reading finding naming it.
        if (!unread) return;
        report.provenance["applications.carriedForward.total"] = { state: "unread", raw: "见附表", unit: null, label: "四、结转下年度继续办理 / 总计", at: {} };
        report.findings.push({ rule: "value.unreadable", severity: "warning", paths: ["applications.carriedForward.total"], message: 'cell "见附表" is not a number' });
      }),
      deriveReport(dir, `${name}-2021`, "某市人民政府", 2021, 4, null),
    ];
    writeFileSync(join(dir, "manifest.jsonl"), `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    return (await exportOutput({ outDir: dir, to: join(dir, "export", "x.jsonl") })).seriesFindings;
  }

  it("checks a blank carry as 0 but not an unread one", async () => {
    expect(await carryFindings("carry-blank", false)).toBe(1);
    expect(await carryFindings("carry-unread", true)).toBe(0);
  });
});

describe("the read-ahead worker (what the compiled CLI reads with)", () => {
  /** A worker running read-worker.ts from sources: tsx's ESM hooks are registered first. */
  function sourceWorker(outDir: string, json: boolean): Worker {
    const require = createRequire(import.meta.url);
    const tsxRoot = dirname(require.resolve("tsx/package.json"));
    const tsxApi = join(tsxRoot, require("tsx/package.json").exports["./esm/api"].import.default);
    const boot = join(work, "read-worker-boot.mjs");
    const workerUrl = pathToFileURL(resolve(repoRoot, "src/exports/read-worker.ts")).href;
    writeFileSync(boot, `import { register } from ${JSON.stringify(pathToFileURL(tsxApi).href)};\nregister();\nawait import(${JSON.stringify(workerUrl)});\n`);
    return new Worker(boot, { workerData: { outDir, options: { json } } });
  }

  async function collect(entries: AsyncIterable<ExportEntry>): Promise<ExportEntry[]> {
    const all: ExportEntry[] = [];
    for await (const entry of entries) all.push(entry);
    return all;
  }

  it("yields what reading in this thread yields, past its read-ahead limit, unreadable lines included", async () => {
    // 150 entries (more than the 64 the worker may run ahead) of the seed's report, then a torn line.
    const dir = seedCopies("many", 150, '{"input":');
    const inThread: UnreadableLine[] = [];
    const throughWorker: UnreadableLine[] = [];
    const expected = await collect(readOutputDir(dir, { json: true }, (line) => inThread.push(line)));
    const actual = await collect(readThroughWorker(sourceWorker(dir, true), (line) => throughWorker.push(line)));
    expect(actual).toEqual(expected);
    expect(throughWorker).toEqual(inThread);
    expect(actual).toHaveLength(150);
    expect(throughWorker).toEqual([{ number: 151, reason: "not JSON" }]);
  }, 30_000);
});

describe("checkSeries issuer grouping", () => {
  const report = (issuer: string, year = 2021): SeriesReport => ({ issuer, year, values: {} });
  const groupsOf = (...issuers: string[]) => checkSeries(issuers.map((i) => report(i))).groups.map((g) => g.names);

  it("merges a body named with and without its enclosing divisions", () => {
    expect(groupsOf("洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府")).toEqual([
      ["江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区人民政府"],
    ]);
  });

  it("never merges two cities' governments, nor a name cut inside a place name", () => {
    expect(groupsOf("阳泉市人民政府", "晋中市人民政府")).toHaveLength(2);
    expect(groupsOf("山东区人民政府", "东区人民政府")).toHaveLength(2);
  });

  it("leaves a name shared by unrelated longer names alone, as ambiguous", () => {
    const result = checkSeries(["阳泉市郊区人民政府", "长治市郊区人民政府", "郊区人民政府"].map((i) => report(i)));
    expect(result.groups).toHaveLength(3);
    expect(result.ambiguous).toEqual([{ name: "郊区人民政府", candidates: ["长治市郊区人民政府", "阳泉市郊区人民政府"].sort() }]);
  });

  it("takes given groups as they are and groups only the names they do not list", () => {
    // The same body under two names that no rule can tell are one (the real Pingtan reports say 平潭综合实验区).
    const reports: SeriesReport[] = [
      { issuer: "平潭综合实验区管委会", year: 2020, values: { "applications.carriedForward.total": 2 } },
      { issuer: "平潭综合实验区", year: 2021, values: { "applications.carriedOver.total": 1 } },
      { issuer: "洪泽区人民政府", year: 2021, values: {} },
      { issuer: "淮安市洪泽区人民政府", year: 2022, values: {} },
    ];
    const automatic = checkSeries(reports);
    expect(automatic.groups.map((g) => g.names)).toEqual([["平潭综合实验区"], ["平潭综合实验区管委会"], ["淮安市洪泽区人民政府", "洪泽区人民政府"]]);
    expect(automatic.findings).toEqual([]);
    const given = checkSeries(reports, [["平潭综合实验区", "平潭 综合实验区管委会"]]);
    expect(given.groups.map((g) => [g.key, g.names, g.given])).toEqual([
      ["平潭综合实验区管委会", ["平潭综合实验区管委会", "平潭综合实验区"], true],
      ["淮安市洪泽区人民政府", ["淮安市洪泽区人民政府", "洪泽区人民政府"], false],
    ]);
    expect(given.findings.map((f) => [f.report.issuer, f.finding.expected, f.finding.actual])).toEqual([["平潭综合实验区", 2, 1]]);
    expect(given.unusedNames).toEqual([]);
  });

  it("keeps a body apart when it is given a group of its own, ambiguous names included", () => {
    const names = ["阳泉市郊区人民政府", "长治市郊区人民政府", "郊区人民政府"];
    const result = checkSeries(names.map((i) => report(i)), [["阳泉市郊区人民政府", "郊区人民政府"], ["长治市郊区人民政府"]]);
    expect(result.groups.map((g) => g.names)).toEqual([["长治市郊区人民政府"], ["阳泉市郊区人民政府", "郊区人民政府"]]);
    expect(result.ambiguous).toEqual([]);
  });

  it("counts a blank figure as 0, says it is blank, and checks nothing when both are blank", () => {
    const pair = (forward: number | null, over: number | null) =>
      checkSeries([
        { issuer: "某县人民政府", year: 2020, values: { "applications.carriedForward.total": forward } },
        { issuer: "某县人民政府", year: 2021, values: { "applications.carriedOver.total": over } },
      ]).findings.map((f) => [f.finding.expected, f.finding.actual, f.finding.blankPaths]);
    expect(pair(null, null)).toEqual([]);
    expect(pair(2, null)).toEqual([[2, null, ["applications.carriedOver.total"]]]);
    expect(pair(2, 2)).toEqual([]);
  });
});

describe("nianbao export (CLI)", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", resolve(repoRoot, "src/cli/main.ts"), "export", ...args], { encoding: "utf8" });

  it("exits 2 for a missing folder or an unknown extension, saying why", () => {
    const missing = cli(join(work, "nowhere"), "--to", join(work, "cli", "x.sqlite"));
    expect([missing.status, missing.stderr]).toEqual([2, `error: ${join(work, "nowhere")} is not a folder\n`]);
    const unknown = cli(outDir, "--to", join(work, "cli", "x.xlsx"));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("cannot tell the export format");
  });

  it("exits 2 for issuer groups it cannot use, naming the file and the problem, before writing anything", () => {
    const file = (name: string, content: string) => {
      const path = join(work, "cli-issuers", name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    };
    const to = join(work, "cli-issuers", "out", "x.sqlite");
    const run = (issuers: string) => {
      const result = cli(outDir, "--to", to, "--issuers", issuers, "-q");
      return [result.status, result.stderr];
    };
    const notJson = file("not-json.json", "{groups:");
    expect(run(notJson)).toEqual([2, expect.stringMatching(new RegExp(`^error: the issuer groups ${notJson} are not JSON: `))]);
    const wrongShape = file("shape.json", JSON.stringify({ groups: [{ names: [] }] }));
    expect(run(wrongShape)).toEqual([2, expect.stringContaining(`error: the issuer groups ${wrongShape} are not {"groups": [{"names": ["…"]}, …]}: `)]);
    expect(run(wrongShape)[1]).toContain("at groups.0.names");
    const twice = file("twice.json", JSON.stringify({ groups: [{ names: ["阳泉市人民政府"] }, { names: ["晋中市人民政府", "阳泉市 人民政府"] }] }));
    expect(run(twice)).toEqual([2, `error: the issuer groups ${twice} list 阳泉市人民政府 in two groups (numbers 1 and 2): a body belongs to one\n`]);
    const missing = join(work, "cli-issuers", "missing.json");
    expect(run(missing)).toEqual([2, expect.stringContaining(`error: cannot read the issuer groups: ENOENT: no such file or directory, open '${missing}'`)]);
    expect(existsSync(dirname(to))).toBe(false);
  });

  it("exports and reports what it wrote", () => {
    const result = cli(outDir, "--to", join(work, "cli", "reports.jsonl"));
    expect(result.status).toBe(0);
    const failed = manifest.filter((l) => l.status === "failed").length;
    // Not a terminal: progress is a plain line (every 5 s and at the end); the failed conversions
    // are counted, not printed again.
    const progress = result.stderr.split("\n").filter((line) => line.includes(" docs/s · "));
    expect(progress.at(-1)).toMatch(new RegExp(`^${manifest.length}/${manifest.length} · [0-9.]+ docs/s · ETA 0s · ${failed} failed$`));
    expect(result.stderr).not.toContain("failed: ");
    expect(result.stderr).toContain(`${okLines().length} ok`);
    expect(readFileSync(join(work, "cli", "reports.jsonl"), "utf8").split("\n")).toHaveLength(okLines().length + 1);
  });

  it("exits 1 with what to do when the .sqlite file cannot be written, and leaves it as it was", () => {
    const target = join(work, "cli-target");
    mkdirSync(target, { recursive: true });
    const notDatabase = join(target, "notes.sqlite");
    writeFileSync(notDatabase, "会议纪要：这不是数据库。".repeat(20));
    const refused = cli(outDir, "--to", notDatabase, "-q");
    expect([refused.status, refused.stderr]).toEqual([1, `error: ${notDatabase} is not an SQLite database: export to a new file\n`]);
    expect(readFileSync(notDatabase, "utf8")).toBe("会议纪要：这不是数据库。".repeat(20));

    const otherVersion = join(target, "other.sqlite");
    new Database(otherVersion).pragma("user_version = 7");
    expect(cli(outDir, "--to", otherVersion, "-q").stderr).toBe(`error: ${otherVersion} holds tables of export version 7, not 1: export to a new file\n`);

    // Open for writing elsewhere (a database browser in the middle of a change): SQLite waits 5 s, then gives up.
    const busy = join(target, "busy.sqlite");
    expect(cli(outDir, "--to", busy, "-q").status).toBe(0);
    const holder = new Database(busy);
    holder.exec("BEGIN EXCLUSIVE");
    try {
      const locked = cli(outDir, "--to", busy, "-q");
      expect([locked.status, locked.stderr]).toEqual([1, `error: ${busy} is locked: another program is writing to it (close that, or export to another file)\n`]);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
  }, 30_000);

  it("stops on Ctrl-C (SIGINT) with exit 130, leaving a whole database that a second run completes", async () => {
    // 1,500 entries of the seed's report (one document, replaced 1,500 times) take a few seconds.
    const dir = seedCopies("interrupted", 1500);
    const to = join(work, "cli-target", "interrupted.sqlite");
    const child = spawn(process.execPath, ["--import", "tsx", resolve(repoRoot, "src/cli/main.ts"), "export", dir, "--to", to], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    // The first progress line comes with the first report: the export is under way.
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr === "") child.kill("SIGINT");
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).toBe(130);
    expect(stderr.endsWith(`SIGINT: export stopped; run the same command again to complete ${to}\n`)).toBe(true);
    const stopped = new Database(to, { readonly: true });
    expect(stopped.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect((stopped.pragma("index_list(report_values)") as { name: string }[]).map((i) => i.name)).toContain("report_values_path");
    stopped.close();
    const again = cli(dir, "--to", to, "-q");
    expect([again.status, again.stderr]).toEqual([0, ""]);
    const completed = new Database(to, { readonly: true });
    expect(count(completed, "reports")).toBe(1);
    expect(completed.prepare("SELECT count(*) AS n FROM report_values").get()).toEqual({ n: fieldsOf("2021").length });
    completed.close();
  }, 120_000);

  it("ends its progress at the entries it read when a torn manifest line never arrives", () => {
    // The folder the series tests made: 7 entries, then a torn eighth line.
    const result = cli(join(work, "series-output"), "--to", join(work, "cli", "series.csv"));
    expect(result.status).toBe(0);
    const lines = result.stderr.split("\n");
    expect(lines.filter((line) => line.includes(" docs/s · ")).at(-1)).toMatch(/^7\/8 · [0-9.]+ docs\/s · ETA [0-9]+s · 1 failed$/);
    expect(lines).toContain(`warning: ${join(work, "series-output")}/manifest.jsonl line 8 skipped: not JSON`);
  });
});
