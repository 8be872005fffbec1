// Files the drafter has not opened still count: a treaty's notes file (`notes:`) and an
// instrument it cites (`instruments:`). The launchers copy test/fixtures/workspace/ beside the
// examples; these tests never open treaty.notes.treaty or agreement.treaty, so the server has
// read them itself — from disk on the desktop, through VS Code (vscode.workspace.fs) in the web
// worker, where there is no disk (npm run test:web).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticCode, findConvention, lineStartingWith, positionOf, summarize, targets, waitFor, waitForDiagnostics } from './helpers';

async function fixture(name: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(await findConvention(), '..', name);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function hoverText(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const isOpen = (name: string) => vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith(`/${name}`));

describe('workspace: files that are not open', () => {
  before(async () => {
    await activateExtension();
  });

  it('shows the interpretative note of a notes file that is not open over the article it annotates', async () => {
    const doc = await fixture('treaty.treaty');
    assert.ok(!isOpen('treaty.notes.treaty'), 'the notes file is open; this test is about one that is not');
    const at = positionOf(doc, 'Obligations', lineStartingWith(doc, '## Article 2.'));
    let text = '';
    // The server reads the notes file when it first analyses the treaty: wait for it, then say what the hover was.
    await waitFor(async () => (text = await hoverText(doc, at)).includes('covers every "widget" sold'), 30_000, 'the note').catch(() => undefined);
    assert.ok(text.includes('covers every "widget" sold'), `the hover of article 2 lacks the note of treaty.notes.treaty: ${JSON.stringify(text)}`);
    assert.match(text, /Interpretative note 1/);
  });

  it('resolves references into an instrument that is not open: dangling ones reported, others lead into it', async () => {
    const doc = await fixture('resolution.treaty');
    assert.ok(!isOpen('agreement.treaty'), 'the cited instrument is open; this test is about one that is not');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => diagnosticCode(x) === 'reference.dangling'), 30_000, 'reference.dangling on "article 9 of the Agreement"');
    const dangling = diags.filter((d) => diagnosticCode(d) === 'reference.dangling');
    assert.equal(dangling.length, 1, summarize(diags));
    assert.equal(doc.getText(dangling[0].range), 'article 9 of the Agreement');

    const from = positionOf(doc, 'article 2 of the Agreement', lineStartingWith(doc, '1. Adopts'));
    const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, from);
    const found = targets(result);
    assert.equal(found.length, 1, `definitions: ${found.map((t) => t.uri.toString()).join(', ') || 'none'}`);
    assert.ok(found[0].uri.path.endsWith('/agreement.treaty'), found[0].uri.toString());
    assert.equal(found[0].range.start.line, 9, 'not on the heading of article 2 of agreement.treaty');
  });
});
