import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { manifestLine } from "../src/writers/manifest.js";
import { cliWorkspace, runCli as run } from "./helpers/cli.js";
import { realCorpus, shared } from "./helpers/paths.js";

describe("the nianbao CLI (built dist/, as a user runs it)", () => {
  const out = cliWorkspace("nianbao-cli-");

  it("converts the whole real corpus: one manifest line per input, exit 0 because every input converts or is skipped", () => {
    const result = run(["convert", realCorpus, resolve(shared, "seed"), "--out", out(), "--quiet"]);
    expect(result.status).toBe(0);
    const lines = readFileSync(join(out(), "manifest.jsonl"), "utf8").trim().split("\n").map((l) => manifestLine.parse(JSON.parse(l)));
    expect(lines).toHaveLength(22);
    const byName = new Map(lines.map((l) => [l.input.split("/").pop(), l]));
    expect(byName.get("2019_shanghai_shizhengfu_bangongting.html")).toMatchObject({ status: "ok", template: "2019" });
    expect(byName.get("2018_pingtan_zonghe_shiyanqu.html")).toMatchObject({ status: "ok", template: null });
    for (const name of ["2023_huaian_hongze_qu.pdf", "2024_huaian_hongze_qu.pdf", "2024_huaian_shi.pdf"]) {
      expect(byName.get(name)).toMatchObject({ status: "ok", template: "2021", output: `${name}.json` });
    }
    expect(byName.get("SOURCES.md")).toMatchObject({ status: "skipped" });
    expect(byName.get("2021_yangquan_city.expected.json")).toMatchObject({ status: "skipped" });
    const seed = byName.get("2021_yangquan_city.txt")!;
    expect(seed).toMatchObject({ status: "ok", template: "2021", output: "2021_yangquan_city.txt.json" });
    const report = JSON.parse(readFileSync(join(out(), seed.output!), "utf8"));
    expect(report.tables.applications.received.total).toBe(36);
    expect(report.source).toMatchObject({ file: "2021_yangquan_city.txt", format: "text", sha256: seed.sha256 });
  });

  it("writes from its workers byte for byte what it writes converting in its own thread, for every format", () => {
    // Two workers, as on this 2-core machine by default.
    const [inWorkers, inThread] = [join(out(), "workers"), join(out(), "in-thread")];
    expect(run(["convert", realCorpus, resolve(shared, "seed"), "--out", inWorkers, "--jobs", "2", "--quiet"]).status).toBe(0);
    expect(run(["convert", realCorpus, resolve(shared, "seed"), "--out", inThread, "--jobs", "0", "--quiet"]).status).toBe(0);
    const outputs = (dir: string) =>
      readFileSync(join(dir, "manifest.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => manifestLine.parse(JSON.parse(l)))
        .filter((l) => l.output !== null)
        .map((l) => [l.output, readFileSync(join(dir, l.output!), "utf8")])
        .sort();
    const fromWorkers = outputs(inWorkers);
    expect(fromWorkers.map(([name]) => name)).toEqual(expect.arrayContaining(["2024_huaian_shi.pdf.json", "2019_shanghai_shizhengfu_bangongting.html.json"]));
    expect(outputs(inThread)).toEqual(fromWorkers);
  });

  it("exits 0 when every input converts, and 2 on a usage error", () => {
    const ok = run(["convert", resolve(shared, "seed/2021_yangquan_city.txt"), "--out", join(out(), "one"), "-q"]);
    expect(ok.status).toBe(0);
    expect(run(["convert", resolve(shared, "seed")]).status).toBe(2);
    expect(run(["frobnicate"]).status).toBe(2);
  });

  it("prints the JSON Schema generated from the zod schema", () => {
    const result = run(["schema"]);
    expect(result.status).toBe(0);
    const schema = JSON.parse(result.stdout);
    // 表三 in each declared version's shape: 2019 and 2021 differ in （六）其他处理.
    const versions = schema.properties.tables.properties.applications.anyOf;
    expect(versions).toHaveLength(2);
    for (const version of versions) expect(version.properties.received.required).toContain("naturalPerson");
    expect(schema.properties.template.anyOf[0].enum).toEqual(["2019", "2021"]);
    expect(schema.required).toEqual(expect.arrayContaining(["meta", "template", "sections", "tables", "provenance", "findings", "source"]));
  });
});
