// The FileSystem of the Node server and the checker: the disk, through `file:` URIs. The only
// module of the server's core that imports Node's built-ins; the web worker's bundle leaves it
// out (test/unit/web-bundles.test.ts).
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { MAX_FILE_BYTES, type FileSystem } from './files';

const MAX_DIRS = 20000;
const SKIP_DIRS = new Set(['node_modules', 'bower_components', '__pycache__']);

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

/** Every `*.treaty` file under the folders, walking the disk (hidden folders and SKIP_DIRS left out). */
async function findTreatyFiles(folders: string[], max: number): Promise<string[]> {
  const files: string[] = [];
  let dirs = 0;
  const walk = async (dir: string): Promise<void> => {
    if (files.length >= max || ++dirs > MAX_DIRS) return;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.treaty')) {
        if (files.length < max) files.push(full);
      }
    }
  };
  for (const folder of folders) {
    let root: string;
    try {
      // Only `file:` folders are on the disk.
      root = fileURLToPath(folder);
    } catch {
      continue;
    }
    await walk(root);
  }
  return files.map((f) => pathToFileURL(f).href);
}

export const nodeFileSystem: FileSystem = {
  async readFile(uri) {
    if (!uri.startsWith('file:')) return undefined;
    try {
      const file = fileURLToPath(uri);
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      return await fs.promises.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  readFileSync: (uri) => readFileUri(uri, MAX_FILE_BYTES),
  findFiles: findTreatyFiles,
};
