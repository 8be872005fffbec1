// Between the core's spans and the protocol's ranges. The core counts UTF-16 offsets,
// as LSP positions do, so a range is the model's LineIndex.rangeOf and nothing more.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Location as LspLocation, type Position, type Range, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Location } from '../workspace/bundle';
import type { Finding } from '../checks/registry';
import type { LineIndex } from '../syntax/text';
import type { ServerContext } from './context';
import type { Level } from './settings';

/** A position from the client, made safe: whole, non-negative numbers. */
export function safePosition(p: Position | undefined): Position {
  const clean = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
  return { line: clean(p?.line), character: clean(p?.character) };
}

function toRange(lines: LineIndex, start: number, end: number): Range {
  return lines.rangeOf({ start, end: Math.max(start, end) });
}

export function toLocation(loc: Location): LspLocation {
  return { uri: loc.uri, range: loc.range };
}

const SEVERITY: Record<Exclude<Level, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface DiagnosticOptions {
  level: Level;
  /** Does the client understand DiagnosticTag.Unnecessary? */
  tags: boolean;
}

export function toDiagnostic(lines: LineIndex, f: Finding, options: DiagnosticOptions): Diagnostic | undefined {
  if (options.level === 'off') return undefined;
  const d: Diagnostic = {
    range: toRange(lines, f.span.start, f.span.end),
    severity: SEVERITY[options.level],
    code: f.code,
    source: 'treatymark',
    message: f.message,
  };
  // Fade an unused definition, as editors fade unused code.
  if (options.tags && f.code === 'definition.unused') d.tags = [DiagnosticTag.Unnecessary];
  if (f.data) d.data = { code: f.code, ...f.data };
  return d;
}

/** One WorkspaceEdit for all files; versioned when the client supports it, so a stale edit is refused, not misapplied. */
export function toWorkspaceEdit(ctx: ServerContext, result: { files: { uri: string; edits: TextEdit[] }[] }): WorkspaceEdit {
  if (ctx.client.workspace?.workspaceEdit?.documentChanges) {
    const documentChanges: TextDocumentEdit[] = result.files.map((f) => ({
      textDocument: { uri: f.uri, version: ctx.workspace.documents.get(f.uri)?.version ?? null },
      edits: f.edits,
    }));
    return { documentChanges };
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const f of result.files) changes[f.uri] = f.edits;
  return { changes };
}
