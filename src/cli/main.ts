#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MAX_INPUT_BYTES, DEFAULT_TIMEOUT_MS, runBatch } from "../pipeline/batch.js";
import { parseShard } from "../pipeline/shard.js";
import { killChildProcesses } from "../readers/doc/soffice.js";
import { Progress } from "./progress.js";
import { onStopSignal } from "./signals.js";
import { registerExport } from "./export-command.js";

// Commands load what they need when run: converting an archive should not wait for zod to load
// in the main thread, which only hands files to the workers.

/** Exit codes: 0 every input converted (or was skipped), 1 some failed, 2 usage error. */
const program = new Command("nianbao")
  .description("Convert 政府信息公开工作年度报告 (.docx, .doc, HTML, PDF, text) into validated, checked JSON")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command("convert")
  .description("convert files and folders (walked recursively; formats told by content)")
  .argument("<inputs...>", "files or folders")
  .requiredOption("-o, --out <dir>", "output folder: one JSON per report and manifest.jsonl")
  .option("-j, --jobs <n>", "worker threads (0: convert in the main thread)", String(availableParallelism()))
  .option("--timeout <seconds>", "per-file time limit; the file fails and the run goes on", String(DEFAULT_TIMEOUT_MS / 1000))
  .option("--resume", "keep the existing manifest and skip inputs already converted by this version")
  .option("--shard <i/n>", "convert only shard i of n (deterministic by path), for several machines")
  .option("--max-bytes <n>", "fail inputs larger than this many bytes", String(DEFAULT_MAX_INPUT_BYTES))
  .option(
    "--max-inflated-bytes <n>",
    "fail a .docx whose parts inflate to more than this many bytes, a zip-bomb guard (default: 64 MiB per part, 256 MiB in all)",
  )
  .option("-q, --quiet", "print nothing but failures")
  .action(async (inputs: string[], options: ConvertOptions) => {
    const progress = new Progress(options.quiet === true);
    cleanUpAtExit();
    // Ctrl-C (or a scheduler's SIGTERM) stops at once, as a kill would: the manifest is complete up
    // to the last file that finished and every output is whole, so --resume goes on from there.
    onStopSignal((signal, exitCode) => {
      progress.finish();
      process.stderr.write(`${signal}: stopped; run the same command with --resume to go on from here\n`);
      process.exit(exitCode);
    });
    const summary = await runBatch({
      inputs,
      outDir: options.out,
      jobs: wholeNumber(options.jobs, "--jobs", 0),
      timeoutMs: wholeNumber(options.timeout, "--timeout", 1) * 1000,
      maxInputBytes: wholeNumber(options.maxBytes, "--max-bytes", 1),
      ...(options.maxInflatedBytes === undefined ? {} : { maxInflatedBytes: wholeNumber(options.maxInflatedBytes, "--max-inflated-bytes", 1) }),
      resume: options.resume === true,
      ...(options.shard ? { shard: parseShard(options.shard) ?? usageError("--shard takes i/n with 0 ≤ i < n") } : {}),
      onStart: (total) => progress.start(total),
      onResult: (line, resumed) => progress.result(line, resumed),
    });
    progress.finish();
    if (!options.quiet) {
      const resumed = summary.resumed > 0 ? ` (${summary.resumed} kept from the earlier run)` : "";
      process.stderr.write(`${summary.ok} ok, ${summary.skipped} skipped, ${summary.failed} failed${resumed} → ${join(options.out, "manifest.jsonl")}\n`);
    }
    process.exitCode = summary.failed > 0 ? 1 : 0;
  });

program
  .command("merge")
  .description("combine the output folders of several shards into one")
  .argument("<dirs...>", "output folders of the shards")
  .requiredOption("-o, --out <dir>", "merged output folder")
  .action(async (dirs: string[], options: { out: string }) => {
    const { mergeOutputs } = await import("../pipeline/merge.js");
    const merged = mergeOutputs(dirs, options.out);
    process.stderr.write(`${merged} manifest lines merged → ${join(options.out, "manifest.jsonl")}\n`);
  });

program
  .command("schema")
  .description("print the JSON Schema of the report JSON, generated from the zod schema")
  .action(async () => {
    const [{ z }, { report }] = await Promise.all([import("zod"), import("../schema/report.js")]);
    process.stdout.write(`${JSON.stringify(z.toJSONSchema(report, { io: "output" }), null, 2)}\n`);
  });

program
  .command("rules")
  .description("list the finding rules a report or an export may carry: id, severity, meaning, example (--json for machines)")
  .option("--json", "one JSON object per rule")
  .action(async (options: { json?: boolean }) => {
    const { RULES } = await import("../schema/rules.js");
    for (const [id, rule] of Object.entries(RULES)) {
      process.stdout.write(options.json ? `${JSON.stringify({ id, ...rule })}\n` : `${id} (${rule.severity})\n  ${rule.meaning}\n  e.g. ${rule.example}\n`);
    }
  });

interface ConvertOptions {
  out: string;
  jobs: string;
  timeout: string;
  resume?: boolean;
  shard?: string;
  maxBytes: string;
  maxInflatedBytes?: string;
  quiet?: boolean;
}

function usageError(message: string): never {
  throw new CommanderError(2, "nianbao.usage", `error: ${message}\n`);
}

function wholeNumber(text: string, option: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) usageError(`${option} takes a whole number ≥ ${minimum}`);
  return value;
}

registerExport(program);

// A reader that closes the pipe early (`nianbao schema | head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // nianbao's own (usage 2, failed 1) carry their exit code; help and version are not errors;
    // anything else from the parser is a usage error.
    if (error.code.startsWith("nianbao.")) {
      process.stderr.write(error.message);
      process.exitCode = error.exitCode;
    } else process.exitCode = error.code.startsWith("commander.help") || error.code === "commander.version" ? 0 : 2;
  } else {
    process.stderr.write(`nianbao: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}

/**
 * Leaves nothing behind when the process exits, also when Ctrl-C or SIGTERM ends it at once, with no
 * time for each conversion to clean up after itself: LibreOffice processes still converting are
 * killed (a scheduler's SIGTERM reaches nianbao alone), and the run's temporary folder is removed.
 * TMPDIR points at that folder for this process, its workers and the programs they start, so
 * LibreOffice's own temporary files land in it too.
 */
function cleanUpAtExit(): void {
  const folder = mkdtempSync(join(tmpdir(), "nianbao-run-"));
  process.env.TMPDIR = folder;
  process.on("exit", () => {
    killChildProcesses();
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A program still writing into it when the run was stopped; the folder is left to the system.
    }
  });
}
