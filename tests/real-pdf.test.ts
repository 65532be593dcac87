import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Paragraph, Table } from "../src/readers/document.js";
import { gridOf } from "../src/readers/grid.js";
import { readPdf } from "../src/readers/pdf/index.js";
import { expectedValues } from "./helpers/expected.js";
import { convertFile, errorFindings, fieldsOf, flatValues, realCorpus, tableValue } from "./helpers/paths.js";

const pdf = (name: string) => resolve(realCorpus, `${name}.pdf`);
const STANDARD_SECTIONS = ["overview", "activeDisclosure", "applications", "reviewLitigation", "problems", "other"];

describe.each([["2023_huaian_hongze_qu"], ["2024_huaian_hongze_qu"], ["2024_huaian_shi"]])("%s.pdf: every number printed in 表二/三/四 at its canonical path", (name) => {
  it("matches the hand transcription path by path, and finds the six standard sections", async () => {
    const report = await convertFile(pdf(name));
    const expected = expectedValues(name);
    expect(report.template).toBe(expected.template);
    expect(report.source.format).toBe("pdf");
    const values = flatValues(report);
    for (const field of fieldsOf(expected.template)) {
      expect({ path: field.path, value: values.get(field.path) }).toEqual({ path: field.path, value: expected.values.get(field.path) });
    }
    expect(report.sections.map((s) => s.key)).toEqual(STANDARD_SECTIONS);
  });

  it("reads the three tables as three tables (each part continued over a page break joined back), with no page number in any block", async () => {
    const document = await readPdf(readFileSync(pdf(name)));
    expect(document.blocks.filter((b) => b.kind === "table")).toHaveLength(3);
    const texts = document.blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.cells.map((c) => c.text)));
    expect(texts.filter((t) => /^-\s*\d+\s*-$/.test(t))).toEqual([]);
  });
});

describe("Hongze 2023 (label printed vertically, 表四 totals printed as 0)", () => {
  it("reads 表四 as printed, 总计 0 beside 维持 10 and 纠正 1, and flags both groups whose parts do not add up", async () => {
    const report = await convertFile(pdf("2023_huaian_hongze_qu"));
    expect(report.tables.reviewLitigation?.review).toEqual({ upheld: 10, corrected: 1, other: 0, pending: 0, total: 0 });
    const errors = errorFindings(report);
    expect(errors.map((f) => f.rule)).toEqual(["reviewLitigation.total", "reviewLitigation.total"]);
    expect(errors.find((f) => f.paths.includes("reviewLitigation.review.total"))).toMatchObject({ expected: 11, actual: 0 });
    expect(errors.find((f) => f.paths.includes("reviewLitigation.litigationAfterReview.total"))).toMatchObject({ expected: 5, actual: 0 });
  });

  it("keeps the 2019-style single （六）其他处理 row on its own path and leaves the 2021 sub-rows blank", async () => {
    const report = await convertFile(pdf("2023_huaian_hongze_qu"));
    const values = flatValues(report);
    expect(values.get("applications.results.otherHandling.total.total")).toBe(0);
    expect(values.get("applications.results.otherHandling.overdueCorrection.total")).toBeNull();
  });

  it("takes the title over two lines and the issuer from it; no date is printed, so the PDF's creation date stands in, and provenance says so", async () => {
    const report = await convertFile(pdf("2023_huaian_hongze_qu"));
    expect(report.meta).toEqual({ title: "洪泽区人民政府2023年政府信息公开工作年度报告", issuer: "洪泽区人民政府", year: 2023, publishDate: "2024-02-26" });
    expect(report.provenance["meta.publishDate"]?.label).toBe("PDF creation date: the document prints no date");
  });

  it("reads the vertically set 三、本年度办理结果 as one label cell over all 20 result rows (made whole across the page break; （六） is one row here), and wrapped labels as one", async () => {
    const document = await readPdf(readFileSync(pdf("2023_huaian_hongze_qu")));
    const applications = document.blocks.filter((b): b is Table => b.kind === "table")[1]!;
    const group = applications.cells.find((c) => c.text === "三、本年度办理结果");
    expect(group).toMatchObject({ row: 5, col: 0, rowSpan: 20, loc: { page: 3 } });
    expect(applications.cells.find((c) => c.text === "（四）无法提供")).toMatchObject({ rowSpan: 3 });
    const texts = applications.cells.map((c) => c.text);
    expect(texts).toContain("5.要求行政机关确认或重新出具已获取信息");
    expect(texts).toContain("2.其他法律行政止公开");
    expect(gridOf(applications).every((row) => row.length === 10)).toBe(true);
  });

  it("takes the Info title and creation date as properties", async () => {
    const document = await readPdf(readFileSync(pdf("2023_huaian_hongze_qu")));
    expect(document.properties).toEqual({ title: "洪泽区人民政府2023年政府信息公开工作年度报告", createdDate: "2024-02-26T14:41:23+06:41" });
  });
});

describe("Hongze 2024 and Huai'an 2024 (clean reports)", () => {
  it.each([
    ["2024_huaian_hongze_qu", { title: "淮安市洪泽区人民政府2024年政府信息公开工作年度报告", issuer: "淮安市洪泽区人民政府", year: 2024, publishDate: "2025-02-25" }],
    ["2024_huaian_shi", { title: "淮安市人民政府2024年政府信息公开工作年度报告", issuer: "淮安市人民政府", year: 2024, publishDate: "2025-02-25" }],
  ])("%s: meta from the two-line title, and every table adds up", async (name, meta) => {
    const report = await convertFile(pdf(name));
    expect(report.meta).toEqual(meta);
    expect(errorFindings(report)).toEqual([]);
  });

  it("Hongze 2024: the two title lines are two paragraphs, with the space of 2024 年 gone", async () => {
    const document = await readPdf(readFileSync(pdf("2024_huaian_hongze_qu")));
    const paragraphs = document.blocks.filter((b): b is Paragraph => b.kind === "paragraph").map((p) => p.text);
    expect(paragraphs.slice(0, 2)).toEqual(["淮安市洪泽区人民政府", "2024年政府信息公开工作年度报告"]);
    expect(paragraphs.filter((p) => /\d\s+[\u4e00-\u9fff]|[\u4e00-\u9fff]\s+\d/.test(p))).toEqual([]);
    expect(paragraphs).toContain("2024年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。");
  });

  it("Huai'an 2024: large values, a decimal fee in 万元, and the 表三 totals", async () => {
    const report = await convertFile(pdf("2024_huaian_shi"));
    expect(report.tables.activeDisclosure?.punishment).toEqual({ decisions: 3985758 });
    expect(report.tables.activeDisclosure?.fees).toEqual({ amountWanYuan: 96171.6 });
    expect(tableValue(report, "applications.received.total")).toBe(3119);
    expect(tableValue(report, "applications.carriedForward.total")).toBe(103);
    expect(report.provenance["applications.results.otherHandling.overdueFee.total"]).toMatchObject({ raw: "6", at: { page: 5 } });
  });
});

describe("speed", () => {
  it("reads a five-page report in well under a second once pdf.js is loaded", async () => {
    const bytes = readFileSync(pdf("2024_huaian_hongze_qu"));
    await readPdf(bytes);
    const start = performance.now();
    await readPdf(bytes);
    // Measured at about 300 ms of CPU; the bound only catches a blow-up, not a slow machine.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
