import type { Document } from "../readers/document.js";
import type { Meta, ProvenanceEntry } from "../schema/report.js";

/** Words of a report title: 政府信息公开工作年度报告 and its variants. */
export const REPORT_TITLE = /(政府信息公开|政务公开).{0,6}(年度报告|年报|工作报告)/;
const ORG_NAME = /^[\u4e00-\u9fa5（）()]{2,30}(政府|委员会|管委会|办公厅|办公室|局|厅|委|院|署|中心|街道办事处|办事处|镇|乡|街道|所|部|会)$/;
const LOOKAHEAD = 6;

export interface MetaResult {
  meta: Meta;
  provenance: Record<string, ProvenanceEntry>;
}

/**
 * Title, issuer, year and publish date, each from the first place that states it: the printed title
 * (joined with an issuer line set above it), the signature block at the end, the printed 发布日期,
 * then the container's own metadata. Every value says in provenance where it came from.
 */
export function readMeta(doc: Document): MetaResult {
  const provenance: Record<string, ProvenanceEntry> = {};
  const paragraphs = doc.blocks.flatMap((b, block) => (b.kind === "paragraph" ? [{ text: b.text, block }] : []));
  const note = (path: string, raw: string, label: string, block?: number) => {
    provenance[path] = { state: "printed", raw, unit: null, label, at: block === undefined ? {} : { block } };
  };

  let title: string | null = null;
  const titleAt = paragraphs.slice(0, LOOKAHEAD).findIndex((p) => isTitleLine(p.text));
  if (titleAt >= 0) {
    const line = paragraphs[titleAt]!;
    const above = paragraphs[titleAt - 1];
    // Titles are often set over two lines: "阳泉市人民政府" / "2021年政府信息公开工作年度报告", or
    // "平潭综合实验区2018年度" / "政府信息公开工作年度报告".
    const joinAbove =
      above !== undefined &&
      ((/^\d{4}\s*年/.test(line.text.trim()) && ORG_NAME.test(compact(above.text))) ||
        (/^(政府信息公开|政务公开)/.test(compact(line.text)) && /^[\u4e00-\u9fa5（）()]{2,30}\d{4}年度?$/.test(compact(above.text))));
    title = compact(joinAbove ? `${above.text}${line.text}` : withoutLabel(line.text));
    note("meta.title", title, "printed title", line.block);
  } else if (doc.properties.title) {
    title = compact(doc.properties.title);
    note("meta.title", doc.properties.title, "document properties title");
  }

  let year: number | null = null;
  const yearMatch = title ? /(\d{4})\s*年/.exec(title) : null;
  if (yearMatch) {
    year = Number(yearMatch[1]);
    note("meta.year", yearMatch[0], "year in the title");
  }

  let issuer: string | null = null;
  const fromTitle = title ? issuerInTitle(title) : undefined;
  const signature = signatureBlock(paragraphs);
  if (fromTitle) {
    issuer = fromTitle;
    note("meta.issuer", fromTitle, "issuer in the title");
  } else if (signature?.issuer) {
    issuer = signature.issuer.text;
    note("meta.issuer", issuer, "signature line", signature.issuer.block);
  }

  let publishDate: string | null = null;
  const printed = paragraphs.slice(0, LOOKAHEAD + 2).find((p) => /(发布日期|发布时间|成文日期)[:：]/.test(p.text));
  const printedDate = printed ? isoDate(printed.text) : undefined;
  if (signature?.date) {
    publishDate = signature.date.iso;
    note("meta.publishDate", signature.date.text, "date of the signature line", signature.date.block);
  } else if (printed && printedDate) {
    publishDate = printedDate;
    note("meta.publishDate", printed.text, "printed publish date", printed.block);
  } else if (doc.properties.publishDate && isoDate(doc.properties.publishDate)) {
    publishDate = isoDate(doc.properties.publishDate)!;
    note("meta.publishDate", doc.properties.publishDate, "page metadata PubDate");
  } else if (doc.format === "pdf" && doc.properties.createdDate && isoDate(doc.properties.createdDate)) {
    // Only for PDF, whose creation date is when the report was printed to PDF; a .docx's is when the
    // file was first made (often a template years earlier), so it is not used.
    publishDate = isoDate(doc.properties.createdDate)!;
    note("meta.publishDate", doc.properties.createdDate, "PDF creation date: the document prints no date");
  }
  return { meta: { title, issuer, year, publishDate }, provenance };
}

/** A line that is a report title and nothing else (not a sentence or a data line that quotes one). */
function isTitleLine(text: string): boolean {
  const line = withoutLabel(compact(text));
  return REPORT_TITLE.test(line) && /(年度报告|年报|工作报告)$/.test(line) && !/[{}"“”<>：:，。]/.test(line) && line.length <= 60;
}

/** Crawled pages start with "标题: …": the label is not part of the title. */
function withoutLabel(text: string): string {
  return text.replace(/^\s*(标题|题目|文章标题)\s*[:：]\s*/, "");
}

function compact(text: string): string {
  return text.replace(/\s+/g, "");
}

/** "阳泉市人民政府2021年政府信息…" → 阳泉市人民政府; "2019年上海市人民政府办公厅政府信息…" → 上海市人民政府办公厅. */
function issuerInTitle(title: string): string | undefined {
  const before = /^(.+?)(?:关于)?\d{4}年度?/.exec(title)?.[1];
  if (before && before.length >= 2) return before;
  const after = /^\d{4}年度?(.+?)(?:政府信息公开|政务公开)/.exec(title)?.[1];
  return after && after.length >= 2 ? after : undefined;
}

interface Located {
  text: string;
  block: number;
}

/** The closing lines: an organisation name and a date, within the last few paragraphs. */
function signatureBlock(paragraphs: Located[]): { issuer?: Located; date?: Located & { iso: string } } | undefined {
  const tail = paragraphs.slice(-LOOKAHEAD);
  for (let i = tail.length - 1; i >= 0; i--) {
    const p = tail[i]!;
    const text = compact(p.text);
    if (text.length > 16) continue;
    const iso = isoDate(text);
    if (!iso) continue;
    const above = tail[i - 1];
    const issuer = above && ORG_NAME.test(compact(above.text)) ? { text: compact(above.text), block: above.block } : undefined;
    return { date: { ...p, text, iso }, ...(issuer ? { issuer } : {}) };
  }
  return trailingSignature(paragraphs[paragraphs.length - 1]);
}

/** A body's name and a date: `平潭综合实验区公安局 2022年1月7日`. */
const NAME_AND_DATE =
  /[\u4e00-\u9fa5（）()]{2,30}?(?:政府|委员会|管委会|办公厅|办公室|局|厅|委|中心|办事处|镇|乡|街道)[\s\u3000]*((?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日)/g;

/**
 * Crawled page text runs the signature onto the end of the last paragraph (`…无收取信息处理费情况。
 * 平潭综合实验区公安局2022年1月7日 附件下载`): the first name-and-date after which no sentence follows
 * (page chrome such as 附件下载, or a 印发 line, may) is the signature.
 */
function trailingSignature(last: Located | undefined): { date: Located & { iso: string } } | undefined {
  if (!last) return undefined;
  for (const match of last.text.matchAll(NAME_AND_DATE)) {
    const rest = last.text.slice(match.index + match[0].length);
    const iso = isoDate(match[1]!);
    if (iso && rest.length <= 60 && !/[。；;！？]/.test(rest)) return { date: { text: match[1]!.replace(/\s+/g, ""), block: last.block, iso } };
  }
  return undefined;
}

const CN_DIGITS: Record<string, string> = { 〇: "0", "○": "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** 2022年3月9日 · 2020-01-31 · 2019/1/10 · 二〇二二年三月九日 → ISO date, when it is a real date. */
export function isoDate(text: string): string | undefined {
  const digits = text.replace(/[〇○零一二三四五六七八九]/g, (c) => CN_DIGITS[c]!).replace(/(\d)十(\d)/g, "$1$2").replace(/(\d)十/g, (_, d: string) => `${d}0`).replace(/十(\d)/g, "1$1").replace(/十/g, "10");
  const m = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/.exec(digits);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
