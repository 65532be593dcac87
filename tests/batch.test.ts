import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../src/writers/manifest.js";
import { buildCli, cliPath, runCli } from "./helpers/cli.js";
import { realCorpus, shared } from "./helpers/paths.js";

const REPORTS = [
  resolve(shared, "seed/2021_yangquan_city.txt"),
  resolve(realCorpus, "2019_shanghai_shizhengfu_bangongting.html"),
  resolve(realCorpus, "2023_pingtan_zonghe_shiyanqu.html"),
  resolve(realCorpus, "2025_pingtan_zonghe_shiyanqu.html"),
];

/** An archive of 48 inputs: the real reports copied under many names and folders. */
function makeArchive(root: string): string {
  const archive = join(root, "archive");
  for (let i = 0; i < 12; i++) {
    const folder = join(archive, `batch-${String(i).padStart(2, "0")}`);
    mkdirSync(folder, { recursive: true });
    for (const file of REPORTS) copyFileSync(file, join(folder, file.split("/").pop()!));
  }
  return archive;
}

const sortedLines = (dir: string) =>
  readManifest(join(dir, "manifest.jsonl"))
    .map((l) => `${l.input.split("archive/").pop()} ${l.status} ${l.sha256} ${l.output}`)
    .sort();

describe("batch runs: resume after kill -9, shards and merge", () => {
  let root: string;
  let archive: string;
  let reference: string;
  beforeAll(() => {
    buildCli();
    root = mkdtempSync(join(tmpdir(), "nianbao-batch-"));
    archive = makeArchive(root);
    reference = join(root, "reference");
    expect(runCli(["convert", archive, "--out", reference, "-q", "--jobs", "2"]).status).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("the uninterrupted run has one ok line per input", () => {
    const lines = readManifest(join(reference, "manifest.jsonl"));
    expect(lines).toHaveLength(48);
    expect(lines.every((l) => l.status === "ok")).toBe(true);
  });

  it("continues a killed run with --resume: every input once, nothing redone, output identical", async () => {
    const out = join(root, "killed");
    const child = spawn(process.execPath, [cliPath, "convert", archive, "--out", out, "-q", "--jobs", "1"], { stdio: "ignore" });
    const manifest = join(out, "manifest.jsonl");
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (existsSync(manifest) && readFileSync(manifest, "utf8").split("\n").length > 10) {
          child.kill("SIGKILL");
          clearInterval(poll);
          done();
        }
      }, 5);
    });
    await new Promise((done) => child.on("exit", done));
    const before = readManifest(manifest).filter((l) => l.status === "ok");
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(48);
    const stamps = new Map(before.map((l) => [l.output!, statSync(join(out, l.output!)).mtimeMs]));
    // What a kill between writing an output and renaming it leaves: the resumed run writes that file
    // again through the same temporary name, so nothing is left behind.
    const unfinished = readManifest(join(reference, "manifest.jsonl")).find((l) => !stamps.has(l.output!))!;
    const stale = join(out, `${unfinished.output}.tmp`);
    mkdirSync(dirname(stale), { recursive: true });
    writeFileSync(stale, '{"schemaVersion":');

    const resumed = runCli(["convert", archive, "--out", out, "--resume", "--jobs", "2"]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain(`(${before.length} kept from the earlier run)`);
    // The kept results count as done but not in the rate, which is what the ETA is worked out from.
    const progress = resumed.stderr.split("\n").filter((line) => line.includes(" docs/s · "));
    expect(progress.at(-1)).toMatch(new RegExp(`^48/48 · [0-9.]+ docs/s · ETA 0s · 0 failed · ${before.length} kept$`));
    expect(sortedLines(out)).toEqual(sortedLines(reference));
    for (const [output, mtime] of stamps) expect(statSync(join(out, output)).mtimeMs).toBe(mtime);
    for (const line of readManifest(join(reference, "manifest.jsonl"))) {
      expect(readFileSync(join(out, line.output!), "utf8")).toBe(readFileSync(join(reference, line.output!), "utf8"));
    }
    expect(readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith(".tmp"))).toEqual([]);
  });

  it("stops on Ctrl-C (SIGINT) with exit 130, a whole manifest and the way to go on", async () => {
    const out = join(root, "interrupted");
    const child = spawn(process.execPath, [cliPath, "convert", archive, "--out", out, "-q", "--jobs", "1"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const manifest = join(out, "manifest.jsonl");
    const poll = setInterval(() => {
      if (existsSync(manifest) && readFileSync(manifest, "utf8").split("\n").length > 5) {
        clearInterval(poll);
        child.kill("SIGINT");
      }
    }, 5);
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    expect(code).toBe(130);
    expect(stderr).toBe("SIGINT: stopped; run the same command with --resume to go on from here\n");
    const lines = readManifest(manifest);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.length).toBeLessThan(48);
    expect(runCli(["convert", archive, "--out", out, "-q", "--resume"]).status).toBe(0);
    expect(sortedLines(out)).toEqual(sortedLines(reference));
  });

  it("splits an archive into shards that merge back into the whole run", () => {
    const shards = [0, 1, 2].map((i) => {
      const out = join(root, `shard-${i}`);
      expect(runCli(["convert", archive, "--out", out, "-q", "--shard", `${i}/3`]).status).toBe(0);
      return out;
    });
    const sizes = shards.map((dir) => readManifest(join(dir, "manifest.jsonl")).length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(48);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    const merged = join(root, "merged");
    expect(runCli(["merge", ...shards, "--out", merged]).status).toBe(0);
    expect(sortedLines(merged)).toEqual(sortedLines(reference));
  });
});
