import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { type Document, type Paragraph, ReaderError, type Table, type TableCell } from "../../src/readers/document.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { pdfDateToIso } from "../../src/readers/pdf/properties.js";
import { realCorpus } from "../helpers/paths.js";

const paragraphs = (document: Document) => document.blocks.filter((b): b is Paragraph => b.kind === "paragraph").map((p) => p.text);
const tables = (document: Document) => document.blocks.filter((b): b is Table => b.kind === "table");
const placement = ({ text, row, col, rowSpan, colSpan }: TableCell) => ({ text, row, col, rowSpan, colSpan });
const rowTexts = (table: Table, row: number) => table.cells.filter((c) => c.row === row).map((c) => c.text);

async function readerError(read: () => Promise<unknown>): Promise<ReaderError> {
  try {
    await read();
  } catch (error) {
    if (error instanceof ReaderError) return error;
    throw error;
  }
  throw new Error("expected a ReaderError");
}

// ------------------------------------------------------------------------------------------------
// A tiny PDF writer: each page is a content stream in PDF syntax, fonts and images are fixed
// resources, and the cross-reference table is computed. Coordinates are PDF user space (y up) on
// an A4 page.

interface PageInput {
  content: string;
}

interface PdfOptions {
  info?: string;
  /** An /Encrypt dictionary for the trailer. */
  encrypt?: string;
}

/** Helvetica (F1), and 宋体 as a non-embedded CID font with horizontal (F2) and vertical (F3) UCS-2 CMaps. */
const FONT_OBJECTS = [
  "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
  "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-V /DescendantFonts [6 0 R] >>",
  "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>",
  "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
];
/** A 2×2 grey image, as a scanner would leave a page. */
const IMAGE_OBJECT = "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream";

/** Every string here is Latin-1 (Chinese text goes in as hex), so string length is byte length. */
function buildPdf(pages: PageInput[], options: PdfOptions = {}): Uint8Array {
  // 1 catalog, 2 page tree, 3–7 fonts, 8 image, then per page: page object and content stream.
  const objects: string[] = ["<< /Type /Catalog /Pages 2 0 R >>", "", ...FONT_OBJECTS, IMAGE_OBJECT];
  const resources = "<< /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> /XObject << /Im1 8 0 R >> >>";
  const kids: string[] = [];
  for (const page of pages) {
    const pageNumber = objects.length + 1;
    kids.push(`${pageNumber} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${pageNumber + 1} 0 R >>`);
    objects.push(`<< /Length ${page.content.length} >>\nstream\n${page.content}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages.length} >>`;
  if (options.info) objects.push(options.info);
  if (options.encrypt) objects.push(options.encrypt);
  let body = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  const infoRef = options.info ? ` /Info ${objects.indexOf(options.info) + 1} 0 R` : "";
  const encryptRef = options.encrypt ? ` /Encrypt ${objects.indexOf(options.encrypt) + 1} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]` : "";
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoRef}${encryptRef} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(body, (c) => c.charCodeAt(0));
}

/** Latin text at (x, y) in Helvetica. */
const latin = (x: number, y: number, text: string, size = 10) => `BT /F1 ${size} Tf ${x} ${y} Td (${text}) Tj ET`;
/** Chinese text at (x, y), as UCS-2 in the horizontal (F2) or vertical (F3) CID font. */
const chinese = (x: number, y: number, text: string, size = 16, font = "F2") =>
  `BT /${font} ${size} Tf ${x} ${y} Td <${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("")}> Tj ET`;
/** Ruling lines as stroked segments: [x1, y1, x2, y2]. */
const strokes = (lines: number[][]) => `0.5 w ${lines.map(([x1, y1, x2, y2]) => `${x1} ${y1} m ${x2} ${y2} l S`).join(" ")}`;
/** Ruling lines as thin filled rectangles, as some producers draw borders. */
const thinRects = (lines: number[][]) =>
  lines.map(([x1, y1, x2, y2]) => (y1 === y2 ? `${x1} ${y1! - 0.25} ${x2! - x1!} 0.5 re f` : `${x1! - 0.25} ${y1} 0.5 ${y2! - y1!} re f`)).join(" ");

/**
 * A 3×3 ruled table with a label merged over two rows (no rule under it) and a header merged over
 * two columns (no rule between them), its top edge at `top`.
 */
function mergedTable(top: number, draw: (lines: number[][]) => string): string {
  const [y0, y1, y2, y3] = [top, top - 20, top - 40, top - 60];
  const lines = [
    [100, y0, 400, y0],
    [200, y1, 400, y1],
    [100, y2, 400, y2],
    [100, y3, 400, y3],
    [100, y3, 100, y0],
    [200, y3, 200, y0],
    [300, y3, 300, y1],
    [400, y3, 400, y0],
  ];
  return [
    draw(lines),
    latin(105, y1 + 5, "Label"),
    latin(205, y0 - 14, "Group"),
    latin(205, y1 - 14, "A"),
    latin(305, y1 - 14, "B"),
    latin(105, y2 - 14, "Total"),
    latin(205, y2 - 14, "1"),
    latin(305, y2 - 14, "2"),
  ].join("\n");
}

describe("PDF reader: tables from ruling lines", () => {
  it.each([
    ["stroked lines", strokes],
    ["thin filled rectangles", thinRects],
  ])("places cells on the grid with the merges the missing rules imply (%s)", async (_, draw) => {
    const document = await readPdf(buildPdf([{ content: mergedTable(700, draw) }]));
    const [table] = tables(document);
    expect(table).toMatchObject({ rowCount: 3, colCount: 3, loc: { page: 1 } });
    expect(table!.cells.map(placement)).toEqual([
      { text: "Label", row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { text: "Group", row: 0, col: 1, rowSpan: 1, colSpan: 2 },
      { text: "A", row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "B", row: 1, col: 2, rowSpan: 1, colSpan: 1 },
      { text: "Total", row: 2, col: 0, rowSpan: 1, colSpan: 1 },
      { text: "1", row: 2, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "2", row: 2, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
    expect(paragraphs(document)).toEqual([]);
  });

  it("joins a table continued on the next page, drops the page numbers, and keeps text outside tables as paragraphs", async () => {
    const rows = (top: number, labels: string[]) =>
      [
        strokes([
          [100, top, 400, top],
          ...labels.map((_, i) => [100, top - 20 * (i + 1), 400, top - 20 * (i + 1)]),
          [100, top - 20 * labels.length, 100, top],
          [250, top - 20 * labels.length, 250, top],
          [400, top - 20 * labels.length, 400, top],
        ]),
        ...labels.flatMap((label, i) => [latin(105, top - 20 * i - 14, label), latin(255, top - 20 * i - 14, String(i + 1))]),
      ].join("\n");
    const document = await readPdf(
      buildPdf([
        { content: [latin(100, 760, "Caption"), rows(140, ["first", "second"]), latin(290, 40, "- 1 -")].join("\n") },
        { content: [rows(780, ["third", "fourth"]), latin(100, 600, "After the table."), latin(290, 40, "- 2 -")].join("\n") },
      ]),
    );
    expect(document.blocks.map((b) => b.kind)).toEqual(["paragraph", "table", "paragraph"]);
    const [table] = tables(document);
    expect(table).toMatchObject({ rowCount: 4, colCount: 2, loc: { page: 1 } });
    expect([0, 1, 2, 3].map((r) => rowTexts(table!, r))).toEqual([
      ["first", "1"],
      ["second", "2"],
      ["third", "1"],
      ["fourth", "2"],
    ]);
    expect(table!.cells.map((c) => c.loc.page)).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(paragraphs(document)).toEqual(["Caption", "After the table."]);
  });

  it("keeps a table that follows text on the next page apart from the one before", async () => {
    const box = (top: number, label: string) =>
      [strokes([[100, top, 400, top], [100, top - 20, 400, top - 20], [100, top - 20, 100, top], [250, top - 20, 250, top], [400, top - 20, 400, top]]), latin(105, top - 14, label), latin(255, top - 14, "9")].join("\n");
    const document = await readPdf(buildPdf([{ content: box(120, "one") }, { content: [latin(100, 790, "Heading"), box(700, "two")].join("\n") }]));
    expect(document.blocks.map((b) => b.kind)).toEqual(["table", "paragraph", "table"]);
  });

  it("reads a vertically printed group label from its vertical font (pdf.js's text content drops glyphs there)", async () => {
    const lines = [
      [100, 700, 400, 700],
      [130, 600, 400, 600],
      [100, 500, 400, 500],
      [100, 500, 100, 700],
      [130, 500, 130, 700],
      [300, 500, 300, 700],
      [400, 500, 400, 700],
    ];
    const content = [strokes(lines), chinese(115, 690, "三、本年度办理结果", 10, "F3"), chinese(135, 650, "予以公开", 10), latin(305, 650, "7"), chinese(135, 550, "部分公开", 10), latin(305, 550, "8")].join("\n");
    const [table] = tables(await readPdf(buildPdf([{ content }])));
    expect(table!.cells.map(placement)).toEqual([
      { text: "三、本年度办理结果", row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { text: "予以公开", row: 0, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "7", row: 0, col: 2, rowSpan: 1, colSpan: 1 },
      { text: "部分公开", row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { text: "8", row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    ]);
  });

  it("joins a label wrapped over lines inside its cell", async () => {
    const lines = [
      [100, 700, 400, 700],
      [100, 650, 400, 650],
      [100, 650, 100, 700],
      [250, 650, 250, 700],
      [400, 650, 400, 700],
    ];
    const content = [strokes(lines), chinese(105, 685, "要求行政机关确认或", 12), chinese(105, 668, "重新出具已获取信息", 12), latin(255, 670, "0")].join("\n");
    const [table] = tables(await readPdf(buildPdf([{ content }])));
    expect(rowTexts(table!, 0)).toEqual(["要求行政机关确认或重新出具已获取信息", "0"]);
  });

  it("falls back to columns of aligned text where a table has no rules", async () => {
    const content = [
      latin(100, 700, "Item"),
      latin(250, 700, "2023"),
      latin(330, 700, "2024"),
      latin(100, 684, "Permits"),
      latin(250, 684, "12"),
      latin(330, 684, "15"),
      latin(100, 668, "Fines"),
      latin(250, 668, "3"),
      latin(330, 668, "4"),
    ].join("\n");
    const [table] = tables(await readPdf(buildPdf([{ content }])));
    expect(table).toMatchObject({ rowCount: 3, colCount: 3 });
    expect([0, 1, 2].map((r) => rowTexts(table!, r))).toEqual([
      ["Item", "2023", "2024"],
      ["Permits", "12", "15"],
      ["Fines", "3", "4"],
    ]);
  });
});

describe("PDF reader: paragraphs", () => {
  it("rebuilds paragraphs from lines: a title line each, indented first lines and headings start one, wrapped lines join, spaces beside Chinese go", async () => {
    // 16-point text, every character one em wide: 26 indented or 28 flush characters fill 72…520.
    const body = ["本报告由区人民政府办公室根据条例要求编制此报告报告中", "所列数据自2024 年 1 月 1 日起至年底止如对本报", "告有疑问请与办公室联系。"];
    const content = [
      chinese(220, 780, "淮安市洪泽区人民政府", 22),
      chinese(160, 750, "2024 年政府信息公开工作年度报告", 22),
      chinese(104, 700, body[0]!),
      chinese(72, 680, body[1]!),
      chinese(72, 660, body[2]!),
      chinese(104, 640, "一、总体情况"),
      chinese(104, 620, "（一）主动公开情况。本年公开信息 1136 条。"),
    ].join("\n");
    const document = await readPdf(buildPdf([{ content }]));
    expect(paragraphs(document)).toEqual([
      "淮安市洪泽区人民政府",
      "2024年政府信息公开工作年度报告",
      "本报告由区人民政府办公室根据条例要求编制此报告报告中所列数据自2024年1月1日起至年底止如对本报告有疑问请与办公室联系。",
      "一、总体情况",
      "（一）主动公开情况。本年公开信息1136条。",
    ]);
    expect(document.blocks.every((b) => b.loc.page === 1)).toBe(true);
  });

  it("carries a paragraph over a page break, past the page number", async () => {
    const full = "政府信息公开工作年度报告政府信息公开工作年度报告政府信";
    const document = await readPdf(
      buildPdf([
        { content: [chinese(104, 120, full.slice(0, 26)), chinese(72, 100, full), chinese(72, 80, full), latin(290, 40, "- 1 -")].join("\n") },
        { content: [chinese(72, 780, "结束。"), chinese(104, 760, "二、下一段")].join("\n") },
      ]),
    );
    expect(paragraphs(document)).toEqual([`${full.slice(0, 26)}${full}${full}结束。`, "二、下一段"]);
  });
});

describe("PDF reader: properties and failures", () => {
  it("takes the title and the creation date (as ISO 8601) from the Info dictionary", async () => {
    const info = "<< /Title (Annual report) /CreationDate (D:20240115093000+08'00') >>";
    const document = await readPdf(buildPdf([{ content: latin(100, 700, "Text") }], { info }));
    expect(document.format).toBe("pdf");
    expect(document.properties).toEqual({ title: "Annual report", createdDate: "2024-01-15T09:30:00+08:00" });
  });

  it.each([
    ["D:20240226144123+06'41'", "2024-02-26T14:41:23+06:41"],
    ["D:20240226145645", "2024-02-26T14:56:45"],
    ["D:20240226", "2024-02-26"],
    ["D:20240226144123Z00'00'", "2024-02-26T14:41:23Z"],
    ["yesterday", undefined],
  ])("reads the PDF date %s", (raw, iso) => {
    expect(pdfDateToIso(raw)).toBe(iso);
  });

  it("refuses a scanned PDF (images, no text layer): OCR is needed", async () => {
    const scan = "q 495 0 0 742 50 50 cm /Im1 Do Q";
    const error = await readerError(() => readPdf(buildPdf([{ content: scan }, { content: scan }])));
    expect(error).toMatchObject({ code: "pdf.noText", message: "scanned PDF: no text layer; OCR is needed" });
  });

  it("reads a PDF with one scanned page and says which page has no text", async () => {
    const document = await readPdf(buildPdf([{ content: latin(100, 700, "Text") }, { content: "q 495 0 0 742 50 50 cm /Im1 Do Q" }]));
    expect(paragraphs(document)).toEqual(["Text"]);
    expect(document.messages).toEqual([{ code: "pageWithoutText", message: "page 2 has no text layer (a scanned image?); its content is missing", loc: { page: 2 } }]);
  });

  it("refuses an encrypted PDF that needs a password", async () => {
    const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${"ab".repeat(32)}> /U <${"cd".repeat(32)}> /P -4 >>`;
    const error = await readerError(() => readPdf(buildPdf([{ content: latin(100, 700, "Secret") }], { encrypt })));
    expect(error.code).toBe("pdf.encrypted");
    expect(error.message).toContain("password");
  });

  it.each([
    ["a truncated file", () => readFileSync(resolve(realCorpus, "2024_huaian_hongze_qu.pdf")).subarray(0, 3000)],
    ["a header and nothing else", () => new TextEncoder().encode("%PDF-1.7\n%%EOF\n")],
  ])("calls %s a malformed PDF", async (_, bytes) => {
    const error = await readerError(() => readPdf(bytes()));
    expect(error.code).toBe("pdf.malformed");
    expect(error.message).toMatch(/^malformed PDF: /);
  });

  it("reads a page of thousands of strokes and text runs quickly, taking the hatching for a drawing, not a table", async () => {
    const hatching = Array.from({ length: 4000 }, (_, i) => `${50 + (i % 40) * 12} ${60 + Math.floor(i / 40) * 7} m ${55 + (i % 40) * 12} ${60 + Math.floor(i / 40) * 7} l S`).join(" ");
    const runs = Array.from({ length: 3000 }, (_, i) => latin(50, 40 + i * 0.25, "x", 1)).join("\n");
    const start = performance.now();
    const document = await readPdf(buildPdf([{ content: `0.5 w ${hatching}\n${runs}` }]));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(tables(document)).toEqual([]);
  });

  it("leaves the caller's bytes usable (pdf.js detaches the buffer it is given)", async () => {
    const bytes = buildPdf([{ content: latin(100, 700, "Text") }]);
    await readPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(paragraphs(await readPdf(bytes))).toEqual(["Text"]);
  });
});
