import type { HtmlElement, HtmlText } from "./tree.js";

/** Elements whose content a reader never sees as page text: code, embedded objects, form controls, metadata. */
const NOT_TEXT = new Set([
  "head",
  "title",
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "frame",
  "frameset",
  "noframes",
  "object",
  "embed",
  "applet",
  "svg",
  "math",
  "canvas",
  "audio",
  "video",
  "map",
  "select",
  "option",
  "button",
  "textarea",
  "input",
  "datalist",
  "nav",
  "aside",
]);

/** ARIA roles of page chrome. */
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary"]);

/** Inside these, <header>/<footer> belong to the content (an article's own byline) rather than the page. */
const SECTIONING = new Set(["article", "section", "main"]);

/** `display: none` or `visibility: hidden`, not as the tail of another property name (mso-…). */
const HIDDEN_STYLE = /(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

export interface ContentVisitor {
  /** Called before an element's children; returning false skips them (leave is still called). */
  enter?(element: HtmlElement): boolean | undefined;
  leave?(element: HtmlElement): void;
  text?(node: HtmlText): void;
}

/**
 * Walks the visible content under `root` in document order, without recursion (pages nest 100,000
 * deep in hostile input). Scripts, styles, form controls, hidden elements and page landmarks
 * (nav, aside, page-level header/footer, chrome roles) are skipped with everything inside them.
 */
export function walkContent(root: HtmlElement, visitor: ContentVisitor): void {
  interface Frame {
    element: HtmlElement;
    next: number;
    inSection: boolean;
  }
  if (visitor.enter?.(root) === false) {
    visitor.leave?.(root);
    return;
  }
  const frames: Frame[] = [{ element: root, next: 0, inSection: SECTIONING.has(root.name) }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const child = frame.element.children[frame.next++];
    if (child === undefined) {
      frames.pop();
      visitor.leave?.(frame.element);
    } else if (child.type === "text") {
      visitor.text?.(child);
    } else if (isContent(child, frame.inSection)) {
      const descend = visitor.enter?.(child) !== false;
      const inSection = frame.inSection || SECTIONING.has(child.name);
      if (descend) frames.push({ element: child, next: 0, inSection });
      else visitor.leave?.(child);
    }
  }
}

function isContent(element: HtmlElement, inSection: boolean): boolean {
  if (NOT_TEXT.has(element.name)) return false;
  if ((element.name === "header" || element.name === "footer") && !inSection) return false;
  const attrs = element.attrs;
  if (attrs.size === 0) return true;
  if (attrs.has("hidden")) return false;
  const role = attrs.get("role");
  if (role !== undefined && CHROME_ROLES.has(role.trim().toLowerCase())) return false;
  const style = attrs.get("style");
  return style === undefined || !HIDDEN_STYLE.test(style);
}
