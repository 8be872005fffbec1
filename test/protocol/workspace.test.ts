// Across files, through the protocol: instruments mapped to workspace files, a notes file
// attached by `notes:`, changes on disk, and the last-good outline of a broken document.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import type { CodeLens, DocumentSymbol, Hover, Location, LocationLink, PublishDiagnosticsParams, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CONVENTION_TEXT, ensureBuilt, lineOf, LspClient, positionOf, tempWorkspace, textAt } from './lsp';

const RESOLUTION = [
  '---',
  'title: Resolution adopting the Convention',
  'instruments:',
  '  Convention: { title: United Nations Convention against Cybercrime, file: convention.treaty }',
  '  ICCPR: International Covenant on Civil and Political Rights',
  '---',
  '',
  '# Preamble',
  '',
  '*The General Assembly*,',
  '',
  '## Article 1. Adoption',
  '',
  '1. Adopts the Convention, and draws attention to article 56 of the Convention and to article 40, paragraph 21 (b), of the Convention.',
  '',
  '2. Recalls article 17 of the International Covenant on Civil and Political Rights.',
  '',
  '3. Notes that article 99 of the Convention and paragraph 45 of article 40 of the Convention name nothing.',
  '',
].join('\n');

function hoverText(h: Hover | null): string {
  return h ? (h.contents as { value: string }).value : '';
}

const dangling = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'reference.dangling');

describe('protocol: references to another file of the workspace', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;
  let resUri: string;
  let convUri: string;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({ 'convention.treaty': CONVENTION_TEXT, 'resolution.treaty': RESOLUTION });
    resUri = ws.uri('resolution.treaty');
    convUri = ws.uri('convention.treaty');
    client = await LspClient.start({ folders: [ws.dir] });
    await client.open(resUri, RESOLUTION);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('reports the references that name nothing in the other file, and only those', async () => {
    const p = await client.waitForDiagnostics(resUri, (x) => dangling(x).length > 0);
    const texts = dangling(p).map((d) => textAt(RESOLUTION, d.range));
    assert.deepEqual(texts, ['article 99 of the Convention', 'paragraph 45 of article 40 of the Convention']);
    assert.match(dangling(p)[0].message as string, /article 99 of convention\.treaty/);
  });

  it('goes to the article in the other file, and hovers it', async () => {
    const at = positionOf(RESOLUTION, 'article 56', '1. Adopts', 'article 5'.length);
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: resUri }, position: at });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, convUri);
    assert.equal(links[0].targetRange.start.line, lineOf(CONVENTION_TEXT, '## Article 56.'));
    const para = positionOf(RESOLUTION, '21 (b)', '1. Adopts', 4);
    const toB = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: resUri }, position: para });
    const line40 = lineOf(CONVENTION_TEXT, '## Article 40.');
    assert.equal(textAt(CONVENTION_TEXT, toB[0].targetRange), '(b)');
    assert.ok(toB[0].targetRange.start.line > lineOf(CONVENTION_TEXT, '21. Mutual legal assistance may be refused') && toB[0].targetRange.start.line > line40);
    const text = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: resUri }, position: at }));
    assert.ok(text.includes('Implementation of the Convention through economic development and technical assistance'), text);
    const external = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: resUri }, position: positionOf(RESOLUTION, 'article 17', '2. Recalls', 2) }));
    assert.match(external, /another instrument/);
  });

  it('finds the citations from the other file, and counts them in the code lens', async () => {
    await client.open(convUri, CONVENTION_TEXT);
    await client.waitForDiagnostics(convUri);
    const at = positionOf(CONVENTION_TEXT, '56', '## Article 56.');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: convUri }, position: at, context: { includeDeclaration: false } });
    const fromResolution = refs.filter((r) => r.uri === resUri);
    assert.equal(fromResolution.length, 1);
    assert.equal(textAt(RESOLUTION, fromResolution[0].range), 'article 56 of the Convention');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: convUri } });
    const lens = lenses.find((l) => l.range.start.line === lineOf(CONVENTION_TEXT, '## Article 56.'))!;
    assert.equal(lens.command!.title, `cited ${refs.length} ${refs.length === 1 ? 'time' : 'times'}`);
    const refs40 = await client.request<Location[]>('textDocument/references', { textDocument: { uri: convUri }, position: positionOf(CONVENTION_TEXT, '40', '## Article 40.'), context: { includeDeclaration: false } });
    assert.ok(refs40.some((r) => r.uri === resUri && textAt(RESOLUTION, r.range).startsWith('article 40, paragraph 21 (b)')));
  });

  it('re-checks the citing file when the cited one changes in the editor', async () => {
    const from = lineOf(CONVENTION_TEXT, '## Article 56.');
    const to = lineOf(CONVENTION_TEXT, '## Article 57.');
    await client.change(convUri, 2, [{ range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, text: '' }]);
    const p = await client.waitForDiagnostics(resUri, (x) => dangling(x).some((d) => textAt(RESOLUTION, d.range) === 'article 56 of the Convention'), 10_000, false);
    assert.equal(dangling(p).length, 3);
    await client.change(convUri, 3, [{ text: CONVENTION_TEXT }]);
    await client.waitForDiagnostics(resUri, (x) => dangling(x).length === 2, 10_000, false);
  });

  it('picks up a change on disk of a file that is not open', async () => {
    // Close the convention: the server reads it from disk again.
    await client.notify('textDocument/didClose', { textDocument: { uri: convUri } });
    const from = CONVENTION_TEXT.indexOf('## Article 56.');
    const to = CONVENTION_TEXT.indexOf('## Article 57.');
    fs.writeFileSync(ws.path('convention.treaty'), CONVENTION_TEXT.slice(0, from) + CONVENTION_TEXT.slice(to));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: convUri, type: 2 }] });
    await client.waitForDiagnostics(resUri, (x) => dangling(x).length === 3, 10_000, false);
    fs.writeFileSync(ws.path('convention.treaty'), CONVENTION_TEXT);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: convUri, type: 2 }] });
    await client.waitForDiagnostics(resUri, (x) => dangling(x).length === 2, 10_000, false);
  });

  it('warns when an instrument file cannot be found', async () => {
    const broken = RESOLUTION.replace('file: convention.treaty', 'file: missing.treaty');
    await client.change(resUri, 2, [{ text: broken }]);
    const p = await client.waitForDiagnostics(resUri, (x) => x.version === 2, 10_000, false);
    const fm = p.diagnostics.filter((d) => d.code === 'frontmatter.missingFile');
    assert.equal(fm.length, 1);
    assert.equal(fm[0].severity, 2, 'a warning');
    assert.equal(textAt(broken, fm[0].range), 'missing.treaty');
    assert.deepEqual(dangling(p), [], 'references to an unreadable file are not checked');
  });
});

const TREATY = [
  '---',
  'title: Test Treaty',
  'short-title: Treaty',
  'notes: treaty.notes.treaty',
  '---',
  '',
  '# Chapter I. General',
  '',
  '## Article 1. Use of terms',
  '',
  'For the purposes of this Treaty:',
  '',
  '(a) "Widget" shall mean a small device;',
  '',
  '## Article 2. Obligations',
  '',
  '1. Each Party shall regulate widgets.',
  '',
  '2. Each Party shall report under paragraph 1.',
  '',
].join('\n');

const NOTES = [
  '---',
  'title: Interpretative notes on the Test Treaty',
  '---',
  '',
  '# Interpretative notes',
  '',
  '## Article 2',
  '',
  '1. The obligation in paragraph 1 of article 2 covers every "widget" sold.',
  '',
  '## Article 9',
  '',
  '2. A note on an article that does not exist.',
  '',
].join('\n');

describe('protocol: a notes file named by `notes:`', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;
  let treatyUri: string;
  let notesUri: string;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({ 'treaty.treaty': TREATY, 'treaty.notes.treaty': NOTES });
    treatyUri = ws.uri('treaty.treaty');
    notesUri = ws.uri('treaty.notes.treaty');
    client = await LspClient.start({ folders: [ws.dir] });
    await client.open(treatyUri, TREATY);
    await client.waitForDiagnostics(treatyUri);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('shows the notes of the notes file over the article heading and the term', async () => {
    const heading = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: treatyUri }, position: positionOf(TREATY, '2', '## Article 2.') }));
    assert.match(heading, /Interpretative note 1/);
    assert.ok(heading.includes('covers every "widget" sold'));
    const term = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri: treatyUri }, position: positionOf(TREATY, 'widgets', '1. Each Party', 2) }));
    assert.match(term, /Widget/);
    assert.match(term, /Interpretative note 1/);
  });

  it('resolves the note headings against the treaty: only the one naming nothing is reported', async () => {
    await client.open(notesUri, NOTES);
    const p = await client.waitForDiagnostics(notesUri);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, textAt(NOTES, d.range)]),
      [['note.target', 'Article 9']],
    );
    const treatyDiags = await client.waitForDiagnostics(treatyUri);
    assert.ok(!treatyDiags.diagnostics.some((d) => d.code === 'note.target'));
  });

  it('goes from a note heading to the article in the treaty, and back with references', async () => {
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: notesUri }, position: positionOf(NOTES, 'Article 2', '## Article 2', 9) });
    assert.equal(links[0].targetUri, treatyUri);
    assert.equal(links[0].targetRange.start.line, lineOf(TREATY, '## Article 2.'));
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: treatyUri }, position: positionOf(TREATY, '2', '## Article 2.'), context: { includeDeclaration: false } });
    assert.ok(refs.some((r) => r.uri === notesUri && textAt(NOTES, r.range) === 'Article 2'));
    assert.ok(refs.some((r) => r.uri === notesUri && textAt(NOTES, r.range) === 'paragraph 1 of article 2'));
  });

  it('outlines the notes file on its own', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: notesUri } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'Interpretative notes');
    assert.deepEqual(symbols[0].children!.map((c) => c.name), ['Article 2', 'Article 9']);
    assert.equal(symbols[0].range.start.line, lineOf(NOTES, '# Interpretative notes'));
    const treatySymbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: treatyUri } });
    assert.ok(!treatySymbols.some((s) => s.name === 'Interpretative notes'));
  });

  it('renames a term in the treaty and its notes file', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: treatyUri }, position: positionOf(TREATY, 'Widget', '(a) "Widget"', 2), newName: 'Gizmo' });
    const byUri = new Map((edit.documentChanges as TextDocumentEdit[]).map((c) => [c.textDocument.uri, c.edits.map((e) => (e as TextEdit).newText)]));
    assert.deepEqual(byUri.get(treatyUri), ['Gizmo', 'gizmos']);
    assert.deepEqual(byUri.get(notesUri), ['gizmo']);
  });
});

describe('protocol: a notes file opened before the workspace is indexed', function () {
  this.timeout(60_000);

  it('is attached to its treaty once the folder has been read', async () => {
    ensureBuilt();
    const ws = tempWorkspace({ 'treaty.treaty': TREATY, 'treaty.notes.treaty': NOTES });
    const client = await LspClient.start({ folders: [ws.dir] });
    try {
      const notesUri = ws.uri('treaty.notes.treaty');
      await client.open(notesUri, NOTES);
      const p = await client.waitForDiagnostics(notesUri, (x) => x.diagnostics.length === 1);
      assert.equal(textAt(NOTES, p.diagnostics[0].range), 'Article 9');
    } finally {
      await client.stop();
      ws.remove();
    }
  });
});

describe('protocol: the last good outline of a document broken while typing', function () {
  this.timeout(60_000);
  // A draft with a placeholder line "..." between articles: typing "---" at the top opens a
  // front matter that the "..." closes, swallowing the articles above it.
  const DRAFT = [
    '# Chapter I. General',
    '',
    '## Article 1. Purpose',
    '',
    '1. The purpose is stated here.',
    '',
    '## Article 2. Scope',
    '',
    '1. The scope is stated in article 1.',
    '',
    '...',
    '',
    '## Article 3. Final',
    '',
    '1. This applies as provided in article 2.',
    '',
  ].join('\n');
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;
  let uri: string;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({ 'draft.treaty': DRAFT });
    uri = ws.uri('draft.treaty');
    client = await LspClient.start({ folders: [ws.dir] });
    await client.open(uri, DRAFT);
    await client.waitForDiagnostics(uri);
  });

  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  const articles = (symbols: DocumentSymbol[]) => {
    const out: DocumentSymbol[] = [];
    const walk = (l: DocumentSymbol[]) => l.forEach((s) => (s.name.startsWith('Article') && out.push(s), walk(s.children ?? [])));
    walk(symbols);
    return out;
  };

  it('keeps the previous outline, moved by the edit, while the front matter swallows the articles', async () => {
    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '---\n' }]);
    // Diagnostics stay current: the broken front matter is reported.
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 2, 10_000, false);
    assert.ok(p.diagnostics.some((d) => d.code === 'frontmatter.invalid'), JSON.stringify(p.diagnostics));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const list = articles(symbols);
    assert.deepEqual(list.map((a) => a.name), ['Article 1. Purpose', 'Article 2. Scope', 'Article 3. Final']);
    assert.equal(list[0].selectionRange.start.line, lineOf(DRAFT, '## Article 1.') + 1, 'moved down by the inserted line');
    // Go to definition still works where the old analysis maps.
    const text = '---\n' + DRAFT;
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'article 1', '## Article 2.', 8) });
    assert.equal(links[0].targetRange.start.line, lineOf(text, '## Article 1.'));
  });

  it('takes the new analysis as soon as the document is whole again', async () => {
    await client.change(uri, 3, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'title: Draft\n---\n' }]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 3, 10_000, false);
    assert.ok(!p.diagnostics.some((d) => d.code === 'frontmatter.invalid'));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(articles(symbols)[0].selectionRange.start.line, lineOf(DRAFT, '## Article 1.') + 3);
  });

  it('shows a deliberate deletion at once (nothing is broken)', async () => {
    const text = '---\ntitle: Draft\n---\n' + DRAFT;
    const from = lineOf(text, '## Article 2.');
    const to = lineOf(text, '## Article 3.');
    await client.change(uri, 4, [{ range: { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, text: '' }]);
    await client.waitForDiagnostics(uri, (x) => x.version === 4, 10_000, false);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(articles(symbols).map((a) => a.name), ['Article 1. Purpose', 'Article 3. Final']);
  });
});
