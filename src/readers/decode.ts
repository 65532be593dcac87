import { isUtf8 } from "node:buffer";
import { ReaderError } from "./document.js";

export interface Decoded {
  text: string;
  encoding: string;
}

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

/**
 * Decodes report bytes: BOM first, then a declared charset (HTML meta) when it is believable, then a
 * strict UTF-8 check, then GB18030 (a superset of GBK and GB2312). Statistical detectors are skipped on
 * purpose: on short GBK text they answer windows-1251 or Shift_JIS.
 */
export function decodeBytes(bytes: Uint8Array, declared?: string): Decoded {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) {
      return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bytes.length)), encoding: bom.encoding };
    }
  }
  const utf8 = tryStrict("utf-8", bytes);
  const label = declared ? canonicalLabel(declared) : undefined;
  // A page that declares GBK but is valid UTF-8 with non-ASCII text is lying (re-saved by a CMS):
  // valid multi-byte UTF-8 almost never happens by accident in GBK.
  if (label && label !== "utf-8" && !(utf8 !== undefined && hasNonAscii(bytes))) {
    const text = tryStrict(label, bytes);
    if (text !== undefined) return { text, encoding: label };
  }
  if (utf8 !== undefined) return { text: utf8, encoding: "utf-8" };
  const gb = tryStrict("gb18030", bytes);
  if (gb !== undefined) return { text: gb, encoding: "gb18030" };
  throw new ReaderError("the bytes are neither UTF-8 nor GB18030/GBK text", "encoding");
}

function tryStrict(encoding: string, bytes: Uint8Array): string | undefined {
  // Node's own validator and decoder for UTF-8: a third faster than a fatal TextDecoder on large parts.
  if (encoding === "utf-8") return isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") : undefined;
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Maps a declared charset to a decoder label; GBK and GB2312 are decoded as their superset GB18030. */
function canonicalLabel(declared: string): string | undefined {
  const name = declared.trim().toLowerCase();
  if (/^(gbk|gb2312|gb_2312-80|gb18030|x-gbk|cp936|windows-936)$/.test(name)) return "gb18030";
  if (/^utf-?8$/.test(name)) return "utf-8";
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}
