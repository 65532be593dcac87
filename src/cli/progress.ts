import type { ManifestLine } from "../writers/manifest.js";

/**
 * Progress on stderr: on a terminal one bar redrawn in place (done/total, docs/s, ETA, failures);
 * elsewhere (CI, logs) a plain line every few seconds. Failures are always printed in full.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private failed = 0;
  /** Results a resumed run took from the earlier manifest: counted as done, not in the rate. */
  private kept = 0;
  private readonly started = Date.now();
  private lastPlain = 0;
  /** `done` when the last plain line was printed. */
  private plainDone = -1;
  private readonly tty = process.stderr.isTTY === true;

  /** `echoFailures`: false where the failures are old news (an export reading a manifest). */
  constructor(
    private readonly quiet: boolean,
    private readonly echoFailures = true,
  ) {}

  start(total: number): void {
    this.total = total;
  }

  result(line: ManifestLine, kept = false): void {
    this.done++;
    if (kept) this.kept++;
    if (line.status === "failed") {
      this.failed++;
      if (this.echoFailures) {
        this.clear();
        process.stderr.write(`failed: ${line.error}\n`);
      }
    }
    if (this.quiet) return;
    if (this.tty) this.draw();
    else if (Date.now() - this.lastPlain >= 5000 || this.done === this.total) this.plain();
  }

  finish(): void {
    if (this.quiet) return;
    if (this.tty) process.stderr.write("\n");
    // The total is an estimate where it counts manifest lines (blank or torn ones never arrive).
    else if (this.plainDone !== this.done) this.plain();
  }

  private plain(): void {
    this.lastPlain = Date.now();
    this.plainDone = this.done;
    process.stderr.write(`${this.status()}\n`);
  }

  private status(): string {
    const seconds = (Date.now() - this.started) / 1000;
    // Kept results arrive at once: counted in the rate they would promise an ETA the run cannot keep.
    const rate = seconds > 0 ? (this.done - this.kept) / seconds : 0;
    const eta = this.done >= this.total ? "0s" : rate > 0 ? `${Math.round((this.total - this.done) / rate)}s` : "?";
    const kept = this.kept > 0 ? ` · ${this.kept} kept` : "";
    return `${this.done}/${this.total} · ${rate.toFixed(1)} docs/s · ETA ${eta} · ${this.failed} failed${kept}`;
  }

  private draw(): void {
    const width = 30;
    const filled = this.total > 0 ? Math.round((this.done / this.total) * width) : 0;
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.status()}`);
  }

  private clear(): void {
    if (this.tty && !this.quiet) process.stderr.write("\r\x1b[K");
  }
}
