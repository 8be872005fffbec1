// The syntax layer and the structure built from it.
import { strict as assert } from 'assert';
import { parse } from '../../server/src/syntax/parse';
import { LineIndex } from '../../server/src/syntax/text';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';

describe('syntax', () => {
  it('reads headings of every kind, with numbers, suffixes, placeholders and titles', () => {
    const text = [
      '# Preamble',
      '# Part II. Substance',
      '# Chapter IV. General provisions',
      '## Section 1: Scope',
      '## Article 7 bis. Illegal access to a subsystem',
      '## Article X. Extradition',
      '## Article [X] — Extradition',
      '## Article __. Placeholder',
      '## Article. Extradition',
      '### article 12 - lower case',
      '# Annex',
      '# Interpretative notes',
      '# Final clauses',
    ].join('\n');
    const headings = parse(text).blocks.filter((b) => b.type === 'heading');
    assert.deepEqual(
      headings.map((h) => h.type === 'heading' && [h.kind, h.number?.text ?? null, h.number?.value ?? null, h.number?.suffix ?? null, h.number?.placeholder ?? null, h.title?.text ?? null]),
      [
        ['preamble', null, null, null, null, null],
        ['part', 'II', 2, null, false, 'Substance'],
        ['chapter', 'IV', 4, null, false, 'General provisions'],
        ['section', '1', 1, null, false, 'Scope'],
        ['article', '7 bis', 7, 'bis', false, 'Illegal access to a subsystem'],
        ['article', 'X', null, null, true, 'Extradition'],
        ['article', '[X]', null, null, true, 'Extradition'],
        ['article', '__', null, null, true, 'Placeholder'],
        ['article', null, null, null, null, 'Extradition'],
        ['article', '12', 12, null, false, 'lower case'],
        ['annex', null, null, null, null, null],
        ['notes', null, null, null, null, null],
        ['other', null, null, null, null, 'Final clauses'],
      ],
    );
  });

  it('treats "Article" without # as ordinary text', () => {
    const t = analyse('Article 5 of the draft is discussed below.\n');
    assert.equal(t.articles.length, 0);
  });

  it('reads two markers on a line and decides (i) by the sequence', () => {
    const text = [
      '## Article 1. Test',
      '',
      '1. (a) (i) First;',
      '',
      '(ii) second;',
      '',
      '(b) b;',
      '(c) c;',
      '(d) d;',
      '(e) e;',
      '(f) f;',
      '(g) g;',
      '(h) h;',
      '(i) the letter i;',
      '(j) j.',
      '',
      '2. (h) h again:',
      '',
      '- (i) roman one;',
      '  (ii) roman two.',
    ].join('\n');
    const t = analyse(text);
    const ids = t.units.map((u) => u.id);
    assert.ok(ids.includes('art_1__para_1__point_a__point_i'));
    assert.ok(ids.includes('art_1__para_1__point_a__point_ii'));
    assert.ok(ids.includes('art_1__para_1__point_i'), 'the letter i after (h)');
    assert.ok(ids.includes('art_1__para_1__point_j'));
    assert.ok(ids.includes('art_1__para_2__point_h__point_i'), 'roman i when (ii) follows');
    assert.ok(ids.includes('art_1__para_2__point_h__point_ii'));
  });

  it('keeps the chapeau, the preamble recitals and continuation lines', () => {
    const text = '# Preamble\n\nThe States Parties,\n\n*Noting* a;\n\n(2) *Recalling* b,\n\n*Have agreed* as follows:\n\n## Article 1. A\n\nFor the purposes of this Convention:\n\n(a) one;\nstill one.\n';
    const t = analyse(text);
    assert.deepEqual(t.units.filter((u) => u.kind === 'recital').map((u) => t.text.slice(u.textSpan.start, u.textSpan.end)), ['*Noting* a;', '*Recalling* b,']);
    const chapeau = t.byId.get('art_1__para_0')!;
    assert.equal(chapeau.chapeau, true);
    const a = t.byId.get('art_1__para_0__point_a')!;
    assert.equal(t.text.slice(a.textSpan.start, a.textSpan.end), 'one;\nstill one.');
  });

  it('finds brackets (nested, across lines), alternatives, CriticMarkup and footnotes', () => {
    const text = 'A [cybercrime] [the use of [ICT] for\ncriminal purposes] {++new++} {--old--} {~~a~>b~~} {==c==}{>>A1: [why]<<} note[^1].\n\n[^1]: The note.\n';
    const tree = parse(text);
    assert.equal(tree.brackets.length, 3);
    assert.ok(tree.brackets.every((b) => b.close > 0));
    assert.equal(tree.brackets[1].parent, -1);
    assert.equal(tree.brackets[2].parent, 1);
    assert.deepEqual(tree.critic.map((c) => c.kind), ['insert', 'delete', 'substitute', 'highlight', 'comment']);
    assert.equal(tree.footnoteRefs.length, 1);
    const t = analyse(text);
    assert.equal(t.alternatives.length, 1);
    assert.equal(t.changes.length, 3);
    assert.equal(t.comments.length, 1);
    assert.deepEqual(check(t), []);
  });

  it('reports unbalanced brackets at the unmatched bracket, and unclosed changes', () => {
    const text = 'A [open and ] closed ] and {++never closed\n\nnext.\n';
    const findings = check(analyse(text));
    assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]), [
      ['brackets.unbalanced', 'error', ']'],
      ['change.unclosed', 'error', '{++'],
    ]);
    const open = check(analyse('A [never closed.\n\nB.\n'));
    assert.equal(open[0].code, 'brackets.unbalanced');
    assert.match(open[0].message, /lacks a "\]"/);
  });

  it('pairs footnotes and reports the unpaired', () => {
    const text = 'Text[^1] and[^2].\n\n[^1]: One.\n[^3]: Three.\n';
    const findings = check(analyse(text));
    assert.deepEqual(findings.map((f) => [f.code, text.slice(f.span.start, f.span.end)]), [
      ['footnote.undefined', '[^2]'],
      ['footnote.unused', '3'],
    ]);
  });

  it('reports broken front matter and still analyses the rest', () => {
    const text = '---\ntitle: [unclosed\n---\n## Article 1. A\n\nText.\n';
    const t = analyse(text);
    const findings = check(t);
    assert.equal(findings[0].code, 'frontmatter.invalid');
    assert.ok(findings[0].span.start >= 4 && findings[0].span.end <= 24);
    assert.equal(t.articles.length, 1);
    const unclosed = check(analyse('---\ntitle: x\n## Article 1. A\n'));
    assert.equal(unclosed[0].code, 'frontmatter.invalid');
    assert.equal(analyse('---\ntitle: x\n## Article 1. A\n').articles.length, 1);
  });

  it('counts lines for \\n, \\r\\n and lone \\r', () => {
    const idx = new LineIndex('a\r\nb\rc\nd');
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(5), { line: 2, character: 0 });
    assert.equal(idx.offsetAt({ line: 3, character: 0 }), 7);
    assert.equal(idx.offsetAt({ line: 9, character: 9 }), 8);
  });
});
