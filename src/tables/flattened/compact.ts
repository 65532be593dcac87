/**
 * A text with its white space and quotes removed for label searches (crawlers and portals put spaces
 * inside labels: "三、本年度办 理结果"; quotes come in every shape: “三安全一稳定”), keeping the way
 * back to positions in the original.
 */
const IGNORED = /[\s"'“”‘’「」『』]/;

export class CompactText {
  readonly compact: string;
  private readonly origin: number[];

  constructor(readonly text: string) {
    let compact = "";
    const origin: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (IGNORED.test(text[i]!)) continue;
      compact += text[i];
      origin.push(i);
    }
    origin.push(text.length);
    this.compact = compact;
    this.origin = origin;
  }

  /** The first occurrence of `label` (white space ignored) at or after original offset `from`. */
  find(label: string, from: number): { start: number; end: number } | undefined {
    const needle = [...label].filter((c) => !IGNORED.test(c)).join("");
    const at = this.compact.indexOf(needle, this.compactIndex(from));
    if (at < 0) return undefined;
    return { start: this.origin[at]!, end: this.origin[at + needle.length - 1]! + 1 };
  }

  /** Whether `label` (white space ignored) starts exactly at original offset `at`. */
  startsWith(label: string, at: number): number | undefined {
    const found = this.find(label, at);
    if (!found) return undefined;
    return this.text.slice(at, found.start).trim() === "" ? found.end : undefined;
  }

  private compactIndex(offset: number): number {
    let low = 0;
    let high = this.origin.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.origin[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
