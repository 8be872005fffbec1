// Negotiating text in the editor, on the annotated zero draft: settling a pair of
// alternatives everywhere with the code action, accepting changes with the commands (all,
// or those in the selection), the hover on a set, jumping to a comment from the list, and
// the clean copy written beside the file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, lineStartingWith, revert, waitFor } from './helpers';

async function findZeroDraft(): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open.');
  for (const rel of ['zero-draft.treaty', 'examples/zero-draft.treaty']) {
    const uri = vscode.Uri.joinPath(folder.uri, rel);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`zero-draft.treaty not found under ${folder.uri.toString()}`);
}

/** The text after the front matter (which mentions the marks in prose). */
const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5);

describe('negotiating text: the zero draft', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let original: string;

  before(async () => {
    await activateExtension();
    doc = await vscode.workspace.openTextDocument(await findZeroDraft());
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    original = doc.getText();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await revert(doc);
    editor = await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(doc.getText(), original, 'the zero draft was not restored after the test');
  });

  const concerned = () => {
    const line = lineStartingWith(doc, '(3) *Concerned*');
    return new vscode.Position(line, doc.lineAt(line).text.indexOf('[a computer system]') + 3);
  };

  it('keeps «a computer system» in all 44 identical sets with the code action', async () => {
    const at = concerned();
    let titles: string[] = [];
    let action: vscode.CodeAction | undefined;
    // The first request may come before the server has analysed the draft.
    await waitFor(
      async () => {
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at))) ?? [];
        titles = actions.map((a) => a.title);
        action = actions.find((a) => a.title === 'Keep «a computer system» in all 44 identical sets');
        return !!action;
      },
      30_000,
      'the "Keep «a computer system» in all 44 identical sets" action',
    ).catch((e) => assert.fail(`${(e as Error).message}; actions: ${titles.join('; ') || '(none)'}`));
    assert.ok(titles.includes('Keep «a computer system» here'), titles.join('; '));
    assert.ok(action!.edit, 'the action has no edit');
    assert.ok(await vscode.workspace.applyEdit(action!.edit!), 'the edit was not applied');
    const pair = /\[((?:an? )?computer system)\]\s+\[(?:an? )?information and communications technology device\]/gi;
    assert.equal(doc.getText(), original.replace(pair, (_, first: string) => first));
  });

  it('hovers a set with its options and the number of identical sets', async () => {
    let text = '';
    await waitFor(
      async () => {
        const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, concerned())) ?? [];
        text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
        return text.includes('44 identical sets');
      },
      30_000,
      'the hover on the set',
    ).catch((e) => assert.fail(`${(e as Error).message}; hover: ${text || '(none)'}`));
    assert.ok(text.includes('1. a computer system'), text);
  });

  it('accepts all changes with "Treatymark: Accept all changes"', async () => {
    await vscode.commands.executeCommand('treatymark.acceptAllChanges');
    await waitFor(() => !body(doc.getText()).includes('{--'), 15_000, 'every deletion to be accepted');
    assert.equal(body(doc.getText()), body(original).replace(/\{--[\s\S]*?--\}/g, ''));
  });

  it('rejects only the changes in the selection with "Treatymark: Reject changes in selection"', async () => {
    const line = lineStartingWith(doc, '(2) *Noting*');
    editor.selection = new vscode.Selection(line, 0, line, doc.lineAt(line).text.length);
    await vscode.commands.executeCommand('treatymark.rejectChangesInSelection');
    await waitFor(() => doc.isDirty, 15_000, 'the change to be rejected');
    assert.equal(doc.getText(), original.replace('{--States, enterprises and--}', 'States, enterprises and'));
  });

  it('lists the comments and goes to the one chosen', async () => {
    const start = new vscode.Position(doc.lineCount - 1, 0);
    editor.selection = new vscode.Selection(start, start);
    await vscode.commands.executeCommand('treatymark.listComments');
    // The list opens with A1 active: accept it.
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => vscode.window.activeTextEditor?.document === doc && !vscode.window.activeTextEditor.selection.isEmpty, 10_000, 'the commented text to be selected');
    const selected = doc.getText(vscode.window.activeTextEditor!.selection);
    assert.equal(selected, 'may have a considerable impact on the scale, speed and scope of other criminal offences');
  });

  it('writes a clean copy beside the draft and opens it', async () => {
    const target = vscode.Uri.joinPath(doc.uri, '..', 'zero-draft.clean.treaty');
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('treatymark.cleanCopy');
    assert.equal(written?.toString(), target.toString());
    const copy = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(!/\{(--|\+\+|~~|==|>>)/.test(body(copy)), 'the clean copy still has CriticMarkup');
    assert.equal((body(copy).match(/\[computer data\] \[digital information\]/g) ?? []).length, (body(original).match(/\[computer data\] \[digital information\]/g) ?? []).length, 'brackets are kept');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString(), 'the clean copy is not open');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(target);
  });
});
