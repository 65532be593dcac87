import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Report, report as reportSchema, reportValidator } from "../src/schema/report.js";
import { convertFile, shared } from "./helpers/paths.js";

/** What zod says is wrong, as "path: message" lines. */
function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("the report validator (the schema with compiled parts)", () => {
  let seed: Report;
  beforeAll(async () => {
    seed = await convertFile(resolve(shared, "seed/2021_yangquan_city.txt"));
  });

  it("accepts a converted report and returns it unchanged", () => {
    const parsed = reportValidator().safeParse(seed);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(seed);
  });

  it("rejects a broken provenance entry or finding with the same issues as the plain schema", () => {
    const broken = structuredClone(seed) as unknown as { provenance: Record<string, Record<string, unknown>>; findings: Record<string, unknown>[] };
    broken.provenance["applications.received.total"]!.raw = 36;
    broken.findings[0]!.severity = "fatal";
    delete broken.findings[0]!.message;
    const compiled = issuesOf(reportValidator().safeParse(broken));
    expect(compiled).toEqual(issuesOf(reportSchema.safeParse(broken)));
    expect(compiled).toEqual([
      "provenance.applications.received.total.raw: Invalid input: expected string, received number",
      expect.stringMatching(/^findings\.0\.severity: Invalid option/),
      "findings.0.message: Invalid input: expected string, received undefined",
    ]);
  });

  it("rejects an unknown key inside a compiled part, as the strict schema does", () => {
    const extra = structuredClone(seed) as unknown as { provenance: Record<string, Record<string, unknown>> };
    extra.provenance["applications.received.total"]!.guess = 1;
    expect(issuesOf(reportValidator().safeParse(extra))).toEqual(['provenance.applications.received.total: Unrecognized key: "guess"']);
  });
});
