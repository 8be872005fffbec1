// "Treatymark: Import Word document…" in the editor: a .docx received from a delegation lies
// in the workspace; the command (given the file, as the explorer's menu gives it) opens the
// treaty as a new untitled document beside it, which the language server analyses at once.
// A password-protected file gives an error and opens nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

interface Outcome {
  document: vscode.TextDocument;
  result: { ok: true; text: string; stats: { insertions: number; deletions: number; comments: number } };
}

/** The repository's fixtures, beside the bundled suite (out/test/vscode/). */
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'docx');

async function putInWorkspace(fixture: string, name: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const target = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(FIXTURES, fixture))));
  return target;
}

describe('import a Word document', () => {
  let docx: vscode.Uri;
  let outcome: Outcome | undefined;

  before(async () => {
    await activateExtension();
    docx = await putInWorkspace('convention-excerpt.docx', 'proposal.docx');
    // The first request may come before the language server runs.
    await waitFor(
      async () => {
        outcome = await vscode.commands.executeCommand<Outcome | undefined>('treatymark.importWord', docx);
        return !!outcome;
      },
      60_000,
      'the import',
    );
  });

  after(async () => {
    if (outcome?.document) {
      await vscode.window.showTextDocument(outcome.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    for (const name of ['proposal.docx', 'protected.docx']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name)).then(undefined, () => undefined);
    }
  });

  it('opens the treaty as a new untitled .treaty beside the .docx, with its first article', () => {
    const doc = outcome!.document;
    assert.equal(doc.languageId, 'treaty');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(path.posix.basename(doc.uri.path), 'proposal.treaty');
    assert.equal(vscode.window.activeTextEditor?.document, doc);
    const firstArticle = doc.getText().split('\n').find((l) => l.startsWith('## Article'));
    assert.equal(firstArticle, '## Article 1. Statement of purpose');
    assert.match(doc.getText(), /\{--four--\}\{\+\+three\+\+\} years \{==or a more serious penalty==\}\{>>Chair: /);
    assert.deepEqual([outcome!.result.stats.insertions, outcome!.result.stats.deletions, outcome!.result.stats.comments], [3, 2, 4]);
  });

  it('is a treaty to the language server: its outline lists the articles', async () => {
    let names: string[] = [];
    await waitFor(
      async () => {
        const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', outcome!.document.uri)) ?? [];
        const flat = (s: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => s.flatMap((x) => [x, ...flat(x.children ?? [])]);
        names = flat(symbols).map((s) => s.name);
        return names.some((n) => n.startsWith('Article 6'));
      },
      30_000,
      'the outline of the imported treaty',
    ).catch((e) => assert.fail(`${(e as Error).message}; symbols: ${names.join(', ') || '(none)'}`));
  });

  it('opens nothing for a password-protected file', async () => {
    const protectedDocx = await putInWorkspace('broken/encrypted.docx', 'protected.docx');
    const before = vscode.workspace.textDocuments.length;
    const result = await vscode.commands.executeCommand<Outcome | undefined>('treatymark.importWord', protectedDocx);
    assert.equal(result, undefined);
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.path.endsWith('protected.treaty')).length, 0);
    assert.ok(vscode.workspace.textDocuments.length <= before);
  });

  it('is offered on a .docx in the explorer and in the command palette', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string; title: string }[]; menus: Record<string, { command: string; when?: string }[]> };
    };
    assert.equal(pkg.contributes.commands.find((c) => c.command === 'treatymark.importWord')?.title, 'Import Word document…');
    assert.deepEqual(
      pkg.contributes.menus['explorer/context'].filter((m) => m.command === 'treatymark.importWord').map((m) => m.when),
      ['resourceExtname == .docx'],
    );
  });
});
