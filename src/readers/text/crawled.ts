import type { Document } from "../document.js";

const BODY_RULE = /^=+\s*正文\s*=+$/;
const FIELD = /^([\u4e00-\u9fa5]{2,6})\s*[:：]\s*(.*)$/;

/**
 * Text saved by a web crawler: a header of "标题: …", "发布时间: …", "原文链接: …" lines, a rule line
 * "==== 正文 ====", then the page text, often on one line with the portal's breadcrumb in front and
 * "附件下载" behind. Returns the header as properties and the body with that page chrome cut off.
 */
export function splitCrawlerHeader(lines: string[]): { properties: Document["properties"]; body: string[]; offset: number } | undefined {
  const rule = lines.findIndex((line, i) => i < 40 && BODY_RULE.test(line.trim()));
  if (rule < 0) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(0, rule)) {
    const match = FIELD.exec(line.trim());
    if (match) fields.set(match[1]!, match[2]!.trim());
  }
  const properties: Document["properties"] = {};
  const title = fields.get("标题");
  const published = fields.get("发布时间") ?? fields.get("发布日期");
  const source = fields.get("发布机构") || fields.get("来源");
  if (title) properties.title = title;
  if (published) properties.publishDate = published;
  if (source) properties.source = source;
  const body = lines.slice(rule + 1).map(withoutPageChrome);
  return { properties, body, offset: rule + 1 };
}

/**
 * The breadcrumb and share bar a portal prints before the article ("当前位置：首页… 相关链接： -->")
 * and the attachment link after it.
 */
function withoutPageChrome(line: string): string {
  let text = line;
  const crumb = /^\s*当前位置[:：].{0,400}?(相关链接[:：]\s*-->|文字版\s*文件下载)/.exec(text);
  if (crumb) text = text.slice(crumb[0].length);
  return text.replace(/\s*附件下载\s*$/, "");
}
