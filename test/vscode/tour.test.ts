// The README's one-minute tour, photographed: only when the launcher collects screenshots
// (TREATYMARK_VSCODE_SCREENSHOTS=<folder>, scripts/vscode-test/run-code-server.mjs). Each
// picture is asked for by a log line the launcher recognises; it shoots the page at once and
// the test waits a moment before moving on. The assertions only check that each scene is set.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticCode, lineStartingWith, openConvention, positionOf, revert, waitFor, waitForDiagnostics } from './helpers';

const enabled = !!process.env.TREATYMARK_VSCODE_SCREENSHOTS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function screenshot(name: string): Promise<void> {
  await sleep(1200); // let the workbench paint
  console.log(`[treatymark-screenshot] ${name}`);
  await sleep(1500); // the picture is taken meanwhile
}

async function quiet(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
}

function place(editor: vscode.TextEditor, at: vscode.Position, top = false): void {
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), top ? vscode.TextEditorRevealType.AtTop : vscode.TextEditorRevealType.InCenter);
}

// Registered only when screenshots are wanted, so ordinary runs do not list it as skipped.
if (enabled) describe('tour: screenshots for the README', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;

  before(async () => {
    await activateExtension();
    doc = await openConvention();
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('closeReferenceSearch');
    await vscode.commands.executeCommand('editor.action.hideHover');
    await vscode.commands.executeCommand('hideCodeActionWidget');
    await revert(doc);
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    await quiet();
  });

  it('the walkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'treatymark.treatymark#draft', false);
    await quiet();
    await screenshot('tour-walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the convention with its outline', async () => {
    await vscode.commands.executeCommand('outline.focus');
    await sleep(500);
    place(editor, new vscode.Position(lineStartingWith(doc, '## Article 2.'), 0), true);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await quiet();
    await screenshot('tour-convention');
    await vscode.commands.executeCommand('workbench.files.action.focusFilesExplorer');
  });

  it('hover on a reference: article 17 with its interpretative note', async () => {
    const at = positionOf(doc, 'article 17', lineStartingWith(doc, '(m) "Predicate offence"'));
    place(editor, new vscode.Position(Math.max(at.line - 3, 0), 0), true);
    editor.selection = new vscode.Selection(at, at);
    await waitFor(async () => ((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)) ?? []).length > 0, 10_000, 'a hover');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('tour-hover');
  });

  it('peek at the definition of "traffic data" from article 26', async () => {
    const at = positionOf(doc, 'traffic data', lineStartingWith(doc, '## Article 26.') + 1);
    place(editor, new vscode.Position(Math.max(at.line - 4, 0), 0), true);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.peekDefinition');
    await screenshot('tour-definition');
  });

  it('a dangling reference once article 17 is deleted', async () => {
    const from = lineStartingWith(doc, '## Article 17.');
    const to = lineStartingWith(doc, '## Article 18.');
    const dangling = waitForDiagnostics(doc.uri, (d) => d.some((x) => diagnosticCode(x) === 'reference.dangling'), 15_000, 'reference.dangling');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(from, 0, to, 0));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await dangling;
    const line = lineStartingWith(doc, '(m) "Predicate offence"');
    place(editor, new vscode.Position(Math.max(line - 2, 0), 0), true);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await screenshot('tour-dangling');
  });

  it('the Renumber quick fix at an inserted article 7 bis', async () => {
    const at = lineStartingWith(doc, '## Article 8.');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(at, 0), '## Article 7 bis. Inserted article\n\n1. Each State Party shall …\n\n');
    const provisional = waitForDiagnostics(doc.uri, (d) => d.some((x) => diagnosticCode(x) === 'numbering.provisional'), 15_000, 'numbering.provisional');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await provisional;
    place(editor, new vscode.Position(Math.max(at - 6, 0), 0), true);
    editor.selection = new vscode.Selection(at, 15, at, 15);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshot('tour-renumber');
  });

  it('a new treaty', async () => {
    await vscode.commands.executeCommand('treatymark.newTreaty');
    const created = vscode.window.activeTextEditor!.document;
    await waitFor(() => created.getText().includes('# Interpretative notes'), 5_000, 'the skeleton');
    await waitFor(async () => ((await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', created.uri)) ?? []).length > 0, 10_000, 'the outline of the new treaty');
    await sleep(1000); // the Outline view refreshes after a pause
    await screenshot('tour-new-treaty');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
