import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { expectedValues } from "./helpers/expected.js";
import { convertFile, errorFindings, fieldsOf, flatValues, realCorpus } from "./helpers/paths.js";

const crawled = (year: number) => resolve(realCorpus, `${year}_pingtan_zonghe_shiyanqu.txt`);

/**
 * Crawled page text whose table cells ran together. The same reports' HTML pages were transcribed by
 * hand (tests/expected): every value recovered from the text must equal the printed one, and every
 * cell not recovered must be null under a table.ambiguous error naming it.
 */
describe.each([
  [2019, 2019 as const, 19],
  [2023, 2021 as const, 2],
  [2024, 2021 as const, 2],
  [2025, 2021 as const, 3],
])("Pingtan %i crawled text", (year, _template, ambiguousCells) => {
  it("recovers the cells exactly where one split fits, and leaves the rest null and flagged", async () => {
    const report = await convertFile(crawled(year));
    const expected = expectedValues(`${year}_pingtan_zonghe_shiyanqu`);
    expect(report.template).toBe(expected.template);
    const values = flatValues(report);
    const flagged = new Set(report.findings.filter((f) => f.rule === "table.ambiguous").flatMap((f) => f.paths));
    const unresolved: string[] = [];
    for (const field of fieldsOf(expected.template)) {
      const value = values.get(field.path);
      if (value === null) {
        unresolved.push(field.path);
        expect(flagged.has(field.path)).toBe(true);
      } else {
        expect({ path: field.path, value }).toEqual({ path: field.path, value: expected.values.get(field.path) });
        expect(report.provenance[field.path]?.note).toMatch(/^inferred/);
      }
    }
    expect(unresolved).toHaveLength(ambiguousCells);
    expect(report.meta).toMatchObject({ issuer: "平潭综合实验区", year });
  });
});

describe("Pingtan crawled text without a transcribed page", () => {
  it("2020: negative 本年增/减 stays ambiguous; 表三 read, its own inconsistency flagged", async () => {
    const report = await convertFile(crawled(2020));
    const values = flatValues(report);
    expect(values.get("activeDisclosure.punishment.yearChange")).toBeNull();
    const ambiguous = report.findings.find((f) => f.rule === "table.ambiguous" && f.paths.includes("activeDisclosure.punishment.yearChange"));
    expect(ambiguous?.message).toContain("2648|-18|538");
    expect([values.get("applications.received.naturalPerson"), values.get("applications.received.otherOrg"), values.get("applications.received.total")]).toEqual([20, 1, 21]);
    expect(values.get("applications.results.otherHandling.total.naturalPerson")).toBe(4);
    expect(errorFindings(report).filter((f) => f.rule === "applications.resultsTotal").map((f) => [f.expected, f.actual])).toEqual([
      [26, 20],
      [27, 21],
    ]);
  });

  it("2021: 表三 and 表四 fully recovered; a stray space is read as the boundary it is", async () => {
    const report = await convertFile(crawled(2021));
    const values = flatValues(report);
    expect(report.template).toBe("2021");
    expect(["naturalPerson", "publicInterest", "otherOrg", "total"].map((c) => values.get(`applications.received.${c}`))).toEqual([64, 2, 4, 70]);
    expect(values.get("applications.results.partiallyGranted.total")).toBe(5);
    expect(values.get("activeDisclosure.fees.amountWanYuan")).toBe(24252.311082);
    expect(errorFindings(report).map((f) => f.rule)).toEqual(["table.ambiguous"]);
  });

  it("2022: uses the prose (制发…88件, 现行有效…698件) to split 表二", async () => {
    const report = await convertFile(crawled(2022));
    const values = flatValues(report);
    expect(["issued", "repealed", "inForce"].map((c) => values.get(`activeDisclosure.normativeDocuments.${c}`))).toEqual([88, 55, 698]);
    expect(["upheld", "corrected", "other", "pending", "total"].map((c) => values.get(`reviewLitigation.review.${c}`))).toEqual([0, 1, 1, 0, 2]);
    expect(errorFindings(report)).toEqual([]);
  });
});
