// test/support/text.ts: the helpers every suite leans on, so a wrong helper cannot make
// wrong tests pass.
import { strict as assert } from 'assert';
import { applyEdits, applyEditsTo, editsFor, offsetOf, projectWith, withCursor } from '../support/text';

describe('test support', () => {
  it('withCursor removes the one marker and gives its offset and position', () => {
    assert.deepEqual(withCursor('ab\ncd|e'), { text: 'ab\ncde', offset: 5, position: { line: 1, character: 2 } });
    assert.deepEqual(withCursor('a^b', '^').offset, 1);
    assert.throws(() => withCursor('no marker'));
    assert.throws(() => withCursor('two | markers |'));
  });

  it('offsetOf finds a needle after an anchor, some characters in', () => {
    assert.equal(offsetOf('x y x y', 'x', 'y'), 5);
    assert.equal(offsetOf('x y x y', 'y', '', 0), 2);
    assert.throws(() => offsetOf('x', 'z'));
  });

  it('applies offset edits and LSP-range edits alike, in any order, and refuses overlaps', () => {
    const text = 'one\r\ntwo\nthree';
    const byRange = [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, newText: '3' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: '1' },
    ];
    assert.equal(applyEdits(text, byRange), '1\r\ntwo\n3');
    assert.equal(applyEdits(text, [{ span: { start: 5, end: 8 }, newText: '2' }]), 'one\r\n2\nthree');
    assert.throws(() => applyEdits(text, [{ span: { start: 0, end: 3 }, newText: '' }, { span: { start: 2, end: 4 }, newText: '' }]));
  });

  it('takes one file’s edits from a WorkspaceEdit or a list of file edits', () => {
    const e = (newText: string) => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText });
    assert.equal(applyEditsTo('abc', 'u:a', { changes: { 'u:a': [e('A')], 'u:b': [e('B')] } }), 'Abc');
    assert.equal(applyEditsTo('abc', 'u:b', { documentChanges: [{ textDocument: { uri: 'u:b', version: 1 }, edits: [e('B')] }] }), 'Bbc');
    assert.deepEqual(editsFor('u:a', [{ uri: 'u:b', edits: [e('B')] }]), []);
  });

  it('projectWith opens files and reads the others from its disk', () => {
    const p = projectWith({ 'file:///ws/a.treaty': '## Article 1. A\n\nText.\n' }, { 'file:///ws/b.treaty': '## Article 1. B\n\nText.\n' });
    assert.equal(p.file('file:///ws/a.treaty')?.open, true);
    assert.equal(p.view('file:///ws/b.treaty')?.treaty.articles.length, 1);
  });
});
