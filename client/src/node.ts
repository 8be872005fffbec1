// Entry of dist/extension.js (package.json "main"), desktop VS Code: the language server is
// dist/server.js in a Node process, spoken to over IPC; it reads the disk itself.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith } from './extension';

export { deactivate } from './extension';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  return activateWith(context, {
    documentSelector: [
      { language: 'treaty', scheme: 'file' },
      { language: 'treaty', scheme: 'untitled' },
    ],
    createClient: (options) => new LanguageClient('treatymark', 'Treatymark', serverOptions, options),
  });
}
