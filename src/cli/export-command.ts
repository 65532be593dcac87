import { type Command, CommanderError } from "commander";
import { EXPORT_FORMATS } from "../exports/formats.js";
import { Progress } from "./progress.js";
import { onStopSignal } from "./signals.js";

/** `nianbao export <dir> --to <file>`: a conversion output folder to one file for analysis tools. */
export function registerExport(program: Command): void {
  program
    .command("export")
    .description(`export a convert output folder to one file: ${EXPORT_FORMATS.join(" ")} (format by extension), plus series.json beside it`)
    .argument("<dir>", "output folder of nianbao convert (with manifest.jsonl)")
    .requiredOption("-t, --to <file>", "the export file; .sqlite is updated in place, keyed by each source's sha256")
    .option("--wide", "CSV: one row per report, one column per canonical path (default: one row per value)")
    .option("--excel", "CSV: start with a UTF-8 BOM so Excel reads the Chinese text")
    .option("--issuers <file>", "issuer groups for series.carryOver in place of the automatic ones: series.json with its groups[].names edited")
    .option("-q, --quiet", "print nothing but errors")
    .action(async (dir: string, options: { to: string; wide?: boolean; excel?: boolean; issuers?: string; quiet?: boolean }) => {
      // Loaded on use: the writers (better-sqlite3, parquet) are not needed by the other commands.
      const { ExportTargetError, ExportUsageError, exportOutput, IssuerGroupsError, OutputDirError } = await import("../exports/index.js");
      // Failed conversions were reported by convert; here they are rows like any other.
      const progress = new Progress(options.quiet === true, false);
      // Ctrl-C (or SIGTERM) stops after the report being written, so the export file is left whole.
      const interrupt = new AbortController();
      onStopSignal((signal, exitCode) => interrupt.abort({ signal, exitCode } satisfies Stopped));
      try {
        const summary = await exportOutput({
          outDir: dir,
          to: options.to,
          wide: options.wide ?? false,
          excel: options.excel ?? false,
          issuerGroups: options.issuers,
          onStart: (total) => progress.start(total),
          onEntry: (line) => progress.result(line),
          signal: interrupt.signal,
        });
        progress.finish();
        for (const { number, reason } of summary.unreadableLines) process.stderr.write(`warning: ${dir}/manifest.jsonl line ${number} skipped: ${reason}\n`);
        if (!options.quiet) {
          process.stderr.write(
            `${summary.ok} ok, ${summary.skipped} skipped, ${summary.failed} failed → ${options.to}\n` +
              `series.carryOver: ${summary.seriesFindings} findings in ${summary.issuerGroups} issuer groups → ${summary.seriesFile}\n`,
          );
        }
      } catch (error) {
        if (interrupt.signal.aborted) {
          progress.finish();
          const { signal, exitCode } = interrupt.signal.reason as Stopped;
          throw new CommanderError(exitCode, "nianbao.stopped", `${signal}: export stopped; run the same command again to complete ${options.to}\n`);
        }
        // Exit 2 (usage): the command names no output folder, no format it can write or unusable issuer groups.
        if (error instanceof ExportUsageError || error instanceof OutputDirError || error instanceof IssuerGroupsError) {
          throw new CommanderError(2, "nianbao.usage", `error: ${error.message}\n`);
        }
        // Exit 1: the export file cannot be written; said in words, the committed part kept.
        if (error instanceof ExportTargetError) throw new CommanderError(1, "nianbao.failed", `error: ${error.message}\n`);
        throw error;
      }
    });
}

/** Why an export was aborted: the signal that stopped it. */
interface Stopped {
  signal: NodeJS.Signals;
  exitCode: number;
}
