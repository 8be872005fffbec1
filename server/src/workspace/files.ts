// How the server reads files that are not open in the editor: the notes files and cited
// instruments named in front matter, and every *.treaty file of the workspace folders for
// references and renumbering across files. The Node server reads the disk (nodeFiles.ts);
// the web worker has no disk and asks the client, which reads through `vscode.workspace.fs`
// (lsp/clientFiles.ts), as VS Code's Markdown server does.

export interface FileSystem {
  /** The text of a file; undefined when it cannot be read (missing, a folder, over the size the server reads). */
  readFile(uri: string): Promise<string | undefined>;
  /** The `*.treaty` files under the folders (hidden folders and node_modules left out), at most `max`. */
  findFiles(folders: string[], max: number): Promise<string[]>;
  /**
   * The same read, at once, where the platform can (the disk). Without it (the web) a file the
   * project needs is read in the background and its analyses follow when it arrives.
   */
  readFileSync?(uri: string): string | undefined;
}

/** The server reads a file only up to this size: a stray huge file must not stall it. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** At most this many files of the workspace folders are indexed. */
export const MAX_WORKSPACE_FILES = 5000;
