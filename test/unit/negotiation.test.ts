// Negotiating text on the annotated zero draft: counts, settling alternatives everywhere,
// accepting changes and the clean copy, each edit changing only what it names.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { applyEdits } from '../../server/src/edits/textedit';
import { agreeGroup, cleanCopy, decideAll, decideChange, identicalSets, keepOption, keepOptionEverywhere, optionTexts, setAt } from '../../server/src/edits/negotiation';
import { ZERO_DRAFT_PATH } from '../support/corpus';

const DRAFT = fs.readFileSync(ZERO_DRAFT_PATH, 'utf8');

describe('negotiating text: the zero draft', () => {
  const treaty = analyse(DRAFT);

  it('counts 111 open sets, 29 changes and 74 comments', () => {
    assert.equal(treaty.alternatives.length, 111);
    assert.equal(treaty.changes.length, 29);
    assert.equal(treaty.comments.length, 74);
    assert.deepEqual(check(treaty).filter((f) => f.severity === 'error'), []);
  });

  const computerSystem = () => treaty.alternatives.find((s) => /^(a )?computer system$/i.test(optionTexts(DRAFT, s)[0]))!;

  it('finds the 44 sets identical to [computer system] [information and communications technology device]', () => {
    const sets = identicalSets(treaty, computerSystem());
    assert.equal(sets.length, 44);
    // Identical up to case and the article: the pending definition's set is one of them.
    assert.ok(sets.some((s) => optionTexts(DRAFT, s)[0] === 'Computer system'));
    assert.ok(sets.some((s) => optionTexts(DRAFT, s)[0] === 'a computer system'));
  });

  it('keeps one option in all identical sets and changes nothing else', () => {
    const set = computerSystem();
    const edits = keepOptionEverywhere(treaty, set, 0);
    assert.equal(edits.length, 44);
    const out = applyEdits(DRAFT, edits);
    const after = analyse(out);
    assert.equal(after.alternatives.length, 111 - 44);
    assert.deepEqual(after.alternatives.filter((s) => /computer system/i.test(optionTexts(out, s)[0])), []);
    // Byte for byte outside the sets: rebuild the output from the original's other text.
    const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
    let expected = '';
    let pos = 0;
    for (const e of sorted) {
      expected += DRAFT.slice(pos, e.span.start) + e.newText;
      pos = e.span.end;
    }
    expected += DRAFT.slice(pos);
    assert.equal(out, expected);
    // Each set keeps its own grammar: "[a computer system] [an …]" → "a computer system".
    assert.ok(sorted.some((e) => e.newText === 'a computer system'));
    assert.ok(sorted.every((e) => /^(a |an )?computer system$/i.test(e.newText)));
    // The pending definition follows the choice.
    assert.ok(after.definitions.some((d) => d.term === 'Computer system' && !d.alternativeOf));
  });

  it('keeps the other option with its own article', () => {
    const set = treaty.alternatives.find((s) => optionTexts(DRAFT, s)[0] === 'a computer system')!;
    assert.equal(keepOption(DRAFT, set, 1).newText, 'an information and communications technology device');
    assert.equal(setAt(treaty, set.span.start + 3), set);
  });

  it('agrees a single bracket group by removing its brackets only', () => {
    const lone = treaty.syntax.brackets.find((g) => g.close > 0 && !treaty.alternatives.some((s) => s.groups.includes(g)))!;
    const out = applyEdits(DRAFT, agreeGroup(lone));
    assert.equal(out, DRAFT.slice(0, lone.open) + DRAFT.slice(lone.open + 1, lone.close) + DRAFT.slice(lone.close + 1));
  });

  it('accepting all removes every deletion with its text and keeps every insertion', () => {
    const out = applyEdits(DRAFT, decideAll(treaty, 'accept'));
    const after = analyse(out);
    assert.equal(after.changes.length, 0);
    for (const c of treaty.changes.filter((x) => x.kind === 'delete')) {
      const removed = DRAFT.slice(c.content.start, c.content.end);
      assert.ok(!out.includes(DRAFT.slice(c.span.start, c.span.end)), 'deletion mark gone');
      assert.ok(removed.length > 0);
    }
    assert.equal(out.length, DRAFT.length - treaty.changes.reduce((n, c) => n + (c.span.end - c.span.start), 0));
    // Comments are untouched by accepting changes.
    assert.equal(after.comments.length, 74);
  });

  it('accepts and rejects insertions, deletions and substitutions exactly', () => {
    const text = 'A {++new++} B {--old--} C {~~was~>is~~} D.';
    const t = analyse(text);
    const accept = t.changes.map((c) => decideChange(text, c, 'accept'));
    const reject = t.changes.map((c) => decideChange(text, c, 'reject'));
    assert.equal(applyEdits(text, accept), 'A new B  C is D.');
    assert.equal(applyEdits(text, reject), 'A  B old C was D.');
    assert.equal(applyEdits(text, decideAll(t, 'accept', { start: 0, end: 12 })), 'A new B {--old--} C {~~was~>is~~} D.');
  });

  it('makes a clean copy with no changes, no comments and no unclosed marks', () => {
    const clean = analyse(cleanCopy(treaty));
    const findings = check(clean);
    assert.deepEqual(findings.filter((f) => f.code === 'change.unclosed'), []);
    assert.equal(clean.comments.length, 0);
    assert.equal(clean.changes.length, 0);
    assert.equal(clean.syntax.critic.length, 0);
    // Brackets are kept unless asked.
    assert.equal(clean.alternatives.length, 111);
    assert.equal(analyse(cleanCopy(treaty, { dropBrackets: true })).syntax.brackets.length, 0);
    assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning'), []);
  });
});
