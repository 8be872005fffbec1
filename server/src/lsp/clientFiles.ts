// The FileSystem of the web worker, which has no disk: each read is a request to the client,
// which answers through `vscode.workspace.fs` and `vscode.workspace.findFiles`
// (client/src/files.ts), whatever the workspace's scheme (vscode-vfs: on github.dev, a local
// folder on vscode.dev). The request names and shapes are the contract with the client.
import type { Connection } from 'vscode-languageserver';
import { MAX_FILE_BYTES, type FileSystem } from '../workspace/files';

export const READ_FILE_REQUEST = 'treatymark/fs/readFile';
export const FIND_FILES_REQUEST = 'treatymark/fs/findFiles';

export interface ReadFileParams {
  uri: string;
  /** A larger file is not read (null). */
  maxBytes: number;
}
/** The file's text (UTF-8), or null when it is missing, not a file or too large. */
export type ReadFileResult = string | null;

export interface FindFilesParams {
  /** Workspace folder URIs to search for `**\/*.treaty`. */
  folders: string[];
  max: number;
}
export type FindFilesResult = string[];

export class ClientFileSystem implements FileSystem {
  constructor(private readonly connection: Connection) {}

  async readFile(uri: string): Promise<string | undefined> {
    try {
      const params: ReadFileParams = { uri, maxBytes: MAX_FILE_BYTES };
      const text = await this.connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, params);
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    }
  }

  async findFiles(folders: string[], max: number): Promise<string[]> {
    if (folders.length === 0) return [];
    try {
      const params: FindFilesParams = { folders, max };
      const found = await this.connection.sendRequest<FindFilesResult>(FIND_FILES_REQUEST, params);
      return Array.isArray(found) ? found.filter((u) => typeof u === 'string').slice(0, max) : [];
    } catch {
      return [];
    }
  }
}
