import type { SECTION_KEYS } from "../schema/report.js";

export type SectionKey = (typeof SECTION_KEYS)[number];

/**
 * The six standard sections and the heading texts seen for them. Matching is on the heading with its
 * numbering and white space removed, so "存在的主要问题及改进情况" without "五、" still maps.
 */
export const STANDARD_SECTIONS: { key: SectionKey; titles: RegExp }[] = [
  { key: "overview", titles: /^(总体情况|概述|概况)$/ },
  { key: "activeDisclosure", titles: /^主动公开政府信息(的)?情况$/ },
  { key: "applications", titles: /^(收到和处理政府信息公开申请|政府信息依申请公开(工作)?)(的)?情况$/ },
  // Typos and old wordings seen: 行政法复议 (Pingtan 2022), 因…申请行政复议、提起行政诉讼的情况 (old style).
  { key: "reviewLitigation", titles: /^(因)?政府信息公开.{0,8}行政(法)?复议.{0,6}行政诉讼(的)?情况$/ },
  { key: "problems", titles: /^(政府信息公开工作)?(存在(的)?)?(主要)?问题(及|和)改进(情况|措施)$/ },
  { key: "other", titles: /^其他需要报告的事项$/ },
];

export function standardKeyOf(title: string): SectionKey | undefined {
  const bare = title.replace(/[\s\u3000]+/g, "").replace(/[。：:]$/, "");
  return STANDARD_SECTIONS.find((s) => s.titles.test(bare))?.key;
}

/** How standard headings begin, for finding one run into the text after it (crawled pages). */
const STANDARD_OPENINGS =
  "总体情况|概述|主动公开政府信息情况|收到和处理政府信息公开申请情况|(?:因)?政府信息公开(?:工作)?(?:被申请)?行政(?:法)?复议|(?:政府信息公开工作)?存在的主要问题|其他需要报告的事项";
const EMBEDDED_HEADING = new RegExp(`(?=[一二三四五六]、\\s*(?:${STANDARD_OPENINGS}))`, "u");
const LEADING_HEADING = new RegExp(`^([一二三四五六]、\\s*)?(${STANDARD_OPENINGS})`, "u");

/** Splits text where a numbered standard heading starts inside it ("…4200006四、政府信息公开行政复议…"). */
export function splitAtStandardHeadings(text: string): string[] {
  return text.split(EMBEDDED_HEADING).filter((part) => part.trim() !== "");
}

/**
 * A standard heading run together with what follows ("一、总体情况 2025年，…", "二、主动公开政府信息情况第二十条…"):
 * the full standard title, or undefined.
 */
export function leadingStandardTitle(text: string): string | undefined {
  const compact = text.replace(/^[一二三四五六]、\s*/, "");
  for (let end = Math.min(compact.length, 40); end >= 4; end--) {
    const candidate = compact.slice(0, end);
    if (standardKeyOf(candidate) && LEADING_HEADING.test(text)) return candidate.trim();
  }
  return undefined;
}

const CN = "一二三四五六七八九十";

/** Numbering prefixes by level: 一、 · （一） · 1. (also 1、 and 1．). */
export const NUMBERING: { level: number; pattern: RegExp }[] = [
  { level: 1, pattern: new RegExp(`^([${CN}]{1,3})[、．.]\\s*`) },
  { level: 2, pattern: new RegExp(`^[（(]([${CN}]{1,3})[）)]\\s*`) },
  { level: 3, pattern: /^(\d{1,2})[.．、](?!\d)\s*/ },
];
