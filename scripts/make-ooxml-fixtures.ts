/**
 * Writes the hand-made OOXML fixtures of tests/fixtures/docx/: small .docx files that each exercise
 * one thing real reports do and converters get wrong (automatic numbering; table rows with
 * w:gridBefore/w:gridAfter and vertical merges; nested tables). The zip is written by scripts/lib/zip.ts
 * with fixed timestamps, so re-running it changes nothing unless this script changes.
 * Usage: npx tsx scripts/make-ooxml-fixtures.ts
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeZip } from "./lib/zip.js";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "fixtures", "docx");

const W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// ---------------------------------------------------------------------------------------------
// Package parts.

function docx({ body, styles = "", numbering, title }: { body: string; styles?: string; numbering?: string; title: string }): Buffer {
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
        (numbering
          ? '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          : "") +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>",
    ],
    [
      "_rels/.rels",
      `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="word/document.xml"/>` +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        "</Relationships>",
    ],
    [
      "docProps/core.xml",
      `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:title>${title}</dc:title>` +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-15T08:00:00Z</dcterms:created>' +
        "</cp:coreProperties>",
    ],
    [
      "word/_rels/document.xml.rels",
      `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        (numbering ? `<Relationship Id="rId2" Type="${REL_NS}/numbering" Target="numbering.xml"/>` : "") +
        "</Relationships>",
    ],
    [
      "word/document.xml",
      `${XML_DECL}<w:document xmlns:w="${W_NS}"><w:body>${body}` +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>',
    ],
    [
      "word/styles.xml",
      `${XML_DECL}<w:styles xmlns:w="${W_NS}">` +
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
        `${styles}</w:styles>`,
    ],
  ];
  if (numbering) parts.push(["word/numbering.xml", `${XML_DECL}<w:numbering xmlns:w="${W_NS}">${numbering}</w:numbering>`]);
  return writeZip(parts.map(([name, data]) => ({ name, data })));
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A paragraph; `props` is raw w:pPr content. Text is split into two runs to exercise run joining. */
function p(text: string, props = ""): string {
  const cut = Math.ceil(text.length / 2);
  const runs = [text.slice(0, cut), text.slice(cut)]
    .filter((part) => part !== "")
    .map((part) => `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${escapeXml(part)}</w:t></w:r>`)
    .join("");
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs}</w:p>`;
}

const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
const numPr = (numId: number, ilvl?: number) => `<w:numPr>${ilvl === undefined ? "" : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;

function lvl(ilvl: number, format: string, text: string, start = 1): string {
  return (
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/>` +
    `<w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>`
  );
}

// ---------------------------------------------------------------------------------------------
// numbering.docx: 一、/（一）/1. across levels, two numIds sharing one abstractNum, a startOverride,
// numbering inherited from heading styles, a numId="0" opt-out, other formats, plain paragraphs.

function numberingDocx() {
  const styles =
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>' +
    `<w:pPr>${numPr(1, 0)}<w:outlineLvl w:val="0"/></w:pPr></w:style>` +
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>' +
    `<w:pPr>${numPr(1, 1)}<w:outlineLvl w:val="1"/></w:pPr></w:style>` +
    // A style without its own numPr that inherits Heading2's through w:basedOn.
    '<w:style w:type="paragraph" w:styleId="SectionTitle"><w:name w:val="Section Title"/><w:basedOn w:val="Heading2"/></w:style>';
  const numbering =
    `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>` +
    lvl(0, "chineseCounting", "%1、") +
    lvl(1, "chineseCounting", "（%2）") +
    lvl(2, "decimal", "%3.") +
    lvl(3, "decimalEnclosedCircle", "%4") +
    "</w:abstractNum>" +
    `<w:abstractNum w:abstractNumId="1">${lvl(0, "ideographTraditional", "%1、")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2">${lvl(0, "bullet", "")}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="3">${lvl(0, "decimal", "%1.")}${lvl(1, "decimal", "%1.%2")}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="5"/></w:lvlOverride></w:num>' +
    '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>' +
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>' +
    '<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>';
  const h1 = (text: string) => p(text, style("Heading1"));
  const h2 = (text: string) => p(text, style("Heading2"));
  const item = (numId: number, ilvl: number, text: string) => p(text, numPr(numId, ilvl));
  const laterHeadings = ["三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"].map((n) => h1(`第${n}部分`));
  const body = [
    p("2023年政府信息公开工作年度报告"),
    h1("总体情况"),
    h2("主动公开"),
    item(1, 2, "规章"),
    item(1, 2, "规范性文件"),
    p("本年度共主动公开政府信息1234条。"),
    p("依申请公开", style("SectionTitle")),
    // numId 2 shares abstractNum 0 with numId 1: the same list continues (level 3 restarted by （二）).
    item(2, 2, "申请数量"),
    item(2, 2, "办理结果"),
    item(2, 3, "予以公开"),
    item(2, 3, "部分公开"),
    // numId 3 overrides the start of level 3 to 5.
    item(3, 2, "补充说明"),
    item(3, 2, "其他说明"),
    h1("存在的主要问题"),
    h2("问题"),
    item(4, 0, "第一类"),
    item(4, 0, "第二类"),
    item(4, 0, "第三类"),
    item(5, 0, "要点不编号"),
    item(6, 0, "概述"),
    item(6, 1, "细则"),
    item(6, 1, "附则"),
    // Empty numbered paragraph: Word still counts it.
    item(6, 0, ""),
    item(6, 0, "结语"),
    ...laterHeadings,
    p("附件", style("Heading1") + numPr(0)),
  ].join("");
  return docx({ body, styles, numbering, title: "编号测试" });
}

// ---------------------------------------------------------------------------------------------
// grid-before-after.docx: rows that start with w:gridBefore and end with w:gridAfter, with vertical
// merges whose continue cells are not at the same ordinal as the cell they continue.
//
//         col0   col1   col2   col3   col4
//   row0  ····   A      B─────B       C        gridBefore=1
//   row1  D      A↓     E      F      ····     gridAfter=1
//   row2  ····   ····   G      F↓     H        gridBefore=2
//   row3  I─────I       J      F↓     K
//   row4  L───────────────────L       ····     gridAfter=1

function tc(text: string, props = ""): string {
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${p(text)}</w:tc>`;
}

function tr(cells: string[], { before, after }: { before?: number; after?: number } = {}): string {
  const trPr =
    before || after
      ? `<w:trPr>${before ? `<w:gridBefore w:val="${before}"/><w:wBefore w:w="${1000 * before}" w:type="dxa"/>` : ""}` +
        `${after ? `<w:gridAfter w:val="${after}"/><w:wAfter w:w="${1000 * after}" w:type="dxa"/>` : ""}</w:trPr>`
      : "";
  return `<w:tr>${trPr}${cells.join("")}</w:tr>`;
}

function tbl(columns: number, rows: string[]): string {
  const grid = Array.from({ length: columns }, () => '<w:gridCol w:w="1000"/>').join("");
  return (
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>' +
    `<w:tblGrid>${grid}</w:tblGrid>${rows.join("")}</w:tbl>`
  );
}

const restart = '<w:vMerge w:val="restart"/>';
const cont = "<w:vMerge/>";
const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;

function gridBeforeAfterDocx() {
  const table = tbl(5, [
    tr([tc("A", restart), tc("B", span(2)), tc("C")], { before: 1 }),
    tr([tc("D"), tc("", cont), tc("E"), tc("F", restart)], { after: 1 }),
    tr([tc("G"), tc("", '<w:vMerge w:val="continue"/>'), tc("H")], { before: 2 }),
    tr([tc("I", span(2)), tc("J"), tc("", cont), tc("K")]),
    tr([tc("L", span(4))], { after: 1 }),
  ]);
  return docx({ body: p("表格前") + table + p("表格后"), title: "网格测试" });
}

// ---------------------------------------------------------------------------------------------
// nested-table.docx: a table whose cell holds another table between two paragraphs.

function nestedTableDocx() {
  const inner = tbl(2, [tr([tc("甲"), tc("乙")]), tr([tc("1"), tc("2")])]);
  const holder = `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${p("内表：")}${inner}${p("注")}</w:tc>`;
  const outer = tbl(2, [tr([tc("外层"), holder]), tr([tc("合计"), tc("3")])]);
  return docx({ body: p("嵌套表格前") + outer + p("嵌套表格后"), title: "嵌套测试" });
}

const fixtures = {
  "numbering.docx": numberingDocx(),
  "grid-before-after.docx": gridBeforeAfterDocx(),
  "nested-table.docx": nestedTableDocx(),
};
for (const [name, bytes] of Object.entries(fixtures)) {
  writeFileSync(join(OUT, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
