// Entry of dist/web/extension.js (package.json "browser"), VS Code for the web (vscode.dev,
// github.dev): the language server is dist/web/server.js in a web worker. It has no disk, so
// it reads files that are not open through this client (files.ts). Documents of every scheme
// are served: the web's workspaces are virtual (vscode-vfs:, a local folder's, …).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './extension';

export { deactivate } from './extension';

/** The web extension host's Worker (the client's types know no DOM). */
declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof BrowserMessageReader>[0] & { terminate(): void };

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  let worker: InstanceType<typeof Worker> | undefined;
  // A new worker on each (re)start; the one before is ended, not left running beside it. The
  // transports are made here: VS Code's extension host wraps Worker, so the client's own
  // `instanceof Worker` test would not recognise the worker.
  const startServer = async () => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true), { name: 'Treatymark language server' });
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateWith(context, {
    documentSelector: [{ language: 'treaty' }],
    createClient: (options) => new LanguageClient('treatymark', 'Treatymark', startServer, options),
  });
}
