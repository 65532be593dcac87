import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

/**
 * A small HTML tree built on htmlparser2's tokenizer. htmlparser2's own Parser keeps its open-element
 * stack with Array#unshift, which makes 100,000-deep nesting take ~13 s (quadratic); this builder keeps
 * the stack with push/pop and bounds the search for a matching end tag, so any input parses in linear
 * time. It follows the Parser's rules for implied end tags and void elements.
 */

export interface HtmlElement {
  type: "element";
  /** Lower-case tag name; "#root" for the synthetic root that holds the whole input. */
  name: string;
  attrs: ReadonlyMap<string, string>;
  children: HtmlNode[];
  /** Offset of the "<" in the decoded text. */
  start: number;
}

export interface HtmlText {
  type: "text";
  /** Text with entities decoded; raw text for script/style/title. */
  text: string;
  start: number;
}

export type HtmlNode = HtmlElement | HtmlText;

/** Shared by the many elements without attributes, to spare an allocation each. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();

/** Elements that never have content or an end tag. */
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);

const P_ONLY = new Set(["p"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p"]);
const FORM_CONTROLS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const DEFINITION_PARTS = new Set(["dt", "dd"]);
const TABLE_SECTIONS = new Set(["thead", "tbody"]);

/** Which open elements a new start tag closes first (as in htmlparser2's Parser, itself after the HTML spec). */
const IMPLIED_END: ReadonlyMap<string, ReadonlySet<string>> = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["a", new Set(["a"])],
  ["li", new Set(["li"])],
  ["h1", HEADINGS],
  ["h2", HEADINGS],
  ["h3", HEADINGS],
  ["h4", HEADINGS],
  ["h5", HEADINGS],
  ["h6", HEADINGS],
  ["select", FORM_CONTROLS],
  ["input", FORM_CONTROLS],
  ["output", FORM_CONTROLS],
  ["button", FORM_CONTROLS],
  ["datalist", FORM_CONTROLS],
  ["textarea", FORM_CONTROLS],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DEFINITION_PARTS],
  ["dt", DEFINITION_PARTS],
  ["rt", new Set(["rt", "rp"])],
  ["rp", new Set(["rt", "rp"])],
  ["tbody", TABLE_SECTIONS],
  ["tfoot", TABLE_SECTIONS],
  ...[
    "p",
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
  ].map((name): [string, ReadonlySet<string>] => [name, P_ONLY]),
]);

/**
 * How far down the open-element stack an end tag looks for its start tag. Real pages close within a
 * few dozen levels; the bound keeps stray end tags in hostile deep nesting from costing O(depth) each.
 */
const END_TAG_SEARCH_DEPTH = 512;

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { type: "element", name: "#root", attrs: NO_ATTRIBUTES, children: [], start: 0 };
  const open: HtmlElement[] = [root];
  const current = () => open[open.length - 1]!;
  let pending: HtmlElement | undefined;
  let pendingAttrs: Map<string, string> | undefined;
  let attrName = "";
  let attrValue = "";

  const appendText = (text: string, start: number) => {
    const siblings = current().children;
    const last = siblings[siblings.length - 1];
    // Entities arrive one by one; merging keeps "a&amp;b" one node instead of three.
    if (last?.type === "text") last.text += text;
    else siblings.push({ type: "text", text, start });
  };
  const closeOpenElement = (name: string) => {
    const lowest = Math.max(1, open.length - END_TAG_SEARCH_DEPTH);
    for (let i = open.length - 1; i >= lowest; i--) {
      if (open[i]!.name === name) {
        // pop(), not `length = i`: shrinking length can make V8 reallocate the whole stack.
        while (open.length > i) open.pop();
        return;
      }
    }
  };
  const finishStartTag = () => {
    if (!pending) return;
    if (pendingAttrs) pending.attrs = pendingAttrs;
    pendingAttrs = undefined;
    current().children.push(pending);
    if (!VOID_ELEMENTS.has(pending.name)) open.push(pending);
    pending = undefined;
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      const name = html.slice(start, end).toLowerCase();
      const closes = IMPLIED_END.get(name);
      if (closes) while (open.length > 1 && closes.has(current().name)) open.pop();
      pendingAttrs = undefined;
      // start - 1 is the "<".
      pending = { type: "element", name, attrs: NO_ATTRIBUTES, children: [], start: start - 1 };
    },
    onattribname(start, end) {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = "";
    },
    onattribdata(start, end) {
      attrValue += html.slice(start, end);
    },
    onattribentity(codePoint) {
      attrValue += String.fromCodePoint(codePoint);
    },
    onattribend() {
      pendingAttrs ??= new Map();
      if (!pendingAttrs.has(attrName)) pendingAttrs.set(attrName, attrValue);
    },
    onopentagend: finishStartTag,
    // In HTML "<div/>" opens a div, as browsers do; void elements close themselves anyway.
    onselfclosingtag: finishStartTag,
    onclosetag(start, end) {
      const name = html.slice(start, end).toLowerCase();
      if (name === "br") {
        // Browsers read a stray </br> as <br>.
        current().children.push({ type: "element", name, attrs: NO_ATTRIBUTES, children: [], start: start - 2 });
      } else if (!VOID_ELEMENTS.has(name)) {
        closeOpenElement(name);
      }
    },
    ontext(start, end) {
      appendText(html.slice(start, end), start);
    },
    ontextentity(codePoint, end) {
      appendText(String.fromCodePoint(codePoint), end);
    },
    oncomment() {},
    oncdata() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
  };
  const tokenizer = new Tokenizer({}, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  return root;
}

/** The element's own text, children included, for short things like <title>; not for layout. */
export function plainText(element: HtmlElement): string {
  const parts: string[] = [];
  const stack: HtmlNode[] = [element];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "text") parts.push(node.text);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join("");
}
