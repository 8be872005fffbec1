// Entry of dist/web/extension.js (package.json "browser"), VS Code for the web (vscode.dev,
// github.dev): the language server is dist/web/server.js in a web worker. It has no disk, so
// it reads files that are not open through this client (files.ts). Documents of every scheme
// are served: the web's workspaces are virtual (vscode-vfs:, a local folder's, …).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateWith } from './extension';

export { deactivate } from './extension';

/** The web extension host's Worker and its error event (the client's types know no DOM). */
interface ErrorEventLike {
  message?: string;
  preventDefault(): void;
}
type ServerWorker = ConstructorParameters<typeof BrowserMessageReader>[0] & {
  terminate(): void;
  addEventListener(type: 'error', listener: (e: ErrorEventLike) => void): void;
};
declare const Worker: new (url: string, options?: { name?: string }) => ServerWorker;

/**
 * A worker whose script throws (or does not load) only raises an error event, and the client
 * would wait for its answer for ever; left unhandled, the error would also reach the extension
 * host that the drafter's other extensions share. Kept here, it ends the connection, so the
 * client restarts the server and, if it keeps failing, says so (extension.ts).
 */
class WorkerReader extends BrowserMessageReader {
  constructor(worker: ServerWorker) {
    super(worker);
    worker.addEventListener('error', (e: ErrorEventLike) => {
      e.preventDefault();
      console.error(`Treatymark: the language server's worker failed: ${e.message ?? 'unknown error'}`);
      worker.terminate();
      this.fireClose();
    });
  }
}

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  let worker: ServerWorker | undefined;
  // A new worker on each (re)start; the one before is ended, not left running beside it. The
  // transports are made here: VS Code's extension host wraps Worker, so the client's own
  // `instanceof Worker` test would not recognise the worker.
  const startServer = async () => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true), { name: 'Treatymark language server' });
    return { reader: new WorkerReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateWith(context, {
    documentSelector: [{ language: 'treaty' }],
    createClient: (options) => new LanguageClient('treatymark', 'Treatymark', startServer, options),
  });
}
