/**
 * Calls `stop` once on Ctrl-C (SIGINT) or a scheduler's SIGTERM, with the exit code a shell expects
 * of a process stopped by that signal (128 + its number).
 */
export function onStopSignal(stop: (signal: NodeJS.Signals, exitCode: number) => void): void {
  process.once("SIGINT", () => stop("SIGINT", 130));
  process.once("SIGTERM", () => stop("SIGTERM", 143));
}
