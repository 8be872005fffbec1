// Everything the server announces in its InitializeResult, in one place, and the one table
// of commands (workspace/executeCommand) and of code-action providers (textDocument/codeAction)
// that both the announcement and the two dispatchers below read, so what is announced is
// what is served. A feature's handlers stay in its own module (FEATURES in server.ts);
// custom requests (treatymark/…) are not capabilities and are registered there too.
import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type CodeAction, type CodeActionParams, type ServerCapabilities } from 'vscode-languageserver';
import type { Feature, ServerContext } from './context';
import { ACCEPT_ALL_COMMAND, CLEAN_COPY_COMMAND, cleanCommand, decideCommand, negotiationCodeActions, REJECT_ALL_COMMAND } from './negotiation';
import { RENUMBER_COMMAND, RENUMBER_KIND, renumberCodeActions, renumberCommand } from './renumber';
import { LEGEND } from './semanticTokens';

export type CommandHandler = (ctx: ServerContext, args: unknown[]) => Promise<unknown>;

export interface CodeActionProvider {
  /** The kinds it can return, announced in codeActionProvider.codeActionKinds. */
  kinds: string[];
  provide(ctx: ServerContext, params: CodeActionParams): CodeAction[];
}

/**
 * Server commands, by id. They carry `.server.`: the client registers the VS Code commands
 * (treatymark.renumber, …) and calls these, and vscode-languageclient would register these too.
 */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  [RENUMBER_COMMAND]: renumberCommand,
  [ACCEPT_ALL_COMMAND]: (ctx, args) => decideCommand(ctx, args, 'accept'),
  [REJECT_ALL_COMMAND]: (ctx, args) => decideCommand(ctx, args, 'reject'),
  [CLEAN_COPY_COMMAND]: cleanCommand,
};

/** Code-action providers, by name (the name labels their log lines); their actions are returned in this order. */
export const CODE_ACTIONS: Readonly<Record<string, CodeActionProvider>> = {
  renumber: { kinds: [CodeActionKind.QuickFix, RENUMBER_KIND], provide: renumberCodeActions },
  negotiation: { kinds: [CodeActionKind.RefactorRewrite], provide: negotiationCodeActions },
};

/** The capabilities of the InitializeResult, given what the client can do. */
export function serverCapabilities(client: ClientCapabilities): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    definitionProvider: true,
    hoverProvider: true,
    referencesProvider: true,
    documentSymbolProvider: { label: 'Treatymark' },
    workspaceSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    completionProvider: { triggerCharacters: [' ', '('], resolveProvider: false },
    renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
    semanticTokensProvider: { legend: LEGEND, full: true, range: false },
    codeLensProvider: { resolveProvider: false },
    codeActionProvider: { codeActionKinds: [...new Set(Object.values(CODE_ACTIONS).flatMap((p) => p.kinds))] },
    documentOnTypeFormattingProvider: { firstTriggerCharacter: '\n' },
    executeCommandProvider: { commands: Object.keys(COMMANDS) },
  };
}

/** The one handler of each of textDocument/codeAction and workspace/executeCommand, over the tables above. */
export const commandsAndCodeActionsFeature: Feature = {
  name: 'commandsAndCodeActions',
  register(ctx) {
    ctx.connection.onCodeAction((p) =>
      ctx.guardAsync('codeAction', [] as CodeAction[], async () => {
        // Renumbering rewrites the files that cite this one: they must be known first.
        await ctx.workspace.whenScanned(3000);
        // A provider that fails costs its own actions, not the others'.
        return Object.entries(CODE_ACTIONS).flatMap(([name, provider]) => ctx.guard(`codeAction.${name}`, [] as CodeAction[], () => provider.provide(ctx, p)));
      }),
    );
    ctx.connection.onExecuteCommand((p) =>
      ctx.guardAsync('executeCommand', null as unknown, async () => {
        const handler = Object.hasOwn(COMMANDS, p.command) ? COMMANDS[p.command] : undefined;
        return handler ? handler(ctx, p.arguments ?? []) : null;
      }),
    );
  },
};
