/**
 * Parses an OOXML part into a light element tree. htmlparser2 in xmlMode decodes only the five XML
 * entities and numeric character references and never reads a DTD, so an internal-subset entity bomb
 * ("billion laughs") or an external entity (XXE) is inert: its references stay literal text.
 */
import { Parser } from "htmlparser2";
import { ReaderError } from "../document.js";

export interface XmlElement {
  /** Qualified name with the package's usual prefix, e.g. "w:p" (see `prefixes` of parseXml). */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
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
 * gets its names rewritten, so the walkers can match "w:p" whatever the producer chose.
 */
export function parseXml(text: string, prefixes: Record<string, string> = {}): XmlElement {
  const root: XmlElement = { name: "", attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let rename: ((name: string) => string) | undefined;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (stack.length === 1) rename = renamerFor(attrs, prefixes);
        const element: XmlElement = rename
          ? { name: rename(name), attrs: renameKeys(attrs, rename), children: [] }
          : { name, attrs, children: [] };
        stack[stack.length - 1]!.children.push(element);
        stack.push(element);
        if (stack.length > MAX_DEPTH) {
          throw new ReaderError(`the .docx is malformed: its XML nests deeper than ${MAX_DEPTH} levels`, "docx.tooDeep");
        }
      },
      ontext(data) {
        const children = stack[stack.length - 1]!.children;
        const last = children[children.length - 1];
        // The parser reports text around each entity separately; keep one string per text run.
        if (typeof last === "string") children[children.length - 1] = last + data;
        else children.push(data);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    { xmlMode: true },
  );
  parser.write(text);
  parser.end();
  return root.children.find((child): child is XmlElement => typeof child !== "string") ?? root;
}

/** A renamer when the root element binds a wanted namespace to a prefix other than the wanted one. */
function renamerFor(attrs: Record<string, string>, prefixes: Record<string, string>): ((name: string) => string) | undefined {
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

function renameKeys(attrs: Record<string, string>, rename: (name: string) => string): Record<string, string> {
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
