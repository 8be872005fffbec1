// "Treatymark: Renumber document": asks the server to renumber the active treaty (it applies
// one WorkspaceEdit, so one undo restores everything) and says what it did.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

const SERVER_COMMAND = 'treatymark.server.renumber';

export function registerRenumber(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('treatymark.renumber', async (uri?: vscode.Uri) => {
      const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      const client = getClient();
      if (!document || document.languageId !== 'treaty') {
        void vscode.window.showInformationMessage('Treatymark: open a .treaty file to renumber it.');
        return undefined;
      }
      if (!client) return undefined;
      const result = (await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMAND, arguments: [document.uri.toString()] })) as { applied: boolean; message: string } | null;
      if (result) void vscode.window.showInformationMessage(`Treatymark: ${result.message}`);
      return result;
    }),
  );
}
