// The web extension (vscode.dev, github.dev) runs its client in the web extension host and its
// server in a web worker, where no Node built-in exists: a `require("fs")` that slipped into
// either bundle would fail only there, at run time. Builds both bundles as scripts/build.mjs
// does and fails if anything they are made of is, or imports, a Node built-in.
import { strict as assert } from 'assert';
import { builtinModules } from 'module';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { ROOT } from '../support/corpus';

interface Bundle {
  entryPoints: string[];
  outfile: string;
  external?: string[];
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isBuiltin = (spec: string) => BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0]) || spec.startsWith('node:');

async function webBundles(): Promise<Bundle[]> {
  const { WEB_BUNDLES } = (await import(path.join(ROOT, 'scripts', 'web-bundles.mjs'))) as { WEB_BUNDLES: Bundle[] };
  return WEB_BUNDLES;
}

describe('web bundles: no Node built-in in the web extension', function () {
  this.timeout(60_000);
  const built = new Map<string, { meta: esbuild.Metafile; text: string; options: Bundle }>();

  before(async () => {
    for (const options of await webBundles()) {
      // Unminified, so the scan below reads the calls as written.
      const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, metafile: true, minify: false, sourcemap: false, logLevel: 'silent' });
      const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
      assert.ok(js, `${options.outfile}: no output`);
      built.set(options.outfile, { meta: result.metafile, text: js.text, options });
    }
  });

  it('builds the client and the worker server that package.json "browser" and the client name', async () => {
    const pkg = require(path.join(ROOT, 'package.json')) as { browser?: string };
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.deepEqual([...built.keys()].sort(), ['dist/web/extension.js', 'dist/web/server.js']);
    // The client starts the worker from this file.
    assert.ok(built.get('dist/web/extension.js')!.text.includes("'dist', 'web', 'server.js'") || built.get('dist/web/extension.js')!.text.includes('"dist", "web", "server.js"'));
  });

  it('takes no Node built-in into either bundle, nor imports one', () => {
    const wrong: string[] = [];
    for (const [outfile, { meta }] of built) {
      for (const [input, info] of Object.entries(meta.inputs)) {
        // A package's "browser" field may map a built-in to nothing: still code that expected Node.
        if (input.startsWith('(disabled):') || isBuiltin(input)) wrong.push(`${outfile}: takes in ${input}`);
        // Type-only imports are listed too (as external): a built-in even there is Node's coupling.
        for (const imp of info.imports) if (isBuiltin(imp.path) || imp.path.startsWith('(disabled):')) wrong.push(`${outfile}: ${input} imports ${imp.path}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('calls require() only for vscode, the one module the web extension host provides', () => {
    for (const [outfile, { text }] of built) {
      const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      const dynamic = [...text.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
      assert.deepEqual([...new Set([...required, ...dynamic])].filter((m) => m !== 'vscode'), [], outfile);
      assert.ok(!/\bprocess\.(?:argv|exit|on|stdout|stdin|pid)\b/.test(text), `${outfile} uses Node's process`);
    }
  });

  it('keeps the Node-only modules out of the worker server', () => {
    const inputs = Object.keys(built.get('dist/web/server.js')!.meta.inputs);
    for (const nodeOnly of ['server/src/workspace/nodeFiles.ts', 'server/src/lsp/main.ts', 'server/src/cli.ts']) {
      assert.ok(!inputs.includes(nodeOnly), `${nodeOnly} is in the worker server`);
    }
    assert.ok(inputs.includes('server/src/lsp/clientFiles.ts'), 'the worker server does not read files through the client');
    assert.ok(!Object.keys(built.get('dist/web/extension.js')!.meta.inputs).some((i) => i.startsWith('server/')), 'the web client carries server code');
  });
});
