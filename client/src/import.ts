// "Treatymark: Import Word document…": reads a .docx (or a .txt/.md pasted from a PDF or a web
// page) with vscode.workspace.fs, has the language server turn it into a treaty
// (treatymark/import, server/src/lsp/import.ts), and opens the result as a new untitled
// .treaty beside the original, so Save proposes `draft.treaty` next to `draft.docx`. Also in
// the explorer's context menu on a .docx.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ImportParams, ImportResult } from '../../server/src/lsp/import';

const IMPORT_REQUEST = 'treatymark/import';
/** Larger files are not Word documents a drafter imports; base64 would make them larger still. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface ImportOutcome {
  document: vscode.TextDocument;
  result: Extract<ImportResult, { ok: true }>;
}

/** Bytes → base64 in pieces (`btoa` takes a binary string; one call per file would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let out = '';
  // A multiple of 3, so that the pieces' base64 join without padding in between.
  const chunk = 0x6000;
  for (let i = 0; i < bytes.length; i += chunk) out += btoa(String.fromCharCode(...bytes.subarray(i, i + chunk)));
  return out;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

async function pickFile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Import',
    title: 'Import a Word document as a treaty',
    filters: { 'Word documents': ['docx'], 'Text pasted from a PDF or a web page': ['txt', 'md'] },
  });
  return picked?.[0];
}

/** A new untitled treaty holding `text`, named after the imported file. */
async function openResult(source: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const target = vscode.Uri.from({ scheme: 'untitled', path: source.path.replace(/\.[^./]*$/, '') + '.treaty' });
  // A second import of the same file while the first is still open gets a fresh untitled document.
  const taken = vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString());
  let document: vscode.TextDocument;
  if (taken) document = await vscode.workspace.openTextDocument({ language: 'treaty', content: text });
  else {
    document = await vscode.workspace.openTextDocument(target);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(target, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.languageId !== 'treaty') document = await vscode.languages.setTextDocumentLanguage(document, 'treaty');
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function registerImport(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  // From the palette: no argument (a file is picked). From the explorer: the .docx. From a test: a Uri or a path.
  const importDocument = async (given?: vscode.Uri | string): Promise<ImportOutcome | undefined> => {
    const source = typeof given === 'string' ? vscode.Uri.file(given) : given instanceof vscode.Uri ? given : await pickFile();
    if (!source) return undefined;
    const client = getClient();
    if (!client || client.state !== State.Running) {
      void vscode.window.showWarningMessage('Treatymark: the language server is not running; try again in a moment.');
      return undefined;
    }
    const name = baseName(source);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(source);
    } catch (e) {
      void vscode.window.showErrorMessage(`Treatymark: cannot read ${name}: ${(e as Error).message}`);
      return undefined;
    }
    if (bytes.length > MAX_BYTES) {
      void vscode.window.showErrorMessage(`Treatymark: ${name} is ${Math.round(bytes.length / 1048576)} MB, too large to be a Word document to import.`);
      return undefined;
    }
    const params: ImportParams = { name, data: toBase64(bytes) };
    const result = await client.sendRequest<ImportResult | null>(IMPORT_REQUEST, params);
    if (!result) {
      void vscode.window.showErrorMessage('Treatymark: the import failed; see Treatymark: Show Output.');
      return undefined;
    }
    if (!result.ok) {
      void vscode.window.showErrorMessage(`Treatymark: ${result.message}`);
      return undefined;
    }
    const document = await openResult(source, result.text);
    const s = result.stats;
    const marks = result.format === 'docx' ? `, ${s.insertions + s.deletions} tracked changes, ${s.comments} comments` : '';
    void vscode.window.showInformationMessage(`Treatymark: imported ${name}: ${s.headings} headings, ${s.paragraphs} paragraphs${marks}.`);
    return { document, result };
  };
  context.subscriptions.push(vscode.commands.registerCommand('treatymark.importWord', importDocument));
}
