// The web worker's way of reading files, through the protocol: the server has no disk and asks
// the client (treatymark/fs/findFiles to index the folder, treatymark/fs/readFile for each file),
// as VS Code for the web's client answers with vscode.workspace.fs. The files here exist only in
// the test's memory, under a scheme no disk has.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';
import type { Hover, LocationLink } from 'vscode-languageserver-protocol';
import type { FindFilesParams, ReadFileParams } from '../../server/src/lsp/clientFiles';
import { ROOT } from '../support/corpus';
import { LspClient, positionOf } from './lsp';

const BASE = 'vscode-vfs://github/treatymark/drafts';
const TREATY = ['---', 'title: Test Treaty', 'notes: treaty.notes.treaty', '---', '', '## Article 1. Use of terms', '', '(a) "Widget" shall mean a small device;', '', '## Article 2. Obligations', '', '1. Each Party shall regulate widgets.', ''].join('\n');
const NOTES = ['# Interpretative notes', '', '## Article 2', '', '1. The obligation covers every "widget" sold.', ''].join('\n');
const AGREEMENT = ['## Article 1. Scope', '', 'This Agreement applies to fixtures.', '', '## Article 2. Keeping', '', '1. Each Party shall keep its fixtures.', ''].join('\n');
const RESOLUTION = ['---', 'title: Resolution', 'instruments:', '  Agreement: { title: Agreement on Fixtures, file: sub/agreement.treaty }', '---', '', '## Article 1. Adoption', '', '1. Recalls article 2 of the Agreement and article 9 of the Agreement.', ''].join('\n');
const FILES: Record<string, string> = {
  [`${BASE}/treaty.treaty`]: TREATY,
  [`${BASE}/treaty.notes.treaty`]: NOTES,
  [`${BASE}/sub/agreement.treaty`]: AGREEMENT,
  [`${BASE}/resolution.treaty`]: RESOLUTION,
};

describe('protocol: files read through the client (the web worker)', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;
  const reads: string[] = [];
  const searched: string[][] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-clientfiles-'));
    const server = path.join(dir, 'server.js');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'test/support/clientFilesServer.ts')], outfile: server, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
    client = await LspClient.start({
      server,
      workspaceFolders: [{ uri: BASE, name: 'drafts' }],
      handlers: {
        'treatymark/fs/findFiles': (p: FindFilesParams) => {
          searched.push(p.folders);
          return Object.keys(FILES).filter((u) => p.folders.some((f) => u.startsWith(f)));
        },
        'treatymark/fs/readFile': (p: ReadFileParams) => {
          reads.push(p.uri);
          return FILES[p.uri] ?? null;
        },
      },
    });
  });

  after(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the folder through the client: citations from a file never opened', async () => {
    const uri = `${BASE}/sub/agreement.treaty`;
    await client.open(uri, AGREEMENT);
    await client.waitForDiagnostics(uri);
    const at = positionOf(AGREEMENT, '2', '## Article 2.');
    let from: string[] = [];
    for (let i = 0; i < 50 && !from.includes(`${BASE}/resolution.treaty`); i++) {
      const refs = await client.request<{ uri: string }[] | null>('textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration: false } });
      from = (refs ?? []).map((r) => r.uri);
      if (!from.includes(`${BASE}/resolution.treaty`)) await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(searched, [[BASE]]);
    assert.ok(from.includes(`${BASE}/resolution.treaty`), `references from: ${from.join(', ') || 'none'}`);
  });

  it('shows the note of a notes file the editor has not opened', async () => {
    const uri = `${BASE}/treaty.treaty`;
    await client.open(uri, TREATY);
    await client.waitForDiagnostics(uri);
    let text = '';
    for (let i = 0; i < 50 && !text.includes('covers every "widget" sold'); i++) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(TREATY, 'Obligations', '## Article 2.') });
      text = hover ? (hover.contents as { value: string }).value : '';
      if (!text.includes('covers every')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(text.includes('covers every "widget" sold'), text);
    assert.ok(reads.includes(`${BASE}/treaty.notes.treaty`), `reads: ${reads.join(', ')}`);
  });

  it('resolves references into an instrument it has not opened, in a folder below', async () => {
    const uri = `${BASE}/resolution.treaty`;
    await client.open(uri, RESOLUTION);
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'reference.dangling'));
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'reference.dangling').length, 1);
    assert.ok(!p.diagnostics.some((d) => d.code === 'frontmatter.missingFile'));
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(RESOLUTION, 'article 2', '1. Recalls', 'article '.length) });
    assert.equal(links[0]?.targetUri, `${BASE}/sub/agreement.treaty`);
  });

  it('reports a notes file the client cannot read, once it has said so', async () => {
    const uri = `${BASE}/lonely.treaty`;
    const text = TREATY.replace('treaty.notes.treaty', 'missing.notes.treaty');
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'frontmatter.missingFile'));
    assert.ok(reads.includes(`${BASE}/missing.notes.treaty`));
    assert.equal(p.diagnostics.filter((d) => d.code === 'frontmatter.missingFile').length, 1);
  });
});
