// Entry of dist/server.js. The transport comes from the command line, as every
// vscode-languageserver server: `--stdio` (other editors), `--node-ipc` (the VS Code
// client), `--socket=N` or `--pipe=NAME`. Files that are not open are read from disk.
import { setFlagsFromString } from 'v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileSystem } from '../workspace/nodeFiles';
import { startServer } from './server';
// package.json is the one place the version is written; esbuild inlines just this field.
import { version as VERSION } from '../../../package.json';

if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  if (process.argv.includes('--help') || process.argv.includes('-h') || process.argv.includes('--version')) {
    process.stdout.write(
      process.argv.includes('--version')
        ? `${VERSION}\n`
        : 'Usage: node dist/server.js --stdio | --node-ipc | --socket=PORT | --pipe=NAME\nThe Treatymark language server for *.treaty files. See docs/other-editors.md.\n',
    );
    process.exit(0);
  }
}

// Memory before speed where speed is not missed: an editor keeps the server for hours, and
// V8's defaults let the young generation grow to 32 MB and the old one to several times what
// is alive. With the young generation kept at its starting size, the old one grown by 30 % at
// a time and V8's choices made for size, the server holds a 1.3 MB treaty in under 120 MB at
// its peak (13 MB in under half a gigabyte) while an edit, analysed by difference, is still
// diagnosed in a few milliseconds (npm run bench). Set at start, before anything is allocated.
setFlagsFromString('--optimize-for-size');
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=30');

const connection = createConnection(ProposedFeatures.all);
// A bug must not take the editor's server down: log it and carry on.
process.on('uncaughtException', (e) => {
  try {
    connection.console.error(`Uncaught: ${e?.stack ?? e}`);
  } catch {
    // nothing more to do
  }
});
process.on('unhandledRejection', (e) => {
  try {
    connection.console.error(`Unhandled rejection: ${(e as Error)?.stack ?? e}`);
  } catch {
    // nothing more to do
  }
});
startServer(connection, nodeFileSystem);
connection.listen();
