// The layers of the server stay apart, as ARCHITECTURE.md says:
// syntax → model → checks → edits → compare → workspace → features → lsp, each importing only the ones before it;
// only lsp/ speaks the protocol; nothing under server/ imports `vscode`; the client takes
// only types from the server (its bundle must not carry server code).
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/corpus';

// compare/ (two drafts in, a comparison out) needs only the model and the negotiation edits;
// import/ (a file's bytes in, Treatymark text out) only the syntax; export/ (a treaty in, HTML,
// Word or Akoma Ntoso out) the model, and the checks for its command line.
const ORDER = ['syntax', 'model', 'checks', 'edits', 'import', 'compare', 'export', 'workspace', 'features', 'lsp'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every `import … from '…'` / `export … from '…'` of a file, with whether it is type-only. */
function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => ({ spec: m[3], typeOnly: !!m[2] }));
}

const layerOf = (file: string): string => path.relative(path.join(ROOT, 'server', 'src'), file).split(path.sep)[0];

describe('layers', () => {
  const serverFiles = tsFiles(path.join(ROOT, 'server', 'src'));

  it('finds the server files in their folders', () => {
    assert.ok(serverFiles.length > 40, `${serverFiles.length} files`);
    for (const f of serverFiles) assert.ok(ORDER.includes(layerOf(f)) || layerOf(f) === 'cli.ts', f);
  });

  it('a layer imports only itself and the layers below it; the checker everything but lsp/', () => {
    const wrong: string[] = [];
    for (const file of serverFiles) {
      const from = layerOf(file);
      for (const { spec } of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const to = layerOf(path.resolve(path.dirname(file), spec));
        const ok = from === 'cli.ts' ? to !== 'lsp' : ORDER.indexOf(to) <= ORDER.indexOf(from);
        if (!ok) wrong.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('only lsp/ imports the protocol library, and nothing under server/ imports vscode', () => {
    const wrong: string[] = [];
    for (const file of serverFiles) {
      for (const { spec } of imports(file)) {
        if (spec === 'vscode' || spec.startsWith('vscode-languageclient')) wrong.push(`${path.relative(ROOT, file)} imports ${spec}`);
        if (spec.startsWith('vscode-languageserver') && spec !== 'vscode-languageserver-textdocument' && layerOf(file) !== 'lsp') wrong.push(`${path.relative(ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('import/ is pure but for its command-line file: no file system, so it runs in a web worker', () => {
    const wrong: string[] = [];
    for (const file of serverFiles.filter((f) => layerOf(f) === 'import' && path.basename(f) !== 'cli.ts')) {
      for (const { spec } of imports(file)) if (['fs', 'path', 'os', 'child_process'].includes(spec.replace(/^node:/, ''))) wrong.push(`${path.relative(ROOT, file)} imports ${spec}`);
    }
    assert.ok(serverFiles.some((f) => layerOf(f) === 'import'));
    assert.deepEqual(wrong, []);
  });

  it('export/ is pure but for its command-line file: a treaty in, text or bytes out', () => {
    const files = serverFiles.filter((f) => layerOf(f) === 'export' && path.basename(f) !== 'cli.ts');
    const wrong = files.flatMap((file) => imports(file).filter(({ spec }) => ['fs', 'path', 'os', 'child_process'].includes(spec.replace(/^node:/, ''))).map(({ spec }) => `${path.relative(ROOT, file)} imports ${spec}`));
    assert.ok(files.length >= 5, `${files.length} files`);
    assert.deepEqual(wrong, []);
  });

  it('the client takes only types from the server', () => {
    const wrong: string[] = [];
    for (const file of tsFiles(path.join(ROOT, 'client', 'src'))) {
      for (const { spec, typeOnly } of imports(file)) if (spec.includes('server/') && !typeOnly) wrong.push(`${path.relative(ROOT, file)} imports ${spec}`);
    }
    assert.deepEqual(wrong, []);
  });
});
