// URIs as keys: the same file may reach the server spelled differently
// (`file:///c%3A/x` from VS Code, `file:///c:/x` from a path), so files are keyed by a
// normal form while answers keep the spelling the client used.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

export function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

/**
 * The text of a `file:` URI, or undefined when it cannot be read. One reader for the server
 * and the checker, which differ only in `maxBytes`: the server refuses anything but a file
 * of at most that size (checked before reading, so a huge file is never read only to be
 * dropped); the checker passes none and reads whatever it is given, as it always has.
 */
export function readFileUri(uri: string, maxBytes?: number): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const file = fileURLToPath(uri);
    if (maxBytes !== undefined) {
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > maxBytes) return undefined;
    }
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `convention.treaty`, `../x.treaty` or an absolute path, read from the file `base`. */
export function resolveRelative(base: string, ref: string): string | undefined {
  const trimmed = ref.trim();
  if (!trimmed) return undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
    if (path.isAbsolute(trimmed) || path.win32.isAbsolute(trimmed)) return pathToFileURL(trimmed).href;
    return new URL(trimmed.replace(/\\/g, '/'), base).href;
  } catch {
    return undefined;
  }
}

/** The file name of a URI, for messages: `convention.treaty`. */
export function baseName(uri: string): string {
  const clean = uri.split(/[?#]/)[0];
  const name = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
