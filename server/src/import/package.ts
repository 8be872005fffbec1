// What a file is, from its first bytes, and the parts of a Word package (a zip of XML
// parts). Every way a file can fail to be a readable Word document ends here as an
// ImportError whose message says what the file is and what to do, in one line.
import { unzipSync } from 'fflate';
import { attr, childrenNamed, parseXml, type Element } from './xml';

/** A file that cannot be imported: `message` is one line, for the drafter. */
export class ImportError extends Error {}

export type Sniffed = 'zip' | 'ole' | 'text' | 'binary';

const ZIP = [0x50, 0x4b];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function startsWithText(bytes: Uint8Array, text: string): boolean {
  return startsWith(bytes, [...text].map((c) => c.charCodeAt(0)));
}

/** Whether `bytes` holds `text` written in UTF-16LE (as names are in an OLE directory). */
function hasUtf16(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Text has no NUL and few control characters in its first 4 KB. */
function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control <= n / 100;
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, ZIP) && (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7)) return 'zip';
  if (startsWith(bytes, OLE)) return 'ole';
  // Text, but not text to import: said so by notWordMessage.
  if (startsWithText(bytes, '%PDF') || startsWithText(bytes, '{\\rtf')) return 'binary';
  // UTF-16 text starts with its byte-order mark.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text';
  return looksLikeText(bytes) ? 'text' : 'binary';
}

/** Why a file that is not a .docx cannot be imported as one (`name` is how the drafter named it). */
export function notWordMessage(bytes: Uint8Array, name: string, sniffed: Sniffed): string {
  if (bytes.length === 0) return `${name} is empty: there is nothing to import.`;
  if (sniffed === 'ole') {
    if (hasUtf16(bytes, 'EncryptedPackage') || hasUtf16(bytes, 'EncryptionInfo')) {
      return `${name} is protected by a password: open it in Word, remove the password (File > Info > Protect Document), save it and import that copy.`;
    }
    if (hasUtf16(bytes, 'WordDocument')) return `${name} is an old Word 97-2003 document (.doc), not a .docx: open it in Word or LibreOffice, save it as Word Document (.docx) and import that.`;
    return `${name} is an old Microsoft Office file, not a Word document (.docx): save it as .docx from the program that made it, then import that.`;
  }
  if (startsWithText(bytes, '%PDF')) return `${name} is a PDF, not a Word document: copy its text into a .txt file and import that (treatymark import file.txt), or convert it to .docx first.`;
  if (startsWithText(bytes, '{\\rtf')) return `${name} is a Rich Text Format file (.rtf), not a .docx: open it in Word or LibreOffice, save it as Word Document (.docx) and import that.`;
  if (sniffed === 'text') {
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 2048)).toLowerCase();
    if (head.includes('<html') || head.includes('<!doctype html')) return `${name} is a web page (HTML), not a Word document: copy its text into a .txt file and import that, or save it as .docx from Word.`;
    if (head.includes('<?xml')) return `${name} is an XML file, not a Word document (.docx): save it as .docx from Word, then import that.`;
    return `${name} is plain text, not a Word document: name it .txt (or .md) to import it as text.`;
  }
  return `${name} is not a Word document (.docx) nor text: import a .docx, .txt or .md file.`;
}

/** The parts of a package worth reading: XML and relationships, each at most this size. */
const MAX_PART = 64 * 1024 * 1024;

export interface WordPackage {
  main: Element;
  /** The part related to the main document by relationship type (`styles`, `numbering`, `comments`, …). */
  related(type: string): Element | undefined;
  /** A part by its path in the zip. */
  part(path: string): Element | undefined;
}

function damaged(name: string): ImportError {
  return new ImportError(`${name} is damaged: it is a Word document that was cut short or corrupted. Ask for the file again, or open it in Word (Open and Repair) and save it again.`);
}

function unzip(bytes: Uint8Array, name: string): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (f) => (f.name.endsWith('.xml') || f.name.endsWith('.rels')) && f.originalSize <= MAX_PART });
  } catch {
    throw damaged(name);
  }
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** Relationship type (the last segment of its URI) → target part path. */
function relationships(files: Record<string, Uint8Array>, part: string, name: string): Map<string, string> {
  const folder = part.split('/').slice(0, -1).join('/');
  const relsPath = `${folder ? `${folder}/` : ''}_rels/${part.split('/').pop()}.rels`;
  const out = new Map<string, string>();
  const bytes = files[relsPath];
  if (!bytes) return out;
  const root = parseOrDamaged(decode(bytes), relsPath, name);
  for (const rel of childrenNamed(root, 'Relationship')) {
    const type = (attr(rel, 'Type') ?? '').split('/').pop() ?? '';
    const target = attr(rel, 'Target');
    if (type && target && attr(rel, 'TargetMode') !== 'External' && !out.has(type)) out.set(type, resolveTarget(part, target));
  }
  return out;
}

function parseOrDamaged(source: string, part: string, name: string): Element {
  try {
    return parseXml(source, part);
  } catch {
    throw damaged(name);
  }
}

/** Opens a .docx: its main document part and, on demand, the parts related to it. */
export function openWordPackage(bytes: Uint8Array, name: string): WordPackage {
  const files = unzip(bytes, name);
  const names = Object.keys(files);
  const mainPath = relationships(files, '', name).get('officeDocument') ?? 'word/document.xml';
  if (!files[mainPath]) {
    const mimetype = files['mimetype'] ? decode(files['mimetype']) : '';
    if (mimetype.includes('opendocument.text') || names.includes('content.xml')) {
      throw new ImportError(`${name} is an OpenDocument text (.odt), not a Word document: open it in LibreOffice or Word, save it as Word Document (.docx) and import that.`);
    }
    if (names.some((n) => n.startsWith('xl/'))) throw new ImportError(`${name} is an Excel workbook, not a Word document: import a .docx.`);
    if (names.some((n) => n.startsWith('ppt/'))) throw new ImportError(`${name} is a PowerPoint presentation, not a Word document: import a .docx.`);
    if (names.includes('[Content_Types].xml') || names.some((n) => n.startsWith('word/'))) throw damaged(name);
    throw new ImportError(`${name} is a zip archive with no Word document in it: import the .docx itself.`);
  }
  const main = parseOrDamaged(decode(files[mainPath]), mainPath, name);
  const rels = relationships(files, mainPath, name);
  const cache = new Map<string, Element | undefined>();
  const part = (path: string): Element | undefined => {
    if (!cache.has(path)) cache.set(path, files[path] ? parseOrDamaged(decode(files[path]), path, name) : undefined);
    return cache.get(path);
  };
  return {
    main,
    related: (type) => {
      const target = rels.get(type);
      return target ? part(target) : undefined;
    },
    part,
  };
}
