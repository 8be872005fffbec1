// The Node server with the web worker's FileSystem: every file that is not open is read
// through the client (treatymark/fs/readFile, treatymark/fs/findFiles), as in the browser.
// test/protocol/clientFiles.test.ts bundles it to check that path without a browser.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { ClientFileSystem } from '../../server/src/lsp/clientFiles';
import { startServer } from '../../server/src/lsp/server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, new ClientFileSystem(connection));
connection.listen();
