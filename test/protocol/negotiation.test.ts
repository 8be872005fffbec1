// Negotiating text through the protocol, on the annotated zero draft: the counts of the
// status bar, the code actions that keep an option here or in every identical set (applied
// as a client applies them), accepting and rejecting changes by command, hovers on sets and
// comments, the list of comments, the clean copy, and the outline and folding marks.
import { strict as assert } from 'assert';
import { negotiationText } from '../../client/src/statusText';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { CodeAction, DocumentSymbol, FoldingRange, Hover, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { check } from '../../server/src/checks';
import { analyse } from '../../server/src/model/analyse';
import { ensureBuilt, EXAMPLES, LspClient, positionOf, textAt } from './lsp';
import { applyEditsTo } from '../support/text';

const DRAFT_PATH = path.join(EXAMPLES, 'zero-draft.treaty');
const DRAFT = fs.readFileSync(DRAFT_PATH, 'utf8');
const URI = pathToFileURL(DRAFT_PATH).href;

/** Rewrites the text after the front matter (whose `{--…--}` is an explanation, not a change). */
function inBody(text: string, rewrite: (body: string) => string): string {
  const end = text.indexOf('\n---\n') + 5;
  return text.slice(0, end) + rewrite(text.slice(end));
}

const at = (position: { line: number; character: number }): Range => ({ start: position, end: position });

interface Stats {
  articles: number;
  openSets: number;
  bracketed: number;
  changes: number;
  comments: number;
}

interface Decided {
  applied: boolean;
  count: number;
  message: string;
}

describe('protocol: negotiating text on the zero draft', function () {
  this.timeout(60_000);
  let client: LspClient;
  let version = 1;
  let applied: WorkspaceEdit[] = [];

  before(async () => {
    ensureBuilt();
    client = await LspClient.start();
    client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    await client.open(URI, DRAFT, version);
    await client.waitForDiagnostics(URI);
  });
  after(async () => {
    await client?.stop();
  });

  /** Puts the document back to `text` (a new version) and waits for its analysis. */
  const reset = async (text = DRAFT) => {
    version++;
    await client.change(URI, version, [{ text }]);
    const v = version;
    await client.waitForDiagnostics(URI, (p) => p.version === v);
  };
  const stats = () => client.request<Stats>('treatymark/documentStats', { textDocument: { uri: URI } });
  const actionsAt = (range: Range) => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range, context: { diagnostics: [] } });

  it('announces the commands and the code action kind next to the others', () => {
    const caps = client.initializeResult.capabilities;
    const commands = caps.executeCommandProvider?.commands ?? [];
    for (const c of ['treatymark.server.acceptAllChanges', 'treatymark.server.rejectAllChanges', 'treatymark.server.cleanCopy', 'treatymark.server.renumber']) assert.ok(commands.includes(c), commands.join(', '));
    const kinds = typeof caps.codeActionProvider === 'object' ? (caps.codeActionProvider.codeActionKinds ?? []) : [];
    assert.ok(kinds.includes('refactor.rewrite') && kinds.includes('quickfix'), kinds.join(', '));
  });

  it('reports 111 open sets, 29 changes and 74 comments for the status bar', async () => {
    const s = await stats();
    assert.equal(s.openSets, 111);
    assert.equal(s.changes, 29);
    assert.equal(s.comments, 74);
    assert.equal(s.bracketed, 8);
    assert.equal(s.articles, 67);
    assert.equal(negotiationText(s), '111 open sets · 29 changes · 74 comments');
  });

  it('offers "Keep «a computer system» here" and "… in all 44 identical sets"; the second settles the pair everywhere and nothing else', async () => {
    const cursor = positionOf(DRAFT, '[a computer system]', '(3) *Concerned*', 3);
    const actions = await actionsAt(at(cursor));
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles.slice(0, 4), [
      'Keep «a computer system» here',
      'Keep «a computer system» in all 44 identical sets',
      'Keep «an information and communications technology device» here',
      'Keep «an information and communications technology device» in all 44 identical sets',
    ]);
    assert.ok(actions.every((a) => a.kind === 'refactor.rewrite'));

    const here = applyEditsTo(DRAFT, URI, actions[0].edit!);
    const line = DRAFT.split('\n').findIndex((l) => l.startsWith('(3) *Concerned*'));
    assert.equal(here.split('\n')[line], DRAFT.split('\n')[line].replace('[a computer system] [an information and communications technology device]', 'a computer system'));

    const everywhere = applyEditsTo(DRAFT, URI, actions[1].edit!);
    // Byte for byte: exactly each set of the pair (up to a/an and case) becomes its first option, in its own words.
    const pair = /\[((?:an? )?computer system)\]\s+\[(?:an? )?information and communications technology device\]/gi;
    assert.equal([...DRAFT.matchAll(pair)].length, 44);
    assert.equal(everywhere, DRAFT.replace(pair, (_, first: string) => first));
    assert.ok(everywhere.includes('(a) “Computer system”;'), 'the pending definition follows the choice');
    // One edit of the open document, versioned.
    assert.equal((actions[1].edit!.documentChanges as TextDocumentEdit[]).length, 1);
    assert.equal((actions[1].edit!.documentChanges as TextDocumentEdit[])[0].textDocument.version, version);

    await reset(everywhere);
    try {
      const s = await stats();
      assert.equal(s.openSets, 67);
      assert.equal(s.changes, 29);
      assert.equal(s.comments, 74);
      // The definition's term is no longer a set of alternatives: it is "Computer system".
      const t = analyse(everywhere);
      assert.ok(t.definitions.some((d) => d.term === 'Computer system' && !d.alternativeOf));
    } finally {
      await reset();
    }
  });

  it('offers "Agree text (remove brackets)" on a single bracket group', async () => {
    const cursor = positionOf(DRAFT, '[city]', 'open to all States for signature', 2);
    const actions = await actionsAt(at(cursor));
    const agree = actions.find((a) => a.title === 'Agree text (remove brackets)')!;
    assert.ok(agree, actions.map((a) => a.title).join('; '));
    assert.equal(applyEditsTo(DRAFT, URI, agree.edit!), DRAFT.replace('[city]', 'city'));
  });

  it('accepts or rejects the change under the cursor', async () => {
    const cursor = positionOf(DRAFT, '{--States, enterprises and--}', undefined, 5);
    const actions = await actionsAt(at(cursor));
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Accept deletion of «States, enterprises and»', 'Reject deletion of «States, enterprises and»']);
    assert.equal(applyEditsTo(DRAFT, URI, actions[0].edit!), DRAFT.replace('{--States, enterprises and--}', ''));
    assert.equal(applyEditsTo(DRAFT, URI, actions[1].edit!), DRAFT.replace('{--States, enterprises and--}', 'States, enterprises and'));
  });

  it('accepts all changes by command: every deletion goes with its text, nothing else changes', async () => {
    applied = [];
    const result = await client.request<Decided>('workspace/executeCommand', { command: 'treatymark.server.acceptAllChanges', arguments: [URI] });
    assert.deepEqual(result, { applied: true, count: 29, message: 'Accepted 29 changes.' });
    assert.equal(applied.length, 1, 'one WorkspaceEdit: one undo');
    const out = applyEditsTo(DRAFT, URI, applied[0]);
    assert.equal(out, inBody(DRAFT, (body) => body.replace(/\{--[\s\S]*?--\}/g, '')));
    const t = analyse(out);
    assert.equal(t.changes.length, 0);
    assert.equal(t.comments.length, 74);
  });

  it('rejects all changes by command: every deletion keeps its text', async () => {
    applied = [];
    const result = await client.request<Decided>('workspace/executeCommand', { command: 'treatymark.server.rejectAllChanges', arguments: [URI] });
    assert.equal(result.count, 29);
    assert.equal(applyEditsTo(DRAFT, URI, applied[0]), inBody(DRAFT, (body) => body.replace(/\{--([\s\S]*?)--\}/g, '$1')));
  });

  it('hovers on a set with its options and the number of identical sets', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(DRAFT, '[a computer system]', '(3) *Concerned*', 0) });
    const md = (h.contents as { value: string }).value;
    assert.match(md, /\*\*Alternatives\*\* — not yet agreed, 2 options/);
    assert.ok(md.includes('1. a computer system\n2. an information and communications technology device'), md);
    assert.ok(md.includes('44 identical sets in this treaty'), md);
    assert.equal(textAt(DRAFT, h.range!), '[a computer system] [an information and communications technology device]');
  });

  it('hovers on commented text and on the comment with the comment', async () => {
    for (const needle of ['{==may have a considerable', '{>>A1:']) {
      const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: URI }, position: positionOf(DRAFT, needle, '(3) *Concerned*', 5) });
      const md = (h.contents as { value: string }).value;
      assert.ok(md.startsWith('**Comment A1** on «may have a considerable impact'), md);
      assert.ok(md.includes('Suggesting rephrasing to avoid an overly exaggerated perception'), md);
    }
  });

  it('lists the 74 comments with their labels, commented text and places', async () => {
    const comments = await client.request<{ label: string; text: string; anchor?: string; range: Range; selectionRange: Range }[]>('treatymark/comments', { textDocument: { uri: URI } });
    assert.equal(comments.length, 74);
    assert.deepEqual(
      comments.map((c) => c.label),
      Array.from({ length: 74 }, (_, i) => `A${i + 1}`),
    );
    const a1 = comments[0];
    assert.equal(a1.anchor, 'may have a considerable impact on the scale, speed and scope of other criminal offences');
    assert.ok(a1.text.startsWith('Suggesting rephrasing'));
    assert.ok(textAt(DRAFT, a1.range).startsWith('{==may have a considerable'));
    assert.ok(textAt(DRAFT, a1.range).endsWith('all these impacts<<}'));
    assert.equal(textAt(DRAFT, a1.selectionRange), a1.anchor);
  });

  it('makes a clean copy that parses with no changes, no comments and no unclosed mark', async () => {
    const result = await client.request<{ text: string; changes: number; comments: number }>('workspace/executeCommand', { command: 'treatymark.server.cleanCopy', arguments: [URI] });
    assert.equal(result.changes, 29);
    assert.equal(result.comments, 74);
    const t = analyse(result.text);
    assert.equal(t.syntax.critic.length, 0);
    assert.deepEqual(check(t).filter((f) => f.code === 'change.unclosed'), []);
    assert.equal(t.alternatives.length, 111, 'brackets kept unless asked');
    // No mark is left after the front matter (which explains the marks in prose).
    inBody(result.text, (body) => (assert.ok(!/\{(--|\+\+|~~|==|>>)/.test(body)), body));
    const bare = await client.request<{ text: string }>('workspace/executeCommand', { command: 'treatymark.server.cleanCopy', arguments: [URI, { dropBrackets: true }] });
    assert.equal(analyse(bare.text).syntax.brackets.length, 0);
  });

  it('marks the articles that still hold brackets in the outline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const all: DocumentSymbol[] = [];
    const walk = (list: DocumentSymbol[]) => list.forEach((s) => (all.push(s), walk(s.children ?? [])));
    walk(symbols);
    const a1 = all.find((s) => s.name === 'Article 1. Statement of purpose')!;
    assert.equal(a1.detail, '[open] 3 sets');
    const a2 = all.find((s) => s.name.startsWith('Article 2. Use of terms'))!;
    assert.equal(a2.detail, '[open] 8 sets, 1 bracketed text');
    const articles = all.filter((s) => s.kind === 5 /* Class */);
    assert.ok(articles.some((s) => !s.detail), 'articles with nothing open are not marked');
  });
});

describe('protocol: negotiating text in a small treaty', function () {
  this.timeout(60_000);
  const URI2 = 'untitled:negotiation.treaty';
  const TEXT = [
    '## Article 1. Purpose',
    '',
    '1. States Parties shall {--endeavour to--} {++ensure++} {~~adopt~>take~~} measures',
    '{==as necessary==}{>>B7: Too vague;',
    'see the travaux.<<}.',
    '',
    '2. States Parties shall {++also++} cooperate {--closely--}.',
    '',
  ].join('\n');
  let client: LspClient;
  let applied: WorkspaceEdit[] = [];

  before(async () => {
    ensureBuilt();
    client = await LspClient.start();
    client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    await client.open(URI2, TEXT, 1);
    await client.waitForDiagnostics(URI2);
  });
  after(async () => {
    await client?.stop();
  });

  it('accepts all: deletions go with their text, insertions keep theirs, substitutions take the new text', async () => {
    applied = [];
    const r = await client.request<Decided>('workspace/executeCommand', { command: 'treatymark.server.acceptAllChanges', arguments: [URI2] });
    assert.equal(r.count, 5);
    const out = applyEditsTo(TEXT, URI2, applied[0]);
    assert.equal(out, TEXT.replace('{--endeavour to--}', '').replace('{++ensure++}', 'ensure').replace('{~~adopt~>take~~}', 'take').replace('{++also++}', 'also').replace('{--closely--}', ''));
  });

  it('accepts or rejects only the changes a selection touches', async () => {
    applied = [];
    const line = 6;
    const range = { start: { line, character: 0 }, end: { line, character: 60 } };
    const r = await client.request<Decided>('workspace/executeCommand', { command: 'treatymark.server.rejectAllChanges', arguments: [URI2, range] });
    assert.deepEqual(r, { applied: true, count: 2, message: 'Rejected 2 changes in the selection.' });
    assert.equal(applyEditsTo(TEXT, URI2, applied[0]), TEXT.replace('{++also++}', '').replace('{--closely--}', 'closely'));
    const none = await client.request<Decided>('workspace/executeCommand', { command: 'treatymark.server.acceptAllChanges', arguments: [URI2, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }] });
    assert.deepEqual(none, { applied: false, count: 0, message: 'No tracked change in the selection.' });
  });

  it('offers bulk actions for a selection over several changes, and resolves a comment keeping its text', async () => {
    const sel = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI2 }, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 80 } }, context: { diagnostics: [] } });
    assert.deepEqual(
      sel.map((a) => a.title),
      ['Accept the 3 changes in the selection', 'Reject the 3 changes in the selection'],
    );
    const onComment = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI2 }, range: at(positionOf(TEXT, 'as necessary')), context: { diagnostics: [] } });
    const resolve = onComment.find((a) => a.title === 'Remove comment B7 (keep the text)')!;
    assert.ok(resolve, onComment.map((a) => a.title).join('; '));
    assert.equal(applyEditsTo(TEXT, URI2, resolve.edit!), TEXT.replace('{==as necessary==}{>>B7: Too vague;\nsee the travaux.<<}', 'as necessary'));
    // Asked only for quick fixes, the negotiation actions stay out.
    const quick = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI2 }, range: at(positionOf(TEXT, 'as necessary')), context: { diagnostics: [], only: ['quickfix'] } });
    assert.deepEqual(quick, []);
  });

  it('folds a comment that spans lines as a comment', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI2 } });
    assert.ok(folds.some((f) => f.kind === 'comment' && f.startLine === 3 && f.endLine === 4), JSON.stringify(folds));
  });

  it('refuses a clean copy while a change is unclosed, saying where', async () => {
    await client.change(URI2, 2, [{ text: TEXT + '\n3. Next {++never closed.\n' }]);
    await client.waitForDiagnostics(URI2, (p) => p.version === 2);
    const r = await client.request<{ error?: string; position?: { line: number } }>('workspace/executeCommand', { command: 'treatymark.server.cleanCopy', arguments: [URI2] });
    assert.equal(r.error, 'A tracked change or comment is never closed (line 9): close it before making a clean copy.');
    assert.equal(r.position?.line, 8);
  });
});
