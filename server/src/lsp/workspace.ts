// The document store: open documents (TextDocuments) and every *.treaty file of the
// workspace folders read from disk, kept in one Project. Files on disk are re-read when
// the client reports a change (workspace/didChangeWatchedFiles); files named in front
// matter but outside the folders are read when first needed.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { FileChangeType, TextDocuments, type Connection, type DidChangeWatchedFilesParams, type WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Bundle, View } from '../workspace/bundle';
import { Project } from '../workspace/project';
import { readFileUri, uriKey } from '../workspace/uris';

const MAX_FILES = 5000;
const MAX_DIRS = 20000;
const SKIP_DIRS = new Set(['node_modules', 'bower_components', '__pycache__']);

/** `keys`: the files whose text changed; `opened`: those just opened in the editor; `disk`: read from disk. */
type ChangeListener = (change: { keys: string[]; disk: boolean; opened?: boolean }) => void;

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly project: Project;
  private folders: string[] = [];
  private listeners: ChangeListener[] = [];
  private scanning: Promise<void> = Promise.resolve();
  private scanned = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: (m: string) => void,
  ) {
    this.project = new Project((uri) => readDisk(uri));
    this.documents.onDidChangeContent((e) => {
      let opened = false;
      try {
        opened = !this.project.file(e.document.uri)?.open;
        this.project.openFile(e.document.uri, e.document.getText(), e.document.version);
      } catch (err) {
        this.log(`[workspace] open/change ${e.document.uri}: ${(err as Error).stack ?? err}`);
      }
      this.emit([uriKey(e.document.uri)], false, opened);
    });
    this.documents.onDidClose((e) => {
      try {
        this.project.closeFile(e.document.uri);
      } catch (err) {
        this.log(`[workspace] close ${e.document.uri}: ${(err as Error).stack ?? err}`);
      }
      this.emit([uriKey(e.document.uri)], false);
    });
  }

  listen(): void {
    this.documents.listen(this.connection);
  }

  onDidChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private emit(keys: string[], disk: boolean, opened = false) {
    for (const l of this.listeners) {
      try {
        l({ keys, disk, opened });
      } catch (err) {
        this.log(`[workspace] listener: ${(err as Error).stack ?? err}`);
      }
    }
  }

  /** The workspace folders to index (from initialize, or workspace/didChangeWorkspaceFolders). */
  setFolders(folders: (WorkspaceFolder | string)[]): Promise<void> {
    this.folders = folders.map((f) => (typeof f === 'string' ? f : f.uri)).filter((u) => u.startsWith('file:'));
    return this.rescan();
  }

  /** Resolves once the folders have been read (the first time: all of them). */
  whenScanned(timeoutMs = 5000): Promise<void> {
    if (this.scanned) return Promise.resolve();
    return Promise.race([this.scanning, new Promise<void>((r) => setTimeout(r, timeoutMs))]);
  }

  rescan(): Promise<void> {
    this.scanning = this.scan().then(
      () => {
        this.scanned = true;
      },
      (err) => {
        this.scanned = true;
        this.log(`[workspace] scan failed: ${(err as Error).stack ?? err}`);
      },
    );
    return this.scanning;
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    const files: string[] = [];
    let dirs = 0;
    const walk = async (dir: string): Promise<void> => {
      if (files.length >= MAX_FILES || ++dirs > MAX_DIRS) return;
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
          if (files.length < MAX_FILES) files.push(full);
        }
      }
    };
    for (const folder of this.folders) {
      let root: string;
      try {
        root = fileURLToPath(folder);
      } catch {
        continue;
      }
      await walk(root);
    }
    const keys: string[] = [];
    for (const file of files) {
      try {
        const text = await fs.promises.readFile(file, 'utf8');
        const uri = pathToFileURL(file).href;
        if (this.project.setDiskFile(uri, text)) keys.push(uriKey(uri));
      } catch {
        // Unreadable files are skipped; a watched-file event brings them back.
      }
    }
    this.project.forgetMisses();
    this.log(`Indexed ${files.length} .treaty file(s) in ${this.folders.length} folder(s) in ${Date.now() - started} ms.`);
    if (keys.length > 0) this.emit(keys, true);
  }

  onWatchedFiles(params: DidChangeWatchedFilesParams): void {
    const keys: string[] = [];
    this.project.forgetMisses();
    for (const change of params.changes ?? []) {
      const uri = change.uri;
      if (!uri.endsWith('.treaty')) continue;
      if (change.type === FileChangeType.Deleted) {
        if (this.project.deleteFile(uri)) keys.push(uriKey(uri));
        continue;
      }
      const text = readDisk(uri);
      if (text === undefined) {
        if (this.project.deleteFile(uri)) keys.push(uriKey(uri));
      } else if (this.project.setDiskFile(uri, text)) keys.push(uriKey(uri));
    }
    if (keys.length > 0) this.emit(keys, true);
  }

  view(uri: string): View | undefined {
    return this.project.view(uri);
  }

  currentView(uri: string): View | undefined {
    return this.project.currentView(uri);
  }

  bundle(uri: string): Bundle | undefined {
    return this.project.bundle(uri);
  }

  key(uri: string): string {
    return uriKey(uri);
  }
}

/** The server reads a file only up to this size: a stray huge file must not stall it. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

function readDisk(uri: string): string | undefined {
  return readFileUri(uri, MAX_FILE_BYTES);
}
