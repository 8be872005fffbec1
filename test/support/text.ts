// Small helpers every kind of test needs: find a spot in a text, mark one with a cursor,
// apply edits (core offsets, LSP ranges, or a WorkspaceEdit for one file), and a project
// of files given as texts. One copy, so a fix reaches every test.
import { applyEdits as applySpanEdits, type TextEdit as SpanEdit } from '../../server/src/edits/textedit';
import { LineIndex, type LineRange, type Position } from '../../server/src/syntax/text';
import { Project } from '../../server/src/workspace/project';

/** The offset of `needle` (first found after `after`, when given), plus `inNeedle` characters into it. */
export function offsetOf(text: string, needle: string, after = '', inNeedle = 1): number {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  if (from < 0 || at < 0) throw new Error(`${needle} not found`);
  return at + inNeedle;
}

/**
 * A fixture with its cursor marked: `withCursor('See article |2.')` → the text without the
 * marker, the offset where it stood and that offset as an LSP position. Exactly one marker.
 */
export function withCursor(marked: string, marker = '|'): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf(marker);
  if (offset < 0 || marked.indexOf(marker, offset + 1) >= 0) throw new Error(`withCursor: want exactly one "${marker}" in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + marker.length);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

/** An edit in the core's offsets or in LSP line/character ranges. */
export type AnyEdit = SpanEdit | { range: LineRange; newText: string };

/** Applies non-overlapping edits (any order) with the server's own applyEdits; overlapping edits throw. */
export function applyEdits(text: string, edits: readonly AnyEdit[]): string {
  const lines = new LineIndex(text);
  return applySpanEdits(
    text,
    edits.map((e) => ('span' in e ? e : { span: { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) }, newText: e.newText })),
  );
}

/** What edits several files: a WorkspaceEdit (`changes` or `documentChanges`) or a list of per-file edits. */
type MultiFileEdit =
  | { changes?: Record<string, readonly AnyEdit[]>; documentChanges?: readonly unknown[] }
  | readonly { uri: string; edits: readonly AnyEdit[] }[];

/** The edits of one file in a multi-file edit. */
export function editsFor(uri: string, edit: MultiFileEdit): AnyEdit[] {
  if (Array.isArray(edit)) return (edit as readonly { uri: string; edits: readonly AnyEdit[] }[]).filter((f) => f.uri === uri).flatMap((f) => f.edits);
  const ws = edit as Exclude<MultiFileEdit, readonly unknown[]>;
  const documentChanges = (ws.documentChanges ?? []) as { textDocument?: { uri: string }; edits?: AnyEdit[] }[];
  return [...(ws.changes?.[uri] ?? []), ...documentChanges.filter((d) => d.textDocument?.uri === uri).flatMap((d) => d.edits ?? [])];
}

/** Applies a multi-file edit's edits for `uri` to that file's text, as an editor does. */
export function applyEditsTo(text: string, uri: string, edit: MultiFileEdit): string {
  return applyEdits(text, editsFor(uri, edit));
}

/** A project with `files` open (version 1) and `disk` readable but not open. */
export function projectWith(files: Record<string, string>, disk: Record<string, string> = {}): Project {
  const p = new Project((uri) => disk[uri]);
  for (const [uri, text] of Object.entries(files)) p.openFile(uri, text, 1);
  return p;
}
