// A real LSP client for the protocol tests: starts `node dist/server.js --stdio` as a child
// process and talks to it with vscode-languageserver-protocol, as an editor would.
import { execSync, spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');
export const EXAMPLES = path.join(ROOT, 'examples');
export const CONVENTION_TEXT = fs.readFileSync(path.join(EXAMPLES, 'convention.treaty'), 'utf8');

/** Builds dist/ when it is missing or older than a source file (the root `npm test` builds first anyway). */
export function ensureBuilt(): void {
  const newest = (dir: string): number => {
    let t = 0;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      t = Math.max(t, e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }
    return t;
  };
  const sources = Math.max(newest(path.join(ROOT, 'server', 'src')), newest(path.join(ROOT, 'client', 'src')));
  if (fs.existsSync(SERVER) && fs.statSync(SERVER).mtimeMs >= sources) return;
  execSync('npm run build', { cwd: ROOT, stdio: 'ignore' });
}

export const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    completion: { completionItem: { labelDetailsSupport: true, snippetSupport: false } },
    rename: { prepareSupport: true },
    publishDiagnostics: { versionSupport: true, tagSupport: { valueSet: [1, 2] } },
    semanticTokens: {
      requests: { full: true },
      tokenTypes: ['variable', 'macro', 'namespace', 'keyword', 'string'],
      tokenModifiers: ['declaration', 'readonly', 'deprecated', 'defaultLibrary'],
      formats: ['relative'],
    },
    codeLens: {},
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: false },
    workspaceEdit: { documentChanges: true },
    symbol: {},
  },
};

interface StartOptions {
  /** Folders (paths) announced as workspace folders. */
  folders?: string[];
  /** Workspace folders given as URIs of any scheme (instead of `folders`). */
  workspaceFolders?: { uri: string; name: string }[];
  capabilities?: ClientCapabilities;
  /** What the client answers to workspace/configuration for `treatymark`. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Another build of the server to run (default: dist/server.js). */
  server?: string;
  /** Answers to the server's requests, installed before it starts (e.g. treatymark/fs/readFile). */
  handlers?: Record<string, (params: never) => unknown>;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  readonly startedAt = performance.now();

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown> | undefined,
  ) {
    this.settings = settings ?? {};
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.test(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'treatymark' ? this.settings : null)));
    connection.onRequest(RegistrationRequest.method, () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [options.server ?? SERVER, '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options.settings);
    child.stderr.on('data', (d) => client.logs.push(String(d)));
    for (const [method, handler] of Object.entries(options.handlers ?? {})) connection.onRequest(method, handler);
    connection.listen();
    const folders = options.workspaceFolders ?? (options.folders ?? []).map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) }));
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities: options.capabilities ?? CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'treaty', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** The next (or an already received) diagnostics publication for `uri` that passes `test`. */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000, includeSeen = true): Promise<PublishDiagnosticsParams> {
    if (includeSeen) {
      const seen = (this.diagnostics.get(uri) ?? []).filter(test);
      if (seen.length > 0) return Promise.resolve(seen[seen.length - 1]);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; logs:\n${this.logs.join('\n')}`)), timeoutMs);
      this.waiters.push({
        uri,
        test,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    if (this.child.exitCode === null) {
      await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}

/** A temporary folder holding the given files; returns its path and the URI of each file. */
export function tempWorkspace(files: Record<string, string>): { dir: string; uri: (name: string) => string; path: (name: string) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'treatymark-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return {
    dir,
    uri: (name) => pathToFileURL(path.join(dir, name)).href,
    path: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Position (0-based) of the first `needle` at or after the line holding `after` (a string) or line number `after`. */
export function positionOf(text: string, needle: string, after?: string | number, offsetInNeedle = 1): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  let startLine = 0;
  if (typeof after === 'number') startLine = after;
  else if (typeof after === 'string') {
    startLine = lines.findIndex((l) => l.includes(after));
    if (startLine < 0) throw new Error(`"${after}" not found`);
  }
  for (let i = startLine; i < lines.length; i++) {
    const at = lines[i].indexOf(needle);
    if (at >= 0) return { line: i, character: at + offsetInNeedle };
  }
  throw new Error(`"${needle}" not found after line ${startLine}`);
}

export function lineOf(text: string, needle: string): number {
  const i = text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i;
}

/** The text a range covers. */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split(/(?<=\r\n|\r|\n)/);
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

/**
 * A language server for the enclosing `describe`: built, started before its tests and stopped
 * after them. Returns the client, valid once the suite's tests run.
 */
export function serverForSuite(options: StartOptions = {}): () => LspClient {
  let client: LspClient | undefined;
  before(async () => {
    ensureBuilt();
    client = await LspClient.start(options);
  });
  after(async () => {
    await client?.stop();
  });
  return () => client!;
}
