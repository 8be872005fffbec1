// Symbols, folding, completion, rename, semantic tokens, code lenses, settings and
// robustness, through the protocol against `node dist/server.js --stdio`.
import { strict as assert } from 'assert';
import { statusText, type DocumentStats } from '../../client/src/statusText';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  CodeLens,
  CompletionList,
  FoldingRange,
  Hover,
  Location,
  PrepareRenameResult,
  PublishDiagnosticsParams,
  SemanticTokens,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';

interface SelectionRangeT {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  parent?: SelectionRangeT;
}
import { applyEditsTo } from '../support/text';
import { CAPABILITIES, CONVENTION_TEXT, EXAMPLES, ensureBuilt, lineOf, LspClient, positionOf, ROOT, tempWorkspace, textAt } from './lsp';

const URI = pathToFileURL(path.join(EXAMPLES, 'convention.treaty')).href;

describe('protocol: features on the convention', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ folders: [EXAMPLES] });
    await client.open(URI, CONVENTION_TEXT, 1);
    await client.waitForDiagnostics(URI);
  });

  after(async () => {
    await client?.stop();
  });

  it('lists articles and defined terms of every .treaty file as workspace symbols', async () => {
    const laundering = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'laundering' });
    const a17 = laundering.find((s) => s.name === 'Article 17. Laundering of proceeds of crime');
    assert.ok(a17, JSON.stringify(laundering.map((s) => s.name)));
    assert.equal(a17.location.uri, URI);
    assert.equal(a17.location.range.start.line, lineOf(CONVENTION_TEXT, '## Article 17.'));
    const traffic = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'traffic data' });
    assert.ok(traffic.some((s) => s.name === 'Traffic data' && s.kind === 14 /* Constant */));
    // The zero draft is not open: it is indexed from disk.
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    const files = new Set(all.map((s) => path.basename(s.location.uri)));
    assert.ok(files.has('zero-draft.treaty'), [...files].join(', '));
    assert.ok(all.filter((s) => s.location.uri === URI && s.name.startsWith('Article ')).length === 68);
  });

  it('folds the front matter, chapters, articles, paragraphs and notes', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    const starts = (line: number) => ranges.filter((r) => r.startLine === line);
    assert.ok(starts(0).some((r) => r.endLine === lineOf(CONVENTION_TEXT, 'symbol: A/AC.291/L.15') + 1), 'front matter');
    const ch2 = lineOf(CONVENTION_TEXT, '# Chapter II.');
    assert.ok(starts(ch2).some((r) => r.endLine >= lineOf(CONVENTION_TEXT, '## Article 21.')), 'chapter II');
    const a17 = lineOf(CONVENTION_TEXT, '## Article 17.');
    assert.ok(starts(a17).some((r) => r.endLine < lineOf(CONVENTION_TEXT, '## Article 18.') && r.endLine > a17 + 5), 'article 17');
    assert.ok(starts(lineOf(CONVENTION_TEXT, '# Interpretative notes')).length === 1, 'the notes');
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });

  it('offers the articles with their headings after "article "', async () => {
    // Type a new line in article 3: "See article ".
    const line = lineOf(CONVENTION_TEXT, '## Article 4.') - 1;
    await client.change(URI, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'See article ' }]);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line, character: 'See article '.length },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    assert.equal(list.items.length, 68);
    const a17 = list.items.find((i) => i.label === '17')!;
    assert.equal(a17.labelDetails?.description, 'Laundering of proceeds of crime');
    assert.equal((a17.textEdit as { newText: string }).newText, '17');
    // `paragraph ` inside article 40 offers its paragraphs; `article 2 (` the subparagraphs of article 2.
    await client.change(URI, 3, [{ range: { start: { line, character: 0 }, end: { line, character: 'See article '.length } }, text: '' }]);
    const in40 = lineOf(CONVENTION_TEXT, '## Article 41.') - 1;
    await client.change(URI, 4, [{ range: { start: { line: in40, character: 0 }, end: { line: in40, character: 0 } }, text: 'under paragraph ' }]);
    const paras = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: in40, character: 'under paragraph '.length },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    assert.ok(paras.items.length >= 30 && paras.items[0].label === '1', JSON.stringify(paras.items.slice(0, 3)));
    await client.change(URI, 5, [{ range: { start: { line: in40, character: 0 }, end: { line: in40, character: 'under paragraph '.length } }, text: 'see article 2 (' }]);
    const points = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: in40, character: 'see article 2 ('.length },
      context: { triggerKind: 2, triggerCharacter: '(' },
    });
    assert.deepEqual(points.items.map((i) => i.label).slice(0, 3), ['(a)', '(b)', '(c)']);
    assert.equal(points.items.length, 15);
    await client.change(URI, 6, [{ range: { start: { line: in40, character: 0 }, end: { line: in40, character: 'see article 2 ('.length } }, text: 'the traf' }]);
    const terms = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: in40, character: 'the traf'.length },
      context: { triggerKind: 1 },
    });
    const traffic = terms.items.find((i) => i.label === 'traffic data');
    assert.ok(traffic, JSON.stringify(terms.items.map((i) => i.label)));
    assert.equal(textAt(CONVENTION_TEXT.split('\n').map((l, i) => (i === in40 ? 'the traf' + l : l)).join('\n'), (traffic.textEdit as TextEdit).range), 'traf');
    // "art" at the start of a line between articles 7 and 8: a new article 7 bis, as a snippet.
    const in7 = lineOf(CONVENTION_TEXT, '## Article 8.') - 1;
    await client.change(URI, 7, [{ range: { start: { line: in7, character: 0 }, end: { line: in7, character: 0 } }, text: 'art' }]);
    const fresh = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: in7, character: 3 }, context: { triggerKind: 1 } });
    const article = fresh.items.find((i) => i.label === 'article')!;
    assert.equal(article.kind, 15 /* Snippet */);
    assert.equal(article.insertTextFormat, 2 /* Snippet */);
    assert.match((article.textEdit as TextEdit).newText, /^## Article \$\{1:7 bis\}\. /);
    await client.change(URI, 8, [{ text: CONVENTION_TEXT }]);
    await client.waitForDiagnostics(URI, (p) => p.version === 8, 10_000, false);
  });

  it('renames "traffic data" everywhere, keeping capitalisation', async () => {
    const at = positionOf(CONVENTION_TEXT, 'traffic data', lineOf(CONVENTION_TEXT, '## Article 26.') + 1, 2);
    const prepared = await client.request<PrepareRenameResult & { placeholder: string; range: never }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: at });
    assert.equal(prepared.placeholder, 'traffic data');
    const uses = await client.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at, context: { includeDeclaration: true } });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position: at, newName: 'communication metadata' });
    const changes = edit.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.equal(changes[0].textDocument.uri, URI);
    assert.equal(changes[0].textDocument.version, 8);
    assert.equal(changes[0].edits.length, uses.length);
    const renamed = applyEditsTo(CONVENTION_TEXT, URI, edit);
    assert.ok(renamed.includes('(c) "Communication metadata" shall mean'));
    assert.ok(renamed.includes('## Article 26. Expedited preservation and partial disclosure of communication metadata'));
    assert.ok(renamed.includes('other than subscriber information or communication metadata, relating'));
    assert.ok(!/traffic data/i.test(renamed), 'every use is renamed');
    // Plurals stay plural: "service providers" → "intermediaries".
    const sp = positionOf(CONVENTION_TEXT, 'Service provider', '(e) "Service provider"', 3);
    const edit2 = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: URI }, position: sp, newName: 'Intermediary' });
    const renamed2 = applyEditsTo(CONVENTION_TEXT, URI, edit2);
    assert.ok(renamed2.includes('(e) "Intermediary" shall mean'));
    assert.ok(renamed2.includes('(d) Encouraging intermediaries to take'), 'plural');
    assert.ok(renamed2.includes('The definition of the term "intermediary" in article 2 (e)'), 'in the notes');
    // Not a term: no rename.
    const none = await client.request<unknown>('textDocument/prepareRename', { textDocument: { uri: URI }, position: { line: lineOf(CONVENTION_TEXT, '## Article 5.'), character: 3 } });
    assert.equal(none, null);
  });

  it("names itself in serverInfo with package.json's version", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(client.initializeResult.serverInfo, { name: 'treatymark', version });
  });

  it('provides decodable semantic tokens for terms and references', async () => {
    const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
    assert.deepEqual(legend.tokenTypes, ['variable', 'macro', 'namespace']);
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.ok(tokens.data.length > 0);
    assert.equal(tokens.data.length % 5, 0);
    const lines = CONVENTION_TEXT.split('\n');
    let line = 0;
    let char = 0;
    const decoded: { text: string; type: string; mods: string[] }[] = [];
    for (let i = 0; i < tokens.data.length; i += 5) {
      const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
      line += dl;
      char = dl === 0 ? char + dc : dc;
      decoded.push({ text: lines[line].slice(char, char + len), type: legend.tokenTypes[type], mods: legend.tokenModifiers.filter((_, b) => mods & (1 << b)) });
    }
    const terms = decoded.filter((t) => t.type === 'variable');
    const refs = decoded.filter((t) => t.type === 'macro');
    assert.ok(terms.some((t) => t.text === 'Traffic data' && t.mods.includes('declaration')));
    assert.ok(terms.some((t) => t.text === 'traffic data' && t.mods.includes('readonly') && !t.mods.includes('declaration')));
    assert.ok(refs.some((t) => t.text === 'article 17 of this Convention'));
    assert.ok(refs.every((t) => /^(?:articles?|paragraphs?|subparagraphs?|chapters?|parts?|sections?)\b/i.test(t.text)), JSON.stringify(refs.find((t) => !/^(?:article|paragraph|subparagraph|chapter)/i.test(t.text))));
    assert.ok(!refs.some((t) => t.mods.includes('deprecated')), 'no dangling reference in the convention');
  });

  it('puts "cited N times" over each article, N the number of its references', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(lenses.length, 68);
    const line40 = lineOf(CONVENTION_TEXT, '## Article 40.');
    const lens = lenses.find((l) => l.range.start.line === line40)!;
    const n = Number(/^cited (\d+) times?$/.exec(lens.command!.title)?.[1]);
    const refs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: URI },
      position: positionOf(CONVENTION_TEXT, '40', '## Article 40.'),
      context: { includeDeclaration: false },
    });
    assert.equal(n, refs.length);
    assert.ok(n >= 4);
    assert.equal(lens.command!.command, 'treatymark.showReferences');
    const [uri, position, locations] = lens.command!.arguments as [string, { line: number }, Location[]];
    assert.equal(uri, URI);
    assert.equal(position.line, line40);
    assert.equal(locations.length, n);
  });

  it('answers nothing, without failing, at positions that do not exist', async () => {
    const far = { line: 99_999, character: 5 };
    const odd = { line: -3, character: -1 };
    for (const position of [far, odd, { line: 3, character: 10_000 }]) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position });
      assert.ok(hover === null || typeof hover === 'object');
      const def = await client.request<unknown>('textDocument/definition', { textDocument: { uri: URI }, position });
      assert.ok(def === null || Array.isArray(def));
      await client.request('textDocument/references', { textDocument: { uri: URI }, position, context: { includeDeclaration: true } });
      await client.request('textDocument/completion', { textDocument: { uri: URI }, position });
    }
    const unknown = 'file:///nowhere/missing.treaty';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: unknown }, position: far }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: unknown } }), []);
    // The server is still alive.
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(symbols.length > 0);
  });

  it('expands the selection from a word to the whole term, then to the units that hold it', async () => {
    const at = positionOf(CONVENTION_TEXT, 'traffic data', lineOf(CONVENTION_TEXT, '## Article 26.') + 1, 9);
    const [chain] = await client.request<SelectionRangeT[]>('textDocument/selectionRange', { textDocument: { uri: URI }, positions: [at] });
    const texts: string[] = [];
    for (let r: SelectionRangeT | undefined = chain; r; r = r.parent) texts.push(textAt(CONVENTION_TEXT, r.range));
    assert.equal(texts[0], 'traffic data');
    assert.ok(texts.some((t) => t.startsWith('## Article 26.')), texts.map((t) => t.slice(0, 30)).join(' | '));
    assert.ok(texts[texts.length - 1].startsWith('# Chapter IV.'));
  });

  it('answers the document stats for the status bar', async () => {
    const stats = await client.request<{ articles: number; chapters: number; problems: number; role: string }>('treatymark/documentStats', { textDocument: { uri: URI } });
    assert.equal(stats.articles, 68);
    assert.equal(stats.chapters, 9);
    assert.equal(stats.problems, 0);
    assert.equal(statusText(stats as DocumentStats), '68 articles · 0 problems');
    assert.equal(stats.role, 'main');
  });
});

describe('protocol: settings', function () {
  this.timeout(60_000);
  const TREATY = [
    '# Chapter I. General',
    '',
    '## Article 1. Use of terms',
    '',
    'For the purposes of this Treaty:',
    '',
    '(a) "Widget" shall mean a small device;',
    '',
    '(b) "Gadget" shall mean a larger device.',
    '',
    '## Article 2. Obligations',
    '',
    '1. Each Party shall regulate widgets.',
    '',
  ].join('\n');
  let ws: ReturnType<typeof tempWorkspace>;

  before(() => {
    ensureBuilt();
    ws = tempWorkspace({ 'small.treaty': TREATY });
  });
  after(() => ws.remove());

  const unused = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === 'definition.unused');

  it('turns definition.unused into a hint, then off, through workspace/configuration', async () => {
    const client = await LspClient.start({ folders: [ws.dir] });
    try {
      const uri = ws.uri('small.treaty');
      await client.open(uri, TREATY);
      const first = await client.waitForDiagnostics(uri, (p) => !!unused(p));
      assert.equal(unused(first)!.severity, 2);
      assert.deepEqual(unused(first)!.tags, [1]);
      client.settings = { diagnostics: { severity: { 'definition.unused': 'hint' } } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      const hinted = await client.waitForDiagnostics(uri, (p) => unused(p)?.severity === 4, 10_000, false);
      assert.equal(hinted.version, 1);
      client.settings = { diagnostics: { severity: { 'definition.unused': 'off' } } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.waitForDiagnostics(uri, (p) => !unused(p), 10_000, false);
      client.settings = { codeLens: { enabled: false } };
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.waitForDiagnostics(uri, (p) => !!unused(p), 10_000, false);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.deepEqual(lenses, []);
    } finally {
      await client.stop();
    }
  });

  it('takes settings pushed with didChangeConfiguration from a client without workspace/configuration', async () => {
    const capabilities = { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, configuration: false } };
    const client = await LspClient.start({ folders: [ws.dir], capabilities });
    try {
      const uri = ws.uri('small.treaty');
      await client.open(uri, TREATY);
      await client.waitForDiagnostics(uri, (p) => !!unused(p));
      await client.notify('workspace/didChangeConfiguration', { settings: { treatymark: { diagnostics: { severity: { 'definition.*': 'error' } } } } });
      await client.waitForDiagnostics(uri, (p) => unused(p)?.severity === 1, 10_000, false);
    } finally {
      await client.stop();
    }
  });
});
