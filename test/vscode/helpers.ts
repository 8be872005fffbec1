// Shared helpers for the in-editor suites: only the public `vscode` API, as a drafter's actions use it.
import * as vscode from 'vscode';

export const EXTENSION_ID = 'treatymark.treatymark';

/** The example convention in the opened folder (the repository root or its examples/ folder). */
export async function findConvention(): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open; launch with the repository or examples/.');
  for (const rel of ['convention.treaty', 'examples/convention.treaty']) {
    const uri = vscode.Uri.joinPath(folder.uri, rel);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`convention.treaty not found under ${folder.uri.toString()}`);
}

export async function openConvention(): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(await findConvention());
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Activates Treatymark (or waits for the activation already under way); rejects with the activation error. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not installed in this editor.`);
  await withTimeout(Promise.resolve(ext.activate()), 30_000, `activation of ${EXTENSION_ID}`);
  return ext;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export async function waitFor(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves with the diagnostics of `uri` once they satisfy `ok` (checked now and on every change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (diags: readonly vscode.Diagnostic[]) => boolean,
  ms: number,
  what: string,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const diags = vscode.languages.getDiagnostics(uri);
      if (ok(diags)) done(() => resolve(diags));
    });
    const timer = setTimeout(() => {
      const diags = vscode.languages.getDiagnostics(uri);
      done(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}; diagnostics now: ${summarize(diags)}`)));
    }, ms);
    const now = vscode.languages.getDiagnostics(uri);
    if (ok(now)) done(() => resolve(now));
  });
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function summarize(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(none)';
  return diags
    .slice(0, 10)
    .map((d) => `${d.range.start.line + 1}: [${diagnosticCode(d) ?? '-'}] ${d.message}`)
    .join('; ') + (diags.length > 10 ? ` … (${diags.length} in all)` : '');
}

/** Index of the first line that starts with `prefix` (throws if none, so a changed example fails clearly). */
export function lineStartingWith(doc: vscode.TextDocument, prefix: string, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`No line starts with ${JSON.stringify(prefix)} in ${doc.uri.fsPath}`);
}

/** Position in the middle of the first occurrence of `phrase` (case-insensitive) at or after line `from`. */
export function positionOf(doc: vscode.TextDocument, phrase: string, from: number): vscode.Position {
  for (let i = from; i < doc.lineCount; i++) {
    const col = doc.lineAt(i).text.toLowerCase().indexOf(phrase.toLowerCase());
    if (col >= 0) return new vscode.Position(i, col + Math.floor(phrase.length / 2));
  }
  throw new Error(`${JSON.stringify(phrase)} not found after line ${from + 1}`);
}

/** Lines [start, end) of the article whose heading starts with `## Article N.`: up to the next heading. */
export function articleLines(doc: vscode.TextDocument, n: number): { start: number; end: number } {
  const start = lineStartingWith(doc, `## Article ${n}.`);
  let end = start + 1;
  while (end < doc.lineCount && !doc.lineAt(end).text.startsWith('#')) end++;
  return { start, end };
}

/** Locations and LocationLinks as (uri, range), taking a link's target selection when it has one. */
export function targets(result: (vscode.Location | vscode.LocationLink)[] | undefined): { uri: vscode.Uri; range: vscode.Range }[] {
  return (result ?? []).map((r) =>
    'targetUri' in r ? { uri: r.targetUri, range: r.targetSelectionRange ?? r.targetRange } : { uri: r.uri, range: r.range },
  );
}

/** Throws away unsaved edits so each test starts from the file on disk. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(() => !doc.isDirty, 10_000, `revert of ${doc.uri.fsPath}`);
}
