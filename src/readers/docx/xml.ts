/**
 * Parses an OOXML part into a light element tree. A scanner of its own rather than a general parser:
 * WordprocessingML is plain, machine-written XML (no DTD, no mixed encodings), and LibreOffice writes
 * ~200 KB of it for a 30 KB report, so tokenizing was a third of a .docx conversion with htmlparser2
 * (6.8 ms a part against 1.5 ms here). Only the five XML entities and numeric character references
 * are decoded and a DTD is skipped unread, so an internal-subset entity bomb ("billion laughs") or an
 * external entity (XXE) is inert: its references stay literal text. Malformed markup is read the
 * lenient way a browser would (an end tag closes up to its open element, a stray one is ignored,
 * an unterminated construct ends the part) rather than refused: Word itself opens such files.
 */
import { ReaderError } from "../document.js";

export interface XmlElement {
  /** Qualified name with the package's usual prefix, e.g. "w:p" (see `prefixes` of parseXml). */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

/**
 * Deepest element nesting accepted. Word documents stay far below it (a table nested in a table adds
 * four levels); the walkers recurse over the tree, so a hostile depth must not reach them.
 */
const MAX_DEPTH = 256;

/**
 * Parses `text`. `prefixes` maps namespace URIs to the prefix the caller matches on ("w" for
 * WordprocessingML): a part that binds the namespace to another prefix, or as the default namespace,
 * gets its names rewritten, so the walkers can match "w:p" whatever the producer chose. Elements
 * named in `skip` (after renaming) are left out with everything inside them: formatting no walker
 * reads is half the elements of a LibreOffice part, and building them was most of the parse.
 */
export function parseXml(text: string, prefixes: Record<string, string> = {}, skip: ReadonlySet<string> = NOTHING): XmlElement {
  return new Scanner(text, prefixes, skip).run();
}

const NOTHING: ReadonlySet<string> = new Set();

/** An element while its children are being read. */
interface OpenElement extends XmlElement {
  readonly children: XmlNode[];
}

/**
 * Shared by every element without attributes, and by every self-closing element for its children:
 * most elements of a part are one or the other, and a fresh object for each was garbage to collect.
 * Frozen, so nothing can write into one element's attributes through another.
 */
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({});
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const GT = 0x3e;
const LT = 0x3c;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

class Scanner {
  private readonly root: OpenElement = { name: "", attrs: NO_ATTRS, children: [] };
  /** Open elements, innermost last; `written` holds their names as written, to match end tags. */
  private readonly open: OpenElement[] = [this.root];
  private readonly written: string[] = [""];
  private rename: ((name: string) => string) | undefined;
  /** The attributes of the start tag being read, when it has any. */
  private attrs: Record<string, string> | undefined;
  /** Nesting inside a skipped element (0: building). */
  private skipping = 0;
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly prefixes: Record<string, string>,
    private readonly skip: ReadonlySet<string>,
  ) {}

  run(): XmlElement {
    const text = this.text;
    const length = text.length;
    while (this.at < length) {
      // Tags mostly follow one another directly: look before searching.
      const lt = text.charCodeAt(this.at) === LT ? this.at : text.indexOf("<", this.at);
      const textEnd = lt < 0 ? length : lt;
      if (textEnd > this.at && this.skipping === 0) this.appendText(decodeEntities(text.slice(this.at, textEnd)));
      if (lt < 0) break;
      const next = text.charCodeAt(lt + 1);
      if (next === SLASH) this.endTag(lt);
      else if (next === BANG) this.declaration(lt);
      else if (next === QUESTION) {
        const end = text.indexOf("?>", lt + 2);
        this.at = end < 0 ? length : end + 2;
      } else this.startTag(lt);
    }
    return this.root.children.find((child): child is XmlElement => typeof child !== "string") ?? this.root;
  }

  private appendText(data: string): void {
    const children = this.open[this.open.length - 1]!.children;
    const last = children[children.length - 1];
    // CDATA and the text around it arrive separately; keep one string per text run.
    if (typeof last === "string") children[children.length - 1] = last + data;
    else children.push(data);
  }

  private endTag(lt: number): void {
    const gt = this.text.indexOf(">", lt);
    this.at = gt < 0 ? this.text.length : gt + 1;
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    const top = this.written[this.written.length - 1]!;
    if (this.written.length > 1 && gt === lt + 2 + top.length && this.text.startsWith(top, lt + 2)) {
      // The usual case, the innermost element's own end tag: no name string made.
      this.open.pop();
      this.written.pop();
      return;
    }
    const name = this.text.slice(lt + 2, gt < 0 ? undefined : gt).trim();
    const depth = this.written.lastIndexOf(name);
    // An end tag closes up to its open element; one that matches none is ignored.
    if (depth <= 0) return;
    while (this.open.length > depth) {
      this.open.pop();
      this.written.pop();
    }
  }

  private startTag(lt: number): void {
    const text = this.text;
    const nameEnd = nameEndFrom(text, lt + 1);
    if (nameEnd === lt + 1) {
      // A "<" that starts no tag (a stray one in sloppy markup) is text.
      if (this.skipping === 0) this.appendText("<");
      this.at = lt + 1;
      return;
    }
    if (this.skipping > 0) {
      this.stepOver(nameEnd);
      return;
    }
    const written = text.slice(lt + 1, nameEnd);
    const atRoot = this.open.length === 1;
    // The root decides the renaming, from its own namespace declarations, once they are read.
    const name = this.rename && !atRoot ? this.rename(written) : written;
    if (!atRoot && this.skip.has(name)) {
      this.stepOver(nameEnd);
      return;
    }
    const selfClosing = this.attributes(nameEnd, true);
    const read = this.attrs ?? NO_ATTRS;
    this.attrs = undefined;
    if (atRoot) this.rename = renamerFor(read, this.prefixes);
    const attrs = this.rename && read !== NO_ATTRS ? renameKeys(read, this.rename) : read;
    const elementName = atRoot && this.rename ? this.rename(written) : name;
    const parent = this.open[this.open.length - 1]!;
    if (selfClosing) {
      parent.children.push({ name: elementName, attrs, children: NO_CHILDREN });
      return;
    }
    const element: OpenElement = { name: elementName, attrs, children: [] };
    parent.children.push(element);
    this.open.push(element);
    this.written.push(written);
    if (this.open.length > MAX_DEPTH) {
      throw new ReaderError(`the .docx is malformed: its XML nests deeper than ${MAX_DEPTH} levels`, "docx.tooDeep");
    }
  }

  /**
   * Steps over a start tag inside (or opening) a skipped element. Nesting is counted, so the
   * skipped element's own end tag ends the skip.
   */
  private stepOver(nameEnd: number): void {
    if (!this.attributes(nameEnd, false)) this.skipping++;
  }

  /**
   * Reads the attributes from `at` to the tag's end into `this.attrs` (made on the first one; a
   * skipped tag's are only stepped over, quotes respected) and moves past the tag. True for a
   * self-closing tag.
   */
  private attributes(from: number, keep: boolean): boolean {
    const text = this.text;
    let at = from;
    for (;;) {
      at = skipSpace(text, at);
      const code = text.charCodeAt(at);
      if (Number.isNaN(code)) {
        this.at = at;
        return false;
      }
      if (code === GT) {
        this.at = at + 1;
        return false;
      }
      if (code === SLASH && text.charCodeAt(at + 1) === GT) {
        this.at = at + 2;
        return true;
      }
      const nameStart = at;
      const nameEnd = nameEndFrom(text, at);
      if (nameEnd === nameStart) {
        at++; // a character no name holds (a stray "/", "=" or quote): skipped, as lenient parsers do
        continue;
      }
      at = skipSpace(text, nameEnd);
      let valueStart = at;
      let valueEnd = at;
      if (text.charCodeAt(at) === EQUALS) {
        at = skipSpace(text, at + 1);
        const quote = text.charCodeAt(at);
        if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
          const close = text.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", at + 1);
          valueStart = at + 1;
          valueEnd = close < 0 ? text.length : close;
          at = valueEnd + 1;
        } else {
          valueStart = at;
          valueEnd = nameEndFrom(text, at);
          at = valueEnd;
        }
      }
      // A skipped element's attributes are only stepped over: no strings are made for them.
      if (keep) {
        this.attrs ??= {};
        this.attrs[text.slice(nameStart, nameEnd)] = decodeEntities(text.slice(valueStart, valueEnd));
      }
    }
  }

  /** A comment, a CDATA section (its text kept as is) or a DOCTYPE (skipped unread). */
  private declaration(lt: number): void {
    const text = this.text;
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      this.at = end < 0 ? text.length : end + 3;
      return;
    }
    if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      if (this.skipping === 0) this.appendText(text.slice(lt + 9, end < 0 ? text.length : end));
      this.at = end < 0 ? text.length : end + 3;
      return;
    }
    // <!DOCTYPE …> with an internal subset in brackets, whose declarations hold quoted ">" and "]".
    let at = lt + 2;
    let inSubset = false;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        const close = text.indexOf(text[at]!, at + 1);
        if (close < 0) break;
        at = close + 1;
        continue;
      }
      if (code === 0x5b) inSubset = true;
      else if (code === 0x5d) inSubset = false;
      else if (code === GT && !inSubset) {
        this.at = at + 1;
        return;
      }
      at++;
    }
    this.at = text.length;
  }
}

/** End of a name (or unquoted value) starting at `at`: the first space, "/", ">", "=", quote or "<". */
function nameEndFrom(text: string, at: number): number {
  let end = at;
  const length = text.length;
  for (; end < length; end++) {
    const code = text.charCodeAt(end);
    if (code <= 0x20 || code === SLASH || code === GT || code === EQUALS || code === DOUBLE_QUOTE || code === SINGLE_QUOTE || code === LT) break;
  }
  return end;
}

function skipSpace(text: string, at: number): number {
  const length = text.length;
  while (at < length && text.charCodeAt(at) <= 0x20) at++;
  return at;
}

const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five XML entities and character references; anything else stays as written. */
function decodeEntities(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|lt|gt|amp|quot|apos);/g, (whole, body: string) => {
    if (body[0] !== "#") return NAMED_ENTITIES[body] ?? whole;
    const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : "\uFFFD";
  });
}

/** A renamer when the root element binds a wanted namespace to a prefix other than the wanted one. */
function renamerFor(attrs: Readonly<Record<string, string>>, prefixes: Record<string, string>): ((name: string) => string) | undefined {
  const map = new Map<string, string>();
  for (const [attr, uri] of Object.entries(attrs)) {
    const wanted = prefixes[uri];
    if (wanted === undefined) continue;
    if (attr === "xmlns") map.set("", wanted);
    else if (attr.startsWith("xmlns:") && attr.slice(6) !== wanted) map.set(attr.slice(6), wanted);
  }
  if (map.size === 0) return undefined;
  return (name) => {
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    const wanted = map.get(prefix);
    if (wanted === undefined) return name;
    return `${wanted}:${name.slice(colon + 1)}`;
  };
}

function renameKeys(attrs: Readonly<Record<string, string>>, rename: (name: string) => string): Record<string, string> {
  const renamed: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    // Unprefixed attributes belong to no namespace, not to the default one.
    renamed[key.includes(":") ? rename(key) : key] = value;
  }
  return renamed;
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== "string");
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const node of element.children) if (typeof node !== "string" && node.name === name) return node;
  return undefined;
}

/** Follows a path of child names, e.g. childAt(tc, "w:tcPr", "w:gridSpan"). */
export function childAt(element: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let current = element;
  for (const name of names) current = child(current, name);
  return current;
}

/** The concatenated text directly inside an element. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return "";
  let text = "";
  for (const node of element.children) if (typeof node === "string") text += node;
  return text;
}

/** The `w:val` attribute, the carrier of most WordprocessingML properties. */
export function val(element: XmlElement | undefined): string | undefined {
  return element?.attrs["w:val"];
}

/** An integer `w:val`, or undefined when absent or not a number. */
export function intVal(element: XmlElement | undefined): number | undefined {
  const value = val(element);
  if (value === undefined) return undefined;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : undefined;
}

/**
 * An on/off property (w:b, w:vanish…): present means on unless w:val says "0", "false" or "off".
 */
export function isOn(element: XmlElement | undefined): boolean {
  if (!element) return false;
  const value = val(element);
  return value === undefined || !/^(0|false|off)$/i.test(value);
}
