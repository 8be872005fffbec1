// Renumbering through the protocol, applied as a client applies it: the quick fix on an
// inserted article 7 bis, the command, a second renumbering, and the other files of the
// workspace (a notes file and a treaty citing this one).
import { strict as assert } from 'assert';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { CONVENTION_TEXT, ensureBuilt, LspClient, tempWorkspace } from './lsp';
import { applyEditsTo } from '../support/text';

const INSERTED = CONVENTION_TEXT.replace('## Article 8.', '## Article 7 bis. Illegal access to a subsystem\n\n1. Each State Party may act.\n\n## Article 8.');

const articleNumbers = (text: string) => [...text.matchAll(/^## Article (\S+?)\./gm)].map((m) => m[1]);

describe('protocol: renumbering', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;
  let uri: string;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({ 'convention.treaty': INSERTED });
    uri = ws.uri('convention.treaty');
    client = await LspClient.start({ folders: [ws.dir] });
    await client.open(uri, INSERTED);
  });
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  const actionsAt = async (diagnostics: Diagnostic[], line: number) =>
    client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      context: { diagnostics },
    });

  it('offers a quick fix on the inserted article that renumbers it and rewrites the references', async () => {
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'numbering.provisional'));
    const provisional = p.diagnostics.filter((d) => d.code === 'numbering.provisional');
    assert.equal(provisional.length, 1);
    const actions = await actionsAt(provisional, provisional[0].range.start.line);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Renumber'))!;
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join('; ')}`);
    assert.match(fix.title, /^Renumber articles 8–69 and update \d+ references$/);
    assert.equal(fix.isPreferred, true);
    const out = applyEditsTo(INSERTED, uri, fix.edit!);
    assert.deepEqual(articleNumbers(out), Array.from({ length: 69 }, (_, i) => String(i + 1)));
    const article11 = out.slice(out.indexOf('## Article 12. Misuse of devices'), out.indexOf('## Article 13.'));
    assert.ok(article11.includes('articles 7 to 11 of this Convention'));
    assert.ok(!article11.includes('articles 7 to 10'));
    assert.match(out, /\(m\) "Predicate offence" shall mean [^\n]* as defined in article 18 of this Convention;/);
    // One WorkspaceEdit, versioned for the open document.
    assert.equal((fix.edit!.documentChanges ?? []).length, 1);
    assert.equal(((fix.edit!.documentChanges as TextDocumentEdit[])[0].textDocument.version), 1);

    // After applying it there is nothing left to renumber: no quick fix, no finding.
    await client.change(uri, 2, [{ text: out }]);
    const after = await client.waitForDiagnostics(uri, (x) => x.version === 2);
    assert.deepEqual(after.diagnostics.filter((d) => String(d.code).startsWith('numbering.')), []);
    const again = await actionsAt([], 60);
    assert.deepEqual(again.filter((a) => a.title.startsWith('Renumber')), []);
  });

  it('renumbers with the command, applying one edit, and says when there is nothing to do', async () => {
    let applied: WorkspaceEdit | undefined;
    client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied = p.edit;
      return { applied: true };
    });
    await client.change(uri, 3, [{ text: INSERTED }]);
    await client.waitForDiagnostics(uri, (x) => x.version === 3);
    const result = await client.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'treatymark.server.renumber', arguments: [uri] });
    assert.equal(result.applied, true);
    assert.match(result.message, /^Renumber articles 8–69/);
    const out = applyEditsTo(INSERTED, uri, applied!);
    assert.equal(articleNumbers(out).length, 69);
    await client.change(uri, 4, [{ text: out }]);
    await client.waitForDiagnostics(uri, (x) => x.version === 4);
    const second = await client.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'treatymark.server.renumber', arguments: [uri] });
    assert.deepEqual(second, { applied: false, message: 'Numbering is already in sequence: nothing to renumber.' });
  });

  it('warns before renumbering would give dangling references a meaning (article 17 deleted)', async () => {
    let applied: WorkspaceEdit | undefined;
    client.connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied = p.edit;
      return { applied: true };
    });
    const deleted = CONVENTION_TEXT.slice(0, CONVENTION_TEXT.indexOf('## Article 17.')) + CONVENTION_TEXT.slice(CONVENTION_TEXT.indexOf('## Article 18.'));
    await client.change(uri, 5, [{ text: deleted }]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 5);
    const sequence = p.diagnostics.filter((d) => d.code === 'numbering.sequence');
    assert.equal(sequence.length, 1);
    const dangling = p.diagnostics.filter((d) => d.code === 'reference.dangling' || d.code === 'note.target');
    const actions = await actionsAt(sequence, sequence[0].range.start.line);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Renumber'))!;
    assert.match(fix.title, new RegExp(`^Renumber articles 17–67 and update \\d+ references — careful: ${dangling.length} dangling references to article 17 would then cite what is renumbered to it$`));
    assert.equal(fix.isPreferred, false, 'not applied by "fix all" or Ctrl+. alone');

    applied = undefined;
    const asked = await client.request<{ applied: boolean; message: string; needsConfirmation?: boolean }>('workspace/executeCommand', { command: 'treatymark.server.renumber', arguments: [uri] });
    assert.equal(asked.needsConfirmation, true);
    assert.equal(asked.applied, false);
    assert.match(asked.message, /dangling references to article 17 .* fix or delete them first, or renumber anyway\.$/);
    assert.equal(applied, undefined, 'nothing is applied before the drafter confirms');
    const forced = await client.request<{ applied: boolean; message: string }>('workspace/executeCommand', { command: 'treatymark.server.renumber', arguments: [uri, { force: true }] });
    assert.equal(forced.applied, true);
    assert.equal(articleNumbers(applyEditsTo(deleted, uri, applied!)).length, 67);
  });

  it('warns before renumbering past a citation it cannot read (Article (18))', async () => {
    const edited = CONVENTION_TEXT.slice(0, CONVENTION_TEXT.indexOf('## Article 17.')) + CONVENTION_TEXT.slice(CONVENTION_TEXT.indexOf('## Article 18.')).replace('## Article 19.', 'As Article (18) provides.\n\n## Article 19.');
    await client.change(uri, 6, [{ text: edited }]);
    const p = await client.waitForDiagnostics(uri, (x) => x.version === 6);
    const unread = p.diagnostics.filter((d) => d.code === 'reference.unrecognised');
    assert.equal(unread.length, 1);
    assert.equal(unread[0].severity, 3, 'information');
    const sequence = p.diagnostics.filter((d) => d.code === 'numbering.sequence');
    const actions = await actionsAt(sequence, sequence[0].range.start.line);
    const fix = actions.find((a) => a.kind === 'quickfix' && a.title.startsWith('Renumber'))!;
    assert.match(fix.title, /— careful: .*1 citation Treatymark cannot read \(Article \(18\)\) may name what is renumbered, and would not be updated$/);
    assert.equal(fix.isPreferred, false);
    const asked = await client.request<{ applied: boolean; needsConfirmation?: boolean }>('workspace/executeCommand', { command: 'treatymark.server.renumber', arguments: [uri] });
    assert.equal(asked.needsConfirmation, true);
    assert.equal(asked.applied, false);
  });
});

describe('protocol: renumbering across files', function () {
  this.timeout(60_000);
  const treaty = ['---', 'short-title: Convention', 'notes: treaty.notes.treaty', '---', '## Article 1. One', '', 'Text.', '', '## Article 3. Three', '', 'See article 1.', ''].join('\r\n');
  const notes = ['---', 'title: Notes', '---', '# Interpretative notes', '', '## Article 3', '', '1. On article 3 of the Convention.', ''].join('\r\n');
  const citing = ['---', 'instruments:', '  Convention: { title: The Convention, file: treaty.treaty }', '---', '## Article 1. Adoption', '', 'Recalls article 3 of the Convention and article 9 of the Convention.', ''].join('\r\n');
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspClient;

  before(async () => {
    ensureBuilt();
    ws = tempWorkspace({ 'treaty.treaty': treaty, 'treaty.notes.treaty': notes, 'resolution.treaty': citing });
    client = await LspClient.start({ folders: [ws.dir] });
    await client.open(ws.uri('treaty.treaty'), treaty);
  });
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('rewrites the notes file and the citing file in the same edit, CRLF kept, dangling left alone', async () => {
    const uri = ws.uri('treaty.treaty');
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'numbering.sequence'));
    const seq = p.diagnostics.filter((d) => d.code === 'numbering.sequence');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: seq[0].range, context: { diagnostics: seq } });
    const fix = actions.find((a) => a.title.startsWith('Renumber'))!;
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    assert.match(fix.title, /\(and 1 in other files\)$/);
    assert.equal(applyEditsTo(treaty, uri, fix.edit!), treaty.replace('## Article 3.', '## Article 2.'));
    assert.equal(applyEditsTo(notes, ws.uri('treaty.notes.treaty'), fix.edit!), notes.replace('## Article 3', '## Article 2').replace('article 3 of', 'article 2 of'));
    assert.equal(applyEditsTo(citing, ws.uri('resolution.treaty'), fix.edit!), citing.replace('article 3 of', 'article 2 of'));
  });
});
