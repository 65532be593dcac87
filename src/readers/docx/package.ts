/**
 * The OPC package around the document: finds parts through relationships (the main part need not be
 * word/document.xml), decodes and parses them.
 */
import { decodeBytes } from "../decode.js";
import type { ZipArchive } from "./zip.js";
import { childElements, parseXml, type XmlElement } from "./xml.js";

/** Namespace URIs → the prefixes the walkers match on, whatever prefix a producer chose. */
const PREFIXES: Record<string, string> = {
  "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
  "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
};

/**
 * Formatting elements whose subtrees no walker reads and which hold no text: borders, margins,
 * widths, alignment, spacing, fonts and sizes. They are half the elements LibreOffice writes, so
 * the parser leaves them out. A walker that starts reading one must take it off this list.
 */
const UNREAD_FORMATTING: ReadonlySet<string> = new Set(
  [
    // paragraph
    "spacing", "ind", "jc", "bidi", "pBdr", "tabs", "snapToGrid", "widowControl", "autoSpaceDE", "autoSpaceDN", "adjustRightInd", "wordWrap", "textAlignment", "kinsoku", "overflowPunct", "topLinePunct",
    // run
    "rFonts", "sz", "szCs", "lang", "color", "kern", "b", "bCs", "i", "iCs", "u", "highlight", "position", "w", "eastAsianLayout", "shd",
    // table, row and cell
    "tblW", "tblInd", "tblBorders", "tblCellMar", "tblLayout", "tblLook", "tblStyle", "trHeight", "cantSplit", "tcW", "tcBorders", "tcMar", "vAlign", "noWrap", "hideMark", "cnfStyle",
    // section
    "sectPr",
  ].map((name) => `w:${name}`),
);

export const DEFAULT_MAIN_PART = "word/document.xml";

/** Relationship types by their last path segment (transitional and strict URIs share it). */
export type RelationshipKind = "officeDocument" | "core-properties" | "styles" | "numbering";

export class Package {
  /** Parsed parts by name: the main part's relationships are looked up once per kind. */
  private readonly parsed = new Map<string, XmlElement | undefined>();

  constructor(private readonly zip: ZipArchive) {}

  /** The parsed part, or undefined when the package has no such part. */
  part(name: string): XmlElement | undefined {
    if (!this.parsed.has(name)) {
      const bytes = this.zip.read(name);
      this.parsed.set(name, bytes && parseXml(decodeBytes(bytes).text, PREFIXES, UNREAD_FORMATTING));
    }
    return this.parsed.get(name);
  }

  /** Part name of the first relationship of `kind` from `source` ("" for the package itself). */
  related(source: string, kind: RelationshipKind): string | undefined {
    const slash = source.lastIndexOf("/");
    const folder = source.slice(0, slash + 1);
    const rels = this.part(`${folder}_rels/${source.slice(slash + 1)}.rels`);
    for (const rel of rels ? childElements(rels) : []) {
      if (!/(^|:)Relationship$/.test(rel.name) || rel.attrs.TargetMode === "External") continue;
      const type = rel.attrs.Type ?? "";
      if (type.slice(type.lastIndexOf("/") + 1) !== kind || rel.attrs.Target === undefined) continue;
      const name = resolvePartName(folder, rel.attrs.Target);
      if (this.zip.has(name)) return name;
    }
    return undefined;
  }
}

/** Resolves a relationship target against the source part's folder ("/x" is package-absolute). */
function resolvePartName(folder: string, target: string): string {
  const segments = target.startsWith("/") ? [] : folder.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "" && segment !== ".") segments.push(segment);
  }
  return segments.join("/");
}
