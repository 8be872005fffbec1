// The convention through the protocol: a real client talks LSP to `node dist/server.js --stdio`.
import { strict as assert } from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { DocumentSymbol, Hover, Location, LocationLink, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CONVENTION_TEXT, EXAMPLES, ensureBuilt, lineOf, LspClient, positionOf, textAt } from './lsp';

const URI = pathToFileURL(path.join(EXAMPLES, 'convention.treaty')).href;

/** First and last line (0-based) of article n's text. */
function articleLines(n: number): { start: number; end: number } {
  return { start: lineOf(CONVENTION_TEXT, `## Article ${n}.`), end: lineOf(CONVENTION_TEXT, `## Article ${n + 1}.`) };
}

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as { value?: string } | string | { value: string }[];
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return c.value ?? '';
}

describe('protocol: the convention', function () {
  this.timeout(60_000);
  let client: LspClient;
  let first: PublishDiagnosticsParams;

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ folders: [EXAMPLES] });
    await client.open(URI, CONVENTION_TEXT, 1);
    first = await client.waitForDiagnostics(URI);
  });

  after(async () => {
    await client?.stop();
  });

  it('publishes diagnostics on open for version 1, nothing above information', () => {
    assert.equal(first.version, 1);
    const serious = first.diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
    assert.deepEqual(serious, []);
  });

  it('goes from "traffic data" in article 26 to "Traffic data" in article 2 (c)', async () => {
    // Below the heading (which says "traffic data" too): the chapeau of article 26.
    const at = positionOf(CONVENTION_TEXT, 'traffic data', lineOf(CONVENTION_TEXT, '## Article 26.') + 1, 3);
    const result = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: at });
    assert.equal(result.length, 1);
    assert.equal(result[0].targetUri, URI);
    assert.equal(result[0].targetSelectionRange.start.line, lineOf(CONVENTION_TEXT, '(c) "Traffic data"'));
    assert.equal(textAt(CONVENTION_TEXT, result[0].targetSelectionRange), 'Traffic data');
  });

  it('goes from each number of a reference to the unit it names', async () => {
    // `article 2 (e)` in note 1: the number 2 → article 2's heading, (e) → the marker of (e).
    const noteLine = lineOf(CONVENTION_TEXT, '1. The definition of the term "service provider" in article 2 (e)');
    const two = positionOf(CONVENTION_TEXT, 'article 2 (e)', noteLine, 'article '.length);
    const e = positionOf(CONVENTION_TEXT, 'article 2 (e)', noteLine, 'article 2 ('.length);
    const toTwo = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: two });
    const toE = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: e });
    assert.equal(toTwo[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '## Article 2.'));
    assert.equal(toE[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '(e) "Service provider"'));
    assert.equal(textAt(CONVENTION_TEXT, toE[0].targetRange), '(e)');
    // `articles 7 to 16` in note 3: 16 → article 16.
    const note3 = lineOf(CONVENTION_TEXT, '3. In the framework of the convention');
    const sixteen = positionOf(CONVENTION_TEXT, 'articles 7 to 16', note3, 'articles 7 to 1'.length);
    const to16 = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: sixteen });
    assert.equal(to16[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '## Article 16.'));
    // A note heading → its article.
    const heading = positionOf(CONVENTION_TEXT, 'Article 17', lineOf(CONVENTION_TEXT, '# Interpretative notes'), 9);
    const toArticle = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: heading });
    assert.equal(toArticle[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '## Article 17.'));
    // The footnote reference → its text.
    const fn = positionOf(CONVENTION_TEXT, '[^7]', 'IN WITNESS WHEREOF', 2);
    const toFootnote = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: URI }, position: fn });
    assert.equal(toFootnote[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '[^7]: It is noted'));
  });

  it('shows the definition of "service provider" from article 2 (e) and interpretative note 1 in article 27', async () => {
    const at = positionOf(CONVENTION_TEXT, 'service provider', '## Article 27.', 4);
    const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at }));
    assert.match(text, /Service provider/);
    assert.ok(text.includes('shall mean any public or private entity that'), text);
    assert.ok(text.includes('Processes or stores electronic data'), 'the subparagraphs of the definition');
    assert.match(text, /article 2 \(e\)/);
    assert.match(text, /throughout the Convention/);
    assert.match(text, /Interpretative note 1/);
    assert.ok(text.includes('hosting and caching services'), 'the text of note 1');
    assert.ok(!text.includes('Interpretative note 2'), 'note 2 is about article 2 as a whole, not the term');
  });

  it('shows the heading of article 17 and note 3 over `article 17` in article 2 (m)', async () => {
    const at = positionOf(CONVENTION_TEXT, 'article 17', '(m) "Predicate offence"', 3);
    const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at }));
    assert.ok(text.includes('Laundering of proceeds of crime'), text);
    assert.ok(text.includes('conversion or transfer of property'), 'the first lines of article 17');
    assert.match(text, /Interpretative note 3/);
    assert.ok(text.includes('shall only be deemed an offence under article 17'), 'the text of note 3');
  });

  it('shows the notes and the citation count over an article heading', async () => {
    const at = positionOf(CONVENTION_TEXT, '35', '## Article 35.');
    const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at }));
    assert.match(text, /General principles of international cooperation/);
    assert.match(text, /Cited \d+ times/);
    assert.match(text, /Interpretative note 4/);
    assert.match(text, /Interpretative note 5/);
  });

  it('shows the footnote over its reference', async () => {
    const at = positionOf(CONVENTION_TEXT, '[^7]', 'IN WITNESS WHEREOF', 2);
    const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: at }));
    assert.match(text, /Footnote 7/);
    assert.ok(text.includes('interpretative notes on articles 2, 17, 23 and 35'));
  });

  it('finds the citations of article 40 in articles 42, 43 and 50', async () => {
    const at = positionOf(CONVENTION_TEXT, '40', '## Article 40.');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at, context: { includeDeclaration: false } });
    for (const n of [42, 43, 50]) {
      const { start, end } = articleLines(n);
      assert.ok(
        refs.some((r) => r.uri === URI && r.range.start.line > start && r.range.start.line < end),
        `no citation in article ${n}: ${refs.map((r) => r.range.start.line + 1).join(', ')}`,
      );
    }
    // None from inside article 40 itself, and each one names article 40.
    const own = articleLines(40);
    assert.ok(refs.every((r) => r.range.start.line < own.start || r.range.start.line >= own.end));
    assert.ok(refs.every((r) => textAt(CONVENTION_TEXT, r.range).includes('40')));
  });

  it('finds the citations of a paragraph, including those inside ranges', async () => {
    // Article 9 is cited only inside the range `articles 7 to 16` of note 3 (and similar lists).
    const at = positionOf(CONVENTION_TEXT, '9', '## Article 9.');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at, context: { includeDeclaration: true } });
    const note3 = lineOf(CONVENTION_TEXT, '3. In the framework of the convention');
    assert.ok(refs.some((r) => r.range.start.line === note3 && textAt(CONVENTION_TEXT, r.range) === 'articles 7 to 16 of the convention'), JSON.stringify(refs));
    assert.ok(refs.some((r) => r.range.start.line === lineOf(CONVENTION_TEXT, '## Article 9.')), 'the declaration');
  });

  it('finds every use of a term from its definition', async () => {
    const at = positionOf(CONVENTION_TEXT, 'Traffic data', '(c) "Traffic data"', 2);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at, context: { includeDeclaration: false } });
    assert.ok(refs.length >= 15);
    assert.ok(refs.every((r) => /^traffic data$/i.test(textAt(CONVENTION_TEXT, r.range))));
  });

  it('outlines 9 chapters and 68 articles with their headings', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const all: DocumentSymbol[] = [];
    const walk = (list: DocumentSymbol[]) => list.forEach((s) => (all.push(s), walk(s.children ?? [])));
    walk(symbols);
    const chapters = symbols.filter((s) => s.name.startsWith('Chapter '));
    assert.equal(chapters.length, 9);
    const articles = all.filter((s) => /^Article \d+\./.test(s.name));
    assert.equal(articles.length, 68);
    assert.ok(articles.some((a) => a.name === 'Article 17. Laundering of proceeds of crime'));
    assert.equal(symbols[0].name, 'Preamble');
    // Articles sit in their chapters; paragraphs in their articles.
    assert.equal(chapters[1].children!.filter((c) => c.name.startsWith('Article')).length, 15);
    const a40 = all.find((s) => s.name.startsWith('Article 40.'))!;
    assert.ok(a40.children!.filter((c) => c.name.startsWith('Paragraph')).length >= 30);
    const a2 = all.find((s) => s.name.startsWith('Article 2.'))!;
    assert.ok(a2.children!.some((c) => c.name === '"Traffic data"'));
  });

  it('publishes reference.dangling at each citation once article 17 is deleted, in one change', async () => {
    const from = lineOf(CONVENTION_TEXT, '## Article 17.');
    const to = lineOf(CONVENTION_TEXT, '## Article 18.');
    await client.change(URI, 2, [{ range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, text: '' }]);
    const published = await client.waitForDiagnostics(URI, (p) => p.version === 2, 10_000, false);
    const text = CONVENTION_TEXT.split('\n').filter((_, i) => i < from || i >= to).join('\n');
    const dangling = published.diagnostics.filter((d) => d.code === 'reference.dangling');
    const citing = text
      .split('\n')
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /\barticles? (?:\d+, )*17\b/i.test(l) && !l.startsWith('#'))
      .map(([, i]) => i);
    assert.deepEqual([...new Set(dangling.map((d) => d.range.start.line))].sort((a, b) => a - b), citing);
    assert.ok(dangling.every((d) => d.severity === 1 && textAt(text, d.range).includes('17')));
    assert.ok(published.diagnostics.some((d) => d.code === 'note.target'), 'the note heading "Article 17"');
    // Back to the original text: the problems go.
    await client.change(URI, 3, [{ text: CONVENTION_TEXT }]);
    const restored = await client.waitForDiagnostics(URI, (p) => p.version === 3, 10_000, false);
    assert.equal(restored.diagnostics.filter((d) => d.code === 'reference.dangling').length, 0);
  });
});
