// The Treatymark extension, the same on the desktop and on the web: starts the language
// server, restarts it (with one clear message) if it dies, shows the status bar item of a
// treaty, answers the server's file reads (files.ts) and hosts the commands. How the server
// runs is the entry's: node.ts (a Node process over IPC, dist/extension.js) or browser.ts (a
// web worker, dist/web/extension.js). Everything that understands treaties lives in the
// server; this file only wires VS Code to it. Only `vscode` and vscode-languageclient's
// common API here, so the web bundle carries no Node built-in.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  State,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { registerCompare } from './compare';
import { registerImport } from './import';
import { registerNegotiation } from './negotiation';
import { registerPreview } from './preview';
import { registerRenumber } from './renumber';
import { registerWelcome } from './welcome';
import { statusText, type DocumentStats } from './statusText';
import { registerFileRequests } from './files';

/** Restarts allowed within RESTART_WINDOW_MS before the client gives up. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;
const DOCUMENT_STATS_REQUEST = 'treatymark/documentStats';

/** What differs between the desktop and the web: the documents served, and how the client and its server are made. */
export interface Platform {
  documentSelector: DocumentSelector;
  createClient(options: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;

export async function activateWith(context: vscode.ExtensionContext, platform: Platform): Promise<void> {
  const output = vscode.window.createOutputChannel('Treatymark', { log: true });
  context.subscriptions.push(output);

  const restarts: number[] = [];
  let toldRestart = false;
  const errorHandler: ErrorHandler = {
    error: (_error, _message, count): ErrorHandlerResult => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true }),
    closed: (): CloseHandlerResult => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      restarts.push(now);
      if (restarts.length <= MAX_RESTARTS) {
        output.appendLine(`The language server stopped unexpectedly; restarting it (${restarts.length} of ${MAX_RESTARTS} in 3 minutes).`);
        if (!toldRestart) {
          toldRestart = true;
          void vscode.window.showWarningMessage('Treatymark: the language server stopped unexpectedly and has been restarted.', 'Show Output').then((choice) => {
            if (choice) output.show(true);
          });
        }
        return { action: CloseAction.Restart, handled: true };
      }
      output.appendLine('The language server stopped too often; it will not be restarted automatically.');
      void vscode.window
        .showErrorMessage(`Treatymark: the language server stopped ${restarts.length} times in 3 minutes and will not be restarted. Outline, diagnostics and navigation are off until it is.`, 'Restart', 'Show Output')
        .then((choice) => {
          if (choice === 'Restart') void vscode.commands.executeCommand('treatymark.restartServer');
          else if (choice === 'Show Output') output.show(true);
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: platform.documentSelector,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.treaty') },
    // The client watches *.treaty itself; the server need not register a watcher.
    initializationOptions: { clientWatchesFiles: true },
    outputChannel: output,
    errorHandler,
  };
  client = platform.createClient(clientOptions);
  registerFileRequests(client);

  const status = vscode.window.createStatusBarItem('treatymark.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Treatymark';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status);
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const updateStatus = () => {
    if (statusTimer) clearTimeout(statusTimer);
    statusTimer = setTimeout(() => void refreshStatus(status), 150);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('treatymark.restartServer', async () => {
      restarts.length = 0;
      toldRestart = false;
      if (!client) return;
      try {
        // restart() is the Node client's alone; stop and start do the same on both.
        if (client.state === State.Running || client.state === State.Starting) await client.stop();
        await client.start();
        void vscode.window.showInformationMessage('Treatymark: the language server has been restarted.');
      } catch (e) {
        output.appendLine(`Restart failed: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`Treatymark: the language server could not be started: ${(e as Error).message}`, 'Show Output').then((c) => c && output.show(true));
      }
      updateStatus();
    }),
    vscode.commands.registerCommand('treatymark.showOutput', () => output.show(true)),
    // The server's code lenses ("cited N times") open the citations through this command, in LSP shapes.
    vscode.commands.registerCommand('treatymark.showReferences', async (uri: string, position: { line: number; character: number }, locations: { uri: string; range: never }[]) => {
      if (!client || typeof uri !== 'string') return;
      const c2 = client.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), c2.asPosition(position), (locations ?? []).map((l) => c2.asLocation(l)));
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && e.uris.some((u) => u.toString() === active)) updateStatus();
    }),
    client.onDidChangeState(updateStatus),
  );

  registerRenumber(context, () => client);
  registerWelcome(context);
  registerNegotiation(context, () => client);
  registerCompare(context, () => client);
  registerImport(context, () => client);
  registerPreview(context, () => client);

  try {
    await client.start();
  } catch (e) {
    output.appendLine(`The language server could not be started: ${(e as Error).stack ?? e}`);
    void vscode.window.showErrorMessage('Treatymark: the language server could not be started.', 'Show Output').then((c) => c && output.show(true));
  }
  updateStatus();
}

async function refreshStatus(status: vscode.StatusBarItem): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'treaty') {
    status.hide();
    return;
  }
  if (!client || client.state !== State.Running) {
    status.text = '$(warning) Treatymark stopped';
    status.tooltip = 'The Treatymark language server is not running. Run "Treatymark: Restart Language Server".';
    status.command = 'treatymark.restartServer';
    status.show();
    return;
  }
  try {
    const uri = editor.document.uri.toString();
    const stats = await client.sendRequest<DocumentStats | null>(DOCUMENT_STATS_REQUEST, { textDocument: { uri } });
    if (vscode.window.activeTextEditor?.document.uri.toString() !== uri) return;
    if (!stats) {
      status.hide();
      return;
    }
    status.text = statusText(stats);
    const tip = new vscode.MarkdownString(
      [
        `**Treatymark** — ${stats.role === 'notes' ? 'interpretative notes' : 'treaty'}`,
        '',
        `${stats.chapters} chapters, ${stats.articles} articles, ${stats.definitions} defined terms, ${stats.notes} interpretative notes, ${stats.references} references.`,
        '',
        `${stats.errors} errors, ${stats.warnings} warnings, ${stats.information} information, ${stats.hints} hints.`,
      ].join('\n'),
    );
    status.tooltip = tip;
    status.command = 'workbench.actions.view.problems';
    status.show();
  } catch {
    status.hide();
  }
}

/** "68 articles · 0 problems"; a notes file counts its notes. */

export async function deactivate(): Promise<void> {
  await client?.stop();
}
