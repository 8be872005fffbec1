// Every citation form Treatymark reads, as a case table: the phrase, written in a small
// treaty, names exactly these units; after an article is inserted after article 1 and the
// treaty renumbered, the phrase reads exactly so (internal article numbers follow, nothing
// else changes; references to other instruments never change). Forms are those of real
// treaties (UN, Council of Europe, WHO, ICC, ICAO, the Hague Conference), written generally.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { planRenumbering, unrecognisedAtRisk } from '../../server/src/edits/renumber';
import { applyEdits } from '../../server/src/edits/textedit';
import type { Reference, Treaty } from '../../server/src/model/types';
import { definition } from '../../server/src/features/definition';
import { hover } from '../../server/src/features/hover';
import { references } from '../../server/src/features/references';
import { projectWith } from '../support/text';

const generic = (n: number, title: string) => `## Article ${n}. ${title}

1. Text of paragraph one:

(a) point a;

(i) point a i;

(ii) point a ii;

(b) point b;

(c) point c;

(d) point d;

(e) point e;

(f) point f;

(g) point g.

2. Text of paragraph two:

(a) point a;

(b) point b;

(c) point c;

(d) point d;

(e) point e.

3. Text of paragraph three.

4. Text of paragraph four.

5. Text of paragraph five.
`;

/**
 * A treaty of 13 articles (article 5 a chapeau with (a)–(c); article 13 has its (a) only in
 * paragraph 2), a preamble of three recitals and two annexes, with `phrase` written at the
 * start of paragraph `place` of article 12, between the words xbegin and xend.
 */
function fixture(phrase: string, place: 1 | 2 | 3): string {
  const arts = [`## Article 1. One\n\n1. Text.\n\n2. Text.\n`];
  for (let n = 2; n <= 11; n++) arts.push(n === 5 ? `## Article 5. Five\n\nFor the purposes of this Convention:\n\n(a) first;\n\n(b) second;\n\n(c) third.\n` : generic(n, `Title ${n}`));
  const words = ['', 'one', 'two', 'three'];
  arts.push(generic(12, 'Citing').replace(`${place}. Text of paragraph ${words[place]}`, `${place}. xbegin ${phrase} xend, text of paragraph ${words[place]}`));
  arts.push(`## Article 13. Sloppy\n\n1. Text.\n\n2. Text:\n\n(a) point a;\n\n(b) point b.\n\n3. As provided in subparagraph (a) of this article.\n`);
  return `---\ntitle: Test Convention\nshort-title: Convention\ninstruments:\n  Budapest: Convention on Cybercrime\n---\n\n# Preamble\n\nThe States Parties,\n\n*Recalling* one,\n\n*Noting* two,\n\n*Affirming* three,\n\nHave agreed as follows:\n\n# Chapter I. General\n\n${arts.join('\n')}\n# Annex I. First\n\n## Part I. Alpha\n\n1. Text.\n\n## Part II. Beta\n\n1. Text.\n\n# Annex II. Second\n\n1. Text.\n`;
}

function phraseSpan(text: string): { start: number; end: number } {
  const start = text.indexOf('xbegin ') + 'xbegin '.length;
  return { start, end: text.indexOf(' xend', start) };
}

/** The references that stand inside the phrase. */
function refsIn(treaty: Treaty): Reference[] {
  const { start, end } = phraseSpan(treaty.text);
  return treaty.references.filter((r) => r.span.start >= start && r.span.end <= end);
}

/** The phrase after inserting an article after article 1 and renumbering. */
function renumbered(text: string): string {
  const inserted = text.replace('## Article 2. ', '## Article 1 bis. Inserted\n\nText.\n\n## Article 2. ');
  const out = applyEdits(inserted, planRenumbering(analyse(inserted)).edits);
  const { start, end } = phraseSpan(out);
  return out.slice(start, end);
}

const points = (prefix: string, labels: string) => labels.split(' ').map((l) => `${prefix}__point_${l}`);
const arts = (...ns: number[]) => ns.map((n) => `art_${n}`);

type Case = [phrase: string, place: 1 | 2 | 3, targets: string[], after?: string];

const INTERNAL: Record<string, Case[]> = {
  ranges: [
    ['articles 2 through 11', 1, arts(2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 'articles 3 through 12'],
    ['paragraphs 1–3 of this Article', 1, ['art_12__para_1', 'art_12__para_2', 'art_12__para_3']],
    ['Article 2 (1) (a)-(c)', 1, points('art_2__para_1', 'a b c'), 'Article 3 (1) (a)-(c)'],
    ['subparagraphs (a) to (c)', 1, points('art_12__para_1', 'a b c')],
    ['articles 2 to 4, 7 and 9', 1, arts(2, 3, 4, 7, 9), 'articles 3 to 5, 8 and 10'],
  ],
  'Council of Europe designators': [
    ['paragraph 2.a', 1, ['art_12__para_2__point_a']],
    ['paragraph 1 a.ii of this article', 1, ['art_12__para_1__point_a__point_ii']],
    ['Article 9.1.a and c', 1, points('art_9__para_1', 'a c'), 'Article 10.1.a and c'],
    ['sub-paragraphs d. and e', 1, points('art_12__para_1', 'd e')],
    ['paragraphs 1, sub-paragraphs d. and e, and 2, sub-paragraphs b. and c.', 1, [...points('art_12__para_1', 'd e'), ...points('art_12__para_2', 'b c')]],
    ['points a and b', 1, points('art_12__para_1', 'a b')],
  ],
  'WHO decimals': [
    ['Article 4.2', 1, ['art_4__para_2'], 'Article 5.2'],
    ['Articles 6.3, 3.2, 3.1(d), 4.5 and 9.2', 1, ['art_6__para_3', 'art_3__para_2', 'art_3__para_1__point_d', 'art_4__para_5', 'art_9__para_2'], 'Articles 7.3, 4.2, 4.1(d), 5.5 and 10.2'],
  ],
  'letters without parentheses or with one': [
    ['paragraph 1 a) (i) or (ii) or b)', 1, ['art_12__para_1__point_a__point_i', 'art_12__para_1__point_a__point_ii', 'art_12__para_1__point_b']],
    ['article 5, paragraph a) or c)', 1, points('art_5__para_0', 'a c'), 'article 6, paragraph a) or c)'],
    ['sub-paragraph (*c*)', 1, points('art_12__para_1', 'c')],
  ],
  'paragraphs and letters': [
    ['subparagraphs 2(a) and 2(c) of this Article', 1, points('art_12__para_2', 'a c')],
    ['(a) or (b) in paragraph 2', 1, points('art_12__para_2', 'a b')],
    ['Article 3(1)(a)', 1, ['art_3__para_1__point_a'], 'Article 4(1)(a)'],
    ['Art. 5', 1, ['art_5'], 'Art. 6'],
    ['Art 5 and paras 1 and 2 of Article 3', 1, ['art_5', 'art_3__para_1', 'art_3__para_2'], 'Art 6 and paras 1 and 2 of Article 4'],
    ['paragraph (b) of Article 5', 1, ['art_5__para_0__point_b'], 'paragraph (b) of Article 6'],
    ['the preceding paragraph', 2, ['art_12__para_1']],
    ['paragraph 2 below', 1, ['art_12__para_2']],
    ['paragraph 1 above', 2, ['art_12__para_1']],
    ['the previous article', 1, ['art_11']],
    ['article 3 and paragraph 1 of the same article', 1, ['art_3', 'art_3__para_1'], 'article 4 and paragraph 1 of the same article'],
    ['paragraph 2 of the Preamble', 1, ['preamble__recital_2']],
  ],
  annexes: [
    ['annex I', 1, ['annex_1']],
    ['annexes I and II', 1, ['annex_1', 'annex_2']],
    ['Part II of Annex I', 1, ['part_2']],
  ],
  'mixed lists': [
    ['Articles 2, 3, 6, paragraph 1.b, 7, 9 paragraph 3, and 11, paragraph 2.e', 1, ['art_2', 'art_3', 'art_6__para_1__point_b', 'art_7', 'art_9__para_3', 'art_11__para_2__point_e'], 'Articles 3, 4, 7, paragraph 1.b, 8, 10 paragraph 3, and 12, paragraph 2.e'],
    ['articles 6, 7, 8 (paragraphs 1 and 2), 11', 1, ['art_6', 'art_7', 'art_8__para_1', 'art_8__para_2', 'art_11'], 'articles 7, 8, 9 (paragraphs 1 and 2), 12'],
    ['articles 2, 3 or 4, paragraph 2', 1, ['art_2', 'art_3', 'art_4', 'art_12__para_2'], 'articles 3, 4 or 5, paragraph 2'],
  ],
};

/** References to other instruments: read as such, never bound here, never renumbered. */
const EXTERNAL: string[] = [
  'Article 27 (Procedure pertaining to mutual assistance requests) and Article 28 (Confidentiality and limitation on use) of the Budapest Convention',
  'article 9 of the Budapest Convention',
  'Single Convention on Narcotic Drugs (SCND) Article 5',
  'Article 20.d. of the Statute of the Council of Europe',
  'article 3 common to the four Geneva Conventions',
  'Articles 1 to 21 and the Appendix of the Berne Convention',
  'paragraph 221 of the outcome document of the United Nations Conference on Sustainable Development',
  'article 4 of the International Covenant on Civil and Political Rights',
  'see A/71/348, paras 45-49',
  'CRC General Comment No. 25, paras 117 and 118',
  'CRC GC 25 para 117',
];

describe('citation forms (case table)', () => {
  for (const [group, cases] of Object.entries(INTERNAL)) {
    describe(group, () => {
      for (const [phrase, place, targets, after] of cases) {
        it(`${phrase} → ${targets.join(', ')}`, () => {
          const text = fixture(phrase, place);
          const treaty = analyse(text);
          const refs = refsIn(treaty);
          assert.ok(refs.length > 0, 'no reference read');
          assert.ok(refs.every((r) => r.kind === 'internal' && r.missing.length === 0), JSON.stringify(refs.map((r) => [r.text, r.kind, r.missing])));
          assert.deepEqual(refs.flatMap((r) => r.targets.map((u) => u.id)), targets);
          // The whole phrase is read: no keyword of it is left unrecognised.
          const { start, end } = phraseSpan(text);
          assert.deepEqual(treaty.unrecognised.filter((s) => s.start >= start && s.end <= end), []);
          assert.equal(renumbered(text), after ?? phrase);
        });
      }
    });
  }

  describe('other instruments', () => {
    for (const phrase of EXTERNAL) {
      it(`${phrase}: external, and unchanged by renumbering`, () => {
        const text = fixture(phrase, 1);
        const refs = refsIn(analyse(text));
        assert.ok(refs.length > 0, 'no reference read');
        assert.deepEqual(
          refs.map((r) => [r.kind, r.targets.length]),
          refs.map(() => ['external', 0]),
        );
        assert.equal(renumbered(text), phrase);
      });
    }

    it('(Article 24/7 Network): a name, neither a reference nor an unreadable citation', () => {
      const treaty = analyse(fixture('(Article 24/7 Network)', 1));
      assert.deepEqual(refsIn(treaty), []);
      const { start, end } = phraseSpan(treaty.text);
      assert.deepEqual(treaty.unrecognised.filter((s) => s.start >= start && s.end <= end), []);
    });
  });

  describe('sloppy but real drafting', () => {
    it('subparagraph (a) of this article, with (a) only in paragraph 2: read as that one, with a hint naming the precise form', () => {
      const treaty = analyse(fixture('article 1', 1));
      const ref = treaty.references.find((r) => r.text === 'subparagraph (a) of this article')!;
      assert.deepEqual(
        ref.targets.map((u) => u.id),
        ['art_13__para_2__point_a'],
      );
      const hints = check(treaty).filter((f) => f.code === 'reference.imprecise');
      assert.deepEqual(
        hints.map((f) => [f.severity, f.data?.precise]),
        [['hint', 'subparagraph (a) of paragraph 2 of this article']],
      );
    });

    it('paragraph l(a): the letter l read as the digit 1, with a hint', () => {
      const treaty = analyse(fixture('paragraph l(a)', 2));
      const [ref] = refsIn(treaty);
      assert.deepEqual(
        ref.targets.map((u) => u.id),
        ['art_12__para_1__point_a'],
      );
      assert.deepEqual(ref.imprecise?.map((i) => i.precise), ['paragraph 1']);
    });
  });

  describe('never silent', () => {
    // Forms no treaty of the corpus uses: a keyword and a designator Treatymark cannot read.
    const UNREAD = ['Article (5)', 'paragraph (2bis)', 'Article A', 'section (3bis)'];

    for (const phrase of UNREAD) {
      it(`${phrase}: reported as reference.unrecognised, and stops a silent renumbering when it could name a renumbered unit`, () => {
        const text = fixture(`as ${phrase} says`, 1);
        const treaty = analyse(text);
        const { start, end } = phraseSpan(text);
        const unread = treaty.unrecognised.filter((s) => s.start >= start && s.end <= end);
        assert.equal(unread.length, 1, `${phrase} not reported`);
        assert.equal(text.slice(unread[0].start, unread[0].end).split(/\s/)[0], phrase.split(' ')[0]);
        const findings = check(treaty).filter((f) => f.code === 'reference.unrecognised' && f.span.start >= start);
        assert.deepEqual(
          findings.map((f) => f.severity),
          ['information'],
        );
        // Insert an article: articles 2 and later (and so 5) are renumbered; `Article (5)` would not follow.
        const inserted = analyse(text.replace('## Article 2. ', '## Article 1 bis. Inserted\n\nText.\n\n## Article 2. '));
        const atRisk = unrecognisedAtRisk(inserted, planRenumbering(inserted));
        assert.equal(atRisk.length, phrase === 'Article (5)' ? 1 : 0);
      });
    }

    it('renumbering never changes a number outside a recognised internal reference or a heading', () => {
      const phrases = [...EXTERNAL, 'Article (5)', 'paragraph (2bis)', 'in 2023, 5 States and 7 organizations', 'resolution 55/25, annex I'];
      const text = fixture(phrases.join('; '), 1);
      const inserted = text.replace('## Article 2. ', '## Article 1 bis. Inserted\n\nText.\n\n## Article 2. ');
      const treaty = analyse(inserted);
      const allowed = [...treaty.units.flatMap((u) => (u.numberSpan ? [u.numberSpan] : [])), ...treaty.references.filter((r) => r.kind === 'internal').flatMap((r) => r.numbers.map((n) => n.span))];
      for (const e of planRenumbering(treaty).edits) {
        assert.ok(
          allowed.some((a) => a.start === e.span.start && a.end === e.span.end),
          `edit at ${e.span.start}: ${JSON.stringify(inserted.slice(e.span.start - 20, e.span.end + 20))}`,
        );
      }
      assert.equal(renumbered(text), phrases.join('; '));
    });
  });

  describe('in the editor', () => {
    const URI = 'file:///t/citing.treaty';
    // Each designator of a new form: go to definition lands on the unit's marker or heading,
    // the unit's references include the citation, and hover names it.
    const FORMS: [phrase: string, inPhrase: string, line: string][] = [
      ['Article 9.1.a and c', 'c', '(c) point c;'],
      ['article 5, paragraph a) or c)', 'c)', '(c) third.'],
      ['Article 4.2', '2', '2. Text of paragraph two:'],
      ['sub-paragraphs d. and e', 'e', '(e) point e;'],
    ];
    for (const [phrase, inPhrase, line] of FORMS) {
      it(`${phrase}: definition, references and hover at "${inPhrase}"`, () => {
        const text = fixture(phrase, 1);
        const p = projectWith({ [URI]: text });
        const view = p.view(URI)!;
        const { start } = phraseSpan(text);
        const offset = start + phrase.lastIndexOf(inPhrase);
        const [link] = definition(p, view, offset);
        const lines = text.split('\n');
        assert.equal(lines[link.selection.range.start.line], line);
        const target = refsIn(view.treaty).flatMap((r) => r.numbers).find((n) => n.span.start <= offset && offset <= n.span.end)!.unit!;
        const cited = references(p, view, target.anchorSpan.start + 1, false);
        const { line: phraseLine } = view.treaty.lines.positionAt(offset);
        assert.ok(cited.some((l) => l.range.start.line === phraseLine), `references of ${target.id} miss line ${phraseLine}`);
        assert.ok(hover(p, view, offset)?.markdown.length, 'a hover');
      });
    }

    it('hover on an unreadable citation says Treatymark cannot read it', () => {
      const text = fixture('as Article (5) says', 1);
      const p = projectWith({ [URI]: text });
      const offset = text.indexOf('Article (5)') + 1;
      assert.match(hover(p, p.view(URI)!, offset)!.markdown, /cannot read this citation/);
    });
  });
});
