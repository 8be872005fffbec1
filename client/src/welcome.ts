// First run: "Treatymark: New treaty" (a skeleton to type in), "Treatymark: Open example
// convention", and the commands behind the buttons of the walkthrough "Draft a treaty with
// Treatymark" (package.json contributes.walkthroughs, walkthrough/*.md), each of which opens
// the example and shows one feature on it.
import * as vscode from 'vscode';
import { SKELETON_SNIPPET } from './skeleton';

const EXAMPLE = ['examples', 'convention.treaty'];

export function registerWelcome(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('treatymark.newTreaty', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'treaty' });
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await editor.insertSnippet(new vscode.SnippetString(SKELETON_SNIPPET), new vscode.Position(0, 0));
      return doc.uri;
    }),
    vscode.commands.registerCommand('treatymark.openExample', async () => (await openExample(context)).document.uri),
    vscode.commands.registerCommand('treatymark.walkthrough.definition', () => showDefinition(context)),
    vscode.commands.registerCommand('treatymark.walkthrough.hover', () => showHover(context)),
    vscode.commands.registerCommand('treatymark.walkthrough.dangling', () => showDangling(context)),
    vscode.commands.registerCommand('treatymark.walkthrough.renumber', () => showRenumber(context)),
  );
}

/**
 * Opens the drafter's copy of the bundled convention. The installed extension's folder is
 * read-only, so the example is copied to the extension's global storage; a copy already open is
 * shown as it is (with the drafter's edits), otherwise a fresh copy replaces the old one.
 */
async function openExample(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
  const copy = vscode.Uri.joinPath(context.globalStorageUri, ...EXAMPLE);
  let doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === copy.toString() && !d.isClosed);
  if (!doc) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, ...EXAMPLE));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(copy, '..'));
    await vscode.workspace.fs.writeFile(copy, bytes);
    doc = await vscode.workspace.openTextDocument(copy);
  }
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Line of the first line starting with `prefix` at or after `from`, or -1. */
function lineStarting(doc: vscode.TextDocument, prefix: string, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  return -1;
}

/** Puts the cursor on `phrase` (case-insensitive), searching from line `from`, in the middle of the screen. */
function placeCursor(editor: vscode.TextEditor, phrase: string, from: number): vscode.Position | undefined {
  const doc = editor.document;
  for (let i = Math.max(from, 0); i < doc.lineCount; i++) {
    const col = doc.lineAt(i).text.toLowerCase().indexOf(phrase.toLowerCase());
    if (col < 0) continue;
    const at = new vscode.Position(i, col + 1);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    return at;
  }
  return undefined;
}

/** Waits (up to 15 s) until the language server answers `probe` with something, so the editor command that follows has a result to show. */
async function serverReady(probe: () => Thenable<unknown[] | undefined>): Promise<void> {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const result = await probe();
    if (result && result.length > 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function showDefinition(context: vscode.ExtensionContext): Promise<void> {
  const editor = await openExample(context);
  const at = placeCursor(editor, 'traffic data', lineStarting(editor.document, '## Article 26.') + 1);
  if (!at) return;
  await serverReady(() => vscode.commands.executeCommand<unknown[]>('vscode.executeDefinitionProvider', editor.document.uri, at));
  await vscode.commands.executeCommand('editor.action.revealDefinition');
}

async function showHover(context: vscode.ExtensionContext): Promise<void> {
  const editor = await openExample(context);
  const at = placeCursor(editor, 'article 17', lineStarting(editor.document, '(m) "Predicate offence"'));
  if (!at) return;
  await serverReady(() => vscode.commands.executeCommand<unknown[]>('vscode.executeHoverProvider', editor.document.uri, at));
  await vscode.commands.executeCommand('editor.action.showHover');
}

/** Makes "article 17" in article 2 (m) cite article 99, which does not exist, and shows the error. */
async function showDangling(context: vscode.ExtensionContext): Promise<void> {
  const editor = await openExample(context);
  const doc = editor.document;
  const line = lineStarting(doc, '(m) "Predicate offence"');
  if (line < 0) return;
  const text = doc.lineAt(line).text;
  const m = /article (\d+) of this Convention/.exec(text);
  if (m && m[1] !== '99') {
    const start = m.index + 'article '.length;
    await editor.edit((e) => e.replace(new vscode.Range(line, start, line, start + m[1].length), '99'));
  }
  placeCursor(editor, 'article 99', line);
  await waitForDiagnostic(doc.uri, 'reference.dangling');
  await vscode.commands.executeCommand('editor.action.showHover');
}

/** Inserts an "Article 7 bis" before article 8 and opens the quick fixes at its heading. */
async function showRenumber(context: vscode.ExtensionContext): Promise<void> {
  const editor = await openExample(context);
  const doc = editor.document;
  let heading = lineStarting(doc, '## Article 7 bis.');
  if (heading < 0) {
    heading = lineStarting(doc, '## Article 8.');
    if (heading < 0) return;
    await editor.edit((e) => e.insert(new vscode.Position(heading, 0), '## Article 7 bis. Inserted article\n\n1. Each State Party shall …\n\n'));
  }
  placeCursor(editor, '7 bis', heading);
  await waitForDiagnostic(doc.uri, 'numbering.provisional');
  await vscode.commands.executeCommand('editor.action.quickFix');
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return d.code === undefined ? undefined : typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves once `uri` has a diagnostic with `code`, or after 15 s. */
function waitForDiagnostic(uri: vscode.Uri, code: string): Promise<void> {
  const has = () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === code);
  if (has()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && has()) done();
    });
    const timer = setTimeout(done, 15_000);
  });
}
