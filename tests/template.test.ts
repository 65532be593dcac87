import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { convertBytes } from "../src/pipeline/convert.js";
import type { Report } from "../src/schema/report.js";
import { RULE_IDS } from "../src/schema/rules.js";
import { defineTemplate, TEMPLATES, TemplateSet } from "../src/template/index.js";
import { TEMPLATE_2021 } from "../src/template/versions/v2021.js";
import { convertFile, errorFindings, flatValues, realCorpus, repoRoot, shared, tableValue } from "./helpers/paths.js";

const pingtan2025 = resolve(realCorpus, "2025_pingtan_zonghe_shiyanqu.html");

describe("the declared template versions", () => {
  it("declare exactly the shared canonical field list, labels included", () => {
    const fields = JSON.parse(readFileSync(resolve(shared, "schema/fields.json"), "utf8")).templates;
    expect(TEMPLATES.versions.map((t) => t.version)).toEqual(Object.keys(fields));
    for (const template of TEMPLATES.versions) {
      expect(template.fields.map((f) => ({ path: f.path, row: f.row.label, column: f.column.label }))).toEqual(fields[template.version]);
    }
  });

  it("read a report printed in a made-up version added as data only (2031: 表二 prints 本年修订件数 for 本年废止件数)", async () => {
    const v2031 = defineTemplate({
      ...TEMPLATE_2021,
      version: "2031",
      fromYear: 2031,
      signs: { ...TEMPLATE_2021.signs, disclosureColumns: ["revised"] },
      tables: TEMPLATE_2021.tables.map((table) =>
        table.key !== "activeDisclosure"
          ? table
          : {
              ...table,
              columns: table.columns.map((c) => (c.key === "repealed" ? { key: "revised", label: "本年修订件数", kind: "count" as const } : c)),
              rows: table.rows.map((r) => (r.columns ? { ...r, columns: r.columns.map((k) => (k === "repealed" ? "revised" : k)) } : r)),
            },
      ),
    });
    const printed = Buffer.from(readFileSync(pingtan2025, "utf8").replace("本年废止件数", "本年修订件数"));

    const report = await convertBytes(printed, "2031.html", { templates: new TemplateSet([...TEMPLATES.versions, v2031]) });
    expect(report.template).toBe("2031");
    expect(tableValue(report, "activeDisclosure.normativeDocuments.revised")).toBe(45);
    expect(tableValue(report, "activeDisclosure.normativeDocuments.repealed")).toBeUndefined();
    expect(report.provenance["activeDisclosure.normativeDocuments.revised"]).toMatchObject({ state: "printed", raw: "45", label: "行政规范性文件 / 本年修订件数" });
    // Every other table reads as in the real report, and the version's relations are checked.
    const real = await convertFile(pingtan2025);
    expect(tableValue(report, "applications.received.total")).toBe(tableValue(real, "applications.received.total"));
    expect(errorFindings(report)).toEqual(errorFindings(real));

    // Without the version, the same page is a 2021 report whose 本年修订件数 has no column to go to.
    const without = await convertBytes(printed, "2031.html");
    expect(without.template).toBe("2021");
    expect(without.findings.filter((f) => f.rule === "table.unmappedCell")).toHaveLength(2);
    expect(without.provenance["activeDisclosure.normativeDocuments.repealed"]).toMatchObject({ state: "absent" });
  });
});

/** Every converted report of the real corpus and the seed. */
async function realReports(): Promise<Report[]> {
  const names = JSON.parse(readFileSync(resolve(repoRoot, "tests/expected/corpus-findings.json"), "utf8")) as Record<string, unknown>;
  return Promise.all(Object.keys(names).map((name) => convertFile(resolve(shared, name))));
}

describe("a state for every value", () => {
  it("gives every template path of every real report a provenance entry whose state agrees with its value", async () => {
    for (const report of await realReports()) {
      if (report.template === null) continue;
      const values = flatValues(report);
      for (const field of TEMPLATES.get(report.template)!.fields) {
        const entry = report.provenance[field.path];
        expect(entry, `${report.source.file} ${field.path}`).toBeDefined();
        const number = ["printed", "inferred", "corrected"].includes(entry!.state);
        expect(typeof values.get(field.path) === "number", `${report.source.file} ${field.path} ${entry!.state}`).toBe(number);
      }
    }
  });

  it("says which crawled values were inferred from run-together digits and which stay unread", async () => {
    const report = await convertFile(resolve(realCorpus, "2019_pingtan_zonghe_shiyanqu.txt"));
    const states = Object.values(report.provenance).map((p) => p.state);
    expect(states.filter((s) => s === "inferred").length).toBeGreaterThan(150);
    expect(states.filter((s) => s === "unread")).toHaveLength(19);
    for (const finding of report.findings.filter((f) => f.rule === "table.ambiguous")) {
      for (const path of finding.paths) expect(report.provenance[path]?.state).toBe("unread");
    }
  });

  it("tells blank cells from placeholders and from cells the source does not print", async () => {
    const shanghai = await convertFile(resolve(realCorpus, "2019_shanghai_shizhengfu_bangongting.html"));
    expect(shanghai.provenance["applications.results.granted.total"]).toMatchObject({ state: "blank", raw: "" });
    const seed = await convertFile(resolve(shared, "seed/2021_yangquan_city.txt"));
    expect(seed.provenance["applications.carriedOver.total"]?.state).toBe("blank");
  });
});

describe("findings", () => {
  it("are the same as before the template was declared, report by report (rule, paths, message, place)", async () => {
    const before = JSON.parse(readFileSync(resolve(repoRoot, "tests/expected/corpus-findings.json"), "utf8")) as Record<string, string[]>;
    for (const report of await realReports()) {
      const name = Object.keys(before).find((n) => n.endsWith(`/${report.source.file}`))!;
      const now = report.findings.map(({ rule, paths, message, at }) => JSON.stringify({ rule, paths, message, at })).sort();
      expect(now, name).toEqual(before[name]);
    }
  });

  it("carry rule ids from the closed list, each explained in the README", () => {
    const readme = readFileSync(resolve(repoRoot, "README.md"), "utf8");
    for (const rule of RULE_IDS) expect(readme, rule).toContain(`| \`${rule}\``);
  });

  it("say what a reader cut: the Shanghai 2019 page with a 10,000-column table appended", async () => {
    const page = readFileSync(resolve(realCorpus, "2019_shanghai_shizhengfu_bangongting.html"), "utf8");
    const wide = `${page}<table><tr>${Array.from({ length: 10_000 }, (_, i) => `<td>${i}</td>`).join("")}</tr></table>`;
    const report = await convertBytes(Buffer.from(wide), "wide.html");
    expect(report.findings.filter((f) => f.rule.startsWith("reader."))).toEqual([
      expect.objectContaining({ rule: "reader.tableCut", severity: "warning", message: expect.stringContaining("9000 cells") }),
    ]);
    // The report itself reads as without the appended table.
    const plain = await convertBytes(Buffer.from(page), "plain.html");
    expect(report.tables.applications).toEqual(plain.tables.applications);
  });
});
