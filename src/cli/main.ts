#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { z } from "zod";
import { DEFAULT_MAX_INPUT_BYTES, runBatch } from "../pipeline/batch.js";
import { report } from "../schema/report.js";
import { registerExport } from "./export-command.js";

/** Exit codes: 0 every input converted (or was skipped), 1 some failed, 2 usage error. */
const program = new Command("nianbao")
  .description("Convert 政府信息公开工作年度报告 (.docx, HTML, text) into validated, checked JSON")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command("convert")
  .description("convert files and folders (walked recursively; formats told by content)")
  .argument("<inputs...>", "files or folders")
  .requiredOption("-o, --out <dir>", "output folder: one JSON per report and manifest.jsonl")
  .option("--max-bytes <n>", "fail inputs larger than this many bytes", String(DEFAULT_MAX_INPUT_BYTES))
  .option("-q, --quiet", "print nothing but errors")
  .action(async (inputs: string[], options: { out: string; maxBytes: string; quiet?: boolean }) => {
    const maxInputBytes = Number(options.maxBytes);
    if (!Number.isInteger(maxInputBytes) || maxInputBytes <= 0) throw usage("--max-bytes takes a positive whole number");
    const summary = await runBatch({
      inputs,
      outDir: options.out,
      maxInputBytes,
      onResult: (line) => {
        if (line.status === "failed") process.stderr.write(`failed: ${line.error}\n`);
        else if (!options.quiet) process.stderr.write(`${line.status}: ${line.input}${line.error ? ` (${line.error})` : ""}\n`);
      },
    });
    if (!options.quiet) {
      process.stderr.write(`${summary.ok} ok, ${summary.skipped} skipped, ${summary.failed} failed → ${options.out}/manifest.jsonl\n`);
    }
    process.exitCode = summary.failed > 0 ? 1 : 0;
  });

program
  .command("schema")
  .description("print the JSON Schema of the report JSON, generated from the zod schema")
  .action(() => {
    process.stdout.write(`${JSON.stringify(z.toJSONSchema(report, { io: "output" }), null, 2)}\n`);
  });

function usage(message: string): CommanderError {
  return new CommanderError(2, "nianbao.usage", `error: ${message}\n`);
}

registerExport(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    if (error.code === "nianbao.usage") process.stderr.write(error.message);
    // Help and version are not errors; anything else from the parser is a usage error.
    process.exitCode = error.code.startsWith("commander.help") || error.code === "commander.version" ? 0 : 2;
  } else {
    process.stderr.write(`nianbao: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  }
}
