/**
 * Paragraph styles (word/styles.xml), as far as the reader needs them: which styles are headings
 * and which carry automatic numbering. Both are inherited along w:basedOn.
 */
import { child, childElements, intVal, val, type XmlElement } from "./xml.js";

/** A numbering reference (w:numPr) as written; either part may be missing and come from the style. */
export interface NumberingRef {
  numId?: string;
  ilvl?: number;
}

interface Style {
  name?: string;
  basedOn?: string;
  outlineLevel?: number;
  numbering?: NumberingRef;
}

/** Guards basedOn cycles and absurd chains in hostile files. */
const MAX_INHERITANCE_DEPTH = 32;

/** WordprocessingML stores built-in names in English ("heading 1"); WPS writes localized ones. */
const HEADING_NAME = /^(?:heading|标题)\s*([1-9])$/i;

/** w:outlineLvl 9 means body text. */
const BODY_TEXT_OUTLINE_LEVEL = 9;

export class Styles {
  private readonly byId = new Map<string, Style>();
  /** The paragraph style applied when a paragraph names none (w:default="1"). */
  readonly defaultParagraphStyle: string | undefined;
  /** Numbering styles (w:type="numbering") referenced by w:abstractNum/w:numStyleLink: styleId → numId. */
  readonly numberingStyleNumIds = new Map<string, string>();

  /** Resolved per style once: every paragraph asks, and most share a handful of styles. */
  private readonly headingLevels = new Map<string | undefined, number | undefined>();
  private readonly numberings = new Map<string | undefined, NumberingRef | undefined>();

  constructor(root: XmlElement | undefined) {
    let defaultParagraphStyle: string | undefined;
    for (const element of root ? childElements(root) : []) {
      if (element.name !== "w:style") continue;
      const id = element.attrs["w:styleId"];
      if (id === undefined) continue;
      const type = element.attrs["w:type"] ?? "paragraph";
      const pPr = child(element, "w:pPr");
      const numbering = numberingRefOf(pPr);
      if (type === "numbering") {
        if (numbering?.numId !== undefined) this.numberingStyleNumIds.set(id, numbering.numId);
        continue;
      }
      if (type !== "paragraph") continue;
      if (element.attrs["w:default"] === "1" && defaultParagraphStyle === undefined) defaultParagraphStyle = id;
      this.byId.set(id, {
        name: val(child(element, "w:name")),
        basedOn: val(child(element, "w:basedOn")),
        outlineLevel: intVal(child(pPr, "w:outlineLvl")),
        numbering,
      });
    }
    this.defaultParagraphStyle = defaultParagraphStyle;
  }

  /** 1-based heading level of a paragraph style, from its outline level or its heading name. */
  headingLevel(styleId: string | undefined): number | undefined {
    if (!this.headingLevels.has(styleId)) this.headingLevels.set(styleId, this.findHeadingLevel(styleId));
    return this.headingLevels.get(styleId);
  }

  /** The numbering a paragraph style gives its paragraphs; the nearest style with a numPr wins. */
  numbering(styleId: string | undefined): NumberingRef | undefined {
    if (!this.numberings.has(styleId)) this.numberings.set(styleId, this.findNumbering(styleId));
    return this.numberings.get(styleId);
  }

  private findHeadingLevel(styleId: string | undefined): number | undefined {
    for (const style of this.chain(styleId)) {
      if (style.outlineLevel !== undefined) return headingLevelOfOutline(style.outlineLevel);
      const match = style.name ? HEADING_NAME.exec(style.name.trim()) : null;
      if (match) return Number(match[1]);
    }
    return undefined;
  }

  private findNumbering(styleId: string | undefined): NumberingRef | undefined {
    for (const style of this.chain(styleId)) if (style.numbering) return style.numbering;
    return undefined;
  }

  /** The style and its ancestors along w:basedOn, nearest first. */
  private *chain(styleId: string | undefined): Generator<Style> {
    let id = styleId;
    for (let depth = 0; id !== undefined && depth < MAX_INHERITANCE_DEPTH; depth++) {
      const style = this.byId.get(id);
      if (!style) return;
      yield style;
      id = style.basedOn;
    }
  }
}

/** w:outlineLvl is 0-based; 9 (body text) and nonsense mean "not a heading". */
export function headingLevelOfOutline(outlineLevel: number): number | undefined {
  return outlineLevel >= 0 && outlineLevel < BODY_TEXT_OUTLINE_LEVEL ? outlineLevel + 1 : undefined;
}

/** The w:numPr of a w:pPr, if any. */
export function numberingRefOf(pPr: XmlElement | undefined): NumberingRef | undefined {
  const numPr = child(pPr, "w:numPr");
  if (!numPr) return undefined;
  return { numId: val(child(numPr, "w:numId")), ilvl: intVal(child(numPr, "w:ilvl")) };
}
