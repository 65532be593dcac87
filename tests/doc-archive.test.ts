import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findSoffice } from "../src/readers/doc/soffice.js";
import type { Report } from "../src/schema/report.js";
import { readManifest } from "../src/writers/manifest.js";
import { cliPath, cliWorkspace } from "./helpers/cli.js";
import { convertFile, fixtures } from "./helpers/paths.js";

const DOC = resolve(fixtures, "doc/2019_shanghai_shizhengfu_bangongting.doc");
const soffice = findSoffice();

/**
 * A stand-in for soffice that notes how many .doc files each run was given, then either runs the
 * real LibreOffice or, for a run of more than one file when told to, fails as a crashed run would.
 */
function loggingSoffice(folder: string, failGroups: boolean): { path: string; runs: () => number[] } {
  const log = join(folder, "runs.log");
  const path = join(folder, "soffice.sh");
  writeFileSync(
    path,
    `#!/bin/sh
n=0
for a in "$@"; do case "$a" in *.doc) n=$((n+1));; esac; done
echo $n >> "${log}"
${failGroups ? `[ $n -gt 1 ] && exit 1\n` : ""}exec "${soffice}" "$@"
`,
    { mode: 0o755 },
  );
  return { path, runs: () => readFileSync(log, "utf8").trim().split("\n").map(Number) };
}

function convertFolder(folder: string, out: string, sofficePath: string) {
  return spawnSync(process.execPath, [cliPath, "convert", folder, "--out", out, "-q"], {
    encoding: "utf8",
    env: { ...process.env, NIANBAO_SOFFICE: sofficePath },
  });
}

// LibreOffice is an optional system package: these run wherever it is installed (as on this
// project's CI machine), and say they were skipped elsewhere.
describe.skipIf(!soffice)("a .doc archive: LibreOffice converts the .doc files in groups", () => {
  const root = cliWorkspace("nianbao-doc-archive-");
  let alone: Report;
  beforeAll(async () => {
    alone = await convertFile(DOC);
  });

  const docFolder = (name: string, count: number) => {
    const folder = join(root(), name);
    mkdirSync(folder);
    for (let i = 0; i < count; i++) copyFileSync(DOC, join(folder, `report-${String(i).padStart(2, "0")}.doc`));
    return folder;
  };

  it("runs LibreOffice once for every 16 .doc files, and each report is the one a file converted alone gives", () => {
    const folder = docFolder("twenty", 20);
    const fake = loggingSoffice(root(), false);
    const out = join(root(), "twenty-out");
    const result = convertFolder(folder, out, fake.path);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.runs()).toEqual([16, 4]);
    const manifest = readManifest(join(out, "manifest.jsonl"));
    expect(manifest).toHaveLength(20);
    for (const line of manifest) {
      expect(line, line.error).toMatchObject({ status: "ok", via: "soffice: .doc converted to .docx" });
      const report = JSON.parse(readFileSync(join(out, line.output!), "utf8")) as Report;
      expect(report.tables).toEqual(alone.tables);
      expect(report.provenance).toEqual(alone.provenance);
      expect(report.source).toEqual({ ...alone.source, file: line.input.split("/").pop() });
    }
  });

  it("converts each file of a group alone when the group's run fails", () => {
    const folder = docFolder("three", 3);
    const logs = join(root(), "failing");
    mkdirSync(logs);
    const fake = loggingSoffice(logs, true);
    const out = join(root(), "three-out");
    const result = convertFolder(folder, out, fake.path);
    expect(result.status, result.stderr).toBe(0);
    expect(fake.runs()).toEqual([3, 1, 1, 1]);
    expect(readManifest(join(out, "manifest.jsonl")).map((l) => l.status)).toEqual(["ok", "ok", "ok"]);
  });
});
