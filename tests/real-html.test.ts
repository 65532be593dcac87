import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { convertBytes } from "../src/pipeline/convert.js";
import { expectedValues } from "./helpers/expected.js";
import { convertFile, errorFindings, fieldsOf, flatValues, realCorpus } from "./helpers/paths.js";

const page = (name: string) => resolve(realCorpus, name);

describe.each([
  "2019_shanghai_shizhengfu_bangongting",
  "2019_pingtan_zonghe_shiyanqu",
  "2023_pingtan_zonghe_shiyanqu",
  "2024_pingtan_zonghe_shiyanqu",
  "2025_pingtan_zonghe_shiyanqu",
])("%s: every number printed in 表二/三/四 at its canonical path", (name) => {
  it("matches the hand transcription path by path, blanks as null", async () => {
    const report = await convertFile(page(`${name}.html`));
    const expected = expectedValues(name);
    expect(report.template).toBe(expected.template);
    const values = flatValues(report);
    for (const field of fieldsOf(expected.template)) {
      expect({ path: field.path, value: values.get(field.path) }).toEqual({ path: field.path, value: expected.values.get(field.path) });
    }
  });
});

describe("Shanghai 2019 (HTML fragment, 表二 header and data rows merge different grid columns)", () => {
  it("reads 251000元 as 25.1 万元 and says so in provenance", async () => {
    const report = await convertFile(page("2019_shanghai_shizhengfu_bangongting.html"));
    expect(report.provenance["activeDisclosure.procurement.amountWanYuan"]).toMatchObject({ raw: "251000元", unit: "元", note: "converted from 元 to 万元" });
    expect(report.meta).toEqual({ title: "2019年上海市人民政府办公厅政府信息公开工作年度报告", issuer: "上海市人民政府办公厅", year: 2019, publishDate: "2020-01-31" });
  });

  it("flags the rows whose 总计 was left blank, and nothing that adds up", async () => {
    const report = await convertFile(page("2019_shanghai_shizhengfu_bangongting.html"));
    const errors = errorFindings(report);
    expect(errors.filter((f) => f.rule === "applications.balance")).toEqual([]);
    const granted = errors.find((f) => f.rule === "applications.rowTotal" && f.paths.includes("applications.results.granted.total"));
    // Blank counts as 0 in the sum; the finding says so in data (actual null, the blank cell listed) and in words.
    expect(granted).toMatchObject({
      expected: 272,
      actual: null,
      blankPaths: expect.arrayContaining(["applications.results.granted.total"]),
      message: "表三 row results.granted: the six applicant columns add up to 272, but 总计 is blank",
    });
    expect(errors.filter((f) => f.rule === "reviewLitigation.total")).toEqual([]);
  });
});

describe.each([
  ["2019_pingtan_zonghe_shiyanqu.html", "2019"],
  ["2023_pingtan_zonghe_shiyanqu.html", "2021"],
  ["2024_pingtan_zonghe_shiyanqu.html", "2021"],
  ["2025_pingtan_zonghe_shiyanqu.html", "2021"],
])("%s (full portal page)", (file, template) => {
  it(`converts with template ${template}, every template path filled, the tables' arithmetic holding`, async () => {
    const report = await convertFile(page(file));
    expect(report.template).toBe(template);
    expect(report.meta.issuer).toBe("平潭综合实验区");
    expect(report.sections.map((s) => s.key)).toEqual(["overview", "activeDisclosure", "applications", "reviewLitigation", "problems", "other"]);
    const values = flatValues(report);
    const missing = fieldsOf(template).filter((f) => values.get(f.path) === null);
    expect(missing.map((f) => f.path)).toEqual([]);
    expect(errorFindings(report)).toEqual([]);
  });
});

describe("2018 Pingtan (old-style report)", () => {
  it("has no template and keeps its 统计表 as a generic grid", async () => {
    const report = await convertFile(page("2018_pingtan_zonghe_shiyanqu.html"));
    expect(report.template).toBeNull();
    expect(report.tables.other).toHaveLength(1);
    const grid = report.tables.other[0]!;
    expect(grid.rows[0]).toEqual(["指标名称", "计量单位", "2018年度", "历年累计"]);
    expect(grid.rows).toHaveLength(16);
    expect(report.findings.map((f) => f.rule)).toContain("template.none");
  });
});

describe("Pingtan 2025 with a cell of 表三 that is not a number (the page edited)", () => {
  /** The page with `from` replaced by `to` in the first cell after `position` that holds exactly `from`. */
  const edit = (html: string, position: number, from: string, to: string) => {
    const cell = html.indexOf(`>${from}</p>`, position);
    return `${html.slice(0, cell)}>${to}</p>${html.slice(cell + from.length + 5)}`;
  };

  it("leaves the cell null with a warning and checks no relation through it: unread is not blank", async () => {
    let html = readFileSync(page("2025_pingtan_zonghe_shiyanqu.html"), "utf8");
    // 一、本年新收… 总计 (154) in words, as a report that writes 见附表 in a cell would; and a real
    // break elsewhere: 二、上年结转 自然人 0 → 5.
    html = edit(html, html.indexOf("一、本年新收政府信息公开申请数量"), "154", "见附表");
    html = edit(html, html.indexOf("二、上年结转政府信息公开申请数量"), "0", "5");
    // 表四's data row follows the last header cell 尚未审结: its fifth number is 行政复议 总计 (36).
    html = edit(html, html.lastIndexOf("尚未<br/>审结"), "36", "见附件");
    const report = await convertBytes(Buffer.from(html), "2025_pingtan_zonghe_shiyanqu.html");
    expect(report.tables.applications?.received).toMatchObject({ naturalPerson: 151, total: null });
    expect(report.findings.filter((f) => f.paths.includes("applications.received.total")).map((f) => f.rule)).toEqual(["value.unreadable"]);
    // The prose says 行政复议36起; with the cell unread, neither that nor 维持+纠正+其他+尚未审结 is compared.
    expect(report.tables.reviewLitigation?.review).toEqual({ upheld: 25, corrected: 3, other: 8, pending: 0, total: null });
    expect(report.findings.filter((f) => f.paths.includes("reviewLitigation.review.total")).map((f) => f.rule)).toEqual(["value.unreadable"]);
    // Read as a blank (0), the 总计 cell would have broken 一 = the sum of its columns (0 ≠ 154) and
    // the 总计 column's 一+二 = 三+四 (0 ≠ 154): findings about the report that are not true of it.
    expect(errorFindings(report).map((f) => [f.rule, f.paths[0], f.expected, f.actual])).toEqual([
      ["applications.balance", "applications.received.naturalPerson", 156, 151],
      ["applications.rowTotal", "applications.carriedOver.naturalPerson", 5, 0],
    ]);
  });
});

