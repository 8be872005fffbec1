// Bundles the extension, the language server and the CLI with esbuild, and the web
// extension's client and worker server (scripts/web-bundles.mjs).
// Each output is self-contained so the .vsix needs no node_modules.
import * as esbuild from 'esbuild';
import { WEB_BUNDLES } from './web-bundles.mjs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
const entries = [
  { entryPoints: ['client/src/node.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
for (const entry of [...entries, ...WEB_BUNDLES]) {
  const options = { ...common, ...entry };
  if (watch) (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}
