// "Treatymark: New treaty" must hand the drafter a treaty that is already clean: the skeleton,
// with every placeholder at its default, analyses with no problem at all.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { expandSnippet, SKELETON_SNIPPET, SKELETON_TEXT } from '../../client/src/skeleton';

describe('new treaty skeleton', () => {
  it('analyses with no findings', () => {
    const findings = check(analyse(SKELETON_TEXT));
    assert.deepEqual(
      findings.map((f) => `${f.code}: ${f.message}`),
      [],
    );
  });

  it('has front matter, a preamble, a chapter, "Use of terms" with a definition, and a note', () => {
    const t = analyse(SKELETON_TEXT);
    assert.deepEqual(t.articles.map((a) => a.number), ['1', '2']);
    assert.ok(SKELETON_TEXT.startsWith('---\ntitle: '));
    assert.match(SKELETON_TEXT, /^status: draft$/m);
    assert.match(SKELETON_TEXT, /^# Preamble$/m);
    assert.match(SKELETON_TEXT, /^# Chapter I\. General provisions$/m);
    assert.match(SKELETON_TEXT, /^## Article 1\. Use of terms$/m);
    assert.deepEqual(t.definitions.map((d) => d.term), ['Term']);
    assert.equal(t.notes.length, 1);
    assert.equal(t.units.filter((u) => u.kind === 'recital').length, 1);
  });

  it('is a snippet whose text, mirrors and transform expand as VS Code expands them', () => {
    // As inserted: VS Code lower-cases the third only when the drafter tabs out of ${1}.
    assert.equal(expandSnippet('${1:A} ${1} ${1/(.*)/${1:/downcase}/}$0'), 'A A A');
    assert.ok(!SKELETON_TEXT.includes('$'), 'a placeholder was left unexpanded');
    // Every tab stop 1…9 is there, so the drafter can tab through in order.
    for (let n = 1; n <= 9; n++) assert.ok(SKELETON_SNIPPET.includes('${' + n + ':'), `no placeholder ${n}`);
    assert.ok(SKELETON_SNIPPET.includes('$0'));
  });
});
