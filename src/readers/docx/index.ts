/**
 * The .docx reader: paragraphs and tables of the main document in reading order, with automatic
 * numbering restored and table merges placed by grid column. Synchronous and dependency-light
 * (its own zip reader and OOXML scanner): a report reads in a few milliseconds.
 */
import { type Document, ReaderError } from "../document.js";
import { foldSpace } from "../normalize.js";
import { readBody } from "./body.js";
import { isCompoundFile, refuseCompoundFile } from "./compound.js";
import { Numberer } from "./numbering.js";
import { DEFAULT_MAIN_PART, Package } from "./package.js";
import { Styles } from "./styles.js";
import { child, textOf, type XmlElement } from "./xml.js";
import { DEFAULT_ZIP_LIMITS, ZipArchive, type ZipLimits } from "./zip.js";

export interface DocxOptions {
  /**
   * Refuse the .docx when a part, or all parts read together, inflate to more than this many bytes
   * (zip-bomb guard). Default: the zip reader's caps (64 MiB per part, 256 MiB in all).
   */
  maxInflatedBytes?: number;
}

export function readDocx(bytes: Uint8Array, options: DocxOptions = {}): Document {
  if (isCompoundFile(bytes)) refuseCompoundFile(bytes);
  const pkg = new Package(new ZipArchive(bytes, zipLimits(options)));
  const mainPart = pkg.related("", "officeDocument") ?? DEFAULT_MAIN_PART;
  const main = pkg.part(mainPart);
  if (!main) {
    throw new ReaderError(`not a .docx: the zip archive has no ${DEFAULT_MAIN_PART} (no Word document inside)`, "docx.noDocument");
  }
  const stylesPart = pkg.related(mainPart, "styles");
  const numberingPart = pkg.related(mainPart, "numbering");
  const styles = new Styles(stylesPart ? pkg.part(stylesPart) : undefined);
  const numberer = new Numberer(numberingPart ? pkg.part(numberingPart) : undefined, styles);
  const corePart = pkg.related("", "core-properties");

  const messages: Document["messages"] = [];
  const blocks = readBody(main, { styles, numberer, messages });
  return { format: "docx", blocks, properties: coreProperties(corePart ? pkg.part(corePart) : undefined), messages };
}

function zipLimits({ maxInflatedBytes }: DocxOptions): ZipLimits {
  if (maxInflatedBytes === undefined) return DEFAULT_ZIP_LIMITS;
  return { maxEntryBytes: maxInflatedBytes, maxTotalBytes: maxInflatedBytes };
}

/** docProps/core.xml: dc:title and dcterms:created, as raw strings. */
function coreProperties(core: XmlElement | undefined): Document["properties"] {
  const properties: Document["properties"] = {};
  const title = foldSpace(textOf(child(core, "dc:title")));
  const created = textOf(child(core, "dcterms:created")).trim();
  if (title !== "") properties.title = title;
  if (created !== "") properties.createdDate = created;
  return properties;
}
