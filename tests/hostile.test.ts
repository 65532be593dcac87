/**
 * Hostile and broken input through the built CLI, as a user runs it: every case ends as exactly one
 * manifest line whose error names the file and the problem, every other input of the same run
 * converts, nothing lands outside --out, nothing is fetched, and the run stays within its memory.
 * All inputs are generated here (see tests/helpers/hostile.ts); nothing binary is committed.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../scripts/fuzz.js";
import { readZip, writeZip } from "../scripts/lib/zip.js";
import { convertBytes } from "../src/pipeline/convert.js";
import type { Report } from "../src/schema/report.js";
import { type ManifestLine, readManifest } from "../src/writers/manifest.js";
import { buildCli, cliPath, cliWorkspace, runCli } from "./helpers/cli.js";
import {
  BUDGET_PAGE,
  bigHtmlTable,
  bombDocx,
  deeplyNested,
  editDocxPart,
  encodeGbk,
  encodeUtf16,
  encryptedDocx,
  encryptedPdf,
  hostileDoctype,
  INTERPRETATION_PAGE,
  malformedPdf,
  minimalDocx,
  NEWS_ARTICLE,
  withHostileDoctype,
} from "./helpers/hostile.js";
import { fixtures, realCorpus, shared } from "./helpers/paths.js";

const SEED_TEXT = resolve(shared, "seed/2021_yangquan_city.txt");
const SHANGHAI_HTML = resolve(realCorpus, "2019_shanghai_shizhengfu_bangongting.html");
const SHANGHAI_DOCX = resolve(fixtures, "docx/2019_shanghai_shizhengfu_bangongting.docx");
const SHANGHAI_GBK = resolve(fixtures, "html/2019_shanghai_shizhengfu_bangongting.gbk.html");
const MAX_BYTES = 3_000_000;
/**
 * The bound on the CLI's peak resident memory over the run below (hostile cases and the real
 * corpus, two workers). Measured 282–288 MB on the 2-core test machine: the CLI's main thread takes
 * about 60 MB (it never loads the readers), each worker 25 MB, and pdf.js about 75 MB more in each
 * worker that reads a PDF.
 */
const RSS_LIMIT_MB = 300;

const LONG_STEM = "某某省某某市某某区人民政府办公室关于二〇二三年度政府信息公开工作年度报告的全文及其附件材料的说明"; // 50 characters, 150 bytes

interface Run {
  status: number | null;
  stderr: string;
  ms: number;
  peakRssMb: number | undefined;
}

/**
 * Runs the CLI asynchronously (the test's HTTP server must keep answering) and polls the process
 * tree's resident memory: VmHWM of the CLI (its own peak, threads included) and VmRSS of any child.
 */
function runCliMeasured(args: string[]): Promise<Run> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    let peakKb: number | undefined;
    const poll = setInterval(() => {
      const kb = treeRssKb(child.pid!);
      if (kb !== undefined) peakKb = Math.max(peakKb ?? 0, kb);
    }, 20);
    child.on("exit", (status) => {
      clearInterval(poll);
      done({ status, stderr, ms: performance.now() - started, peakRssMb: peakKb === undefined ? undefined : peakKb / 1024 });
    });
  });
}

function treeRssKb(pid: number): number | undefined {
  const status = (p: number) => {
    try {
      return readFileSync(`/proc/${p}/status`, "utf8");
    } catch {
      return undefined;
    }
  };
  const field = (text: string | undefined, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text ?? "")?.[1] ?? Number.NaN);
  const own = field(status(pid), "VmHWM");
  if (Number.isNaN(own)) return undefined;
  let children = 0;
  const visit = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let list = "";
      try {
        list = readFileSync(`/proc/${p}/task/${task}/children`, "utf8");
      } catch {
        continue;
      }
      for (const child of list.split(/\s+/).filter(Boolean).map(Number)) {
        const rss = field(status(child), "VmRSS");
        if (!Number.isNaN(rss)) children += rss;
        visit(child);
      }
    }
  };
  visit(pid);
  return own + children;
}

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

describe("hostile and broken input: clear errors, nothing lost, no crash, no hang", () => {
  let root: string;
  let input: string;
  let out: string;
  let run: Run;
  let lines: ManifestLine[];
  let server: Server;
  let fetched: string[];
  let before: string[];
  const line = (path: string) => {
    const found = lines.filter((l) => l.input === path);
    expect(found, `manifest lines for ${path}`).toHaveLength(1);
    return found[0]!;
  };
  const hostile = (name: string) => join(input, name);
  const reportOf = (l: ManifestLine) => JSON.parse(readFileSync(join(out, l.output!), "utf8"));

  beforeAll(async () => {
    fetched = [];
    server = createServer((request, response) => {
      fetched.push(request.url ?? "");
      response.end('<!ENTITY leaked "FETCHED">');
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const fetchUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    buildCli();
    root = mkdtempSync(join(tmpdir(), "nianbao-hostile-"));
    input = join(root, "in");
    out = join(root, "out");
    const write = (name: string, bytes: Uint8Array | string) => {
      mkdirSync(join(input, name, ".."), { recursive: true });
      writeFileSync(join(input, name), bytes);
    };
    const rng = new Rng(20240601);
    const randomBytes = (length: number) => Uint8Array.from({ length }, () => rng.int(256));
    const shanghai = readFileSync(SHANGHAI_HTML, "utf8");
    const seedText = readFileSync(SEED_TEXT, "utf8");
    const docx = readFileSync(SHANGHAI_DOCX);

    // Unreadable as documents.
    write("broken/empty.txt", "");
    write("broken/random.bin", randomBytes(8192));
    write("broken/text-renamed.docx", "会议纪要\n\n本文件是纯文本，只是名字以 .docx 结尾。\n请于周五前反馈意见。\n");
    write("broken/not-a-zip.docx", Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), randomBytes(4096)]));
    write("broken/truncated.docx", docx.subarray(0, docx.length >> 1));
    write("broken/no-document.docx", writeZip(readZip(docx)!.filter((e) => e.name !== "word/document.xml")));
    write("broken/encrypted.docx", encryptedDocx());
    write("broken/encrypted.pdf", encryptedPdf());
    write("broken/malformed.pdf", malformedPdf());
    // Over the caps.
    write("caps/bomb.docx", bombDocx(1024, { lie: false }));
    write("caps/bomb-lying.docx", bombDocx(1024, { lie: true }));
    write("caps/too-big.txt", Buffer.alloc(MAX_BYTES + 500_000, "年报 "));
    // XML that tries entity expansion and external entities, in a real report and alone.
    write("xml/xxe-report.docx", editDocxPart(docx, "word/document.xml", (xml) => withHostileDoctype(xml, fetchUrl)));
    write("xml/billion-laughs.docx", minimalDocx("<w:p><w:r><w:t>&lol9;&xxe;&web;</w:t></w:r></w:p>", hostileDoctype(fetchUrl)));
    // HTML built to exhaust parsers.
    write("html/nested-100000.html", deeplyNested(shanghai, 100_000));
    write("html/cell-1mb.html", `<html><body><table><tr><td>说明</td><td>${"数据".repeat(175_000)}</td></tr></table></body></html>`);
    write("html/report-with-1mb-cell.html", shanghai.replace("251000元", "数据".repeat(175_000)));
    write("html/columns-10000.html", `${shanghai}<table><tr>${Array.from({ length: 10_000 }, (_, i) => `<td>${i}</td>`).join("")}</tr></table>`);
    // Wrong or lying encodings.
    write("encodings/gbk-no-charset.txt", encodeGbk(seedText));
    write("encodings/gbk-meta-says-utf8.html", Buffer.concat([Buffer.from('<meta charset="utf-8">'), readFileSync(SHANGHAI_GBK)]));
    write("encodings/utf8-meta-says-gbk.html", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">${shanghai}`);
    write("encodings/utf16le-bom.txt", encodeUtf16(seedText, "le"));
    write("encodings/utf16be-bom-meta-says-gbk.html", encodeUtf16(`<meta charset="gbk">${shanghai}`, "be"));
    // Not reports.
    write("not-reports/news.html", NEWS_ARTICLE);
    write("not-reports/budget.html", BUDGET_PAGE);
    write("not-reports/interpretation.html", INTERPRETATION_PAGE);
    // Names.
    write("names/年度 报告 2021 (final).txt", seedText);
    write(`names/${LONG_STEM}${"甲".repeat(20)}.txt`, seedText); // 214 bytes
    write(`names/${LONG_STEM}${"乙".repeat(20)}.txt`, seedText); // same first 180 bytes
    // Entries that are not files to read.
    mkdirSync(join(input, "special"));
    execFileSync("mkfifo", [join(input, "special/pipe.txt")]);
    symlinkSync("/dev/zero", join(input, "special/zero.txt"));
    symlinkSync(join(root, "deleted-before-the-run.txt"), join(input, "special/gone.txt"));
    symlinkSync("loop-b.txt", join(input, "special/loop-a.txt"));
    symlinkSync("loop-a.txt", join(input, "special/loop-b.txt"));
    symlinkSync(".", join(input, "special/self"));
    symlinkSync("..", join(input, "special/parent"));
    // Two inputs with one output name; a path through `..`; a name that starts with "..".
    for (const folder of ["a", "b"]) mkdirSync(join(root, folder));
    copyFileSync(SEED_TEXT, join(root, "a/report.txt"));
    copyFileSync(resolve(realCorpus, "2021_pingtan_zonghe_shiyanqu.txt"), join(root, "b/report.txt"));
    copyFileSync(SEED_TEXT, join(root, "b/..报告.txt"));

    before = filesUnder(root);
    run = await runCliMeasured([
      "convert",
      input,
      join(root, "a/report.txt"),
      join(root, "b/report.txt"),
      join(root, "a/../b/..报告.txt"),
      realCorpus,
      resolve(shared, "seed"),
      "--out",
      out,
      "--max-bytes",
      String(MAX_BYTES),
      "--jobs",
      "2",
      "--quiet",
    ]);
    lines = readManifest(join(out, "manifest.jsonl"));
  }, 180_000);

  afterAll(async () => {
    await new Promise((closed) => server?.close(closed));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("finishes with exit 1 (some inputs failed), no crash, one manifest line per input", () => {
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(/^nianbao: /m);
    const inputs = lines.map((l) => l.input);
    expect(new Set(inputs).size).toBe(inputs.length);
    for (const l of lines) if (l.status !== "ok") expect(l.error!.startsWith(`${l.input}: `)).toBe(true);
  });

  it.each([
    ["broken/empty.txt", "the file is empty (0 bytes)"],
    ["broken/random.bin", "the file is binary data, not a document nianbao reads"],
    ["broken/not-a-zip.docx", "not a .docx: the file is not a zip archive"],
    ["broken/truncated.docx", "the .docx is truncated or damaged: its zip structure points past the end of the file"],
    ["broken/no-document.docx", "not a .docx: the zip archive has no word/document.xml (no Word document inside)"],
    ["broken/encrypted.docx", "the .docx is encrypted (password-protected); open it in Word, remove the password and save it again"],
    ["broken/encrypted.pdf", "encrypted PDF: it needs a password to open"],
    ["broken/malformed.pdf", "malformed PDF: "],
    [
      "caps/bomb.docx",
      "the .docx is too large to read: entry word/document.xml inflates to more than 64 MiB (the cap per part); it may be a zip bomb (--max-inflated-bytes sets the cap)",
    ],
    ["caps/bomb-lying.docx", "the .docx is too large to read: entry word/document.xml inflates to more than the 1000 bytes its zip directory states; it may be a zip bomb"],
    ["caps/too-big.txt", `the file is ${MAX_BYTES + 500_000} bytes, over the ${MAX_BYTES}-byte limit (--max-bytes); it was not read`],
    ["special/pipe.txt", "not a regular file but a named pipe (FIFO); only regular files are converted"],
    ["special/zero.txt", "not a regular file but a device; only regular files are converted"],
    ["special/gone.txt", "cannot read: the file does not exist (deleted during the run, or a broken symbolic link)"],
    ["special/loop-a.txt", "cannot read: a loop of symbolic links that never reaches a file"],
    ["special/loop-b.txt", "cannot read: a loop of symbolic links that never reaches a file"],
  ])("%s fails: %s", (name, message) => {
    const l = line(hostile(name));
    expect(l).toMatchObject({ status: "failed", output: null });
    expect(l.error).toContain(`${hostile(name)}: ${message}`);
  });

  it.each([
    ["broken/text-renamed.docx", "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四 (read as plain text: the name says .docx, the content does not)"],
    ["xml/billion-laughs.docx", "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四"],
    ["html/cell-1mb.html", "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四"],
    ["not-reports/news.html", "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四"],
    ["not-reports/budget.html", "not an annual report: no report title, no standard section (总体情况…) and no 表二/表三/表四"],
    [
      "not-reports/interpretation.html",
      "not an annual report: the title “图解：某某区2023年政府信息公开工作年度报告” names one, but there is no standard section (总体情况…) and no table (an announcement or interpretation page?)",
    ],
  ])("%s is skipped: %s", (name, message) => {
    const l = line(hostile(name));
    expect(l).toMatchObject({ status: "skipped", output: null });
    expect(l.error).toBe(`${hostile(name)}: ${message}`);
  });

  it("reads a real report whose 表二 cell holds a megabyte of text: that cell null and flagged, the rest intact", () => {
    const l = line(hostile("html/report-with-1mb-cell.html"));
    expect(l).toMatchObject({ status: "ok", template: "2019" });
    const report = JSON.parse(readFileSync(join(out, l.output!), "utf8"));
    expect(report.meta.title).toBe("2019年上海市人民政府办公厅政府信息公开工作年度报告");
    expect(report.tables.activeDisclosure.procurement).toEqual({ projects: 6, amountWanYuan: null });
    expect(report.tables.applications.received.total).toBe(859);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain("value.unreadable");
  });

  it("never expands entities or resolves external ones: the report converts, no /etc/passwd, nothing fetched", () => {
    const l = line(hostile("xml/xxe-report.docx"));
    expect(l).toMatchObject({ status: "ok", template: "2019" });
    const json = readFileSync(join(out, l.output!), "utf8");
    const passwd = readFileSync("/etc/passwd", "utf8").split("\n").filter((row) => row.includes(":"));
    for (const row of passwd) expect(json).not.toContain(row);
    expect(json).not.toContain("root:");
    expect(json).not.toContain("FETCHED");
    expect(json).not.toContain("lollollol");
    expect(json).toContain("[&xxe;|&web;|&lol9;]");
    expect(reportOf(l).tables.applications.received.total).toBe(859);
    expect(fetched).toEqual([]);
  });

  it("reads HTML nested 100,000 deep and a 10,000-column table around a real report", () => {
    for (const name of ["html/nested-100000.html", "html/columns-10000.html"]) {
      const l = line(hostile(name));
      expect(l, name).toMatchObject({ status: "ok", template: "2019" });
      const report = reportOf(l);
      expect(report.meta.title).toBe("2019年上海市人民政府办公厅政府信息公开工作年度报告");
      expect(report.tables.applications.received.total).toBe(859);
    }
  });

  it("decodes GBK without a charset, meta charsets that lie, and UTF-16 with a BOM, to the same report", async () => {
    const seed = await convertBytes(readFileSync(SEED_TEXT), SEED_TEXT);
    const html = await convertBytes(readFileSync(SHANGHAI_HTML), SHANGHAI_HTML);
    const cases: [string, string, typeof seed][] = [
      ["encodings/gbk-no-charset.txt", "gb18030", seed],
      ["encodings/utf16le-bom.txt", "utf-16le", seed],
      ["encodings/gbk-meta-says-utf8.html", "gb18030", html],
      ["encodings/utf8-meta-says-gbk.html", "utf-8", html],
      ["encodings/utf16be-bom-meta-says-gbk.html", "utf-16be", html],
    ];
    for (const [name, encoding, reference] of cases) {
      const l = line(hostile(name));
      expect(l, name).toMatchObject({ status: "ok", template: reference.template });
      const report = reportOf(l);
      expect(report.source.encoding, name).toBe(encoding);
      expect(report.meta, name).toEqual(reference.meta);
      expect(report.tables, name).toEqual(reference.tables);
    }
  });

  it("keeps odd names inside --out: spaces and Chinese, names over 200 bytes, a path through `..`", () => {
    const spaced = line(hostile("names/年度 报告 2021 (final).txt"));
    expect(spaced).toMatchObject({ status: "ok", output: "names/年度 报告 2021 (final).txt.json" });
    const long = [`${LONG_STEM}${"甲".repeat(20)}.txt`, `${LONG_STEM}${"乙".repeat(20)}.txt`].map((name) => line(hostile(`names/${name}`)));
    for (const l of long) {
      expect(l.status).toBe("ok");
      expect(Buffer.byteLength(l.output!.split("/").pop()!)).toBeLessThanOrEqual(255);
    }
    expect(long[0]!.output).not.toBe(long[1]!.output);
    const dotted = line(join(root, "a/../b/..报告.txt"));
    expect(dotted).toMatchObject({ status: "ok", output: "..报告.txt.json" });
  });

  it("gives two inputs with the same name distinct outputs, each holding its own report", () => {
    const first = line(join(root, "a/report.txt"));
    const second = line(join(root, "b/report.txt"));
    expect(first).toMatchObject({ status: "ok", output: "report.txt.json" });
    expect(second).toMatchObject({ status: "ok", output: "report.txt~2.json" });
    expect(reportOf(first).source.sha256).toBe(first.sha256);
    expect(reportOf(second).source.sha256).toBe(second.sha256);
    expect(first.sha256).not.toBe(second.sha256);
  });

  it("walks a folder with symbolic-link loops once and ends", () => {
    expect(lines.filter((l) => l.input.includes("special/self") || l.input.includes("special/parent"))).toEqual([]);
    expect(lines.filter((l) => l.input.startsWith(input))).toHaveLength(filesOf(input).length);
  });

  it("converts every other input of the run: the real reports convert, other files are skipped", () => {
    const others = lines.filter((l) => !l.input.startsWith(input) && !l.input.startsWith(root));
    expect(others.length).toBe(readdirSync(realCorpus).length + readdirSync(resolve(shared, "seed")).length);
    for (const l of others) {
      const report = /\.(html|txt|pdf)$/.test(l.input) && !l.input.includes(".expected.");
      expect(l.status, `${l.input}: ${l.error}`).toBe(report ? "ok" : "skipped");
    }
  });

  it("writes nothing outside --out, and only the reports and the manifest inside it", () => {
    const outside = filesUnder(root).filter((f) => !f.startsWith("out/"));
    expect(outside).toEqual(before);
    const inside = filesUnder(out);
    const expected = ["manifest.jsonl", ...lines.filter((l) => l.status === "ok").map((l) => l.output!)].sort();
    expect(inside).toEqual(expected);
  });

  it(`peaks under ${RSS_LIMIT_MB} MB of resident memory over the whole run`, () => {
    console.log(`hostile run: ${lines.length} inputs in ${Math.round(run.ms)} ms, peak RSS ${run.peakRssMb?.toFixed(0)} MB`);
    if (run.peakRssMb === undefined) return; // no /proc: nothing to measure
    expect(run.peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  });
});

/** Whether a process runs: a killed one may linger a moment as a zombie (dead, not yet reaped) or be gone. */
function isRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

/** The entries a walk finds under `folder`: regular files and the special entries, not folders or folder links. */
function filesOf(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...filesOf(path));
    else if (!(entry.isSymbolicLink() && (entry.name === "self" || entry.name === "parent"))) found.push(path);
  }
  return found;
}

describe("per-file timeout and the inflation cap, from the command line", () => {
  const root = cliWorkspace("nianbao-limits-");

  it("stops a file slower than --timeout 2 and converts the rest; the output folder inside the input folder is not walked", () => {
    const folder = join(root(), "slow");
    mkdirSync(folder);
    // A file that never finishes by construction (NIANBAO_STALL_ON, read by the worker), so the test
    // holds on any machine: a genuinely slow input (a 5.8 MB table) converted in under 2 s on a fast one.
    // The report after it goes to the worker that replaces the stopped one.
    writeFileSync(join(folder, "b-slow-table.html"), bigHtmlTable(20, 20));
    for (const name of ["a-seed.txt", "c-seed.txt"]) copyFileSync(SEED_TEXT, join(folder, name));
    const out = join(folder, "out");
    // 2 s, not 1: a seed report is the first file of a fresh worker, whose cold JIT makes that one
    // conversion take up to a second on a machine busy with other test files.
    const result = spawnSync(process.execPath, [cliPath, "convert", folder, "--out", out, "--timeout", "2", "--jobs", "1", "-q"], {
      encoding: "utf8",
      env: { ...process.env, NIANBAO_STALL_ON: "b-slow-table" },
    });
    expect(result.status).toBe(1);
    const manifest = readManifest(join(out, "manifest.jsonl"));
    expect(manifest.map((l) => l.input).sort(), result.stderr).toEqual(["a-seed.txt", "b-slow-table.html", "c-seed.txt"].map((name) => join(folder, name)));
    const slow = manifest.find((l) => l.input.endsWith("slow-table.html"))!;
    expect(slow).toMatchObject({ status: "failed", output: null });
    expect(slow.error).toBe(`${join(folder, "b-slow-table.html")}: conversion took longer than 2 s (--timeout) and was stopped`);
    for (const seed of manifest.filter((l) => l.input.endsWith("seed.txt"))) {
      expect(seed, seed.error).toMatchObject({ status: "ok", template: "2021" });
    }
  });

  it("stops a LibreOffice that hangs on a .doc inside the file's --timeout, its whole process tree, and removes its folder", () => {
    // A stand-in for soffice that never finishes, shaped like the real one: a script whose child
    // (soffice.bin under oosplash) does the work. It notes the child's pid so the test can look for it.
    const fake = join(root(), "hanging-soffice.sh");
    const pidFile = join(root(), "converter.pid");
    writeFileSync(fake, `#!/bin/sh\nsleep 300 &\necho $! > "${pidFile}"\nwait\n`, { mode: 0o755 });
    const privateTmp = join(root(), "tmp");
    mkdirSync(privateTmp);
    const out = join(root(), "hanging");
    const doc = join(fixtures, "doc/2019_shanghai_shizhengfu_bangongting.doc");
    const result = spawnSync(process.execPath, [cliPath, "convert", doc, "--out", out, "--timeout", "4", "--jobs", "1", "-q"], {
      encoding: "utf8",
      env: { ...process.env, NIANBAO_SOFFICE: fake, TMPDIR: privateTmp },
    });
    expect(result.status, result.stderr).toBe(1);
    const [line] = readManifest(join(out, "manifest.jsonl"));
    expect(line?.error).toBe(`${doc}: LibreOffice could not convert this .doc: it took longer than 3 s and was stopped`);
    const converter = Number(readFileSync(pidFile, "utf8"));
    expect(converter).toBeGreaterThan(0);
    expect(isRunning(converter), "the converter's child is still running").toBe(false);
    expect(readdirSync(privateTmp), "LibreOffice's folder was left behind").toEqual([]);
  });

  it("leaves no LibreOffice process and no temporary folder when stopped during a conversion", async () => {
    // The same stand-in for a LibreOffice that never ends; this time the run is stopped mid-conversion.
    const fake = join(root(), "hanging-soffice-2.sh");
    const pidFile = join(root(), "converter-2.pid");
    writeFileSync(fake, `#!/bin/sh\nsleep 300 &\necho $! > "${pidFile}"\nwait\n`, { mode: 0o755 });
    const privateTmp = join(root(), "tmp-2");
    mkdirSync(privateTmp);
    const doc = join(fixtures, "doc/2019_shanghai_shizhengfu_bangongting.doc");
    const child = spawn(process.execPath, [cliPath, "convert", doc, "--out", join(root(), "stopped"), "--jobs", "1", "-q"], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, NIANBAO_SOFFICE: fake, TMPDIR: privateTmp },
    });
    // SIGTERM to nianbao alone, as a scheduler sends it: nothing else in the process group hears it.
    const poll = setInterval(() => {
      if (existsSync(pidFile)) {
        clearInterval(poll);
        child.kill("SIGTERM");
      }
    }, 20);
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).toBe(143);
    expect(isRunning(Number(readFileSync(pidFile, "utf8"))), "LibreOffice's child is still running").toBe(false);
    expect(readdirSync(privateTmp), "the run's temporary folder was left behind").toEqual([]);
  });

  it("converts a report too large for a tight worker in the roomy one: a page whose 8,000-row appendix table needs over 96 MB", () => {
    const page = readFileSync(SHANGHAI_HTML, "utf8");
    const row = (r: number) => `<tr>${Array.from({ length: 20 }, (_, c) => `<td>${r * 20 + c}</td>`).join("")}</tr>`;
    const appendix = `<p>附表：主动公开文件目录</p><table>${Array.from({ length: 8000 }, (_, r) => row(r)).join("")}</table>`;
    const end = page.lastIndexOf("</table>") + "</table>".length;
    const large = join(root(), "with-appendix.html");
    writeFileSync(large, page.slice(0, end) + appendix + page.slice(end));
    const out = join(root(), "roomy");
    const result = runCli(["convert", large, SHANGHAI_HTML, "--out", out, "--jobs", "1", "-q"]);
    expect(result.status, result.stderr).toBe(0);
    const [largeLine, plainLine] = [large, SHANGHAI_HTML].map((path) => readManifest(join(out, "manifest.jsonl")).find((l) => l.input === path)!);
    expect(largeLine).toMatchObject({ status: "ok", template: "2019" });
    const withAppendix = JSON.parse(readFileSync(join(out, largeLine!.output!), "utf8")) as Report;
    const plain = JSON.parse(readFileSync(join(out, plainLine!.output!), "utf8")) as Report;
    // The report's own tables read as without the appendix, which is kept as an unknown table.
    expect(withAppendix.tables.applications).toEqual(plain.tables.applications);
    expect(withAppendix.tables.other.map((t) => t.rows.length)).toContain(8000);
  });

  it("--max-inflated-bytes sets the zip-bomb cap: a larger part fails at it, a real .docx under it converts", () => {
    const large = join(root(), "large.docx");
    writeFileSync(large, bombDocx(8, { lie: false })); // states its 8 MiB honestly
    const out = join(root(), "capped");
    const result = runCli(["convert", large, SHANGHAI_DOCX, "--out", out, "--max-inflated-bytes", "4000000", "-q"]);
    expect(result.status).toBe(1);
    const [largeLine, docxLine] = [large, SHANGHAI_DOCX].map((path) => readManifest(join(out, "manifest.jsonl")).find((l) => l.input === path)!);
    expect(largeLine).toMatchObject({ status: "failed" });
    expect(largeLine!.error).toBe(
      `${large}: the .docx is too large to read: entry word/document.xml inflates to more than 3.8 MiB (the cap per part); it may be a zip bomb (--max-inflated-bytes sets the cap)`,
    );
    expect(docxLine).toMatchObject({ status: "ok", template: "2019" });

    const tight = runCli(["convert", SHANGHAI_DOCX, "--out", join(root(), "tight"), "--max-inflated-bytes", "100000", "-q"]);
    expect(tight.status).toBe(1);
    expect(readManifest(join(root(), "tight/manifest.jsonl"))[0]!.error).toContain("its parts inflate to more than 97.7 KiB in all (the cap)");
    expect(runCli(["convert", SHANGHAI_DOCX, "--out", join(root(), "zero"), "--max-inflated-bytes", "0"]).status).toBe(2);
    expect(existsSync(join(root(), "zero/manifest.jsonl"))).toBe(false);
  });
});
