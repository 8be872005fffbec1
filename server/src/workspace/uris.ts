// URIs as keys: the same file may reach the server spelled differently
// (`file:///c%3A/x` from VS Code, `file:///c:/x` from a path), so files are keyed by a
// normal form while answers keep the spelling the client used. Pure (no Node built-in):
// the web worker's server uses it too; reading files is the FileSystem's (files.ts).

/**
 * A `file:` URI in the form Node's `pathToFileURL(fileURLToPath(uri))` gives (the test holds
 * the two equal): the path decoded, then encoded again the one way. Other schemes (the web's
 * `vscode-vfs:`, `untitled:`) are kept as they are.
 */
export function uriKey(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    const url = new URL(uri);
    // Node refuses a host other than localhost, and an encoded slash, in a file path.
    if (url.hostname !== '' || /%2f/i.test(url.pathname)) return uri;
    return fileUriOfPath(decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/'));
  } catch {
    return uri;
  }
}

/** The `file:` URI of an absolute path (`/x/y`, `C:\x\y` or `C:/x/y`), encoded as `pathToFileURL` does. */
function fileUriOfPath(p: string, windows = false): string {
  const url = new URL('file:///');
  // What the URL setter leaves alone but Node encodes; `%` first, as the rest adds `%`s.
  const escaped = p.replace(/%/g, '%25').replace(/[\n\r\t[\]^|~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  url.pathname = windows ? escaped.replace(/\\/g, '/') : escaped.replace(/\\/g, '%5C');
  return url.href;
}

/** `convention.treaty`, `../x.treaty` or an absolute path, read from the file `base`. */
export function resolveRelative(base: string, ref: string): string | undefined {
  const trimmed = ref.trim();
  if (!trimmed) return undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
    if (trimmed.startsWith('/')) return fileUriOfPath(trimmed);
    if (/^[a-z]:[\\/]/i.test(trimmed)) return fileUriOfPath(`/${trimmed}`, true);
    if (trimmed.startsWith('\\\\')) return new URL(`file:${trimmed.replace(/\\/g, '/')}`).href;
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
