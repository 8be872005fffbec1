// The document store: open documents (TextDocuments) and every *.treaty file of the
// workspace folders, kept in one Project. Files that are not open are read through the
// FileSystem the entry gives (the disk for the Node server, the client for the web worker);
// they are re-read when the client reports a change (workspace/didChangeWatchedFiles);
// files named in front matter but outside the folders are read when first needed.
import { FileChangeType, TextDocuments, type Connection, type DidChangeWatchedFilesParams, type WorkspaceFolder } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Bundle, View } from '../workspace/bundle';
import { MAX_WORKSPACE_FILES, type FileSystem } from '../workspace/files';
import { Project } from '../workspace/project';
import { uriKey } from '../workspace/uris';

/** Files read at once while indexing: the web's reads are round trips to the client. */
const READ_BATCH = 16;

/** `keys`: the files whose text changed; `opened`: those just opened in the editor; `disk`: read from disk. */
type ChangeListener = (change: { keys: string[]; disk: boolean; opened?: boolean }) => void;

export class Workspace {
  readonly documents = new TextDocuments(TextDocument);
  readonly project: Project;
  private folders: string[] = [];
  private listeners: ChangeListener[] = [];
  private scanning: Promise<void> = Promise.resolve();
  private scanned = false;
  /** Watched-file changes, applied one batch after another so a slow read never lands after a later one. */
  private watched: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly log: (m: string) => void,
    private readonly fs: FileSystem,
  ) {
    this.project = new Project(fs);
    this.project.onDidLoad((keys) => this.emit(keys, true));
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
    this.folders = folders.map((f) => (typeof f === 'string' ? f : f.uri));
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
    const files = await this.fs.findFiles(this.folders, MAX_WORKSPACE_FILES);
    const keys: string[] = [];
    for (let i = 0; i < files.length; i += READ_BATCH) {
      const batch = files.slice(i, i + READ_BATCH);
      // Unreadable files are skipped; a watched-file event brings them back.
      const texts = await Promise.all(batch.map((uri) => this.fs.readFile(uri).catch(() => undefined)));
      batch.forEach((uri, j) => {
        const text = texts[j];
        if (text !== undefined && this.project.setDiskFile(uri, text)) keys.push(uriKey(uri));
      });
    }
    this.project.forgetMisses();
    this.log(`Indexed ${files.length} .treaty file(s) in ${this.folders.length} folder(s) in ${Date.now() - started} ms.`);
    if (keys.length > 0) this.emit(keys, true);
  }

  /** Resolves once these changes are in the project. */
  onWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    const next = this.watched.then(() => this.applyWatched(params));
    this.watched = next.catch(() => undefined);
    return next;
  }

  private async applyWatched(params: DidChangeWatchedFilesParams): Promise<void> {
    const changes = (params.changes ?? []).filter((c) => c.uri.endsWith('.treaty'));
    const texts = await Promise.all(changes.map((c) => (c.type === FileChangeType.Deleted ? undefined : this.fs.readFile(c.uri).catch(() => undefined))));
    const keys: string[] = [];
    this.project.forgetMisses();
    changes.forEach((change, i) => {
      const text = texts[i];
      if (text === undefined) {
        if (this.project.deleteFile(change.uri)) keys.push(uriKey(change.uri));
      } else if (this.project.setDiskFile(change.uri, text)) keys.push(uriKey(change.uri));
    });
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
