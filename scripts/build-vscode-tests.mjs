// Bundles the in-editor test suite (test/vscode/*.ts) to out/test/vscode/*.js.
// `vscode` is provided by the extension host; mocha is bundled into index.js
// because mocha 12 is an ES module package that older extension hosts cannot require().
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'test/vscode');
const outDir = join(root, 'out/test/vscode');

// index.ts is the runner; *.test.ts are the suites. Helpers are bundled into each.
const entryPoints = readdirSync(srcDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => join(srcDir, f));

// A removed test file must not linger in out/ and keep running.
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // mocha's parallel mode resolves worker files at run time; the suite runs serially.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
