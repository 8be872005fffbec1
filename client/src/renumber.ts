// "Treatymark: Renumber document": asks the server to renumber the active treaty (it applies
// one WorkspaceEdit, so one undo restores everything) and says what it did.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

const SERVER_COMMAND = 'treatymark.server.renumber';
const RENUMBER_ANYWAY = 'Renumber anyway';

interface RenumberAnswer {
  applied: boolean;
  message: string;
  needsConfirmation?: boolean;
}

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
      const ask = async (force: boolean) =>
        (await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMAND, arguments: [document.uri.toString(), { force }] })) as RenumberAnswer | null;
      let result = await ask(false);
      // Dangling references would cite the units renumbered to their numbers: the drafter decides.
      if (result?.needsConfirmation) {
        const choice = await vscode.window.showWarningMessage(`Treatymark: ${result.message}`, { modal: true }, RENUMBER_ANYWAY);
        if (choice !== RENUMBER_ANYWAY) return result;
        result = await ask(true);
      }
      if (result) void vscode.window.showInformationMessage(`Treatymark: ${result.message}`);
      return result;
    }),
  );
}
