/**
 * Seeded mutation fuzzing (scripts/fuzz.ts) over the real reports, bounded for CI: one CLI batch over
 * a folder of mutants (every mutant one manifest line, no crash, no timeout, no internal error) and
 * more mutants through convertBytes in this process (a report or a ReaderError, nothing else, within
 * the per-file limit). The seed is fixed so CI is reproducible; NIANBAO_FUZZ_SEED picks another, and
 * `npm run fuzz -- --iterations N` runs longer with a fresh seed. A failure names the seed and writes
 * the mutants where they can be replayed.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkBatch,
  checkInProcess,
  fuzzCorpus,
  type Mutant,
  makeMutants,
  mulberry32,
  mutate,
  Rng,
  reportProblems,
  runCliBatch,
  shuffleTextRows,
} from "../scripts/fuzz.js";
import { readZip, writeZip } from "../scripts/lib/zip.js";
import { readManifest } from "../src/writers/manifest.js";
import { cliWorkspace } from "./helpers/cli.js";
import { fixtures } from "./helpers/paths.js";

const SEED = Number(process.env.NIANBAO_FUZZ_SEED ?? 20_250_601) >>> 0;
/** Mutants through the CLI batch, and as many again (different ones) through convertBytes. */
const BATCH_MUTANTS = 600;
const IN_PROCESS_MUTANTS = 500;
/** The per-file limit: the batch's --timeout, and the longest convertBytes may take in process. */
const LIMIT_SECONDS = 10;
const KEEP = process.env.NIANBAO_FUZZ_FAILURES ?? join(tmpdir(), "nianbao-fuzz-failures");

describe("the mutator", () => {
  it("is a pure function of the seed", () => {
    const first = mulberry32(42);
    expect([first(), first(), first()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const corpus = fuzzCorpus();
    const a = makeMutants(corpus, 7, 20);
    const b = makeMutants(corpus, 7, 20);
    expect(a.map((m) => m.note)).toEqual(b.map((m) => m.note));
    for (let i = 0; i < a.length; i++) expect(Buffer.compare(a[i]!.bytes, b[i]!.bytes)).toBe(0);
    // Mutant i alone is mutant i of the run.
    const [alone] = makeMutants(corpus, 7, 1, 13);
    expect(Buffer.compare(alone!.bytes, a[13]!.bytes)).toBe(0);
  });

  it("rewrites .docx parts with valid checksums and shuffles table rows", () => {
    const docx = readFileSync(join(fixtures, "docx/nested-table.docx"));
    const entries = readZip(docx)!;
    const hex = (list: typeof entries) => list.map((e) => `${e.name}:${Buffer.from(e.data).toString("hex")}`);
    expect(hex(readZip(writeZip(entries))!)).toEqual(hex(entries));
    const text = Buffer.from("标题\n\t甲\n\n\t1\n\n\t2\n\n\t3\n\n正文\n");
    const shuffled = shuffleTextRows(text, new Rng(3))!;
    expect(shuffled.note).toBe("shuffle 2 text rows");
    expect(Buffer.from(shuffled.bytes).toString("utf8")).toBe("标题\n\t甲\n\n\t1\n\n\t3\n\n\t2\n\n正文\n");
    const mutated = mutate("x.docx", docx, new Rng(5));
    expect(mutated.note).not.toBe("");
  });
});

describe(`fuzzing the real reports (seed ${SEED})`, () => {
  const root = cliWorkspace("nianbao-fuzz-test-");

  const fail = (problems: ReturnType<typeof checkBatch>) => {
    if (problems.length > 0) throw new Error(reportProblems(problems, SEED, join(KEEP, `seed-${SEED}`)));
  };

  it(`accounts for ${BATCH_MUTANTS} mutants in one CLI batch: one line each, no crash, no hang, no internal error`, () => {
    const mutants = makeMutants(fuzzCorpus(), SEED, BATCH_MUTANTS);
    const inputDir = join(root(), "mutants");
    mkdirSync(inputDir);
    for (const mutant of mutants) writeFileSync(join(inputDir, mutant.name), mutant.bytes);
    const outDir = join(root(), "out");
    const run = runCliBatch(inputDir, outDir, { jobs: 2, timeoutSeconds: LIMIT_SECONDS });
    const lines = readManifest(join(outDir, "manifest.jsonl"));
    const count = (status: string) => lines.filter((l) => l.status === status).length;
    console.log(
      `fuzz batch (seed ${SEED}): ${mutants.length} mutants in ${Math.round(run.ms)} ms: ` +
        `${count("ok")} ok, ${count("skipped")} skipped, ${count("failed")} failed`,
    );
    fail(checkBatch(run, inputDir, outDir, mutants));
    // The mutants are not all refused: the structure-aware ones still reach the table readers.
    expect(count("ok")).toBeGreaterThan(BATCH_MUTANTS / 5);
  }, 240_000);

  it(`converts ${IN_PROCESS_MUTANTS} more mutants with convertBytes: a report or a ReaderError, within ${LIMIT_SECONDS} s each`, async () => {
    const mutants: Mutant[] = makeMutants(fuzzCorpus(), SEED, IN_PROCESS_MUTANTS, BATCH_MUTANTS);
    const started = performance.now();
    const problems = await checkInProcess(mutants, LIMIT_SECONDS * 1000);
    console.log(`fuzz in-process (seed ${SEED}): ${mutants.length} mutants in ${Math.round(performance.now() - started)} ms`);
    fail(problems);
  }, 240_000);
});
