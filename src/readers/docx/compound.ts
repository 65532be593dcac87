/**
 * Recognizes OLE compound files (CFB), the container of two things users hand us as ".docx": a
 * password-protected .docx (Word wraps the encrypted package in a CFB with an EncryptionInfo
 * stream) and a legacy Word 97–2003 .doc renamed or mislabeled. Neither is a zip, and both deserve
 * a better message than "not a zip archive".
 */
import { ReaderError } from "../document.js";

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Stream names are stored in the CFB directory as UTF-16LE. Scanning the whole file for the name
 * (a native byte search) avoids walking the sector chains and is just as conclusive in practice.
 */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= CFB_MAGIC.length && CFB_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** A compound file holding an EncryptionInfo stream: an encrypted (password-protected) OOXML package. */
export function isEncryptedCompoundFile(bytes: Uint8Array): boolean {
  return isCompoundFile(bytes) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO);
}

/** Throws the ReaderError that explains a compound file given as .docx. */
export function refuseCompoundFile(bytes: Uint8Array): never {
  if (isEncryptedCompoundFile(bytes)) {
    throw new ReaderError(
      "the .docx is encrypted (password-protected); open it in Word, remove the password and save it again",
      "docx.encrypted",
    );
  }
  throw new ReaderError(
    "not a .docx: the file is an OLE compound file, so either an encrypted .docx or a legacy Word .doc; save it as .docx (without a password)",
    "docx.legacyDoc",
  );
}
