// The server's wiring: the workspace, settings and diagnostics shared by every feature,
// the lifecycle (initialize, configuration, workspace folders, watched files) and the list
// of features. Each feature lives in its own module; what the server announces is in
// capabilities.ts. The entries (main.ts for Node, browserMain.ts for the web worker) give the
// connection and how files that are not open are read.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { commandsAndCodeActionsFeature, serverCapabilities } from './capabilities';
import { codeLensFeature, refreshCodeLenses } from './codeLens';
import { completionFeature } from './completion';
import { makeGuards, type Feature, type ServerContext } from './context';
import { definitionFeature } from './definition';
import { Diagnostics, diagnosticsFeature } from './diagnostics';
import { foldingFeature } from './folding';
import { selectionFeature } from './selection';
import { negotiationFeature } from './negotiation';
import { compareFeature } from './compare';
import { publishFeature } from './publish';
import { importFeature } from './import';
import { hoverFeature } from './hover';
import { onTypeFormattingFeature } from './onTypeFormatting';
import { referencesFeature } from './references';
import { renameFeature } from './rename';
import { semanticTokensFeature } from './semanticTokens';
import { parseSettings, Settings } from './settings';
import { statsFeature } from './stats';
import { symbolsFeature } from './symbols';
import { Workspace } from './workspace';
import type { FileSystem } from '../workspace/files';
// package.json is the one place the version is written; esbuild inlines just this field.
import { version as VERSION } from '../../../package.json';

/** Every feature, in the order handlers are registered. A new one also adds what it announces to capabilities.ts. */
const FEATURES: Feature[] = [
  diagnosticsFeature,
  definitionFeature,
  hoverFeature,
  referencesFeature,
  symbolsFeature,
  foldingFeature,
  selectionFeature,
  completionFeature,
  renameFeature,
  semanticTokensFeature,
  codeLensFeature,
  statsFeature,
  commandsAndCodeActionsFeature,
  onTypeFormattingFeature,
  negotiationFeature,
  compareFeature,
  importFeature,
  publishFeature,
];

export function startServer(connection: Connection, fs: FileSystem): ServerContext {
  const log = (m: string) => {
    try {
      connection.console.log(m);
    } catch {
      // The connection is gone; nothing to tell.
    }
  };
  const workspace = new Workspace(connection, log, fs);
  const settings = new Settings(connection);
  const diagnostics = new Diagnostics();
  const ctx: ServerContext = {
    connection,
    workspace,
    settings,
    diagnostics,
    client: {} as ClientCapabilities,
    initializationOptions: {},
    log,
    ...makeGuards(log),
  };

  let initParams: InitializeParams | undefined;
  connection.onInitialize((params): InitializeResult => {
    initParams = params;
    ctx.client = params.capabilities ?? {};
    ctx.initializationOptions = (params.initializationOptions ?? {}) as Record<string, unknown>;
    const capabilities = serverCapabilities(ctx.client);
    settings.usePull(!!ctx.client.workspace?.configuration);
    // Settings given at start (Helix sends its `config` here): `{ settings: {…} }` or `{ treatymark: {…} }`.
    const io = ctx.initializationOptions;
    const given = io.settings ?? io.treatymark;
    if (given && typeof given === 'object') settings.current = parseSettings('treatymark' in given ? (given as Record<string, unknown>).treatymark : given);
    return { capabilities, serverInfo: { name: 'treatymark', version: VERSION } };
  });

  connection.onInitialized(() => {
    void ctx.guardAsync('initialized', undefined, async () => {
      const caps = ctx.client;
      if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'treatymark' }).catch(() => undefined);
      }
      // The VS Code client watches *.treaty itself (initializationOptions.clientWatchesFiles).
      if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !ctx.initializationOptions.clientWatchesFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.treaty' }] }).catch(() => undefined);
      }
      const folders = initParams?.workspaceFolders ?? (initParams?.rootUri ? [{ uri: initParams.rootUri, name: 'root' }] : []);
      const scanned = workspace.setFolders(folders ?? []);
      if (caps.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(() => {
          void ctx.guardAsync('workspaceFolders', undefined, async () => {
            const now = (await connection.workspace.getWorkspaceFolders()) ?? [];
            await workspace.setFolders(now);
          });
        });
      }
      const before = JSON.stringify(settings.current);
      await settings.refresh();
      if (JSON.stringify(settings.current) !== before) diagnostics.republishAll();
      await scanned;
      refreshCodeLenses(ctx);
    });
  });

  connection.onDidChangeConfiguration((params) => {
    void ctx.guardAsync('didChangeConfiguration', undefined, async () => {
      await settings.refresh(params?.settings ?? undefined);
      diagnostics.republishAll();
      refreshCodeLenses(ctx);
    });
  });

  connection.onDidChangeWatchedFiles((params) => {
    void ctx.guardAsync('didChangeWatchedFiles', undefined, () => workspace.onWatchedFiles(params));
  });
  workspace.onDidChange(({ disk }) => {
    if (disk) refreshCodeLenses(ctx);
  });

  for (const f of FEATURES) {
    try {
      f.register(ctx);
    } catch (e) {
      log(`[${f.name}] registration failed: ${(e as Error).stack ?? e}`);
    }
  }
  workspace.listen();
  return ctx;
}
