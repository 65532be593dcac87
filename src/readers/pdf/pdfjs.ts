import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ReaderError } from "../document.js";

export type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let loading: Promise<PdfJs> | undefined;

/**
 * pdf.js, loaded on the first PDF only: it is a large module that most batches never need.
 *
 * The legacy build (the one that runs on Node 20) bundles core-js, which replaces a few built-ins
 * process-wide on import because Node 20's fail its edge-case probes: Array.prototype.push (about 20
 * times slower afterwards), JSON.parse/stringify and Function.prototype.toString. pdf.js does not
 * depend on those edge cases, and the rest of nianbao should not pay for them, so the natives are
 * put back once both the API and the in-process worker module are loaded. (Additions such as
 * Promise.withResolvers stay: pdf.js needs them.)
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const natives = {
      push: Array.prototype.push,
      parse: JSON.parse,
      stringify: JSON.stringify,
      toString: Function.prototype.toString,
    };
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    // No worker thread in Node: pdf.js then runs its worker code in-process, and looks for it here
    // first instead of importing it from a path of its own.
    const worker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    Object.assign(globalThis, { pdfjsWorker: worker });
    Array.prototype.push = natives.push;
    JSON.parse = natives.parse;
    JSON.stringify = natives.stringify;
    Function.prototype.toString = natives.toString;
    return pdfjs;
  })();
  return loading;
}

/**
 * The CMaps shipped with pdfjs-dist, read from disk. Chinese PDFs often use predefined CMaps
 * (UniGB-UCS2-H…) with fonts that are not embedded; without these their text cannot be decoded.
 */
function cMapDirectory(): string {
  const require = createRequire(import.meta.url);
  return `${join(dirname(require.resolve("pdfjs-dist/package.json")), "cmaps")}/`;
}

/**
 * What pdf.js's font loader touches of a browser document when it installs a font as a CSS
 * @font-face rule, made to do nothing. Without a document, pdf.js in Node has to draw text as
 * outlines, so it compiles an outline for every glyph shown (about 40% of the reading time); with
 * this stand-in it takes the fonts as installed and skips that work, which only rendering needs.
 */
const FONTLESS_DOCUMENT = {
  createElement: () => ({ remove() {}, sheet: { cssRules: [], insertRule() {} } }),
  documentElement: { getElementsByTagName: () => [{ append() {} }] },
};

/** Opens the document. Nothing is fetched: no fonts, no network; no script or eval. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // A copy: pdf.js detaches the buffer it is given, and refuses Node Buffers.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: false,
    ownerDocument: FONTLESS_DOCUMENT,
    useSystemFonts: false,
    useWorkerFetch: false,
    cMapUrl: cMapDirectory(),
    cMapPacked: true,
    stopAtErrors: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy();
    throw openingError(error);
  }
}

function openingError(error: unknown): ReaderError {
  const name = error instanceof Error || (typeof error === "object" && error !== null) ? String((error as { name?: unknown }).name) : "";
  const detail = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new ReaderError("encrypted PDF: it needs a password to open", "pdf.encrypted");
  }
  return new ReaderError(`malformed PDF: ${detail}`, "pdf.malformed");
}
