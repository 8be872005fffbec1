// Smoke test: the extension loads in a real editor and its static contributions work.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, lineStartingWith, openConvention, waitFor } from './helpers';

describe('smoke: Treatymark in a real editor', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    doc = await openConvention();
  });

  it('opens convention.treaty as a treaty document', () => {
    assert.equal(doc.languageId, 'treaty');
  });

  it('activates the extension', async () => {
    const ext = await activateExtension();
    assert.ok(ext.isActive, `${EXTENSION_ID} is not active`);
  });

  it('contributes the treaty grammar, and its file is there', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const grammars: { language?: string; scopeName?: string; path?: string }[] = ext.packageJSON?.contributes?.grammars ?? [];
    const grammar = grammars.find((g) => g.language === 'treaty');
    assert.ok(grammar, 'no grammar contributed for language "treaty"');
    assert.equal(grammar.scopeName, 'text.treaty');
    assert.ok(grammar.path, 'the grammar contribution has no path');
    // A missing grammar file only logs an error in VS Code; a drafter would just see no colours.
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, grammar.path));
  });

  // Snippets are a static contribution: this needs no activation, so it is checked apart from it.
  it('offers the "article" snippet at an empty line', async () => {
    // The blank line under the heading of article 1, where a drafter would type.
    const line = lineStartingWith(doc, '## Article 1.') + 1;
    assert.equal(doc.lineAt(line).text.trim(), '', 'expected an empty line under the heading of article 1');
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    let snippets: vscode.CompletionItem[] = [];
    // The editor reads extensions' snippets once they are registered: on a cold start (VS Code
    // for the web, npm run test:web) the first request can come before.
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
      snippets = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet);
      return snippets.some((i) => labelOf(i) === 'article');
    }, 10_000, 'the "article" snippet').catch(() => undefined);
    assert.ok(
      snippets.some((i) => labelOf(i) === 'article'),
      `no "article" snippet offered; snippets offered: ${snippets.map(labelOf).join(', ') || '(none)'}`,
    );
  });
});
