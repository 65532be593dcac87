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

/**
 * Which open elements a start tag closes first. With a `scope`, the nearest open element in `closes`
 * is closed (with everything opened inside it) unless a `scope` element comes first: `<td>` ends the
 * open cell of its own table but not the cell holding a nested table, and `<div>` ends an open `<p>`
 * even under an unclosed `<span>`. Without a scope only the innermost elements are checked, as
 * htmlparser2's Parser does.
 */
interface ImpliedEnd {
  closes: readonly string[];
  scope?: ReadonlySet<string>;
}

const TABLE_SCOPE = new Set(["table"]);
/** Where an end tag stops looking (the spec's "in scope" boundaries): `</span>` in a cell never closes the cell. */
const ELEMENT_SCOPE = new Set(["table", "td", "th", "caption", "object", "template"]);
const PARAGRAPH_SCOPE = new Set([...ELEMENT_SCOPE, "button"]);
const TABLE_PARTS = new Set(["table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"]);
const CLOSES_P: ImpliedEnd = { closes: ["p"], scope: PARAGRAPH_SCOPE };
const CLOSES_HEADING: ImpliedEnd = { closes: ["h1", "h2", "h3", "h4", "h5", "h6", "p"] };
const CLOSES_FORM_CONTROL: ImpliedEnd = {
  closes: ["input", "option", "optgroup", "select", "button", "datalist", "textarea"],
};
const CLOSES_DEFINITION: ImpliedEnd = { closes: ["dt", "dd"], scope: new Set(["dl", ...PARAGRAPH_SCOPE]) };
const CLOSES_TABLE_SECTION: ImpliedEnd = { closes: ["thead", "tbody", "tfoot"], scope: TABLE_SCOPE };

const IMPLIED_END: ReadonlyMap<string, ImpliedEnd> = new Map<string, ImpliedEnd>([
  ["tr", { closes: ["tr"], scope: TABLE_SCOPE }],
  ["td", { closes: ["td", "th"], scope: TABLE_SCOPE }],
  ["th", { closes: ["td", "th"], scope: TABLE_SCOPE }],
  ["thead", CLOSES_TABLE_SECTION],
  ["tbody", CLOSES_TABLE_SECTION],
  ["tfoot", CLOSES_TABLE_SECTION],
  ["body", { closes: ["head", "link", "script"] }],
  ["a", { closes: ["a"] }],
  ["li", { closes: ["li"], scope: new Set(["ul", "ol", "menu", ...PARAGRAPH_SCOPE]) }],
  ["dd", CLOSES_DEFINITION],
  ["dt", CLOSES_DEFINITION],
  ["option", { closes: ["option"] }],
  ["optgroup", { closes: ["optgroup", "option"] }],
  ["rt", { closes: ["rt", "rp"] }],
  ["rp", { closes: ["rt", "rp"] }],
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((name): [string, ImpliedEnd] => [name, CLOSES_HEADING]),
  ...["select", "input", "output", "button", "datalist", "textarea"].map((name): [string, ImpliedEnd] => [
    name,
    CLOSES_FORM_CONTROL,
  ]),
  ...[
    "p",
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
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
  ].map((name): [string, ImpliedEnd] => [name, CLOSES_P]),
]);

/**
 * How far down the open-element stack a tag looks for the element it closes. Real pages close within
 * a few levels; the bound keeps hostile deep nesting from costing O(depth) per tag.
 */
const STACK_SEARCH_DEPTH = 128;

/** Element names a start tag may close from deep in the stack (see IMPLIED_END); their open count is kept. */
const COUNTED = new Set([...IMPLIED_END.values()].filter((rule) => rule.scope).flatMap((rule) => rule.closes));

/** The stack of open elements, with a count of the COUNTED ones so "is a <p> open at all?" costs nothing. */
class OpenElements {
  private readonly stack: HtmlElement[];
  private readonly openCount = new Map<string, number>();

  constructor(root: HtmlElement) {
    this.stack = [root];
  }

  get current(): HtmlElement {
    return this.stack[this.stack.length - 1]!;
  }

  push(element: HtmlElement): void {
    this.stack.push(element);
    if (COUNTED.has(element.name)) this.openCount.set(element.name, (this.openCount.get(element.name) ?? 0) + 1);
  }

  /** Pops the current element; the root never leaves. */
  pop(): void {
    if (this.stack.length === 1) return;
    const element = this.stack.pop()!;
    if (COUNTED.has(element.name)) this.openCount.set(element.name, this.openCount.get(element.name)! - 1);
  }

  /** Closes the nearest open element named in `targets` (all COUNTED), unless an element named in `scope` comes first. */
  closeNearestOf(targets: readonly string[], scope: ReadonlySet<string>): void {
    if (targets.every((name) => !this.openCount.get(name))) return;
    this.closeWhere((name) => targets.includes(name), scope);
  }

  /** Handles an end tag: closes the nearest open element of that name unless an element named in `scope` comes first. */
  closeNamed(name: string, scope: ReadonlySet<string>): void {
    // Most end tags close the current element.
    if (this.stack.length > 1 && this.current.name === name) this.pop();
    else this.closeWhere((open) => open === name, scope);
  }

  /** Pops while the current element is one of `names` (htmlparser2's rule for unscoped implied ends). */
  closeInnermost(names: readonly string[]): void {
    while (this.stack.length > 1 && names.includes(this.current.name)) this.pop();
  }

  private closeWhere(isTarget: (name: string) => boolean, scope: ReadonlySet<string>): void {
    const lowest = Math.max(1, this.stack.length - STACK_SEARCH_DEPTH);
    for (let i = this.stack.length - 1; i >= lowest; i--) {
      const name = this.stack[i]!.name;
      if (isTarget(name)) {
        // pop(), not `length = i`: shrinking length can make V8 reallocate the whole stack.
        while (this.stack.length > i) this.pop();
        return;
      }
      if (scope.has(name)) return;
    }
  }
}

export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { type: "element", name: "#root", attrs: NO_ATTRIBUTES, children: [], start: 0 };
  const open = new OpenElements(root);
  let pending: HtmlElement | undefined;
  let pendingAttrs: Map<string, string> | undefined;
  let attrName = "";
  let attrValue = "";

  const appendText = (text: string, start: number) => {
    const siblings = open.current.children;
    const last = siblings[siblings.length - 1];
    // Entities arrive one by one; merging keeps "a&amp;b" one node instead of three.
    if (last?.type === "text") last.text += text;
    else siblings.push({ type: "text", text, start });
  };
  const finishStartTag = () => {
    if (!pending) return;
    if (pendingAttrs) pending.attrs = pendingAttrs;
    pendingAttrs = undefined;
    open.current.children.push(pending);
    if (!VOID_ELEMENTS.has(pending.name)) open.push(pending);
    pending = undefined;
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      const name = html.slice(start, end).toLowerCase();
      const implied = IMPLIED_END.get(name);
      if (implied?.scope) open.closeNearestOf(implied.closes, implied.scope);
      else if (implied) open.closeInnermost(implied.closes);
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
        open.current.children.push({ type: "element", name, attrs: NO_ATTRIBUTES, children: [], start: start - 2 });
      } else if (!VOID_ELEMENTS.has(name)) {
        open.closeNamed(name, TABLE_PARTS.has(name) ? TABLE_SCOPE : ELEMENT_SCOPE);
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

/** Every element under `root` (itself included) in document order, without recursion. */
export function* elementsOf(root: HtmlElement): Generator<HtmlElement> {
  const stack: HtmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    yield element;
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (child.type === "element") stack.push(child);
    }
  }
}

/** The text of an element and all its descendants in document order, hidden or not: for <title>, not for page text. */
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
