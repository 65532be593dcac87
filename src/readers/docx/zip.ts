/**
 * A small zip reader, just enough for OOXML packages. Hand-written rather than a dependency because
 * (1) the size of what we inflate must be capped before it is allocated, so a zip bomb is refused at
 * the cap instead of exhausting memory (zlib's maxOutputLength stops inflation there); (2) a .docx
 * needs three or four named entries, not a streaming archive API; (3) it is fast: entries are
 * inflated synchronously with zlib, nothing is copied that is not read.
 */
import { crc32, inflateRawSync } from "node:zlib";
import { ReaderError } from "../document.js";

export interface ZipLimits {
  /** Largest inflated size of one entry, in bytes. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries read from one archive together, in bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();
  /** Lower-cased name → entry, because OPC part names compare case-insensitively. */
  private readonly entriesFolded = new Map<string, ZipEntry>();
  private inflatedTotal = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    for (const entry of readCentralDirectory(bytes)) {
      this.entries.set(entry.name, entry);
      this.entriesFolded.set(entry.name.toLowerCase(), entry);
    }
  }

  has(name: string): boolean {
    return this.find(name) !== undefined;
  }

  /** The inflated bytes of an entry, or undefined when the archive has no such entry. */
  read(name: string): Uint8Array | undefined {
    const entry = this.find(name);
    if (!entry) return undefined;
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    const budget = Math.min(maxEntryBytes, maxTotalBytes - this.inflatedTotal);
    const refuse = () => tooLarge(entry.name, budget < maxEntryBytes ? { total: maxTotalBytes } : { entry: maxEntryBytes });
    // Refuse up front when the directory admits the size. A directory that understates it is caught
    // by inflating no further than the stated size: a lying bomb costs that much memory, no more.
    if (entry.size > budget) throw refuse();
    const data = inflate(entry, compressedData(this.bytes, entry), () => lyingSize(entry));
    if (data.length !== entry.size || crc32(data) !== entry.crc) {
      throw new ReaderError(`the .docx is damaged: entry ${entry.name} fails its size or checksum test`, "docx.corrupt");
    }
    this.inflatedTotal += data.length;
    return data;
  }

  private find(name: string): ZipEntry | undefined {
    return this.entries.get(name) ?? this.entriesFolded.get(name.toLowerCase());
  }
}

function inflate(entry: ZipEntry, data: Uint8Array, refuse: () => ReaderError): Uint8Array {
  if (entry.method === METHOD_STORED) return data;
  if (entry.method !== METHOD_DEFLATE) {
    throw new ReaderError(
      `the .docx uses an unsupported zip compression method (${entry.method}) for ${entry.name}; re-save it with Word or LibreOffice`,
      "docx.unsupportedCompression",
    );
  }
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if (error instanceof RangeError) throw refuse();
    throw new ReaderError(`the .docx is damaged: entry ${entry.name} does not inflate`, "docx.corrupt");
  }
}

function tooLarge(name: string, cap: { entry: number } | { total: number }): ReaderError {
  const what =
    "entry" in cap
      ? `entry ${name} inflates to more than ${formatSize(cap.entry)} (the cap per part)`
      : `its parts inflate to more than ${formatSize(cap.total)} in all (the cap), reached at entry ${name}`;
  // Its own code: the user can raise this cap (--max-inflated-bytes), not the lying-size one.
  return new ReaderError(`the .docx is too large to read: ${what}; it may be a zip bomb`, "docx.overCap");
}

function lyingSize(entry: ZipEntry): ReaderError {
  return new ReaderError(
    `the .docx is too large to read: entry ${entry.name} inflates to more than the ${formatSize(entry.size)} its zip directory states; it may be a zip bomb`,
    "docx.tooLarge",
  );
}

/** 64 MiB · 1.5 MiB · 12 KiB · 800 bytes: a cap as a user set it, never rounded to "0 MiB". */
function formatSize(bytes: number): string {
  const round = (value: number) => Math.round(value * 10) / 10;
  if (bytes >= 1024 * 1024) return `${round(bytes / (1024 * 1024))} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

function truncated(): ReaderError {
  return new ReaderError("the .docx is truncated or damaged: its zip structure points past the end of the file", "docx.truncated");
}

/** The stored (still compressed) bytes of an entry, located through its local header. */
function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = viewOf(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length) throw truncated();
  if (view.getUint32(at, true) !== SIG_LOCAL) {
    throw new ReaderError(`the .docx is damaged: no local header for ${entry.name}`, "docx.corrupt");
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw truncated();
  return bytes.subarray(start, end);
}

function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = viewOf(bytes);
  const endAt = findEndOfCentralDirectory(view);
  if (endAt < 0) {
    // A zip that lost its tail still starts with a local header.
    if (bytes.length >= 4 && view.getUint32(0, true) === SIG_LOCAL) throw truncated();
    throw new ReaderError("not a .docx: the file is not a zip archive", "docx.notZip");
  }
  if (view.getUint16(endAt + 4, true) !== 0 || view.getUint16(endAt + 6, true) !== 0) {
    throw new ReaderError("the .docx is a split (multi-volume) zip archive, which is not supported", "docx.unsupportedZip");
  }
  let count = view.getUint16(endAt + 10, true);
  let offset = view.getUint32(endAt + 16, true);
  if (count === 0xffff || offset === 0xffffffff) ({ count, offset } = readZip64End(view, endAt));

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length) throw truncated();
    if (view.getUint32(at, true) !== SIG_CENTRAL) {
      throw new ReaderError("the .docx is damaged: its zip central directory is corrupt", "docx.corrupt");
    }
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > bytes.length) throw truncated();
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: new TextDecoder(flags & FLAG_UTF8 ? "utf-8" : "latin1").decode(nameBytes),
      method: view.getUint16(at + 10, true),
      flags,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, view, at + 46 + nameLength, extraLength);
    if (entry.flags & FLAG_ENCRYPTED) {
      throw new ReaderError("the .docx is encrypted (password-protected zip); save it without a password", "docx.encrypted");
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** Searches backwards for the End Of Central Directory record, which may be followed by a comment. */
function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - END_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === SIG_END && at + END_SIZE + view.getUint16(at + 20, true) <= view.byteLength) {
      return at;
    }
  }
  return -1;
}

/** ZIP64: the real entry count and directory offset live in a record the locator points at. */
function readZip64End(view: DataView, endAt: number): { count: number; offset: number } {
  const locatorAt = endAt - 20;
  if (locatorAt < 0 || view.getUint32(locatorAt, true) !== SIG_ZIP64_LOCATOR) {
    throw new ReaderError("the .docx is damaged: its ZIP64 end record is missing", "docx.corrupt");
  }
  const recordAt = toSafeNumber(view.getBigUint64(locatorAt + 8, true));
  if (recordAt + 56 > view.byteLength) throw truncated();
  if (view.getUint32(recordAt, true) !== SIG_ZIP64_END) {
    throw new ReaderError("the .docx is damaged: its ZIP64 end record is corrupt", "docx.corrupt");
  }
  return {
    count: toSafeNumber(view.getBigUint64(recordAt + 32, true)),
    offset: toSafeNumber(view.getBigUint64(recordAt + 48, true)),
  };
}

/** ZIP64 extra field (id 1): 64-bit values for exactly those header fields that are 0xFFFFFFFF. */
function applyZip64Extra(entry: ZipEntry, view: DataView, start: number, length: number): void {
  const saturated = 0xffffffff;
  if (entry.size !== saturated && entry.compressedSize !== saturated && entry.localHeaderOffset !== saturated) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size) throw new ReaderError("the .docx is damaged: bad ZIP64 extra field", "docx.corrupt");
        const value = toSafeNumber(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.size === saturated) entry.size = next();
      if (entry.compressedSize === saturated) entry.compressedSize = next();
      if (entry.localHeaderOffset === saturated) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
  throw new ReaderError("the .docx is damaged: ZIP64 sizes without their extra field", "docx.corrupt");
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw truncated();
  return Number(value);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
