// Negotiating text in VS Code: the commands that accept or reject tracked changes (all of
// them, or those in the selection), list the comments, and make a clean copy for
// circulation; and a status bar item with what is still open ("111 open sets · 29 changes
// · 74 comments"). The server does the work (server/src/lsp/negotiation.ts); this file asks
// it and shows the answers.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { negotiationText, type OpenCounts } from './statusText';

const ACCEPT_ALL = 'treatymark.server.acceptAllChanges';
const REJECT_ALL = 'treatymark.server.rejectAllChanges';
const CLEAN_COPY = 'treatymark.server.cleanCopy';
const COMMENTS_REQUEST = 'treatymark/comments';
const DOCUMENT_STATS_REQUEST = 'treatymark/documentStats';

interface LspPosition {
  line: number;
  character: number;
}
interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

interface CommentEntry {
  label: string;
  text: string;
  anchor?: string;
  range: LspRange;
  selectionRange: LspRange;
}

interface DecideResult {
  applied: boolean;
  count: number;
  message: string;
}

type CleanResult = { text: string; changes: number; comments: number } | { error: string; position?: LspPosition };



export function registerNegotiation(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const running = (): LanguageClient | undefined => {
    const client = getClient();
    return client && client.state === State.Running ? client : undefined;
  };
  const treatyEditor = (what: string): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'treaty') {
      void vscode.window.showInformationMessage(`Treatymark: open a .treaty file to ${what}.`);
      return undefined;
    }
    if (!running()) {
      void vscode.window.showWarningMessage('Treatymark: the language server is not running.');
      return undefined;
    }
    return editor;
  };

  const decide = async (decision: 'accept' | 'reject', inSelection: boolean): Promise<DecideResult | undefined> => {
    const editor = treatyEditor(`${decision} its changes`);
    const client = running();
    if (!editor || !client) return undefined;
    const args: unknown[] = [editor.document.uri.toString()];
    if (inSelection) {
      // The selection, or the change under the cursor when nothing is selected.
      args.push(client.code2ProtocolConverter.asRange(editor.selection));
    }
    const result = await client.sendRequest<DecideResult | null>('workspace/executeCommand', { command: decision === 'accept' ? ACCEPT_ALL : REJECT_ALL, arguments: args });
    if (result) void vscode.window.showInformationMessage(`Treatymark: ${result.message}`);
    return result ?? undefined;
  };

  const listComments = async (): Promise<void> => {
    const editor = treatyEditor('list its comments');
    const client = running();
    if (!editor || !client) return;
    const document = editor.document;
    const comments = await client.sendRequest<CommentEntry[]>(COMMENTS_REQUEST, { textDocument: { uri: document.uri.toString() } });
    if (!comments || comments.length === 0) {
      void vscode.window.showInformationMessage('Treatymark: this document has no comments.');
      return;
    }
    const c2 = client.protocol2CodeConverter;
    type Item = vscode.QuickPickItem & { entry: CommentEntry };
    const items: Item[] = comments.map((entry) => ({
      label: entry.label,
      description: entry.anchor ? `«${entry.anchor}»` : undefined,
      detail: entry.text,
      entry,
    }));
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = `Comments (${comments.length})`;
    pick.placeholder = 'Type to filter by label, commented text or comment; Enter goes to the comment';
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.items = items;
    const visible = editor.visibleRanges[0];
    const selection = editor.selection;
    let chosen = false;
    pick.onDidChangeActive((active) => {
      // Preview: show each comment's place as the list is walked.
      const item = active[0];
      if (item) editor.revealRange(c2.asRange(item.entry.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      chosen = !!item;
      pick.hide();
      if (!item) return;
      const range = c2.asRange(item.entry.selectionRange);
      void vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, selection: range }).then((e) => e.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport));
    });
    pick.onDidHide(() => {
      pick.dispose();
      if (!chosen && visible) {
        editor.selection = selection;
        editor.revealRange(visible, vscode.TextEditorRevealType.AtTop);
      }
    });
    pick.show();
  };

  const cleanCopy = async (options: { dropBrackets?: boolean } = {}): Promise<vscode.Uri | undefined> => {
    const editor = treatyEditor('make a clean copy of it');
    const client = running();
    if (!editor || !client) return undefined;
    const source = editor.document.uri;
    const result = await client.sendRequest<CleanResult | null>('workspace/executeCommand', { command: CLEAN_COPY, arguments: [source.toString(), { dropBrackets: !!options.dropBrackets }] });
    if (!result) return undefined;
    if ('error' in result) {
      const choice = await vscode.window.showErrorMessage(`Treatymark: ${result.error}`, ...(result.position ? ['Go There'] : []));
      if (choice && result.position) {
        const at = client.protocol2CodeConverter.asPosition(result.position);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
      }
      return undefined;
    }
    const target = await cleanCopyTarget(source);
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
    await vscode.window.showTextDocument(target, { preview: false });
    const brackets = options.dropBrackets ? ', brackets removed' : '';
    void vscode.window.showInformationMessage(`Treatymark: clean copy written to ${baseName(target)} (${result.changes} ${result.changes === 1 ? 'change' : 'changes'} accepted, ${result.comments} ${result.comments === 1 ? 'comment' : 'comments'} removed${brackets}).`);
    return target;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('treatymark.acceptAllChanges', () => decide('accept', false)),
    vscode.commands.registerCommand('treatymark.rejectAllChanges', () => decide('reject', false)),
    vscode.commands.registerCommand('treatymark.acceptChangesInSelection', () => decide('accept', true)),
    vscode.commands.registerCommand('treatymark.rejectChangesInSelection', () => decide('reject', true)),
    vscode.commands.registerCommand('treatymark.listComments', listComments),
    vscode.commands.registerCommand('treatymark.cleanCopy', (options?: { dropBrackets?: boolean }) => cleanCopy(options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : {})),
    vscode.commands.registerCommand('treatymark.cleanCopyWithoutBrackets', () => cleanCopy({ dropBrackets: true })),
  );
  registerOpenStatus(context, getClient);
}

/** `<name>.clean.treaty` beside a file on disk (asking before replacing one); a save dialog otherwise. */
async function cleanCopyTarget(source: vscode.Uri): Promise<vscode.Uri | undefined> {
  const name = baseName(source).replace(/\.treaty$/i, '');
  if (source.scheme === 'untitled') {
    return vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(`${name}.clean.treaty`), filters: { Treaty: ['treaty'] }, title: 'Save the clean copy' });
  }
  const beside = vscode.Uri.joinPath(source, '..', `${name}.clean.treaty`);
  let exists = false;
  try {
    await vscode.workspace.fs.stat(beside);
    exists = true;
  } catch {
    exists = false;
  }
  if (!exists) return beside;
  const choice = await vscode.window.showWarningMessage(`${baseName(beside)} already exists. Replace it with a new clean copy?`, { modal: true }, 'Replace', 'Save As…');
  if (choice === 'Replace') return beside;
  if (choice === 'Save As…') return vscode.window.showSaveDialog({ defaultUri: beside, filters: { Treaty: ['treaty'] }, title: 'Save the clean copy' });
  return undefined;
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A status bar item beside "68 articles · 0 problems": what is still open in the active treaty. */
function registerOpenStatus(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const item = vscode.window.createStatusBarItem('treatymark.negotiation', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Treatymark: negotiating text';
  context.subscriptions.push(item);
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    const editor = vscode.window.activeTextEditor;
    const client = getClient();
    if (!editor || editor.document.languageId !== 'treaty' || !client || client.state !== State.Running) {
      item.hide();
      return;
    }
    const uri = editor.document.uri.toString();
    try {
      const stats = await client.sendRequest<(OpenCounts & { role: string }) | null>(DOCUMENT_STATS_REQUEST, { textDocument: { uri } });
      if (vscode.window.activeTextEditor?.document.uri.toString() !== uri) return;
      const text = stats ? negotiationText(stats) : '';
      if (!stats || !text) {
        item.hide();
        return;
      }
      item.text = text;
      const tip = new vscode.MarkdownString(
        [
          '**Treatymark** — negotiating text',
          '',
          `${stats.openSets} alternative ${stats.openSets === 1 ? 'set' : 'sets'} and ${stats.bracketed ?? 0} other bracketed ${stats.bracketed === 1 ? 'text' : 'texts'} still open; ${stats.changes} tracked ${stats.changes === 1 ? 'change' : 'changes'}; ${stats.comments} ${stats.comments === 1 ? 'comment' : 'comments'}.`,
          '',
          '[List comments](command:treatymark.listComments) · [Accept all changes](command:treatymark.acceptAllChanges) · [Reject all changes](command:treatymark.rejectAllChanges) · [Make a clean copy](command:treatymark.cleanCopy)',
        ].join('\n'),
      );
      tip.isTrusted = { enabledCommands: ['treatymark.listComments', 'treatymark.acceptAllChanges', 'treatymark.rejectAllChanges', 'treatymark.cleanCopy'] };
      item.tooltip = tip;
      item.command = stats.comments > 0 ? { title: 'List comments', command: 'treatymark.listComments' } : undefined;
      item.show();
    } catch {
      item.hide();
    }
  };
  const update = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 150);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    // Diagnostics are published after each analysis: the counts may have changed.
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) update();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  const client = getClient();
  if (client) context.subscriptions.push(client.onDidChangeState(update));
  update();
}
