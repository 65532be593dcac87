import type { Paragraph } from "../readers/document.js";
import type { SectionNode } from "../schema/report.js";
import { leadingStandardTitle, NUMBERING, splitAtStandardHeadings, standardKeyOf } from "./headings.js";

/** Longest text still taken as a heading: longer numbered lines are paragraphs that start with a number. */
const MAX_HEADING = 40;

/**
 * Builds the section tree from paragraphs: numbered headings (一、 （一） 1.) open sections at their
 * level, standard section titles open level-1 sections even without their number, and a numbered
 * line that runs on into prose ("（一）主动公开方面。严格遵循…") is split into title and paragraph.
 * Text before the first heading (title, preamble) is returned separately.
 */
export function buildSections(paragraphs: Paragraph[]): { preamble: string[]; sections: SectionNode[] } {
  const preamble: string[] = [];
  const roots: SectionNode[] = [];
  const open: SectionNode[] = [];
  for (const text of paragraphs.flatMap((p) => splitAtStandardHeadings(p.text))) {
    const paragraph = { text };
    const heading = headingOf(paragraph.text);
    if (!heading || (heading.level > 1 && open.length === 0 && heading.key === undefined)) {
      const target = open[open.length - 1];
      if (target) target.paragraphs.push(paragraph.text);
      else preamble.push(paragraph.text);
      continue;
    }
    while (open.length > 0 && open[open.length - 1]!.level >= heading.level) open.pop();
    const node: SectionNode = {
      ...(heading.key ? { key: heading.key } : {}),
      title: heading.title,
      ...(heading.number ? { number: heading.number } : {}),
      level: heading.level,
      paragraphs: heading.rest ? [heading.rest] : [],
      children: [],
    };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    open.push(node);
  }
  return { preamble, sections: roots };
}

interface Heading {
  level: number;
  number?: string;
  title: string;
  rest?: string;
  key?: ReturnType<typeof standardKeyOf>;
}

function headingOf(text: string): Heading | undefined {
  const key = standardKeyOf(text);
  const numbering = NUMBERING.find((n) => n.pattern.test(text));
  if (!numbering) return key ? { level: 1, title: text, key } : undefined;
  const number = numbering.pattern.exec(text)![0].trim();
  const body = text.slice(numbering.pattern.exec(text)![0].length);
  const bodyKey = standardKeyOf(body);
  if (bodyKey && numbering.level === 1) return { level: 1, number, title: body, key: bodyKey };
  const runOn = numbering.level === 1 ? leadingStandardTitle(text) : undefined;
  if (runOn) {
    const rest = body.slice(body.indexOf(runOn) + runOn.length).trim();
    return { level: 1, number, title: runOn, key: standardKeyOf(runOn), ...(rest ? { rest } : {}) };
  }
  const stop = body.search(/[。；;！]/);
  if (stop >= 0 && stop + 1 < body.length) {
    const title = body.slice(0, stop);
    if (title.length > MAX_HEADING) return undefined;
    return { level: numbering.level, number, title, rest: body.slice(stop + 1).trim() };
  }
  if (body.length > MAX_HEADING || body === "") return undefined;
  return { level: numbering.level, number, title: body.replace(/[。]$/, "") };
}
