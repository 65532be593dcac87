import type { SourceFormat } from "../readers/document.js";

/**
 * Tells the format by content, not by extension: archives are full of .htm files that are text,
 * .doc files that are .docx and the reverse. The extension only breaks the tie between plain text
 * and HTML when the content does not.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): SourceFormat {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return "docx";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "doc";
  if (findAscii(bytes, "%PDF-", 1024)) return "pdf";
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1").toLowerCase();
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  const probe = utf16 ? new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(0, 8192)).toLowerCase() : head;
  if (/<(!doctype\s+html|html|head|body|meta|table|div|p)[\s>/]/.test(probe)) return "html";
  if (/\.(html?|xhtml|shtml)$/i.test(fileName) && /<[a-z!]/.test(probe)) return "html";
  // Binary content is no text: let the name say what it was meant to be, so a damaged .docx is told
  // "not a zip archive" rather than "not UTF-8 text".
  if (looksBinary(bytes)) {
    if (/\.(docx|docm|dotx)$/i.test(fileName)) return "docx";
    if (/\.pdf$/i.test(fileName)) return "pdf";
    if (/\.doc$/i.test(fileName)) return "doc";
  }
  return "text";
}

/**
 * Binary data, not text in any encoding we read: control bytes that UTF-8, GB18030 and GBK text never
 * holds in number (NUL and the C0 controls other than tab, line breaks, form feed, escape and the old
 * end-of-file mark) make up at least 1% of the start. A stray NUL in a long text does not count.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  // UTF-16 text is half NULs; with its byte order mark it is text all the same.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const head = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of head) if (byte < 0x20 && !TEXT_CONTROLS.has(byte)) controls++;
  return controls > 0 && controls * 100 >= head.length;
}

/** \t \n \v \f \r, SUB (0x1a, DOS end of file) and ESC. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b]);

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function findAscii(bytes: Uint8Array, needle: string, within: number): boolean {
  return Buffer.from(bytes.subarray(0, within)).includes(needle, 0, "latin1");
}
