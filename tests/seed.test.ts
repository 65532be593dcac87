import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { convertBytes } from "../src/pipeline/convert.js";
import type { Report } from "../src/schema/report.js";
import { convertFile, errorFindings, fieldsOf, flatValues, shared, tableValue } from "./helpers/paths.js";

interface Expected {
  template: "2021";
  meta: Report["meta"];
  values: Record<string, number>;
  findings: { rule: string; path: string }[];
  sections: string[];
}

const expected: Expected = JSON.parse(readFileSync(resolve(shared, "seed/2021_yangquan_city.expected.json"), "utf8"));

describe("the seed report (阳泉市 2021, flattened text)", () => {
  let report: Report;
  beforeAll(async () => {
    report = await convertFile(resolve(shared, "seed/2021_yangquan_city.txt"));
  });

  it("has the expected template and meta", () => {
    expect(report.template).toBe(expected.template);
    expect(report.meta).toEqual(expected.meta);
  });

  it("has every canonical path of the template, each with the expected value or null", () => {
    const values = flatValues(report);
    const paths = fieldsOf("2021").map((f) => f.path);
    expect([...values.keys()].sort()).toEqual([...paths].sort());
    for (const path of paths) {
      expect({ path, value: values.get(path) }).toEqual({ path, value: expected.values[path] ?? null });
    }
  });

  it("raises exactly the expected error findings", () => {
    const errors = errorFindings(report);
    expect(errors).toHaveLength(expected.findings.length);
    for (const want of expected.findings) {
      expect(errors.some((f) => f.rule === want.rule && f.paths.includes(want.path))).toBe(true);
    }
    const balance = errors.find((f) => f.paths.includes("applications.received.total"))!;
    expect([balance.expected, balance.actual]).toEqual([36, 37]);
  });

  it("warns that the prose says 办结35件 while （七）总计 is 36", () => {
    const narrative = report.findings.filter((f) => f.rule === "narrative.mismatch");
    expect(narrative.map((f) => [f.paths[0], f.expected, f.actual])).toContainEqual(["applications.results.total.total", 36, 35]);
  });

  it("carries the six standard section keys although 四/五/六 lost their numbers", () => {
    const keys = report.sections.map((s) => s.key);
    expect(keys).toEqual(expected.sections);
    const overview = report.sections[0]!;
    expect(overview.children.map((c) => c.title)).toEqual([
      "主动公开方面",
      "依申请公开方面",
      "政府信息管理方面",
      "政府信息公开平台建设方面",
      "监督保障方面",
    ]);
  });

  it("keeps provenance for every value: raw text, labels and the source line", () => {
    expect(report.provenance["activeDisclosure.fees.amountWanYuan"]).toMatchObject({ raw: "2796.6431", unit: "万元" });
    expect(report.provenance["applications.received.total"]).toMatchObject({ raw: "36", at: { table: 1 } });
    expect(report.provenance["applications.received.total"]?.at.line).toBeGreaterThan(0);
    expect(report.provenance["meta.publishDate"]).toMatchObject({ raw: "2022年3月9日" });
  });
});

describe("the seed with one cell of 表三 that is not a number", () => {
  let report: Report;
  beforeAll(async () => {
    // 一、本年新收… 总计 (36) replaced by words, as a report that writes 见附表 in a cell would.
    const lines = readFileSync(resolve(shared, "seed/2021_yangquan_city.txt"), "utf8").split("\n");
    const label = lines.findIndex((l) => l.trim() === "一、本年新收政府信息公开申请数量");
    expect(lines[label + 7]?.trim()).toBe("36");
    lines[label + 7] = "\t见附表";
    report = await convertBytes(Buffer.from(lines.join("\n")), "2021_yangquan_city.txt");
  });

  it("leaves the cell null with a warning, and checks no relation through it: unread is not blank", () => {
    expect(tableValue(report, "applications.received.total")).toBeNull();
    expect(report.findings.filter((f) => f.paths.includes("applications.received.total")).map((f) => f.rule)).toEqual(["value.unreadable"]);
    // Read as a blank (0), it would have made the row 36 ≠ 0 and the 总计 column 0 ≠ 37, both untrue.
    expect(report.findings.filter((f) => f.rule === "applications.rowTotal")).toEqual([]);
  });

  it("still checks every relation that does not pass through it", () => {
    const balance = errorFindings(report).filter((f) => f.rule === "applications.balance");
    expect(balance.map((f) => [f.paths[0], f.expected, f.actual])).toEqual([["applications.received.naturalPerson", 36, 37]]);
    const narrative = report.findings.filter((f) => f.rule === "narrative.mismatch");
    expect(narrative.map((f) => [f.paths[0], f.expected, f.actual])).toContainEqual(["applications.results.total.total", 36, 35]);
  });
});
