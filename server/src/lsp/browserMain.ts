// Entry of dist/web/server.js, the language server in a web worker (vscode.dev, github.dev):
// the same server as main.ts, spoken to through the worker's messages, reading files that
// are not open through the client (clientFiles.ts), since a worker has no disk.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { ClientFileSystem } from './clientFiles';
import { startServer } from './server';

// The worker's global scope (the server's types know no DOM).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, new ClientFileSystem(connection));
connection.listen();
