// URIs as keys: the same file may reach the server spelled differently
// (`file:///c%3A/x` from VS Code, `file:///c:/x` from a path), so files are keyed by a
// normal form while answers keep the spelling the client used.
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
