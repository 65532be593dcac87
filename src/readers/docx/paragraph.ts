/**
 * The text of one w:p as Word shows it: visible runs joined, automatic numbering restored, heading
 * level resolved from the paragraph or its style.
 */
import type { Paragraph } from "../document.js";
import { foldSpace } from "../normalize.js";
import { prefixLabel, type Numberer } from "./numbering.js";
import { headingLevelOfOutline, numberingRefOf, type Styles } from "./styles.js";
import { child, childAt, intVal, isOn, textOf, val, type XmlElement } from "./xml.js";

export interface ParagraphContext {
  styles: Styles;
  numberer: Numberer;
}

/**
 * Containers whose content is ordinary document content: content controls, custom XML and smart
 * tags, hyperlinks, simple fields (their child runs are the displayed result), tracked insertions.
 * Tracked deletions (w:del, w:moveFrom) are not: Word no longer shows them.
 */
export const TRANSPARENT_WRAPPERS = new Set([
  "w:sdt",
  "w:sdtContent",
  "w:customXml",
  "w:smartTag",
  "w:hyperlink",
  "w:fldSimple",
  "w:ins",
  "w:moveTo",
  "w:dir",
  "w:bdo",
]);

/** Reads a w:p. Call once per paragraph in reading order: numbering counters advance here. */
export function readParagraph(p: XmlElement, context: ParagraphContext): Paragraph {
  const pPr = child(p, "w:pPr");
  const styleId = val(child(pPr, "w:pStyle")) ?? context.styles.defaultParagraphStyle;
  const parts: string[] = [];
  collectRuns(p, parts);
  let text = foldSpace(parts.join(""));

  const own = numberingRefOf(pPr);
  const inherited = context.styles.numbering(styleId);
  if (own || inherited) {
    const label = context.numberer.next({ numId: own?.numId ?? inherited?.numId, ilvl: own?.ilvl ?? inherited?.ilvl }, styleId);
    // An empty numbered paragraph still takes its number (Word shows it), but carries no text.
    if (label && text !== "") text = prefixLabel(label, text);
  }

  const outline = intVal(child(pPr, "w:outlineLvl"));
  const headingLevel = outline !== undefined ? headingLevelOfOutline(outline) : context.styles.headingLevel(styleId);
  return headingLevel === undefined ? { kind: "paragraph", text, loc: {} } : { kind: "paragraph", text, headingLevel, loc: {} };
}

function collectRuns(container: XmlElement, parts: string[]): void {
  for (const node of container.children) {
    if (typeof node === "string") continue;
    if (node.name === "w:r") collectRunText(node, parts);
    else if (TRANSPARENT_WRAPPERS.has(node.name)) collectRuns(node, parts);
  }
}

/**
 * Text of a w:r. Skipped on purpose: hidden runs (w:vanish), deleted text (w:delText), field codes
 * (w:instrText, e.g. "PAGE \* MERGEFORMAT"; the field's result runs carry the shown text), note
 * references, drawings and text boxes.
 */
function collectRunText(run: XmlElement, parts: string[]): void {
  if (isOn(childAt(run, "w:rPr", "w:vanish"))) return;
  for (const node of run.children) {
    if (typeof node === "string") continue;
    switch (node.name) {
      case "w:t":
        parts.push(textOf(node));
        break;
      case "w:tab":
      case "w:ptab":
        parts.push(" ");
        break;
      case "w:br":
      case "w:cr":
        parts.push("\n");
        break;
      case "w:noBreakHyphen":
        parts.push("-");
        break;
    }
  }
}
