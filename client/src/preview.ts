// "Treatymark: Open Preview (to the Side)", "Print / Save as PDF" and the export commands.
// The preview is a webview showing the treaty as printed — the HTML the server renders for
// `treatymark export --to html` (treatymark/preview), under a strict Content-Security-Policy
// with a nonce — updated as you type, its scrolling synced with the editor's both ways
// through `data-line`. Webviews cannot print, so printing opens the exported page in the
// browser. Exports ask where to save and write what the server made (treatymark/export).
import * as vscode from 'vscode';
import { fileName, nonceOf } from './webview';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { ExportAnswer, PreviewAnswer } from '../../server/src/lsp/publish';
import { PREVIEW_SCRIPT } from './previewScript';

const PREVIEW_REQUEST = 'treatymark/preview';
const EXPORT_REQUEST = 'treatymark/export';
const VIEW_TYPE = 'treatymark.preview';
/** Pause after typing before the preview renders again. */
const DEBOUNCE_MS = 250;

type Message = { type: string; [key: string]: unknown };

/** What the command returns: the panel, and a way to look into it (the in-editor tests use it). */
export interface PreviewHandle {
  panel: vscode.WebviewPanel;
  document: vscode.TextDocument;
  /** Resolves once the webview shows a rendering of this document version (or any, without one). */
  rendered(version?: number): Promise<{ units: number; article17: string | null }>;
  /** The text and position of an element of the preview. */
  query(selector: string): Promise<{ text: string | null; top: number | null; clean: boolean }>;
  /** Clicks an element of the preview (a link) and resolves with where the preview went. */
  click(selector: string): Promise<{ id: string | null; top?: number }>;
  /** Double-clicks an element of the preview (which opens the source at its line). */
  dblclick(selector: string): void;
  /** The (fractional) source line at the top of the preview. */
  topLine(): Promise<number>;
  /** The last line the preview asked the editor to show (scroll sync). */
  lastRevealed(): number | undefined;
}

const EXPORTS: { command: string; format: string; label: string; extensions: string[] }[] = [
  { command: 'treatymark.exportHtml', format: 'html', label: 'HTML page', extensions: ['html'] },
  { command: 'treatymark.exportWord', format: 'docx', label: 'Word document', extensions: ['docx'] },
  { command: 'treatymark.exportAkn', format: 'akn', label: 'Akoma Ntoso XML', extensions: ['xml', 'akn'] },
];

export function registerPreview(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const previews = new Map<string, Preview>();
  const running = () => {
    const client = getClient();
    if (client && client.state === State.Running) return client;
    void vscode.window.showWarningMessage('Treatymark: the language server is not running.');
    return undefined;
  };
  const open = async (side: boolean, arg?: vscode.Uri): Promise<PreviewHandle | undefined> => {
    const document = await treatyDocument(arg);
    const client = document && running();
    if (!document || !client) return undefined;
    const key = document.uri.toString();
    let preview = previews.get(key);
    if (preview) preview.panel.reveal(undefined, true);
    else {
      const column = side ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      preview = new Preview(document, client, column, () => previews.delete(key));
      previews.set(key, preview);
    }
    // Right after start the server may not know the document yet: ask again a few times.
    for (let tries = 0; !(await preview.update()) && tries < 20; tries++) await new Promise((r) => setTimeout(r, 250));
    return preview.handle;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('treatymark.openPreview', (uri?: vscode.Uri) => open(false, uri)),
    vscode.commands.registerCommand('treatymark.openPreviewToSide', (uri?: vscode.Uri) => open(true, uri)),
    vscode.commands.registerCommand('treatymark.print', async (uri?: vscode.Uri) => {
      // In the browser (vscode.dev) no local browser can be opened on a file: save the
      // printable page instead, to open and print from the browser's downloads.
      if (vscode.env.uiKind === vscode.UIKind.Web) return vscode.commands.executeCommand('treatymark.exportHtml', uri);
      const document = await treatyDocument(uri);
      const client = document && running();
      if (!document || !client) return undefined;
      const answer = await client.sendRequest<ExportAnswer | null>(EXPORT_REQUEST, { textDocument: { uri: document.uri.toString() }, format: 'html' });
      if (!answer) return undefined;
      const folder = vscode.Uri.joinPath(context.globalStorageUri, 'print');
      await vscode.workspace.fs.createDirectory(folder);
      const file = vscode.Uri.joinPath(folder, `${baseName(document)}.html`);
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(answer.data));
      await vscode.env.openExternal(file);
      void vscode.window.showInformationMessage(`Treatymark: ${baseName(document)} opened in your browser: print it, or save it as PDF, from there.`);
      return file;
    }),
    ...EXPORTS.map((e) =>
      vscode.commands.registerCommand(e.command, async (uri?: vscode.Uri, target?: vscode.Uri) => {
        const document = await treatyDocument(uri);
        const client = document && running();
        if (!document || !client) return undefined;
        const beside = document.uri.scheme === 'file' ? vscode.Uri.joinPath(document.uri, '..', `${baseName(document)}.${e.extensions[0]}`) : undefined;
        const to = target ?? (await vscode.window.showSaveDialog({ title: `Export ${baseName(document)} as ${e.label}`, defaultUri: beside, filters: { [e.label]: e.extensions }, saveLabel: 'Export' }));
        if (!to) return undefined;
        const answer = await client.sendRequest<ExportAnswer | null>(EXPORT_REQUEST, { textDocument: { uri: document.uri.toString() }, format: e.format });
        if (!answer) {
          void vscode.window.showErrorMessage('Treatymark: the export failed; see Treatymark: Show Output.');
          return undefined;
        }
        const bytes = answer.encoding === 'base64' ? fromBase64(answer.data) : new TextEncoder().encode(answer.data);
        await vscode.workspace.fs.writeFile(to, bytes);
        const note = answer.errors ? ` The treaty has ${answer.errors} error${answer.errors === 1 ? '' : 's'} (see Problems): a reference that names nothing has no link.` : '';
        const show = answer.errors ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
        void show(`Treatymark: exported ${fileName(to)}.${note}`);
        return to;
      }),
    ),
    // A treaty's notes file (or a treaty it cites) changes what its preview shows too.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0 || e.document.languageId !== 'treaty') return;
      for (const p of previews.values()) p.changed();
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => previews.get(e.textEditor.document.uri.toString())?.editorScrolled(e.textEditor)),
    { dispose: () => [...previews.values()].forEach((p) => p.panel.dispose()) },
  );
}

class Preview {
  readonly panel: vscode.WebviewPanel;
  readonly handle: PreviewHandle;
  private timer?: NodeJS.Timeout;
  private readonly nonce = nonceOf();
  private shell = false;
  private disposed = false;
  private version?: number;
  private content = '';
  private quietUntil = 0;
  private revealed?: number;
  private readonly waiters: ((m: Message) => boolean)[] = [];
  private queries = 0;

  constructor(
    readonly document: vscode.TextDocument,
    private readonly client: LanguageClient,
    column: vscode.ViewColumn,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Preview ${fileName(document.uri)}`, { viewColumn: column, preserveFocus: true }, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    this.panel.onDidDispose(() => {
      this.disposed = true;
      if (this.timer) clearTimeout(this.timer);
      onDispose();
    });
    this.panel.webview.onDidReceiveMessage((m: Message) => this.received(m));
    const wait = <T>(match: (m: Message) => T | undefined): Promise<T> =>
      new Promise((resolve) =>
        this.waiters.push((m) => {
          const found = match(m);
          if (found !== undefined) resolve(found);
          return found !== undefined;
        }),
      );
    this.handle = {
      panel: this.panel,
      document,
      rendered: (version) => wait((m) => (m.type === 'rendered' && m.version !== null && (version === undefined || m.version === version) ? { units: m.units as number, article17: m.article17 as string | null } : undefined)),
      query: (selector) => {
        const id = ++this.queries;
        void this.panel.webview.postMessage({ type: 'query', id, selector });
        return wait((m) => (m.type === 'answer' && m.id === id ? { text: m.text as string | null, top: m.top as number | null, clean: !!m.clean } : undefined));
      },
      click: (selector) => {
        const result = wait((m) => (m.type === 'navigated' ? { id: m.id as string | null, top: m.top as number | undefined } : undefined));
        void this.panel.webview.postMessage({ type: 'click', selector });
        return result;
      },
      dblclick: (selector) => void this.panel.webview.postMessage({ type: 'dblclick', selector }),
      topLine: () => {
        const id = ++this.queries;
        void this.panel.webview.postMessage({ type: 'topLine', id });
        return wait((m) => (m.type === 'answer' && m.id === id ? (m.line as number) : undefined));
      },
      lastRevealed: () => this.revealed,
    };
  }

  changed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  /** Asks the server for the rendering of the document as it stands and shows it; false when there is none yet. */
  async update(): Promise<boolean> {
    let answer: PreviewAnswer | null;
    try {
      answer = await this.client.sendRequest<PreviewAnswer | null>(PREVIEW_REQUEST, { textDocument: { uri: this.document.uri.toString() } });
    } catch {
      return false; // the server is restarting: the next change asks again
    }
    if (!answer || this.disposed) return false;
    this.version = answer.version ?? this.document.version;
    this.content = answer.content;
    if (!this.shell) {
      // The page once; later renderings replace only the document, so scroll and switch stay.
      this.shell = true;
      this.panel.webview.html = this.page(answer);
    } else {
      void this.panel.webview.postMessage({ type: 'update', content: answer.content, version: this.version });
    }
    return true;
  }

  private page(answer: PreviewAnswer): string {
    const n = this.nonce;
    const policy = `default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}'; img-src data:;`;
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      `<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">`,
      `<title>${escapeHtml(answer.title)}</title><style nonce="${n}">${answer.style}</style></head>`,
      `<body class="${answer.bodyClass}">`,
      answer.toolbar,
      `<div id="tm-doc" data-version="${this.version}">${answer.content}</div>`,
      `<script nonce="${n}">${PREVIEW_SCRIPT}</script>`,
      '</body>',
      '</html>',
    ].join('\n');
  }

  private received(m: Message): void {
    for (let i = 0; i < this.waiters.length; i++) {
      if (this.waiters[i](m)) this.waiters.splice(i--, 1);
    }
    if (m.type === 'ready') {
      // A webview hidden and shown again reloads the first page: the latest rendering goes back in.
      void this.panel.webview.postMessage({ type: 'update', content: this.content, version: this.version, line: this.topLine() });
    } else if (m.type === 'revealLine' && typeof m.line === 'number') {
      this.revealed = m.line;
      this.reveal(m.line);
    } else if (m.type === 'openSource' && typeof m.line === 'number') {
      void this.openSource(m.line);
    }
  }

  private topLine(): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    return editor && topLineOf(editor);
  }

  /** The preview scrolled: the editors of the document follow (and their echo is ignored). */
  private reveal(line: number): void {
    this.quietUntil = Date.now() + 300;
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      const at = new vscode.Range(line, 0, line, 0);
      editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
    }
  }

  editorScrolled(editor: vscode.TextEditor): void {
    if (Date.now() < this.quietUntil || !this.panel.visible) return;
    const line = topLineOf(editor);
    if (line !== undefined) void this.panel.webview.postMessage({ type: 'scrollTo', line });
  }

  private async openSource(line: number): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const at = new vscode.Position(Math.min(line, this.document.lineCount - 1), 0);
    await vscode.window.showTextDocument(this.document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
  }
}

/** The editor's top line, with how far down a wrapped line its top row is (as VS Code's Markdown preview). */
function topLineOf(editor: vscode.TextEditor): number | undefined {
  const start = editor.visibleRanges[0]?.start;
  if (!start) return undefined;
  return start.line + start.character / (editor.document.lineAt(start.line).text.length + 2);
}

/** The treaty to preview or export: the given file, or the active editor's treaty. */
async function treatyDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'treaty') return active;
  void vscode.window.showInformationMessage('Treatymark: open a .treaty file first.');
  return undefined;
}

function baseName(document: vscode.TextDocument): string {
  return fileName(document.uri).replace(/\.treaty$/i, '') || 'treaty';
}

function fromBase64(data: string): Uint8Array {
  const s = atob(data);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}


