import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../src/cli/progress.js";
import type { ManifestLine } from "../src/writers/manifest.js";

const line = (status: ManifestLine["status"]): ManifestLine => ({
  input: "a.docx",
  output: status === "ok" ? "a.docx.json" : null,
  status,
  template: null,
  findings: 0,
  errors: 0,
  warnings: 0,
  sha256: null,
  version: "test",
  ...(status === "ok" ? {} : { error: "a.docx: broken" }),
});

describe("progress lines (not a terminal)", () => {
  let written: string[];
  const isTTY = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-12-05T08:00:00Z") });
    written = [];
    // A test's stderr is a pipe, as in CI and logs; said here so that a terminal cannot change it.
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    if (isTTY) Object.defineProperty(process.stderr, "isTTY", isTTY);
    else Reflect.deleteProperty(process.stderr, "isTTY");
  });

  it("works the rate and the ETA out from the files converted in this run, not those a resume kept", () => {
    const progress = new Progress(false);
    progress.start(10);
    for (let i = 0; i < 4; i++) progress.result(line("ok"), true);
    vi.advanceTimersByTime(5000);
    progress.result(line("ok"));
    vi.advanceTimersByTime(5000);
    progress.result(line("failed"));
    expect(written).toEqual([
      // The first line comes at once; nothing has been converted yet, so there is no rate to go by.
      "1/10 · 0.0 docs/s · ETA ? · 0 failed · 1 kept\n",
      // One converted in 5 s: 0.2 a second, so the other five take 25 s.
      "5/10 · 0.2 docs/s · ETA 25s · 0 failed · 4 kept\n",
      "failed: a.docx: broken\n",
      "6/10 · 0.2 docs/s · ETA 20s · 1 failed · 4 kept\n",
    ]);
  });

  it("says nothing of kept files in a run that kept none, and ends at ETA 0s", () => {
    const progress = new Progress(false);
    progress.start(2);
    vi.advanceTimersByTime(1000);
    progress.result(line("ok"));
    vi.advanceTimersByTime(1000);
    progress.result(line("skipped"));
    progress.finish();
    expect(written).toEqual(["1/2 · 1.0 docs/s · ETA 1s · 0 failed\n", "2/2 · 1.0 docs/s · ETA 0s · 0 failed\n"]);
  });
});
