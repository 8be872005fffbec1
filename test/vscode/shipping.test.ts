// What a drafter meets after installing: the package itself, the walkthrough, "New treaty" and
// the example convention. Run against the installed .vsix (npm run test:vscode:vsix) these
// prove the package, not the development folder, works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagnosticCode, summarize, waitFor, waitForDiagnostics } from './helpers';

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

const exists = async (uri: vscode.Uri) => {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
};

async function closeWithoutSaving(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

describe('shipping: the installed extension', () => {
  let ext: vscode.Extension<unknown>;

  before(async () => {
    ext = await activateExtension();
  });

  // Registered only when the launcher installed the .vsix (CI does), so a run from the
  // development folder does not list it as skipped.
  if (process.env.TREATYMARK_VSCODE_VSIX) it('is the installed package when the launcher installed a .vsix', async () => {
    const folder = ext.extensionUri;
    assert.match(folder.path, /\/treatymark\.treatymark-\d+\.\d+\.\d+\/?$/, `the extension runs from ${folder.path}, not an installed folder`);
    for (const absent of ['node_modules', 'client', 'server', 'test', 'scripts', 'examples/zero-draft.treaty', 'dist/server.js.map']) {
      assert.ok(!(await exists(vscode.Uri.joinPath(folder, absent))), `${absent} should not be in the package`);
    }
    // vsce stores README.md, CHANGELOG.md and LICENSE as readme.md, changelog.md and LICENSE.txt.
    for (const present of ['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/web/extension.js', 'dist/web/server.js', 'readme.md', 'changelog.md', 'LICENSE.txt', 'images/icon.png', 'examples/convention.treaty', 'walkthrough/open-example.md']) {
      assert.ok(await exists(vscode.Uri.joinPath(folder, present)), `${present} is missing from the package`);
    }
  });

  it('has a complete manifest: icon, repository, licence, engine', async () => {
    const pkg = ext.packageJSON;
    assert.equal(pkg.publisher, 'treatymark');
    assert.equal(pkg.displayName, 'Treatymark');
    assert.ok(pkg.description, 'no description');
    assert.ok(pkg.license, 'no license');
    assert.ok(pkg.repository?.url, 'no repository');
    assert.ok(pkg.engines?.vscode, 'no engines.vscode');
    assert.ok(pkg.icon && (await exists(vscode.Uri.joinPath(ext.extensionUri, pkg.icon))), `icon ${pkg.icon} is missing`);
    // This editor is at least as new as the oldest the manifest admits.
    const [major, minor] = vscode.version.split('.').map(Number);
    const [, wantMajor, wantMinor] = /(\d+)\.(\d+)/.exec(pkg.engines.vscode) ?? [];
    assert.ok(major > Number(wantMajor) || (major === Number(wantMajor) && minor >= Number(wantMinor)), `VS Code ${vscode.version} is older than ${pkg.engines.vscode}`);
  });

  it('puts every command it contributes in the palette under "Treatymark", and registers it', async () => {
    const commands: { command: string; title: string; category?: string }[] = ext.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of commands) {
      assert.equal(c.category, 'Treatymark', `${c.command} is not in the Treatymark category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
    for (const c of ['treatymark.newTreaty', 'treatymark.openExample']) {
      assert.ok(commands.some((x) => x.command === c), `${c} is not contributed`);
    }
  });

  it('contributes the walkthrough "Draft a treaty with Treatymark", with its media and working buttons', async () => {
    const walkthroughs: { id: string; title: string; steps: WalkthroughStep[] }[] = ext.packageJSON.contributes.walkthroughs ?? [];
    const walkthrough = walkthroughs.find((w) => w.title === 'Draft a treaty with Treatymark');
    assert.ok(walkthrough, `no walkthrough "Draft a treaty with Treatymark"; walkthroughs: ${walkthroughs.map((w) => w.title).join(', ') || '(none)'}`);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openExample', 'definition', 'hover', 'dangling', 'renumber', 'newTreaty'],
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && (await exists(vscode.Uri.joinPath(ext.extensionUri, media))), `step ${step.id}: media ${media} is not in the extension`);
      assert.ok(step.completionEvents?.length, `step ${step.id} has no completion event`);
      const buttons = [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(buttons.length > 0, `step ${step.id} has no button`);
      for (const b of buttons) assert.ok(registered.has(b), `step ${step.id}: button command ${b} is not registered`);
    }
  });

  it('"New treaty" opens a treaty skeleton to tab through, and the server finds no problem in it', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('treatymark.newTreaty');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && uri && editor.document.uri.toString() === uri.toString(), 'the new treaty is not the active editor');
    const doc = editor.document;
    try {
      assert.equal(doc.languageId, 'treaty');
      assert.equal(doc.uri.scheme, 'untitled');
      const text = doc.getText();
      for (const line of ['title: Convention on …', 'status: draft', '# Preamble', '# Chapter I. General provisions', '## Article 1. Use of terms', '(a) "Term" shall mean …;', 'This Convention shall apply to every Term.', '# Interpretative notes']) {
        assert.ok(text.includes(line), `the skeleton lacks ${JSON.stringify(line)}:\n${text}`);
      }
      // The snippet's first placeholder, the title, is selected for typing over.
      assert.equal(doc.getText(editor.selection), 'Convention on …');
      // Tab to the term (title, short title, recital participle, recital, term), type one:
      // it is mirrored in the note and, lower-cased, in article 2 once the drafter tabs on.
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      assert.equal(doc.getText(editor.selection), 'Term');
      await vscode.commands.executeCommand('type', { text: 'Competent authority' });
      await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
      await waitFor(() => doc.getText().includes('shall apply to every competent authority.'), 5_000, 'the term to be mirrored in article 2');
      assert.ok(doc.getText().includes('(a) "Competent authority" shall mean …;'));
      assert.ok(doc.getText().includes('1. The definition of "Competent authority" in article 1 (a)'));
      assert.equal(doc.getText(editor.selection), '…', 'Tab did not move on to the meaning of the term');
      const typed = doc.getText();

      // The server has analysed this version: its outline has both articles.
      await waitFor(async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        const names: string[] = [];
        const walk = (list: vscode.DocumentSymbol[] | undefined) => list?.forEach((s) => (names.push(s.name), walk(s.children)));
        walk(symbols);
        return names.some((n) => n.startsWith('Article 1')) && names.some((n) => n.startsWith('Article 2'));
      }, 15_000, 'the outline of the new treaty');

      // Diagnostics flow for this untitled document: a dangling reference is reported …
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const addition = '\n2. See article 9 of this Convention.\n';
      const dangling = waitForDiagnostics(doc.uri, (d) => d.some((x) => diagnosticCode(x) === 'reference.dangling'), 15_000, 'reference.dangling in the new treaty');
      assert.ok(await editor.edit((e) => e.insert(end, addition)), 'could not add a line');
      await dangling;
      // … and once it is gone, nothing is left: the skeleton itself is clean.
      const clean = waitForDiagnostics(doc.uri, (d) => d.length === 0, 15_000, 'no diagnostics in the skeleton');
      const start = doc.getText().lastIndexOf(addition);
      const added = new vscode.Range(doc.positionAt(start), doc.positionAt(start + addition.length));
      assert.ok(await editor.edit((e) => e.delete(added)), 'could not remove the line');
      assert.equal(doc.getText(), typed);
      const diags = await clean;
      assert.equal(diags.length, 0, summarize(diags));
    } finally {
      await closeWithoutSaving(doc);
    }
  });

  describe('the example convention and the walkthrough buttons', () => {
    let copy: vscode.TextDocument;

    before(async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('treatymark.openExample');
      copy = await vscode.workspace.openTextDocument(uri);
    });

    after(async () => {
      if (copy) await closeWithoutSaving(copy);
    });

    it('"Open example convention" opens a writable copy of the bundled convention, outside the extension folder', async () => {
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), copy.uri.toString());
      assert.equal(copy.languageId, 'treaty');
      assert.ok(!copy.uri.path.startsWith(ext.extensionUri.path), `the example was opened in the extension folder: ${copy.uri.path}`);
      const bundled = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'convention.treaty')));
      assert.equal(copy.getText(), bundled);
      assert.ok(copy.getText().includes('## Article 68. '));
    });

    it('"Show me" for go to definition lands on "Traffic data" in article 2 (c)', async () => {
      await vscode.commands.executeCommand('treatymark.walkthrough.definition');
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), copy.uri.toString());
      await waitFor(() => copy.lineAt(vscode.window.activeTextEditor!.selection.active.line).text.startsWith('(c) "Traffic data"'), 10_000, 'the cursor to reach article 2 (c)');
    });

    it('"Show me" for the hover puts the cursor on "article 17" in article 2 (m)', async () => {
      await vscode.commands.executeCommand('treatymark.walkthrough.hover');
      const at = vscode.window.activeTextEditor!.selection.active;
      const line = copy.lineAt(at.line).text;
      assert.ok(line.startsWith('(m) "Predicate offence"'), line);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', copy.uri, at);
      const text = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      assert.match(text, /Laundering of proceeds of crime/, `the hover does not show article 17: ${JSON.stringify(text)}`);
      assert.match(text, /predicate offence is an offence established in accordance with articles 7 to 16/, `the hover lacks interpretative note 3: ${JSON.stringify(text)}`);
    });

    it('"Show me" for a dangling reference makes article 2 (m) cite article 99, reported as an error', async () => {
      await vscode.commands.executeCommand('treatymark.walkthrough.dangling');
      const line = copy.getText().split('\n').findIndex((l) => l.startsWith('(m) "Predicate offence"'));
      assert.ok(copy.lineAt(line).text.includes('article 99 of this Convention'));
      const diags = await waitForDiagnostics(copy.uri, (d) => d.some((x) => diagnosticCode(x) === 'reference.dangling'), 15_000, 'reference.dangling in the copy');
      const d = diags.find((x) => diagnosticCode(x) === 'reference.dangling')!;
      assert.equal(d.range.start.line, line);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    });

    it('"Show me" for renumbering inserts article 7 bis and offers the Renumber quick fix there', async () => {
      await vscode.commands.executeCommand('treatymark.walkthrough.renumber');
      const heading = copy.getText().split('\n').findIndex((l) => l.startsWith('## Article 7 bis.'));
      assert.ok(heading > 0, 'no article 7 bis was inserted');
      await waitForDiagnostics(copy.uri, (d) => d.some((x) => diagnosticCode(x) === 'numbering.provisional'), 15_000, 'numbering.provisional at article 7 bis');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', copy.uri, copy.lineAt(heading).range);
      const titles = (actions ?? []).map((a) => a.title);
      assert.ok(titles.some((t) => t.startsWith('Renumber')), `no Renumber quick fix; actions: ${titles.join(', ') || '(none)'}`);
      await vscode.commands.executeCommand('hideCodeActionWidget');
    });
  });
});
