import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, deflateRawSync } from "node:zlib";
import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { type Document, type Paragraph, ReaderError, type Table, type TableCell } from "../../src/readers/document.js";
import { readDocx } from "../../src/readers/docx/index.js";
import { formatNumber } from "../../src/readers/docx/numbering.js";
import { parseXml, type XmlNode } from "../../src/readers/docx/xml.js";
import { ZipArchive } from "../../src/readers/docx/zip.js";
import { type RawCell, placeRows } from "../../src/readers/grid.js";
import { writeZip } from "../../scripts/lib/zip.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (name: string) => readFileSync(resolve(repoRoot, "tests/fixtures/docx", name));
const realPage = (name: string) => readFileSync(resolve(repoRoot, "../shared/corpus/real", name), "utf8");

const paragraphs = (document: Document) => document.blocks.filter((b): b is Paragraph => b.kind === "paragraph");
const tables = (document: Document) => document.blocks.filter((b): b is Table => b.kind === "table");
const cellAt = (table: Table, row: number, col: number) => table.cells.find((c) => c.row === row && c.col === col);
const placement = ({ text, row, col, rowSpan, colSpan }: TableCell) => ({ text, row, col, rowSpan, colSpan });
const rowTexts = (table: Table, row: number) => table.cells.filter((c) => c.row === row).map((c) => c.text);

/** Runs `read` and returns the ReaderError it throws (failing the test when it throws nothing else). */
function readerError(read: () => unknown): ReaderError {
  try {
    read();
  } catch (error) {
    if (error instanceof ReaderError) return error;
    throw error;
  }
  throw new Error("expected a ReaderError");
}


const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** A minimal package: just word/document.xml (found by its default name) with this body. */
function docxWithBody(body: string, { prefix = "w", prolog = "" } = {}): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${prolog}<${prefix}:document xmlns:${prefix}="${W_NS}"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
  return writeZip([{ name: "word/document.xml", data: xml }]);
}

/** Raw deflate of `mebibytes` MiB of zeros, built from one flushed 1 MiB block (about 1 KB per MiB). */
function zerosDeflated(mebibytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
}

// ------------------------------------------------------------------------------------------------
// Real reports (HTML pages converted to .docx by LibreOffice; see tests/fixtures/docx/README.md).

/** The tables of an HTML page placed on their grids, texts without white space. */
function htmlTables(html: string): Table[] {
  const result: Table[] = [];
  let rows: RawCell[][] = [];
  let cell: RawCell | undefined;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === "table") rows = [];
      else if (name === "tr") rows.push([]);
      else if (name === "td" || name === "th") {
        cell = { text: "", rowSpan: Number(attrs.rowspan ?? 1), colSpan: Number(attrs.colspan ?? 1) };
        rows[rows.length - 1]!.push(cell);
      }
    },
    ontext(text) {
      if (cell) cell.text += text.replace(/\s+/g, "");
    },
    onclosetag(name) {
      if (name === "td" || name === "th") cell = undefined;
      else if (name === "table") result.push(placeRows(rows, {}));
    },
  });
  parser.write(html);
  parser.end();
  return result;
}

describe.each([
  ["2019_shanghai_shizhengfu_bangongting"],
  ["2023_pingtan_zonghe_shiyanqu"],
  ["2025_pingtan_zonghe_shiyanqu"],
])("%s.docx against its HTML page", (name) => {
  const document = readDocx(fixture(`${name}.docx`));

  it("has the same tables, cell for cell, with the same grid positions and spans", () => {
    const expected = htmlTables(realPage(`${name}.html`));
    const actual = tables(document);
    expect(actual).toHaveLength(3);
    expect(actual.map((t) => [t.rowCount, t.colCount])).toEqual(expected.map((t) => [t.rowCount, t.colCount]));
    actual.forEach((table, i) => {
      const squeeze = (c: TableCell) => ({ ...placement(c), text: c.text.replace(/\s+/g, "") });
      expect(table.cells.map(squeeze)).toEqual(expected[i]!.cells.map(squeeze));
    });
  });
});

describe("Shanghai 2019 .docx", () => {
  const document = readDocx(fixture("2019_shanghai_shizhengfu_bangongting.docx"));
  const table3 = tables(document)[1]!;

  it("takes the title from docProps/core.xml", () => {
    expect(document.format).toBe("docx");
    expect(document.properties).toEqual({ title: "2019年上海市人民政府办公厅政府信息公开工作年度报告" });
    expect(document.messages).toEqual([]);
  });

  it("reads paragraphs in order, runs joined, XML entities decoded", () => {
    const texts = paragraphs(document).map((p) => p.text);
    expect(texts.slice(0, 2)).toEqual(["2019年上海市人民政府办公厅政府信息公开工作年度报告", "发布日期：2020-01-31"]);
    expect(texts).toContain("一、总体情况");
    expect(texts.indexOf("（一）主动公开方面")).toBeGreaterThan(texts.indexOf("一、总体情况"));
    expect(texts.some((t) => t.includes("《上海市贯彻<长江三角洲区域一体化发展规划纲要>实施方案》"))).toBe(true);
    // Each table follows the heading that introduces it.
    const before = document.blocks.flatMap((b, i) => (b.kind === "table" ? [document.blocks[i - 1]] : []));
    expect(before.map((b) => b?.kind === "paragraph" && b.text)).toEqual([
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
    ]);
  });

  it("places 表三's merged header and first data row", () => {
    expect(placement(cellAt(table3, 0, 0)!)).toEqual({
      text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      row: 0,
      col: 0,
      rowSpan: 3,
      colSpan: 3,
    });
    expect(placement(cellAt(table3, 0, 3)!)).toEqual({ text: "申请人情况", row: 0, col: 3, rowSpan: 1, colSpan: 7 });
    expect(placement(cellAt(table3, 3, 0)!)).toEqual({ text: "一、本年新收政府信息公开申请数量", row: 3, col: 0, rowSpan: 1, colSpan: 3 });
    expect(placement(cellAt(table3, 3, 3)!)).toEqual({ text: "821", row: 3, col: 3, rowSpan: 1, colSpan: 1 });
    expect(rowTexts(table3, 3)).toEqual(["一、本年新收政府信息公开申请数量", "821", "35", "", "", "2", "1", "859"]);
    expect(placement(cellAt(table3, 5, 0)!)).toEqual({ text: "三、本年度办理结果", row: 5, col: 0, rowSpan: 20, colSpan: 1 });
    expect(placement(cellAt(table3, 7, 1)!)).toEqual({ text: "（三）不予公开", row: 7, col: 1, rowSpan: 8, colSpan: 1 });
    expect(table3.rowCount).toBe(26);
    expect(table3.colCount).toBe(10);
  });
});

describe("Pingtan 2025 .docx", () => {
  const document = readDocx(fixture("2025_pingtan_zonghe_shiyanqu.docx"));
  const [table2, table3, table4] = tables(document) as [Table, Table, Table];

  it("gives the rows the HTML page shows", () => {
    expect(document.properties.title).toBe("平潭综合实验区2025年度政府信息公开工作年度报告");
    expect(rowTexts(table2, 3)).toEqual(["行政规范性文件", "58", "45", "546"]);
    expect(rowTexts(table2, 13)).toEqual(["行政事业性收费", "4166.241619"]);
    expect(placement(cellAt(table2, 13, 1)!)).toMatchObject({ colSpan: 3 });
    expect(rowTexts(table3, 3)).toEqual(["一、本年新收政府信息公开申请数量", "151", "3", "0", "0", "0", "0", "154"]);
    expect(rowTexts(table3, 26)).toEqual(["（七）总计", "147", "1", "0", "0", "0", "0", "148"]);
    expect(placement(cellAt(table3, 23, 1)!)).toEqual({ text: "（六）其他处理", row: 23, col: 1, rowSpan: 3, colSpan: 1 });
    expect(rowTexts(table4, 3)).toEqual(["25", "3", "8", "0", "36", "3", "3", "0", "0", "6", "3", "0", "0", "0", "3"]);
    expect(cellAt(table4, 1, 1)!.text).toBe("结果\n纠正");
  });
});

// ------------------------------------------------------------------------------------------------
// Hand-made OOXML (scripts/make-ooxml-fixtures.ts).

describe("numbering.docx: automatic numbering restored", () => {
  const document = readDocx(fixture("numbering.docx"));
  const texts = paragraphs(document).map((p) => p.text);

  it("renders 一、 （一） 1. ① across levels, continuing lists that share an abstractNum", () => {
    expect(texts.slice(0, 13)).toEqual([
      "2023年政府信息公开工作年度报告",
      "一、总体情况",
      "（一）主动公开",
      "1.规章",
      "2.规范性文件",
      "本年度共主动公开政府信息1234条。",
      "（二）依申请公开", // numbering inherited through w:basedOn
      "1.申请数量", // numId 2 continues numId 1's list; level 3 restarted by （二）
      "2.办理结果",
      "①予以公开",
      "②部分公开",
      "5.补充说明", // numId 3: startOverride 5
      "6.其他说明",
    ]);
  });

  it("restarts deeper levels, numbers 甲乙丙, drops bullets, counts empty items, writes 十 and 十一", () => {
    expect(texts.slice(13)).toEqual([
      "二、存在的主要问题",
      "（一）问题",
      "甲、第一类",
      "乙、第二类",
      "丙、第三类",
      "要点不编号",
      "1.概述",
      "1.1 细则",
      "1.2 附则",
      "3.结语",
      "三、第三部分",
      "四、第四部分",
      "五、第五部分",
      "六、第六部分",
      "七、第七部分",
      "八、第八部分",
      "九、第九部分",
      "十、第十部分",
      "十一、第十一部分",
      "十二、第十二部分",
      "附件", // w:numId 0 switches the style's numbering off
    ]);
  });

  it("gives heading levels from styles, also when inherited", () => {
    const levelOf = (text: string) => paragraphs(document).find((p) => p.text === text)?.headingLevel;
    expect(["一、总体情况", "（一）主动公开", "（二）依申请公开", "附件", "1.规章"].map(levelOf)).toEqual([1, 2, 2, 1, undefined]);
    expect(document.properties).toEqual({ title: "编号测试", createdDate: "2024-01-15T08:00:00Z" });
  });

  it("formats numbers as Word does", () => {
    const chinese = [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1001, 10000, 10010].map((n) => formatNumber(n, "chineseCounting"));
    expect(chinese).toEqual(["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千零一", "一万", "一万零一十"]);
    expect(formatNumber(10, "chineseLegalSimplified")).toBe("壹拾");
    expect([1, 3, 10, 11].map((n) => formatNumber(n, "ideographTraditional"))).toEqual(["甲", "丙", "癸", "甲"]);
    expect(formatNumber(3, "decimalEnclosedCircle")).toBe("③");
    expect(formatNumber(21, "decimalEnclosedCircle")).toBe("21");
    expect(formatNumber(12, "decimalFullWidth")).toBe("１２");
    expect([1, 26, 27].map((n) => formatNumber(n, "upperLetter"))).toEqual(["A", "Z", "AA"]);
    expect([4, 9, 14, 1994].map((n) => formatNumber(n, "upperRoman"))).toEqual(["IV", "IX", "XIV", "MCMXCIV"]);
    expect(formatNumber(3, "lowerRoman")).toBe("iii");
    expect(formatNumber(7, "bullet")).toBe("");
  });
});

describe("grid-before-after.docx: merges follow grid columns, not cell ordinals", () => {
  const document = readDocx(fixture("grid-before-after.docx"));
  const [table] = tables(document) as [Table];

  it("places every cell at its grid column with its spans", () => {
    expect(document.blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "paragraph"]);
    expect(table.rowCount).toBe(5);
    expect(table.colCount).toBe(5);
    expect(table.cells.map(placement)).toEqual([
      { text: "A", row: 0, col: 1, rowSpan: 2, colSpan: 1 },
      { text: "B", row: 0, col: 2, rowSpan: 1, colSpan: 2 },
      { text: "C", row: 0, col: 4, rowSpan: 1, colSpan: 1 },
      { text: "D", row: 1, col: 0, rowSpan: 1, colSpan: 1 },
      { text: "E", row: 1, col: 2, rowSpan: 1, colSpan: 1 },
      { text: "F", row: 1, col: 3, rowSpan: 3, colSpan: 1 },
      { text: "G", row: 2, col: 2, rowSpan: 1, colSpan: 1 },
      { text: "H", row: 2, col: 4, rowSpan: 1, colSpan: 1 },
      { text: "I", row: 3, col: 0, rowSpan: 1, colSpan: 2 },
      { text: "J", row: 3, col: 2, rowSpan: 1, colSpan: 1 },
      { text: "K", row: 3, col: 4, rowSpan: 1, colSpan: 1 },
      { text: "L", row: 4, col: 0, rowSpan: 1, colSpan: 4 },
    ]);
  });
});

describe("nested-table.docx", () => {
  const document = readDocx(fixture("nested-table.docx"));

  it("emits the inner table after the outer one and keeps its text in the holding cell", () => {
    expect(document.blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "table", "paragraph"]);
    const [outer, inner] = tables(document) as [Table, Table];
    expect(outer.cells.map(placement)).toEqual([
      { text: "外层", row: 0, col: 0, rowSpan: 1, colSpan: 1 },
      { text: "内表：\n甲 乙\n1 2\n注", row: 0, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "合计", row: 1, col: 0, rowSpan: 1, colSpan: 1 },
      { text: "3", row: 1, col: 1, rowSpan: 1, colSpan: 1 },
    ]);
    expect(inner.cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, "甲"],
      [0, 1, "乙"],
      [1, 0, "1"],
      [1, 1, "2"],
    ]);
  });
});

// ------------------------------------------------------------------------------------------------
// Run-level text rules and package variants, on inline documents.

describe("paragraph text", () => {
  it("keeps shown text only: tabs and breaks, no deleted text, field codes or hidden runs", () => {
    const body =
      "<w:p>" +
      "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/><w:t>丁</w:t></w:r>" +
      "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>" +
      '<w:ins><w:r><w:t xml:space="preserve"> 插入 </w:t></w:r></w:ins>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r>' +
      '<w:hyperlink r:id="x"><w:r><w:t>链接</w:t></w:r></w:hyperlink>' +
      '<w:r><w:footnoteReference w:id="1"/></w:r>' +
      "<w:r><w:t>&lt;A&amp;B&gt;&#x4E00;&#20108;</w:t></w:r>" +
      "</w:p>" +
      "<w:p/>" +
      "<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件内</w:t></w:r></w:p></w:sdtContent></w:sdt>";
    const document = readDocx(docxWithBody(body));
    expect(paragraphs(document).map((p) => p.text)).toEqual(["甲 乙\n丙-丁 插入 3显示链接<A&B>一二", "控件内"]);
    expect(document.properties).toEqual({});
  });

  it("reads WordprocessingML bound to another prefix", () => {
    const body = "<ns0:p><ns0:r><ns0:t>别的前缀</ns0:t></ns0:r></ns0:p>";
    expect(paragraphs(readDocx(docxWithBody(body, { prefix: "ns0" }))).map((p) => p.text)).toEqual(["别的前缀"]);
  });

  it("reads a ZIP64 archive", () => {
    const xml = `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>ZIP64</w:t></w:r></w:p></w:body></w:document>`;
    const bytes = writeZip([{ name: "word/document.xml", data: xml }], { zip64: true });
    expect(paragraphs(readDocx(bytes)).map((p) => p.text)).toEqual(["ZIP64"]);
  });

  it("reads stored (uncompressed) entries", () => {
    const xml = `<w:document xmlns:w="${W_NS}"><w:body><w:p><w:r><w:t>不压缩</w:t></w:r></w:p></w:body></w:document>`;
    expect(paragraphs(readDocx(writeZip([{ name: "word/document.xml", data: xml, method: 0 }]))).map((p) => p.text)).toEqual(["不压缩"]);
  });
});

// ------------------------------------------------------------------------------------------------
// Hostile and broken input.

describe("OOXML scanner", () => {
  /** The tree as nested arrays: [name, attrs, ...children], text as strings. */
  const shape = (node: XmlNode): unknown => (typeof node === "string" ? node : [node.name, node.attrs, ...node.children.map(shape)]);
  const W = { [W_NS]: "w" };

  it("reads attributes in either quotes, with entities and a quoted > or /, and self-closing tags", () => {
    const xml = `<w:document xmlns:w="${W_NS}"><w:p w:a='1 &gt; 0' w:b="a/b&amp;c" w:c = "x" ><w:br/><w:t>&lt;&#x4E00;&#20108;&quot;&apos;&unknown;&#0;</w:t></w:p></w:document>`;
    expect(shape(parseXml(xml, W))).toEqual([
      "w:document",
      { "xmlns:w": W_NS },
      ["w:p", { "w:a": "1 > 0", "w:b": "a/b&c", "w:c": "x" }, ["w:br", {}], ["w:t", {}, "<一二\"'&unknown;\uFFFD"]],
    ]);
  });

  it("keeps CDATA as text, drops comments and processing instructions, skips a DOCTYPE with brackets and quotes unread", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "]>">]><d><!-- <x/> --><t>a<![CDATA[<b>&amp;]]>c<?pi x?></t></d>`;
    expect(shape(parseXml(xml))).toEqual(["d", {}, ["t", {}, "a<b>&amp;c"]]);
  });

  it("reads sloppy markup the lenient way: an end tag closes up to its element, a stray one is ignored, a bare < is text", () => {
    expect(shape(parseXml("<a><b><c>x</b>y</q><d attr>1 < 2</d></a>"))).toEqual([
      "a",
      {},
      ["b", {}, ["c", {}, "x"]],
      "y",
      ["d", { attr: "" }, "1 < 2"],
    ]);
    expect(shape(parseXml("<a><b>unterminated"))).toEqual(["a", {}, ["b", {}, "unterminated"]]);
  });

  it("renames a namespace bound to another prefix or as the default, and leaves skipped subtrees out", () => {
    const xml = `<x:document xmlns:x="${W_NS}"><x:p><x:pPr><x:jc x:val="center"><x:inner/></x:jc><x:pStyle x:val="1"/></x:pPr></x:p></x:document>`;
    expect(shape(parseXml(xml, W, new Set(["w:jc"])))).toEqual([
      "w:document",
      { "xmlns:x": W_NS },
      ["w:p", {}, ["w:pPr", {}, ["w:pStyle", { "w:val": "1" }]]],
    ]);
    const defaultNamespace = `<document xmlns="${W_NS}"><p a="1"/></document>`;
    expect(shape(parseXml(defaultNamespace, W))).toEqual(["w:document", { xmlns: W_NS }, ["w:p", { a: "1" }]]);
  });
});

describe("unreadable input", () => {
  it("refuses a file that is not a zip", () => {
    const error = readerError(() => readDocx(Buffer.from("本文件是纯文本，不是 docx。")));
    expect(error.code).toBe("docx.notZip");
    expect(error.message).toBe("not a .docx: the file is not a zip archive");
    expect(readerError(() => readDocx(new Uint8Array(0))).code).toBe("docx.notZip");
  });

  it("refuses a truncated zip", () => {
    const whole = fixture("2019_shanghai_shizhengfu_bangongting.docx");
    expect(readerError(() => readDocx(whole.subarray(0, whole.length >> 1))).code).toBe("docx.truncated");
    expect(readerError(() => readDocx(whole.subarray(0, whole.length - 10))).code).toBe("docx.truncated");
  });

  it("refuses a zip without word/document.xml", () => {
    const error = readerError(() => readDocx(writeZip([{ name: "hello.txt", data: "hello" }])));
    expect(error.code).toBe("docx.noDocument");
    expect(error.message).toContain("word/document.xml");
  });

  it("refuses an unsupported compression method and a damaged entry", () => {
    const xml = "<w:document/>";
    expect(readerError(() => readDocx(writeZip([{ name: "word/document.xml", data: xml, method: 12 }]))).code).toBe(
      "docx.unsupportedCompression",
    );
    expect(readerError(() => readDocx(writeZip([{ name: "word/document.xml", data: xml, crc: 1234 }]))).code).toBe("docx.corrupt");
  });

  it("tells an encrypted .docx from a legacy .doc (both OLE compound files)", () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = Buffer.concat([header, Buffer.alloc(504), Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(64)]);
    expect(readerError(() => readDocx(encrypted)).code).toBe("docx.encrypted");
    const legacy = Buffer.concat([header, Buffer.alloc(504), Buffer.from("WordDocument", "utf16le"), Buffer.alloc(64)]);
    const error = readerError(() => readDocx(legacy));
    expect(error.code).toBe("docx.legacyDoc");
    expect(error.message).toContain("encrypted .docx or a legacy Word .doc");
  });

  it("refuses a deflate bomb quickly, whether its header admits the size or lies", () => {
    const packed = zerosDeflated(100); // 100 MiB of zeros in about 100 KB
    const honest = writeZip([{ name: "word/document.xml", data: "", packed, size: 100 << 20, crc: 0 }]);
    const lying = writeZip([{ name: "word/document.xml", data: "", packed, size: 1000, crc: 0 }]);
    // The honest one is refused at the cap before inflating; the lying one once it passes the size it states.
    for (const [bomb, limit, code] of [
      [honest, "64 MiB", "docx.overCap"],
      [lying, "1000 bytes its zip directory states", "docx.tooLarge"],
    ] as const) {
      const started = performance.now();
      const error = readerError(() => readDocx(bomb));
      expect(error.code).toBe(code);
      expect(error.message).toContain("word/document.xml");
      expect(error.message).toContain(limit);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it("stops inflating at the cap instead of inflating the whole bomb", () => {
    const packed = zerosDeflated(100);
    const archive = new ZipArchive(writeZip([{ name: "bomb.xml", data: "", packed, size: 10, crc: 0 }]), {
      maxEntryBytes: 1 << 20,
      maxTotalBytes: 1 << 30,
    });
    const before = process.memoryUsage().arrayBuffers;
    expect(readerError(() => archive.read("bomb.xml")).code).toBe("docx.tooLarge");
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 << 20);
  });

  it("caps the total inflated across entries", () => {
    const archive = new ZipArchive(
      writeZip([
        { name: "a.xml", data: "x".repeat(600) },
        { name: "b.xml", data: "y".repeat(600) },
      ]),
      { maxEntryBytes: 1000, maxTotalBytes: 1000 },
    );
    expect(archive.read("a.xml")).toHaveLength(600);
    expect(readerError(() => archive.read("b.xml")).code).toBe("docx.overCap");
  });

  it("refuses absurdly deep nesting before walking it", () => {
    const depth = 5000;
    const body = `${"<w:sdt><w:sdtContent>".repeat(depth)}<w:p/>${"</w:sdtContent></w:sdt>".repeat(depth)}`;
    expect(readerError(() => readDocx(docxWithBody(body))).code).toBe("docx.tooDeep");
  });

  it("does not expand DTD entities (billion laughs stays inert and fast)", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const prolog = `<!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>`;
    const body = "<w:p><w:r><w:t>前&lol9;后</w:t></w:r></w:p><w:p><w:r><w:t>正文</w:t></w:r></w:p>";
    const started = performance.now();
    const document = readDocx(docxWithBody(body, { prolog }));
    expect(performance.now() - started).toBeLessThan(1000);
    const texts = paragraphs(document).map((p) => p.text);
    expect(texts).toEqual(["前&lol9;后", "正文"]);
  });
});
