// `treatymark/preview` and `treatymark/export` through the protocol, as the VS Code client
// asks them: the preview's HTML in parts with the document's lines for scroll sync, and each
// export's text or base64 bytes, made from the document as it stands in the editor.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { ExportAnswer, PreviewAnswer } from '../../server/src/lsp/publish';
import { EXAMPLES, serverForSuite } from './lsp';

const CONVENTION_PATH = path.join(EXAMPLES, 'convention.treaty');
const TEXT = fs.readFileSync(CONVENTION_PATH, 'utf8');
const URI = pathToFileURL(CONVENTION_PATH).href;

describe('protocol: preview and export', function () {
  this.timeout(60_000);
  const server = serverForSuite();
  before(async () => {
    await server().open(URI, TEXT, 1);
    await server().waitForDiagnostics(URI);
  });

  it('renders the preview with each unit at the line it starts on, and follows an edit', async () => {
    const p = await server().request<PreviewAnswer>('treatymark/preview', { textDocument: { uri: URI } });
    assert.equal(p.version, 1);
    assert.equal(p.lineCount, TEXT.split('\n').length);
    assert.match(p.bodyClass, /\btm-preview\b/);
    assert.match(p.style, /--vscode-editor-foreground/);
    const line = TEXT.split('\n').findIndex((l) => l.startsWith('## Article 17.'));
    assert.match(p.content, new RegExp(`<section class="tm-article" id="art_17" data-line="${line}">`));
    assert.match(p.content, /<a class="tm-ref" href="#art_17">article 17<\/a>/);

    await server().change(URI, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '## Article 16 bis. New\n\nText.\n\n' }]);
    const after = await server().request<PreviewAnswer>('treatymark/preview', { textDocument: { uri: URI } });
    assert.equal(after.version, 2);
    assert.match(after.content, new RegExp(`id="art_16bis" data-line="${line}"`));
    assert.match(after.content, new RegExp(`id="art_17" data-line="${line + 4}"`));
    await server().change(URI, 3, [{ range: { start: { line, character: 0 }, end: { line: line + 4, character: 0 } }, text: '' }]);
  });

  it('exports HTML and Akoma Ntoso as text and Word as base64, and answers null to what it cannot export', async () => {
    const html = await server().request<ExportAnswer>('treatymark/export', { textDocument: { uri: URI }, format: 'html' });
    assert.equal(html.encoding, 'utf8');
    assert.match(html.data, /^<!DOCTYPE html>[\s\S]*<body class="tm tm-print">/);
    assert.equal(html.errors, 0);
    const akn = await server().request<ExportAnswer>('treatymark/export', { textDocument: { uri: URI }, format: 'akn', date: '2024-12-24' });
    assert.match(akn.data, /<FRBRuri value="\/akn\/un\/act\/treaty\/2024-12-24\/a_ac_291_l_15"\/>/);
    const docx = await server().request<ExportAnswer>('treatymark/export', { textDocument: { uri: URI }, format: 'docx' });
    assert.equal(docx.encoding, 'base64');
    const bytes = Buffer.from(docx.data, 'base64');
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(bytes.length > 30_000, `${bytes.length} bytes`);
    assert.equal(await server().request('treatymark/export', { textDocument: { uri: URI }, format: 'pdf' }), null);
    assert.equal(await server().request('treatymark/preview', {}), null);
  });
});
