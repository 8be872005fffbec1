// What every LSP feature module gets: the connection, the workspace (documents and the
// project of all treaty files), the settings, and `guard`, which turns a bug in a
// handler into an empty answer and a log line instead of a dead server.
import { ResponseError, type ClientCapabilities, type Connection } from 'vscode-languageserver';
import type { View } from '../workspace/bundle';
import { safePosition } from './convert';
import type { Diagnostics } from './diagnostics';
import type { Settings } from './settings';
import type { Workspace } from './workspace';

export interface ServerContext {
  connection: Connection;
  workspace: Workspace;
  settings: Settings;
  diagnostics: Diagnostics;
  /** The client's capabilities, once initialized. */
  client: ClientCapabilities;
  initializationOptions: Record<string, unknown>;
  log(message: string): void;
  /** Runs a handler; a thrown error (other than a ResponseError meant for the client) is logged and `fallback` returned. */
  guard<T>(name: string, fallback: T, run: () => T): T;
  guardAsync<T>(name: string, fallback: T, run: () => Promise<T>): Promise<T>;
}

/**
 * One LSP feature's handlers. What it announces is in capabilities.ts (commands and code
 * actions too); its module joins FEATURES in server.ts.
 */
export interface Feature {
  name: string;
  register(ctx: ServerContext): void;
}

export function makeGuards(log: (m: string) => void) {
  const report = (name: string, e: unknown) => {
    const err = e as Error;
    log(`[${name}] failed: ${err?.stack ?? String(e)}`);
  };
  return {
    guard<T>(name: string, fallback: T, run: () => T): T {
      try {
        return run();
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        report(name, e);
        return fallback;
      }
    },
    async guardAsync<T>(name: string, fallback: T, run: () => Promise<T>): Promise<T> {
      try {
        return await run();
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        report(name, e);
        return fallback;
      }
    },
  };
}

/** The view of a document and the offset of a position in it; undefined when nothing is there. */
export function viewAt(
  ctx: ServerContext,
  textDocument: { uri: string } | undefined,
  position: { line: number; character: number } | undefined,
  current = false,
): { view: View; key: string; offset: number } | undefined {
  const uri = textDocument?.uri;
  if (typeof uri !== 'string') return undefined;
  const view = current ? ctx.workspace.currentView(uri) : ctx.workspace.view(uri);
  if (!view) return undefined;
  const key = ctx.workspace.key(uri);
  const offset = view.offsetAt(key, safePosition(position));
  if (offset === undefined || !Number.isFinite(offset)) return undefined;
  return { view, key, offset };
}
