// What a drafter does with the example convention, checked through the editor's own
// commands (the same requests VS Code sends when they click, hover or edit).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  articleLines,
  diagnosticCode,
  lineStartingWith,
  openConvention,
  positionOf,
  revert,
  summarize,
  targets,
  waitFor,
  waitForDiagnostics,
} from './helpers';

describe('features: drafting the convention', () => {
  let doc: vscode.TextDocument;
  let original: string;

  before(async () => {
    doc = await openConvention();
    original = doc.getText();
    await activateExtension();
  });

  // Every test starts from the file as it is on disk, even after a failure mid-edit.
  afterEach(async () => {
    await revert(doc);
    assert.equal(doc.getText(), original, 'the convention was not restored after the test');
  });

  it('goes to the definition of "traffic data" from article 26', async () => {
    const from = positionOf(doc, 'traffic data', lineStartingWith(doc, '## Article 26.') + 1);
    const defLine = lineStartingWith(doc, '(c) "Traffic data"');
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      from,
    );
    const found = targets(result);
    assert.ok(
      found.some((t) => t.uri.toString() === doc.uri.toString() && t.range.start.line <= defLine && defLine <= t.range.end.line),
      `expected a definition on line ${defLine + 1} (article 2 (c)); got ${found.map((t) => `${t.uri.path}:${t.range.start.line + 1}`).join(', ') || 'nothing'}`,
    );
  });

  it('shows the definition and interpretative note 1 when hovering "service provider" in article 27', async () => {
    const at = positionOf(doc, 'service provider', lineStartingWith(doc, '## Article 27.') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = (hovers ?? [])
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /service provider/i, `hover does not name the term: ${JSON.stringify(text)}`);
    assert.ok(text.includes('any public or private entity'), `hover lacks the definition of article 2 (e): ${JSON.stringify(text)}`);
    assert.ok(text.includes('hosting and caching services'), `hover lacks interpretative note 1: ${JSON.stringify(text)}`);
  });

  it('finds the references to article 40 in articles 42, 43 and 50', async () => {
    const heading = lineStartingWith(doc, '## Article 40.');
    const at = new vscode.Position(heading, doc.lineAt(heading).text.indexOf('40') + 1);
    const result = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    const here = targets(result).filter((t) => t.uri.toString() === doc.uri.toString());
    for (const n of [42, 43, 50]) {
      const { start, end } = articleLines(doc, n);
      assert.ok(
        here.some((t) => t.range.start.line > start && t.range.start.line < end),
        `no reference found in article ${n} (lines ${start + 1}-${end}); references on lines ${here.map((t) => t.range.start.line + 1).join(', ') || '(none)'}`,
      );
    }
  });

  it('reports no problem on the convention, and dangling references once article 17 is deleted', async () => {
    // An empty list fires no change event, so "nothing yet" and "nothing at all" look alike
    // here; the end of this test proves the server publishes the empty list (after the undo).
    await waitForDiagnostics(doc.uri, (d) => d.length > 0, 3_000, 'first diagnostics').catch(() => undefined);
    const initial = vscode.languages.getDiagnostics(doc.uri);
    assert.equal(initial.length, 0, `problems on the unedited convention: ${summarize(initial)}`);

    const from = lineStartingWith(doc, '## Article 17.');
    const to = lineStartingWith(doc, '## Article 18.');
    const article17 = doc.getText(new vscode.Range(from, 0, to, 0));
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(from, 0, to, 0));
    const dangling = waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => diagnosticCode(x) === 'reference.dangling'),
      15_000,
      'a reference.dangling diagnostic after deleting article 17',
    );
    assert.ok(await vscode.workspace.applyEdit(edit), 'the deletion was not applied');
    const diags = await dangling;
    // "article 17" in article 2 (m) now points nowhere.
    const defM = lineStartingWith(doc, '(m) "Predicate offence"');
    assert.ok(
      diags.some((d) => diagnosticCode(d) === 'reference.dangling' && d.range.start.line === defM),
      `no dangling reference reported in article 2 (m); got ${summarize(diags)}`,
    );
    // Put article 17 back: the server clears every problem again.
    const cleared = waitForDiagnostics(doc.uri, (d) => d.length === 0, 15_000, 'no diagnostics once article 17 is back');
    const restore = new vscode.WorkspaceEdit();
    restore.insert(doc.uri, new vscode.Position(from, 0), article17);
    assert.ok(await vscode.workspace.applyEdit(restore), 'article 17 was not put back');
    await cleared;
  });

  // Inserting "Article 7 bis" before article 8 is the design's own renumbering example.
  async function insertArticle7bis(): Promise<number> {
    const at = lineStartingWith(doc, '## Article 8.');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(at, 0), '## Article 7 bis. Test\n\n1. A paragraph inserted by the test.\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the insertion was not applied');
    return at;
  }

  function assertRenumbered(): void {
    const text = doc.getText();
    assert.ok(!text.includes('## Article 7 bis.'), 'article 7 bis is still there');
    assert.ok(text.includes('## Article 8. Test'), 'the inserted article did not become article 8');
    assert.ok(text.includes('## Article 9. Illegal interception'), 'the old article 8 did not become article 9');
    assert.ok(text.includes('## Article 69.'), 'the last article did not become article 69');
    assert.ok(!text.includes('## Article 70.'), 'articles were numbered past 69');
    // References follow their articles: "articles 7 to 16" in note 3 now spans the inserted one.
    assert.ok(text.includes('articles 7 to 17 of the convention'), 'the range "articles 7 to 16" was not rewritten');
  }

  it('offers a Renumber code action at an inserted "Article 7 bis", and applying it renumbers', async () => {
    const heading = await insertArticle7bis();
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      doc.lineAt(heading).range,
      undefined,
      10, // resolve lazily computed edits, as the lightbulb does before applying
    );
    const titles = (actions ?? []).map((a) => a.title);
    const action = (actions ?? []).find((a) => a.title.startsWith('Renumber'));
    assert.ok(action, `no "Renumber…" action at the heading; actions: ${titles.join(', ') || '(none)'}`);
    const asAction = action as vscode.CodeAction;
    const command = 'command' in action && typeof action.command === 'string' ? (action as vscode.Command) : asAction.command;
    assert.ok(asAction.edit || command, 'the Renumber action has neither an edit nor a command');
    // Apply it the way VS Code does: the edit first, then the command.
    if (asAction.edit) assert.ok(await vscode.workspace.applyEdit(asAction.edit), 'the Renumber edit was not applied');
    if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await waitFor(() => doc.getText().includes('## Article 8. Test'), 10_000, 'the document to be renumbered');
    assertRenumbered();
  });

  it('renumbers with the "treatymark.renumber" command', async () => {
    await insertArticle7bis();
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('treatymark.renumber');
    await waitFor(() => doc.getText().includes('## Article 8. Test'), 10_000, 'the document to be renumbered');
    assertRenumbered();
  });

  it('provides semantic tokens for the convention', async () => {
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>(
      'vscode.provideDocumentSemanticTokens',
      doc.uri,
    );
    assert.ok(tokens, 'no semantic tokens provider answered');
    assert.ok(tokens.data.length > 0, 'semantic tokens are empty');
    assert.equal(tokens.data.length % 5, 0, 'semantic token data is not in groups of five');
  });
});
