// The web worker's server has no disk: it asks for the files that are not open (notes files,
// cited instruments, the workspace's treaties) and the client reads them through
// `vscode.workspace.fs`, whatever the scheme (server/src/lsp/clientFiles.ts is the other
// side). Registered on the desktop too, where the Node server reads the disk and never asks.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { FindFilesParams, FindFilesResult, ReadFileParams, ReadFileResult } from '../../server/src/lsp/clientFiles';

const READ_FILE_REQUEST = 'treatymark/fs/readFile';
const FIND_FILES_REQUEST = 'treatymark/fs/findFiles';
/** As the Node server's walk: hidden folders and dependency folders are not the drafter's treaties. */
const EXCLUDE = '{**/.*/**,**/node_modules/**,**/bower_components/**,**/__pycache__/**}';

export function registerFileRequests(client: BaseLanguageClient): void {
  client.onRequest(READ_FILE_REQUEST, async (params: ReadFileParams): Promise<ReadFileResult> => {
    try {
      const uri = vscode.Uri.parse(params.uri, true);
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File) || stat.size > params.maxBytes) return null;
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return null;
    }
  });
  client.onRequest(FIND_FILES_REQUEST, async (params: FindFilesParams): Promise<FindFilesResult> => {
    const out: string[] = [];
    for (const folder of params.folders ?? []) {
      if (out.length >= params.max) break;
      try {
        const pattern = new vscode.RelativePattern(vscode.Uri.parse(folder, true), '**/*.treaty');
        for (const uri of await vscode.workspace.findFiles(pattern, EXCLUDE, params.max - out.length)) out.push(uri.toString());
      } catch {
        // A folder that cannot be searched adds nothing.
      }
    }
    return out;
  });
}
