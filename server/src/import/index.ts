// The import: a file's bytes and name in, a Treatymark text out, or one line saying why the
// file cannot be imported. Pure — no file system, no editor — so the checker, the language
// server and the web extension share it.
import { ImportError, notWordMessage, sniff } from './package';
import { importText } from './text';
import { importDocx, type ImportStats } from './word';

export type { ImportStats };

export type ImportResult = { ok: true; text: string; format: 'docx' | 'text'; stats: ImportStats } | { ok: false; message: string };

const WORD_EXTENSIONS = ['.docx', '.docm', '.dotx', '.dotm', '.doc'];

function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/**
 * Imports a Word document (.docx) or a plain text (.txt, .md: text pasted from a PDF or a web
 * page). `name` is the file's name as the drafter knows it, used in messages. Never throws.
 */
export function importFile(bytes: Uint8Array, name: string): ImportResult {
  const sniffed = sniff(bytes);
  try {
    if (sniffed === 'zip') return { ok: true, format: 'docx', ...importDocx(bytes, name) };
    if (sniffed === 'text' && bytes.length > 0 && !WORD_EXTENSIONS.includes(extensionOf(name))) return { ok: true, format: 'text', ...importText(bytes) };
    return { ok: false, message: notWordMessage(bytes, name, sniffed) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, message: e.message };
    // A bug of the importer, not the file's fault: still one line, never a stack trace.
    return { ok: false, message: `${name} could not be imported (${(e as Error)?.message ?? String(e)}); please report this with the file.` };
  }
}
