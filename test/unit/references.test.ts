// Every reference form of the design and of the real texts, resolved to unit ids.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';

/** A small treaty with enough structure for every form. */
const TREATY = `---
short-title: Convention
instruments:
  UNTOC: United Nations Convention against Transnational Organized Crime
  Budapest: { title: Convention on Cybercrime, file: budapest.treaty }
---
# Chapter I. General

## Article 1. Terms

For the purposes of this Convention:

(a) "Alpha" shall mean one;

(b) "Beta" shall mean two;

(c) "Gamma" shall mean three;

(d) "Delta" shall mean four:

(i) first;

(ii) second;

(e) "Epsilon" shall mean five.

## Article 2. Scope

1. One.

2. Two:

(a) a;

(b) b:

(i) i;

(ii) ii;

(c) c.

3. Three.

4. Four.

# Chapter II. Offences

## Article 3. Offence

1. See paragraph 2 of article 2.

2. See paragraph 1 (a) (i) or (ii) of this article, subparagraph (a) of paragraph 1, and subparagraphs (a) to (b) of this paragraph.

(a) x;

(b) y.

## Article 4. Other

1. Text.

## Article 5. Citing

1. REFS
`;

/** Analyse TREATY with `line` as the text of article 5, paragraph 1. */
function refsIn(line: string) {
  const text = TREATY.replace('REFS', line);
  const treaty = analyse(text);
  const at = text.indexOf(line);
  const inLine = (s: { start: number; end: number }) => s.start >= at && s.end <= at + line.length;
  return { treaty, refs: treaty.references.filter((r) => inLine(r.span)), findings: check(treaty).filter((f) => inLine(f.span)) };
}

function resolved(line: string): [string, string[]][] {
  return refsIn(line).refs.map((r) => [r.text, r.kind === 'internal' ? r.targets.map((t) => t.id) : [r.kind]]);
}

describe('references', () => {
  const cases: [string, [string, string[]][]][] = [
    ['See article 2.', [['article 2', ['art_2']]]],
    ['See articles 2 and 4.', [['articles 2 and 4', ['art_2', 'art_4']]]],
    ['See articles 1 to 4 of this Convention.', [['articles 1 to 4 of this Convention', ['art_1', 'art_2', 'art_3', 'art_4']]]],
    ['See articles 1, 3 and 4.', [['articles 1, 3 and 4', ['art_1', 'art_3', 'art_4']]]],
    ['See article 3 or 4 of the present Convention.', [['article 3 or 4 of the present Convention', ['art_3', 'art_4']]]],
    ['See paragraph 3 of article 2.', [['paragraph 3 of article 2', ['art_2__para_3']]]],
    ['See article 2, paragraph 1, of this Convention.', [['article 2, paragraph 1, of this Convention', ['art_2__para_1']]]],
    ['See article 1 (e).', [['article 1 (e)', ['art_1__para_0__point_e']]]],
    ['See article 2(3).', [['article 2(3)', ['art_2__para_3']]]],
    ['See article 2 (2) (b) (ii).', [['article 2 (2) (b) (ii)', ['art_2__para_2__point_b__point_ii']]]],
    ['See paragraph 2 (a) to (c) of article 2.', [['paragraph 2 (a) to (c) of article 2', ['art_2__para_2__point_a', 'art_2__para_2__point_b', 'art_2__para_2__point_c']]]],
    ['See article 2, paragraph 2 (b) (i) or (ii) or (c), of this Convention.', [['article 2, paragraph 2 (b) (i) or (ii) or (c), of this Convention', ['art_2__para_2__point_b__point_i', 'art_2__para_2__point_b__point_ii', 'art_2__para_2__point_c']]]],
    ['See article 2, paragraph 2 (a) and (b) and paragraph 3, of this Convention.', [['article 2, paragraph 2 (a) and (b) and paragraph 3, of this Convention', ['art_2__para_2__point_a', 'art_2__para_2__point_b', 'art_2__para_3']]]],
    ['See articles 2, paragraph 2 (c), 3 and 4 of the Convention.', [['articles 2, paragraph 2 (c), 3 and 4 of the Convention', ['art_2__para_2__point_c', 'art_3', 'art_4']]]],
    ['See Articles 3 and 4.', [['Articles 3 and 4', ['art_3', 'art_4']]]],
    ['See article 1, as in chapter II and chapters I and II.', [['article 1', ['art_1']], ['chapter II', ['chp_2']], ['chapters I and II', ['chp_1', 'chp_2']]]],
    ['See article 16 of the International Covenant on Civil and Political Rights.', [['article 16 of the International Covenant on Civil and Political Rights', ['external']]]],
    ['See article 16 of UNTOC and (UNTOC Article 16).', [['article 16 of UNTOC', ['external']], ['Article 16', ['external']]]],
    ['See article 9 of the Convention on Cybercrime.', [['article 9 of the Convention on Cybercrime', ['external']]]],
    ['See articles [on criminalization] and article [X] and article X.', [['articles [on criminalization]', ['placeholder']], ['article [X]', ['placeholder']], ['article X', ['placeholder']]]],
    ['See paragraph 1 of this article.', [['paragraph 1 of this article', ['art_5__para_1']]]],
  ];
  for (const [line, expected] of cases) {
    it(`resolves: ${line}`, () => assert.deepEqual(resolved(line), expected));
  }

  it('resolves relative references against the article and paragraph they stand in', () => {
    const treaty = analyse(TREATY.replace('REFS', 'x'));
    const inArticle3 = treaty.references.filter((r) => r.from && r.from.id.startsWith('art_3'));
    assert.deepEqual(
      inArticle3.map((r) => [r.text, r.targets.map((t) => t.id)]),
      [
        ['paragraph 2 of article 2', ['art_2__para_2']],
        ['paragraph 1 (a) (i) or (ii) of this article', []],
        ['subparagraph (a) of paragraph 1', []],
        ['subparagraphs (a) to (b) of this paragraph', ['art_3__para_2__point_a', 'art_3__para_2__point_b']],
      ],
    );
    // Article 3 paragraph 1 has no subparagraphs: those two references dangle.
    assert.equal(inArticle3[1].missing.length, 2);
  });

  it('keeps the range of every number, so renumbering can rewrite exactly those characters', () => {
    const line = 'See article 2, paragraph 2 (b) (i) or (ii), of this Convention and articles 1 to 4.';
    const { refs } = refsIn(line);
    const text = TREATY.replace('REFS', line);
    assert.deepEqual(
      refs.flatMap((r) => r.numbers.map((n) => [text.slice(n.span.start, n.span.end), n.level, n.unit?.id])),
      [
        ['2', 'article', 'art_2'],
        ['2', 'paragraph', 'art_2__para_2'],
        ['b', 'point', 'art_2__para_2__point_b'],
        ['i', 'point', 'art_2__para_2__point_b__point_i'],
        ['ii', 'point', 'art_2__para_2__point_b__point_ii'],
        ['1', 'article', 'art_1'],
        ['4', 'article', 'art_4'],
      ],
    );
  });

  it('reports dangling references at the reference, and placeholders as information', () => {
    const { findings, treaty } = refsIn('See article 9; paragraph 7 of article 2; article 1 (z) and article [X].');
    const text = treaty.text;
    const dangling = findings.filter((f) => f.code === 'reference.dangling');
    assert.deepEqual(dangling.map((f) => text.slice(f.span.start, f.span.end)), ['article 9', 'paragraph 7 of article 2', 'article 1 (z)']);
    assert.match(dangling[1].message, /paragraph 7 of article 2/);
    const placeholder = findings.filter((f) => f.code === 'reference.placeholder');
    assert.equal(placeholder.length, 1);
    assert.equal(placeholder[0].severity, 'information');
  });

  it('never reports an external reference as dangling', () => {
    const { findings } = refsIn('See article 99 of the International Covenant on Civil and Political Rights and article 99 of UNTOC.');
    assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
  });

  it('does not take ordinary words for references', () => {
    assert.deepEqual(resolved('In part or in full, this article and the relevant paragraphs of this chapter apply.'), []);
  });

  it('reads bare subparagraph references in a note against the unit the note cites', () => {
    const text = TREATY.replace('REFS', 'x') + '\n# Interpretative notes\n\n## Article 1\n\n1. The definition in article 1 (d) includes, in subparagraph (ii), more than subparagraph (i).\n';
    const treaty = analyse(text);
    const inNote = treaty.references.filter((r) => r.from?.kind === 'note');
    assert.deepEqual(inNote.map((r) => [r.text, r.targets.map((t) => t.id)]), [
      ['article 1 (d)', ['art_1__para_0__point_d']],
      ['subparagraph (ii)', ['art_1__para_0__point_d__point_ii']],
      ['subparagraph (i)', ['art_1__para_0__point_d__point_i']],
    ]);
    assert.deepEqual(treaty.notes[0].group.targets.map((t) => t.id), ['art_1']);
  });
});
