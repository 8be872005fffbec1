// Robustness through the protocol: `node dist/server.js --stdio` is driven with random
// sequences of incremental and full-text edits (brackets, quotes, CriticMarkup openers,
// headings, CRLF and lone CR, lone surrogates, ranges out of the document, stale versions)
// interleaved with hover, definition, references, completion, symbols, code actions,
// prepareRename/rename, semantic tokens, folding and code lenses at random positions (also
// far out of range), some cancelled right after they are sent. Every request must be
// answered (a result, or an LSP error with a numeric code that a correct server may send)
// within a few seconds, every range in an answer must lie in the text the client holds,
// the server must never exit nor log a stack trace, and once the edits settle, the last
// diagnostics published for the document must be those of a fresh analysis of the text
// the client holds (the client applies each edit to its own copy with
// vscode-languageserver-textdocument, as an editor does).
//
// Stale versions: a didChange whose version is lower than the last one is still applied in
// order (the stream is ordered; the client has applied the change to its own text, so
// ignoring it would leave the server's text different from the client's for good), and the
// server takes the version the client gave: what it publishes and the versioned edits it
// returns name that version, the one the client holds.
//
// `npm test` runs a few cases with a fixed seed; `npm run fuzz` runs FUZZ_RUNS/10 cases
// (at least the default) with FC_SEED or a fresh seed, printed for a replay.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import fc from 'fast-check';
import { CancellationTokenSource, ResponseError, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check } from '../../server/src/checks';
import { analyse } from '../../server/src/model/analyse';
import { FUZZ_RUNS, FUZZING, seed } from '../support/robust';
import { CONVENTION_TEXT, ensureBuilt, LspClient } from './lsp';

// ---- the document ----------------------------------------------------------------------

/** A slice of the convention (front matter, preamble start, chapter I, articles 7–10, the notes): fast to analyse, every construct. */
function slice(): string {
  const lines = CONVENTION_TEXT.split('\n');
  const at = (heading: string) => {
    const i = lines.findIndex((l) => l.startsWith(heading));
    if (i < 0) throw new Error(`${heading} not found`);
    return i;
  };
  return [...lines.slice(0, at('# Preamble') + 3), ...lines.slice(at('# Chapter I.'), at('## Article 11.')), ...lines.slice(at('# Interpretative notes'))].join('\n');
}
const BASE = slice();
const BASE_CRLF = BASE.replace(/\n/g, '\r\n');

/** URIs of files that do not exist: nothing is read from disk, the open text is all there is. */
const NOWHERE = 'file:///treatymark-fuzz-nowhere';
const caseUri = (n: number) => `${NOWHERE}/case-${n}.treaty`;
const NEVER_OPENED = `${NOWHERE}/never-opened.treaty`;

// ---- generators --------------------------------------------------------------------------

const PIECES = [
  '[', ']', '[[', ']]', '"', '“', '”', '{++', '++}', '{--', '--}', '{>>', '<<}', '{==', '==}', '{~~', '~>', '~~}', '{++ [X] ',
  '\n## Article 7 bis. Inserted\n\n', '## Article 7 bis.', '## Article ', '\n# Chapter IX. Moved\n', '\n# Interpretative notes\n\n## Article 99\n\n1. A note.\n',
  '\r\n', '\r', '\n', '\n\n', '\uD800', '\uDC00', '\uDFFF', '😀', ' article 3 ', ' article 99 ', ' paragraph 2 of article 5', ' articles 7 to 9', ' article 2 (c)',
  '\n1. ', '\n(a) ', '"Widget" shall mean a device;', ' traffic data ', ' article [X] ', '[^1]', '\n[^1]: A footnote.\n', '---\n', '\t', '\u0000', '\uFEFF', 'مادة', '*',
];
/** Where random positions land most: on the constructs, so hover, rename and completion have something to do. */
const NEEDLES = ['article ', 'Article ', 'paragraph ', 'traffic data', 'electronic data', 'service provider', 'Traffic data', 'content data', '"', '(a)', '[', '{', '#', '\n', 'shall mean', 'this Convention'];

const text = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  { weight: 2, arbitrary: fc.constant('') },
);

type Pos =
  | { kind: 'in'; l: number; c: number }
  | { kind: 'at'; needle: number; k: number; d: number }
  | { kind: 'past'; l: number; c: number }
  | { kind: 'far'; line: number; character: number };
const pos: fc.Arbitrary<Pos> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('in' as const), l: fc.nat(), c: fc.nat() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('at' as const), needle: fc.nat(NEEDLES.length - 1), k: fc.nat(), d: fc.integer({ min: -2, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('past' as const), l: fc.nat(3), c: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('far' as const), line: fc.constantFrom(0, 2, 1_000_000, 2 ** 31 - 1), character: fc.constantFrom(0, 1_000_000, 2 ** 31 - 1) }),
  },
);

type Full = { kind: 'base' } | { kind: 'empty' } | { kind: 'mutated'; at: number; piece: string } | { kind: 'random'; parts: string[] } | { kind: 'crlf' };
const full: fc.Arbitrary<Full> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'base' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'crlf' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('mutated' as const), at: fc.nat(), piece: text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), parts: fc.array(text, { maxLength: 20 }) }) },
);

type Change = { kind: 'range'; a: Pos; b: Pos | number; text: string } | { kind: 'full'; text: Full };
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 25, arbitrary: fc.record({ kind: fc.constant('range' as const), a: pos, b: fc.oneof(fc.constant(0), fc.nat(60), pos), text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('full' as const), text: full }) },
);

const METHODS = [
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/codeAction',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/semanticTokens/full',
  'textDocument/foldingRange',
  'textDocument/codeLens',
  'treatymark/preview',
] as const;
type Method = (typeof METHODS)[number];
const NEW_NAMES = ['Widget', 'communication metadata', 'x', '', ' ', '"', '[a]', 'a\nb', '😀', '\uD800', 'article 3'];
const ONLY = [undefined, ['quickfix'], ['source'], ['source.renumber.treatymark'], ['refactor']];

type Cmd =
  | { t: 'edit'; changes: Change[]; stale: number | null }
  | { t: 'reopen' }
  | { t: 'stray'; changes: Change[] }
  | { t: 'cancelUnknown'; id: number }
  | { t: 'req'; method: Method; at: Pos; to: Pos; cancel: boolean; otherDoc: boolean; n: number };
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('edit' as const), changes: fc.array(change, { minLength: 1, maxLength: 3 }), stale: fc.constant(null) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('edit' as const), changes: fc.array(change, { minLength: 1, maxLength: 2 }), stale: fc.nat(4) }) },
  // Closed and opened again with the client's text; a change to a document that is not open.
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant({ t: 'reopen' as const }),
      fc.record({ t: fc.constant('stray' as const), changes: fc.array(change, { minLength: 1, maxLength: 2 }) }),
      fc.record({ t: fc.constant('cancelUnknown' as const), id: fc.nat() }),
    ),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('req' as const),
      method: fc.constantFrom(...METHODS),
      at: pos,
      to: pos,
      cancel: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      otherDoc: fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      n: fc.nat(),
    }),
  },
);

// ---- the client's view of the document -----------------------------------------------------

function lineLength(doc: TextDocument, line: number): number {
  return doc.offsetAt({ line, character: 2 ** 31 - 1 }) - doc.offsetAt({ line, character: 0 });
}

function resolve(p: Pos, doc: TextDocument): Position {
  const n = doc.lineCount;
  switch (p.kind) {
    case 'far':
      return { line: p.line, character: p.character };
    case 'past':
      return { line: n + p.l, character: p.c };
    case 'in': {
      const line = p.l % n;
      return { line, character: p.c % (lineLength(doc, line) + 3) };
    }
    case 'at': {
      const t = doc.getText();
      const needle = NEEDLES[p.needle];
      const hits: number[] = [];
      for (let i = t.indexOf(needle); i >= 0 && hits.length < 400; i = t.indexOf(needle, i + 1)) hits.push(i);
      if (hits.length === 0) return doc.positionAt(p.k % (t.length + 1));
      return doc.positionAt(Math.max(0, hits[p.k % hits.length] + p.d));
    }
  }
}

function fullText(f: Full, current: string): string {
  switch (f.kind) {
    case 'base':
      return BASE;
    case 'empty':
      return '';
    case 'crlf':
      return current.replace(/\r?\n/g, '\r\n');
    case 'mutated': {
      const at = f.at % (BASE.length + 1);
      return BASE.slice(0, at) + f.piece + BASE.slice(at);
    }
    case 'random':
      return f.parts.join('');
  }
}

const copy = (doc: TextDocument) => TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());

/** The content changes as sent, each resolved against the text the previous ones left. */
function contentChanges(changes: Change[], doc: TextDocument): TextDocumentContentChangeEvent[] {
  const scratch = copy(doc);
  const out: TextDocumentContentChangeEvent[] = [];
  for (const c of changes) {
    let event: TextDocumentContentChangeEvent;
    if (c.kind === 'full') event = { text: fullText(c.text, scratch.getText()) };
    else {
      const start = resolve(c.a, scratch);
      const end = typeof c.b === 'number' ? scratch.positionAt(scratch.offsetAt(start) + c.b) : resolve(c.b, scratch);
      event = { range: { start, end }, text: c.text };
    }
    TextDocument.update(scratch, [event], scratch.version);
    out.push(event);
  }
  return out;
}

// ---- what a correct answer looks like --------------------------------------------------------

const isPos = (p: unknown): p is Position => !!p && Number.isInteger((p as Position).line) && Number.isInteger((p as Position).character);
const precedes = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);

function assertRange(r: Range | undefined, doc: TextDocument, what: string): void {
  assert.ok(r && isPos(r.start) && isPos(r.end), `${what}: not a range: ${JSON.stringify(r)}`);
  assert.ok(precedes(r.start, r.end), `${what}: start after end: ${JSON.stringify(r)}`);
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < doc.lineCount, `${what}: line ${p.line} outside 0-${doc.lineCount - 1} in ${JSON.stringify(r)}`);
    assert.ok(p.character >= 0 && p.character <= lineLength(doc, p.line), `${what}: character ${p.character} past the end of line ${p.line} (${lineLength(doc, p.line)}) in ${JSON.stringify(r)}`);
  }
}

const contains = (r: Range, inner: Range) => precedes(r.start, inner.start) && precedes(inner.end, r.end);
const valid = (p: Position, doc: TextDocument) => p.line < doc.lineCount && p.character <= lineLength(doc, p.line);

/** Edits to the document: inside it, not overlapping, versioned with the version the client held when it asked. */
function assertEdits(edits: { range: Range; newText: string }[], doc: TextDocument, what: string): void {
  assert.ok(Array.isArray(edits), `${what}: edits`);
  for (const e of edits) {
    assertRange(e.range, doc, `${what} edit`);
    assert.equal(typeof e.newText, 'string', `${what}: newText`);
  }
  const sorted = [...edits].sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start) || doc.offsetAt(a.range.end) - doc.offsetAt(b.range.end));
  for (let i = 1; i < sorted.length; i++) assert.ok(doc.offsetAt(sorted[i - 1].range.end) <= doc.offsetAt(sorted[i].range.start), `${what}: overlapping edits ${JSON.stringify(sorted.slice(i - 1, i + 1))}`);
}

function assertWorkspaceEdit(edit: unknown, doc: TextDocument, what: string): void {
  if (edit === null || edit === undefined) return;
  const e = edit as { documentChanges?: { textDocument: { uri: string; version: number | null }; edits: { range: Range; newText: string }[] }[]; changes?: Record<string, { range: Range; newText: string }[]> };
  for (const dc of e.documentChanges ?? []) {
    if (dc.textDocument.uri !== doc.uri) continue;
    assert.equal(dc.textDocument.version, doc.version, `${what}: edit versioned ${dc.textDocument.version}, the client holds version ${doc.version}`);
    assertEdits(dc.edits, doc, what);
  }
  for (const [uri, edits] of Object.entries(e.changes ?? {})) if (uri === doc.uri) assertEdits(edits, doc, what);
}

function assertSymbols(symbols: unknown, doc: TextDocument): void {
  assert.ok(Array.isArray(symbols), 'documentSymbol: an array');
  const walk = (s: { name: string; range: Range; selectionRange: Range; children?: unknown[] }) => {
    assert.ok(typeof s.name === 'string' && s.name.length > 0, `documentSymbol: empty name ${JSON.stringify(s)}`);
    assertRange(s.range, doc, `symbol ${s.name}`);
    assertRange(s.selectionRange, doc, `symbol ${s.name} selection`);
    // VS Code rejects the whole outline otherwise ("selectionRange must be contained in fullRange").
    assert.ok(contains(s.range, s.selectionRange), `symbol ${JSON.stringify(s.name)}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
    for (const c of s.children ?? []) walk(c as never);
  };
  for (const s of symbols) walk(s as never);
}

function assertTokens(tokens: { data: number[] }, doc: TextDocument): void {
  assert.ok(tokens && Array.isArray(tokens.data) && tokens.data.length % 5 === 0, 'semanticTokens: data');
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len] = tokens.data.slice(i, i + 3);
    assert.ok(dl >= 0 && dc >= 0 && len > 0, `semanticTokens: token ${i / 5} ${JSON.stringify(tokens.data.slice(i, i + 5))}`);
    line += dl;
    char = dl === 0 ? char + dc : dc;
    assert.ok(line < doc.lineCount && char + len <= lineLength(doc, line), `semanticTokens: token ${i / 5} at ${line}:${char}+${len} outside the text (line length ${line < doc.lineCount ? lineLength(doc, line) : '-'})`);
  }
}

/** The answer to `method`, asked at `at` of `doc` (the client's text when it asked). */
function assertAnswer(method: Method, result: unknown, doc: TextDocument, at: Position, own: boolean): void {
  const r = result as never;
  const mine = (uri: string) => own && uri === doc.uri;
  switch (method) {
    case 'textDocument/hover': {
      if (r === null) return;
      const h = r as { contents: unknown; range?: Range };
      assert.ok(h.contents, 'hover: contents');
      if (h.range && own) assertRange(h.range, doc, 'hover');
      return;
    }
    case 'textDocument/definition': {
      if (r === null) return;
      const list = (Array.isArray(r) ? r : [r]) as { uri?: string; range?: Range; targetUri?: string; targetRange?: Range; targetSelectionRange?: Range; originSelectionRange?: Range }[];
      for (const l of list) {
        if (l.targetUri !== undefined) {
          if (l.originSelectionRange && own) assertRange(l.originSelectionRange, doc, 'definition origin');
          if (mine(l.targetUri)) {
            assertRange(l.targetRange, doc, 'definition target');
            assertRange(l.targetSelectionRange, doc, 'definition selection');
            assert.ok(contains(l.targetRange!, l.targetSelectionRange!), `definition: targetSelectionRange outside targetRange ${JSON.stringify(l)}`);
          }
        } else if (mine(l.uri!)) assertRange(l.range, doc, 'definition');
      }
      return;
    }
    case 'textDocument/references':
      assert.ok(Array.isArray(r), 'references: an array');
      for (const l of r as { uri: string; range: Range }[]) if (mine(l.uri)) assertRange(l.range, doc, 'reference');
      return;
    case 'textDocument/completion': {
      const items = Array.isArray(r) ? (r as never[]) : (r as { items: never[] })?.items;
      assert.ok(Array.isArray(items), 'completion: items');
      for (const item of items as { label: string; textEdit?: { range: Range } }[]) {
        assert.ok(typeof item.label === 'string', 'completion: label');
        if (!item.textEdit || !own) continue;
        assertRange(item.textEdit.range, doc, `completion ${item.label}`);
        // VS Code drops an item whose range is not on one line or does not hold the cursor.
        const range = item.textEdit.range;
        assert.equal(range.start.line, range.end.line, `completion ${item.label}: range over several lines`);
        if (valid(at, doc)) assert.ok(contains(range, { start: at, end: at }), `completion ${item.label}: range ${JSON.stringify(range)} does not hold the cursor ${JSON.stringify(at)}`);
      }
      return;
    }
    case 'textDocument/documentSymbol':
      if (own) assertSymbols(r, doc);
      else assert.ok(r === null || Array.isArray(r));
      return;
    case 'textDocument/codeAction':
      assert.ok(r === null || Array.isArray(r), 'codeAction: an array');
      for (const a of (r ?? []) as { title: string; edit?: unknown }[]) {
        assert.equal(typeof a.title, 'string', 'codeAction: title');
        if (own) assertWorkspaceEdit(a.edit, doc, `codeAction "${a.title}"`);
      }
      return;
    case 'textDocument/prepareRename': {
      if (r === null || !own) return;
      const p = r as { range?: Range; placeholder?: string; start?: Position };
      const range = p.range ?? (p as unknown as Range);
      assertRange(range, doc, 'prepareRename');
      if (valid(at, doc)) assert.ok(range.start.line <= at.line && at.line <= range.end.line, `prepareRename: range ${JSON.stringify(range)} away from ${JSON.stringify(at)}`);
      return;
    }
    case 'textDocument/rename':
      if (own) assertWorkspaceEdit(r, doc, 'rename');
      return;
    case 'textDocument/semanticTokens/full':
      if (own) assertTokens(r, doc);
      return;
    case 'textDocument/foldingRange':
      assert.ok(Array.isArray(r), 'foldingRange: an array');
      if (own) {
        for (const f of r as { startLine: number; endLine: number }[]) {
          assert.ok(Number.isInteger(f.startLine) && f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < doc.lineCount, `foldingRange ${JSON.stringify(f)} outside 0-${doc.lineCount - 1}`);
        }
      }
      return;
    case 'textDocument/codeLens':
      assert.ok(Array.isArray(r), 'codeLens: an array');
      if (own) for (const l of r as { range: Range }[]) assertRange(l.range, doc, 'codeLens');
      return;
    case 'treatymark/preview': {
      if (r === null) return;
      const p = r as { content: string; style: string };
      assert.equal(typeof p.content, 'string', 'preview: content');
      // Scroll sync lines stand in the document the preview was asked for.
      if (own) for (const m of p.content.matchAll(/data-line="(\d+)"/g)) assert.ok(Number(m[1]) < doc.lineCount, `preview: data-line ${m[1]} of ${doc.lineCount} lines`);
      return;
    }
  }
}

// ---- the oracle: a fresh analysis of the client's text ---------------------------------------

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

type Essential = { code: string; severity: number; range: Range };
const order = (a: Essential, b: Essential) =>
  a.range.start.line - b.range.start.line ||
  a.range.start.character - b.range.start.character ||
  a.range.end.line - b.range.end.line ||
  a.range.end.character - b.range.end.character ||
  (a.code < b.code ? -1 : a.code > b.code ? 1 : a.severity - b.severity);

/**
 * What the server must publish for `doc`, ranges computed by the client's own TextDocument.
 * The core's findings are all there is for a file alone (no workspace folder, nothing on
 * disk, no `notes:` or `instruments:` file named in front matter, which the edits never type).
 */
function expectedDiagnostics(doc: TextDocument): Essential[] {
  const text = doc.getText();
  return check(analyse(text))
    .map((f) => ({ code: f.code, severity: SEVERITY[f.severity], range: { start: doc.positionAt(f.span.start), end: doc.positionAt(Math.max(f.span.start, f.span.end)) } }))
    .sort(order);
}

const essential = (ds: Diagnostic[]): Essential[] => ds.map((d) => ({ code: String(d.code), severity: d.severity!, range: d.range })).sort(order);

// ---- running a case ----------------------------------------------------------------------------

const REQUEST_TIMEOUT_MS = 8_000;
/** FUZZ_SERVER=path runs another build (a deliberately broken one, to see the test fail). */
const SERVER_UNDER_TEST = process.env.FUZZ_SERVER || undefined;
const ALLOWED_ERRORS: Record<number, string> = { [-32800]: 'RequestCancelled', [-32801]: 'ContentModified', [-32802]: 'ServerCancelled' };

interface Stats {
  cases: number;
  requests: number;
  cancelled: number;
  edits: number;
  stale: number;
  errors: Record<string, number>;
  results: number;
  /** Answers with something in them (not null, not empty), by method: the fuzzing reaches the features. */
  substantial: Record<string, number>;
}
const stats: Stats = { cases: 0, requests: 0, cancelled: 0, edits: 0, stale: 0, errors: {}, results: 0, substantial: {} };

function substantial(result: unknown): boolean {
  if (result === null || result === undefined) return false;
  if (Array.isArray(result)) return result.length > 0;
  const r = result as { items?: unknown[]; data?: unknown[]; documentChanges?: unknown[] };
  if (Array.isArray(r.items)) return r.items.length > 0;
  if (Array.isArray(r.data)) return r.data.length > 0;
  return true;
}

/** A server for the whole run, restarted after a failed case so that one failure does not cascade. */
class Harness {
  client?: LspClient;
  exited?: string;
  /** Rejects when the server process ends: pending requests fail at once, not at their timeout. */
  died: Promise<never> = new Promise(() => undefined);
  logStart = 0;
  caseNo = 0;

  async get(): Promise<LspClient> {
    if (!this.client) {
      this.client = await LspClient.start({ server: SERVER_UNDER_TEST });
      this.exited = undefined;
      const child = this.client.child;
      this.died = new Promise<never>((_, reject) => {
        child.once('exit', (code, signal) => {
          if (this.client?.child !== child) return;
          this.exited = `exited with code ${code}, signal ${signal}`;
          reject(new Error(`the server ${this.exited}`));
        });
      });
      this.died.catch(() => undefined);
    }
    return this.client;
  }

  async discard(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) {
      c.child.kill();
      c.connection.dispose();
    }
  }

  /** No stack trace, no handler failure swallowed by the server's guard, no uncaught error. */
  assertCleanLogs(client: LspClient, from: number): void {
    const bad = client.logs.slice(from).filter((l) => /Uncaught|Unhandled rejection|\] failed:|\n\s+at .+:\d+:\d+/.test(l));
    assert.deepEqual(bad, [], `the server logged errors:\n${bad.join('\n')}`);
  }
}

async function answer(client: LspClient, method: Method, params: unknown, cancel: boolean, died: Promise<never> = new Promise(() => undefined)): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
  const source = cancel ? new CancellationTokenSource() : undefined;
  const sent = source ? client.connection.sendRequest(method, params, source.token) : client.connection.sendRequest(method, params);
  if (source) source.cancel();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${REQUEST_TIMEOUT_MS} ms: ${JSON.stringify(params).slice(0, 300)}`)), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      sent.then(
        (result) => ({ result }),
        (error) => {
          assert.ok(error instanceof ResponseError, `${method}: not an LSP error: ${error?.stack ?? error}`);
          assert.equal(typeof error.code, 'number', `${method}: error without a numeric code`);
          return { error };
        },
      ),
      timeout,
      died,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function paramsFor(c: Extract<Cmd, { t: 'req' }>, doc: TextDocument, diagnostics: Diagnostic[]): { params: unknown; at: Position } {
  const uri = c.otherDoc ? NEVER_OPENED : doc.uri;
  const at = resolve(c.at, doc);
  const textDocument = { uri };
  switch (c.method) {
    case 'textDocument/references':
      return { params: { textDocument, position: at, context: { includeDeclaration: c.n % 2 === 0 } }, at };
    case 'textDocument/completion': {
      const context = [undefined, { triggerKind: 1 }, { triggerKind: 2, triggerCharacter: ' ' }, { triggerKind: 2, triggerCharacter: '(' }, { triggerKind: 3 }][c.n % 5];
      return { params: { textDocument, position: at, context }, at };
    }
    case 'textDocument/codeAction': {
      const to = resolve(c.to, doc);
      const range = precedes(at, to) ? { start: at, end: to } : { start: to, end: at };
      // As an editor does: the diagnostics it holds (perhaps older than the text) that touch the range, or all of them.
      const touching = diagnostics.filter((d) => precedes(d.range.start, range.end) && precedes(range.start, d.range.end));
      const only = ONLY[c.n % ONLY.length];
      return { params: { textDocument, range, context: { diagnostics: c.n % 3 === 0 ? diagnostics : touching, ...(only ? { only } : {}), triggerKind: 1 + (c.n % 2) } }, at };
    }
    case 'textDocument/rename':
      return { params: { textDocument, position: at, newName: NEW_NAMES[c.n % NEW_NAMES.length] }, at };
    case 'textDocument/documentSymbol':
    case 'textDocument/semanticTokens/full':
    case 'textDocument/foldingRange':
    case 'textDocument/codeLens':
    case 'treatymark/preview':
      return { params: { textDocument }, at };
    default:
      return { params: { textDocument, position: at }, at };
  }
}

/** Writes what a failure needs to be replayed (the text can be long) and returns the file's path. */
function dump(what: unknown): string {
  const file = path.join(os.tmpdir(), `treatymark-fuzz-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(what, null, 1));
  return file;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The last publication for `uri` once the server has settled on version `version`. */
async function settled(client: LspClient, uri: string, version: number, unique: boolean): Promise<PublishDiagnosticsParams | undefined> {
  const list = () => client.diagnostics.get(uri) ?? [];
  if (unique) {
    // Only the final text has this version: its publication is the one (seen already or to come).
    await client.waitForDiagnostics(uri, (p) => p.version === version, 10_000);
  } else {
    // An earlier text had this version too: once an answer shows every change was read, the
    // publication follows within the debounce (or was not needed: the same version and problems).
    await client.request('textDocument/foldingRange', { textDocument: { uri } });
  }
  // Then quiet: nothing more within a while (a late publication for an older text would show here).
  const deadline = Date.now() + 15_000;
  let count = list().length;
  const quiet = unique ? 120 : 300;
  for (;;) {
    await sleep(quiet);
    if (list().length === count || Date.now() > deadline) break;
    count = list().length;
  }
  return list()[list().length - 1];
}

async function runCase(h: Harness, base: string, cmds: Cmd[]): Promise<void> {
  const client = await h.get();
  const logFrom = client.logs.length;
  const uri = caseUri(++h.caseNo);
  stats.cases++;
  let doc = TextDocument.create(uri, 'treaty', 1, base);
  let maxVersion = 1;
  const versions = [1];
  await client.open(uri, base, 1);
  const pending: Promise<void>[] = [];
  try {
    for (const c of cmds) {
      if (c.t === 'reopen') {
        await client.notify('textDocument/didClose', { textDocument: { uri } });
        await client.open(uri, doc.getText(), doc.version);
        continue;
      }
      if (c.t === 'cancelUnknown') {
        // A cancellation for a request that was never sent (or was answered long ago).
        await client.notify('$/cancelRequest', { id: 1_000_000 + c.id });
        continue;
      }
      if (c.t === 'stray') {
        await client.change(NEVER_OPENED, ++maxVersion, contentChanges(c.changes, doc));
        continue;
      }
      if (c.t === 'edit') {
        const changes = contentChanges(c.changes, doc);
        let version: number;
        if (c.stale === null) version = ++maxVersion;
        else {
          // A version lower than the one the document has (or equal, when it is already 0).
          version = Math.max(0, doc.version - 1 - c.stale);
          stats.stale++;
        }
        versions.push(version);
        stats.edits++;
        await client.change(uri, version, changes);
        doc = TextDocument.update(doc, changes, version);
        continue;
      }
      const snapshot = copy(doc);
      const seen = client.diagnostics.get(uri) ?? [];
      const { params, at } = paramsFor(c, snapshot, seen.length ? seen[seen.length - 1].diagnostics : []);
      stats.requests++;
      if (c.cancel) stats.cancelled++;
      pending.push(
        answer(client, c.method, params, c.cancel, h.died).then(({ result, error }) => {
          if (error) {
            const allowed = ALLOWED_ERRORS[error.code] ?? (c.method === 'textDocument/rename' && error.code === -32600 ? 'InvalidRequest' : undefined);
            assert.ok(allowed, `${c.method} answered error ${error.code} "${error.message}" for ${JSON.stringify(params).slice(0, 300)}`);
            if (error.code === -32800) assert.ok(c.cancel, `${c.method}: RequestCancelled for a request that was not cancelled`);
            stats.errors[allowed] = (stats.errors[allowed] ?? 0) + 1;
            return;
          }
          stats.results++;
          if (substantial(result)) stats.substantial[c.method.replace('textDocument/', '')] = (stats.substantial[c.method.replace('textDocument/', '')] ?? 0) + 1;
          assertAnswer(c.method, result, snapshot, at, !c.otherDoc);
        }).catch((e: Error) => {
          e.message += `\n  request: ${c.method} ${JSON.stringify(params).slice(0, 400)}\n  the text it was asked on: ${dump({ method: c.method, params, version: snapshot.version, text: snapshot.getText() })}`;
          throw e;
        }),
      );
    }
    const outcomes = await Promise.allSettled(pending);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;

    const unique = versions.filter((v) => v === doc.version).length === 1;
    const last = await settled(client, uri, doc.version, unique);
    assert.ok(last, 'no diagnostics published');
    assert.equal(last.version, doc.version, `the last diagnostics are for version ${last.version}, the client holds version ${doc.version}`);
    const expected = expectedDiagnostics(doc);
    if (!isDeepStrictEqual(essential(last.diagnostics), expected)) {
      assert.deepEqual(essential(last.diagnostics), expected, `diagnostics differ from a fresh analysis of the client's text (version ${doc.version}), in ${dump({ version: doc.version, text: doc.getText() })}`);
    }
    assert.equal(h.exited, undefined, `the server ${h.exited}`);
    h.assertCleanLogs(client, logFrom);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
    client.diagnostics.delete(uri);
  } catch (e) {
    // A failed case may leave the server broken or busy: the next one gets a fresh server.
    const logs = client.logs.slice(logFrom).join('\n').slice(-4000);
    await h.discard();
    if (h.exited) (e as Error).message += `\n  the server ${h.exited}`;
    if (logs) (e as Error).message += `\n  server log:\n${logs}`;
    throw e;
  }
}

// ---- the tests -------------------------------------------------------------------------------

const DEFAULT_RUNS = 20;
/** The document each case opens: mostly the slice, in CRLF sometimes; when fuzzing, the whole convention now and then. */
const bases = fc.oneof(
  { weight: 8, arbitrary: fc.constant(BASE) },
  { weight: 1, arbitrary: fc.constant(BASE_CRLF) },
  { weight: FUZZING ? 1 : 0, arbitrary: fc.constant(CONVENTION_TEXT) },
);
const RUNS = FUZZING ? Math.max(DEFAULT_RUNS, Math.ceil(FUZZ_RUNS / 10)) : DEFAULT_RUNS;
const SEED = seed(20260511);

describe('protocol: robustness under random edits and requests', function () {
  this.timeout(FUZZING ? 0 : 120_000);
  const h = new Harness();
  let started = 0;

  before(() => {
    ensureBuilt();
    started = performance.now();
  });

  after(async () => {
    const client = h.client;
    if (client) {
      assert.equal(h.exited, undefined, `the server ${h.exited}`);
      await client.stop();
    }
    const errors = Object.entries(stats.errors).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
    console.log(
      `      protocol fuzz: ${stats.cases} cases, ${stats.requests} requests (${stats.cancelled} cancelled; errors: ${errors}), ${stats.edits} edits (${stats.stale} stale) in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${SEED}, ${RUNS} runs)`,
    );
    if (FUZZING) console.log(`      answers with content: ${Object.entries(stats.substantial).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  });

  it('answers every request, stays up, and publishes the diagnostics of the final text', async () => {
    await fc.assert(
      fc.asyncProperty(bases, fc.array(cmd, { minLength: 1, maxLength: 40, size: 'max' }), async (base, cmds) => {
        await runCase(h, base, cmds);
      }),
      // Shrinking replays whole sequences against the server (and a hang costs a timeout per replay): on demand only.
      { numRuns: RUNS, seed: SEED, endOnFailure: !process.env.FUZZ_SHRINK },
    );
  });
});

describe('protocol: stale versions and replayed cases', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    ensureBuilt();
    client = await LspClient.start({ server: SERVER_UNDER_TEST });
  });
  after(async () => {
    await client?.stop();
  });

  it('applies a change with a lower version in order, and names that version in what it publishes and returns', async () => {
    const uri = `${NOWHERE}/stale.treaty`;
    let doc = TextDocument.create(uri, 'treaty', 1, BASE);
    await client.open(uri, BASE, 1);
    const send = async (version: number, changes: TextDocumentContentChangeEvent[]) => {
      await client.change(uri, version, changes);
      doc = TextDocument.update(doc, changes, version);
    };
    const line = BASE.split('\n').findIndex((l) => l.startsWith('## Article 8.'));
    await send(5, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '## Article 7 bis. Inserted\n\nSee article 99.\n\n' }]);
    // Version 3 after version 5: the text changes all the same (the client has changed it).
    await send(3, [{ range: { start: { line: line + 2, character: 'See article '.length }, end: { line: line + 2, character: 'See article 99'.length } }, text: '98' }]);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 3, 10_000);
    assert.deepEqual(essential(published.diagnostics), expectedDiagnostics(doc));
    assert.ok(published.diagnostics.some((d) => d.code === 'reference.dangling' && JSON.stringify(d.message).includes('98')), JSON.stringify(published.diagnostics.map((d) => d.message)));
    // A versioned edit names version 3, the version the client holds.
    const term = doc.getText().split('\n').findIndex((l) => l.includes('"Traffic data"'));
    const edit = await client.request<{ documentChanges: { textDocument: { version: number } }[] }>('textDocument/rename', {
      textDocument: { uri },
      position: { line: term, character: doc.getText().split('\n')[term].indexOf('Traffic') + 2 },
      newName: 'Metadata',
    });
    assert.equal(edit.documentChanges[0].textDocument.version, 3);
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });

  it('answers on a text that once hung the analysis (found by the fuzzer)', async () => {
    // Seed 2 of `npm run fuzz`, against a working tree with a core change in progress (30 Nov):
    // analyse() never returned on this text, and every later request waited for ever.
    const uri = `${NOWHERE}/hang-1.treaty`;
    const text = '\n\naffic data==}\n(a) \u201c "';
    await client.open(uri, text, 6);
    const hover = await answer(client, 'textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }, false);
    assert.equal(hover.error, undefined);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 6, 10_000);
    assert.deepEqual(essential(published.diagnostics), expectedDiagnostics(TextDocument.create(uri, 'treaty', 6, text)));
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  });
});
