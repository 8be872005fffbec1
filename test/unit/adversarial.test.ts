// Hostile inputs: a 5 MB file, 100 000 nested brackets, a 10 000-digit article number,
// 1 MB lines, nothing but `(`, lone surrogates and NUL, a BOM, CRLF and lone CR, tabs,
// right-to-left text. For each: analysis, checks and renumbering do not throw, every range
// lies in the text, the model stays proportional to the text, and the time stays within a
// factor of a linear baseline: the cost per character of the convention, measured in the
// same process (a ratio, never an absolute time). ROBUSTNESS_REPORT=1 prints the ratios.
import { strict as assert } from 'assert';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { capturedDangling, planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits } from '../../server/src/edits/textedit';
import type { Treaty } from '../../server/src/model/types';
import { CONVENTION, insertBefore } from '../support/corpus';
import { assertInside, bestTime, FUZZING, heapUsed, modelSize, pipeline, type Pipeline } from '../support/robust';

/**
 * Slowest allowed: this many times the convention's cost per character. Linear inputs stay
 * under 30× even on a quiet machine, where the convention's well-trodden path is fastest; the
 * quadratic behaviours these tests caught were 200× to 10 000× and more at these sizes.
 */
const MAX_RATIO = 50;
/** Below this many characters' worth of the baseline, timer noise dominates: compare with it instead. */
const FLOOR_CHARS = 200_000;
const MB = 1 << 20;
/** Lines that only need to be long, not 1 MB: a quarter of that under `npm test`. */
const LONG = FUZZING ? MB : MB / 4;

const CONV = CONVENTION.replace(/\r\n?/g, '\n');
let perChar = 0;
let conventionMs = 0;
const report: { name: string; chars: number; ms: number; ratio: number }[] = [];

/** Runs the whole pipeline on `text`, checks ranges and size, and the time against the baseline. */
function hostile(name: string, text: string, { baseline }: { baseline?: string } = {}): Pipeline {
  const run = (): Pipeline => pipeline(text);
  let result!: Pipeline;
  let ms = bestTime(() => (result = run()), 1);
  // A text of the same length that takes another library's path (YAML) is its own baseline.
  const expected = baseline !== undefined ? bestTime(() => pipeline(baseline), 2) : perChar * Math.max(text.length, FLOOR_CHARS);
  // One slow run may be the collector or a neighbour on the machine: time it again before failing.
  if (ms / expected > MAX_RATIO) ms = Math.min(ms, bestTime(run, 2));
  const ratio = ms / expected;
  report.push({ name, chars: text.length, ms, ratio });
  assertInside(result);
  // A bracket, its finding and its edit may all come from one character: a few items per character at most.
  assert.ok(modelSize(result) <= 4 * text.length + 100, `${name}: the model holds ${modelSize(result)} items for ${text.length} characters`);
  assert.ok(ratio < MAX_RATIO, `${name}: ${ms.toFixed(0)} ms for ${text.length} characters is ${ratio.toFixed(1)}× the convention's cost per character (limit ${MAX_RATIO}×)`);
  return result;
}

/** What a drafter sees of a treaty: units, what each reference names, terms, notes, diagnostics. */
function shape(t: Treaty) {
  return {
    units: t.units.map((u) => `${u.id} ${u.number}`),
    references: t.references.map((r) => `${r.kind} ${r.text.replace(/\s+/g, ' ')} → ${r.targets.map((u) => u.id).join(',')}`),
    definitions: t.definitions.map((d) => `${d.key} ${d.scope} ${d.scopeUnit?.id ?? ''} ${d.uses.length}`),
    notes: t.notes.map((n) => `${n.unit.id} ${n.concerns.map((u) => u.id).join(',')}`),
    findings: check(t).map((f) => f.code),
  };
}

/** The convention with one line ending throughout. */
const withEol = (eol: string) => CONV.replace(/\n/g, eol);

describe('adversarial inputs', function () {
  this.timeout(FUZZING ? 600_000 : 120_000);

  before(() => {
    // Warm up, then the baseline: the whole pipeline on the convention four times over.
    pipeline(CONV);
    const four = CONV.repeat(4);
    perChar = bestTime(() => pipeline(four), 3) / four.length;
    conventionMs = bestTime(() => pipeline(CONV), 3);
  });

  after(() => {
    if (!process.env.ROBUSTNESS_REPORT && !FUZZING) return;
    console.log(`\n  baseline: ${(perChar * 1e6).toFixed(0)} ms per million characters; the convention (${CONV.length} characters) ${conventionMs.toFixed(1)} ms`);
    for (const r of [...report].sort((a, b) => b.ratio - a.ratio)) {
      console.log(`  ${r.ratio.toFixed(2).padStart(6)}× baseline  ${(r.ms / conventionMs).toFixed(1).padStart(6)}× the convention  ${r.ms.toFixed(0).padStart(5)} ms  ${String(r.chars).padStart(8)} chars  ${r.name}`);
    }
  });

  describe('a 5 MB file', () => {
    let renumbered = '';

    it('the convention repeated 37 times: 2 516 articles, thousands of duplicates and numbering findings', () => {
      const text = CONV.repeat(37);
      assert.ok(text.length > 5_000_000);
      const before = heapUsed();
      const p = hostile('5 MB: the convention repeated 37 times', text);
      const retained = heapUsed() - before;
      assert.ok(retained < 40 * text.length, `the model of 5 MB holds ${(retained / MB).toFixed(0)} MB`);
      assert.equal(p.treaty.articles.length, 68 * 37);
      // Each copy starts again at article 1: out of order once per copy (paragraphs number in their article).
      assert.ok(p.findings.filter((f) => f.code === 'numbering.sequence').length >= 36);
      assert.ok(p.edits.length > 68 * 36);
      renumbered = applyEdits(text, p.edits);
    });

    it('the same file renumbered: every number in sequence, and a second renumbering changes nothing', () => {
      assert.ok(renumbered, 'needs the previous test');
      const p = hostile('5 MB: the convention repeated and renumbered', renumbered);
      assert.deepEqual(p.treaty.articles.map((a) => a.number).slice(-2), ['2515', '2516']);
      assert.deepEqual(p.findings.filter((f) => f.code.startsWith('numbering.')), []);
      assert.equal(p.edits.length, 0);
    });
  });

  describe('brackets', () => {
    const N = 100_000;

    it('100 000 nested brackets, closed', () => {
      const p = hostile('100 000 nested brackets', `## Article 1. A\n\n1. ${'['.repeat(N)}x${']'.repeat(N)}\n`);
      const brackets = p.treaty.syntax.brackets;
      assert.equal(brackets.length, N);
      assert.equal(Math.max(...brackets.slice(-10).map((b) => b.depth)), N - 1);
      assert.ok(brackets.every((b) => b.close >= 0));
      assert.deepEqual(p.findings.filter((f) => f.code === 'brackets.unbalanced'), []);
    });

    it('100 000 "[" never closed, in one paragraph: one finding each', () => {
      const p = hostile('100 000 unclosed "["', `## Article 1. A\n\n1. ${'['.repeat(N)}\n\n2. Next.\n`);
      assert.equal(p.findings.filter((f) => f.code === 'brackets.unbalanced').length, N);
    });

    it('100 000 stray "]"', () => {
      const p = hostile('100 000 stray "]"', ']'.repeat(N));
      assert.equal(p.findings.filter((f) => f.code === 'brackets.unbalanced').length, N);
    });

    it('50 000 CriticMarkup openers that never close, and 50 000 inside one that does', () => {
      const n = N / 2;
      const open = hostile('50 000 unclosed "{++"', `## Article 1. A\n\n1. ${'{++ '.repeat(n)}\n`);
      assert.equal(open.findings.filter((f) => f.code === 'change.unclosed').length, n);
      hostile('50 000 "{~~" inside one closed substitution', `## Article 1. A\n\n1. ${'{~~'.repeat(n)}~>x~~}\n`);
    });
  });

  it('an article number with 10 000 digits is one number: renumbering replaces all of it', () => {
    const digits = '9'.repeat(10_000);
    const text = `## Article ${digits}. Title\n\nSee article ${digits}.\n\n## Article 2. Next\n\nSee article 2.\n`;
    const p = hostile('an article number with 10 000 digits', text);
    assert.equal(p.treaty.articles[0].number, digits);
    assert.equal(applyEdits(text, p.edits), '## Article 1. Title\n\nSee article 1.\n\n## Article 2. Next\n\nSee article 2.\n');
  });

  describe('lines of 1 MB', () => {
    const line = (unit: string, length = MB) => unit.repeat(Math.ceil(length / unit.length));

    it('prose', () => {
      hostile('1 MB line of prose', `## Article 1. A\n\n1. ${line('Each State Party shall adopt such measures. ')}\n`);
    });

    it('references', () => {
      const p = hostile('long line of references', `## Article 1. A\n\n1. ${line('article 1, paragraph 1 (a) ', LONG)}\n`);
      assert.ok(p.treaty.references.length > 5_000);
    });

    it('quoted names joined by "or", never defined', () => {
      hostile('1 MB line of "a" or', `## Article 1. A\n\n1. ${line('"a" or ')}\n`);
    });

    it('quoted terms, each defined', () => {
      const p = hostile('long line of definitions', `## Article 1. Use of terms\n\n1. ${line('"data" means data; ', LONG)}\n`);
      assert.ok(p.treaty.definitions.length > 10_000);
    });

    it('white space after a quoted term', () => {
      hostile('1 MB of spaces after a quoted term', `## Article 1. A\n\n1. "term"${' '.repeat(MB)}x\n\n(a) "term"${' '.repeat(MB)}x\n`);
    });

    it('a heading', () => {
      const p = hostile('1 MB heading', `## Article 1. ${line('Title ')}\n\nText.\n`);
      assert.equal(p.treaty.articles.length, 1);
    });

    it('markers', () => {
      hostile('1 MB line of "(a) "', `## Article 1. A\n\n${line('(a) ')}\n`);
    });

    it('"with regard to the term" in a note heading', () => {
      hostile('1 MB note heading', `## Article 1. A\n\nText.\n\n# Interpretative notes\n\n## Article 1, ${line('with regard to the term "')}\n\n1. A note.\n`);
    });
  });

  describe('long lists on one line', () => {
    const line = (unit: string, length = LONG) => unit.repeat(Math.ceil(length / unit.length));
    /** More items than a call's arguments can hold (`push(...list)` overflowed the stack at ~125 000). */
    const many = (unit: string) => unit.repeat(150_000);
    const head = '## Article 2. A\n\n1. x\n\n(a) y\n\n## Article 3. B\n\n';

    it('150 000 quoted names joined by "or", then defined: one definition naming them all', () => {
      const p = hostile('150 000 names of one definition', `## Article 1. Use of terms\n\n1. ${many('"a",')}"a" means b.\n`);
      assert.ok(p.treaty.definitions.length > 100_000);
    });

    it('a subparagraph list of 150 000 items in one reference', () => {
      const p = hostile('150 000 subparagraphs in one reference', `${head}See article 2, paragraph 1 ${many('(a),')}(a).\n`);
      assert.equal(p.treaty.references.length, 1);
    });

    it('a path of 100 000 labels, continued 100 000 times', () => {
      hostile('100 000 labels then 100 000 continuations', `${head}See article 2 ${line('(a) ')}${line('or (i) ')}.\n`);
    });

    it('lists of articles, paragraphs and chapters', () => {
      hostile('articles in one list', `${head}See articles ${line('2, ', LONG / 2)}3.\n`);
      hostile('paragraphs in one list', `${head}See paragraphs ${line('1, ', LONG / 2)}1 of article 2.\n`);
      hostile('ranges', `${head}See ${line('articles 2 to 3, ', LONG / 2)}.\n`);
    });
  });

  describe('repetition', () => {
    const N = FUZZING ? 50_000 : 10_000;

    // Renumbering once copied the list of changed positions per unit and spread it into
    // Math.min: quadratic, and a RangeError past ~120 000 units.
    it(`${N} copies of one article`, () => {
      const p = hostile(`${N} copies of one article`, '## Article 1. X\n\nText.\n\n'.repeat(N));
      assert.equal(new Set(p.treaty.units.map((u) => u.id)).size, p.treaty.units.length);
    });

    it(`${N} paragraphs numbered 1 in one article`, () => {
      hostile(`${N} paragraphs numbered 1`, `## Article 1. X\n\n${'1. Text.\n'.repeat(N)}`);
    });

    it(`${N} definitions of one term, in one article and in one paragraph`, () => {
      const many = hostile(`${N} definitions of one term`, `## Article 1. Use of terms\n\n${'(a) "x" shall mean y.\n'.repeat(N)}`);
      assert.equal(many.findings.filter((f) => f.code === 'definition.duplicate').length, N - 1);
      hostile(`${N} definitions of one term in one paragraph`, `## Article 1. Use of terms\n\n1. ${'"x" means x; '.repeat(N)}\n`);
    });

    it(`${N} articles out of sequence citing ${N + 1} missing articles: renumbering names the one it would capture`, () => {
      // Articles 2…N+1, so every heading is renumbered. Each cites the one before it (article 2
      // cites article 1, which does not exist but will: captured) and an article beyond the
      // end (dangling before and after: not captured). N dangling references, N edits.
      const text = Array.from({ length: N }, (_, i) => `## Article ${i + 2}. A\n\nSee article ${i + 1} and article ${N + 10 + i}.\n\n`).join('');
      const p = hostile(`${N} renumbered articles with ${N + 1} dangling references`, text);
      const captured = capturedDangling(p.treaty, planRenumbering(p.treaty));
      assert.deepEqual(captured.map((c) => c.missing), [['article 1']]);
    });

    it(`${N} chapters, paragraphs and notes, each cited`, () => {
      hostile(`${N} chapters each cited`, Array.from({ length: N }, (_, i) => `# Chapter ${i + 1}. C\n\nSee chapter ${N - i}.\n\n`).join(''));
      hostile(`${N} paragraphs each cited`, `## Article 1. A\n\n${Array.from({ length: N }, (_, i) => `${i + 1}. See paragraph ${N - i}.\n`).join('')}`);
      hostile(`${N} notes each citing`, `## Article 1. A\n\nText.\n\n# Interpretative notes\n\n## Article 1\n\n${Array.from({ length: N }, (_, i) => `${i + 1}. See article 1.\n`).join('')}`);
    });

    it(`front matter with ${N} keys, one of them repeated`, () => {
      const lines = Array.from({ length: N }, (_, i) => `k${i}: v`);
      // Baseline: the same lines as one block of text, which the YAML parser reads without a key to compare.
      const block = `---\nnotes: |\n${lines.map((l) => ` ${l}`).join('\n')}\n---\n## Article 1. A\n`;
      const keys = hostile(`front matter with ${N} keys`, `---\n${lines.join('\n')}\nk0: again\n---\n## Article 1. A\n`, { baseline: block });
      assert.deepEqual(keys.findings.map((f) => [f.code, f.message]), [['frontmatter.invalid', 'Front matter is not valid YAML: Map keys must be unique']]);
    });

  });

  it('nothing but "(" (5 MB)', () => {
    hostile('5 MB of "("', '('.repeat(5 * MB));
  });

  describe('lone surrogates and NUL', () => {
    it('scattered through the convention', () => {
      const hostileChars = ['\uD800', '\uDFFF', '\u0000', '\uFFFE'];
      let k = 0;
      const text = CONV.replace(/[aeiou]/g, (c) => (++k % 53 === 0 ? hostileChars[k % hostileChars.length] : c));
      hostile('the convention with lone surrogates and NUL', text);
    });

    it('1 MB of each', () => {
      hostile('1 MB of lone high surrogates', '\uD800'.repeat(MB));
      hostile('1 MB of NUL', '\u0000'.repeat(MB));
      hostile('lone surrogates in headings, markers and quotes', `## Article \uD800. \uDC00\n\n1. "\uD800" means \uDFFF.\n\n(\uD800) article \uD800\n`.repeat(2_000));
    });
  });

  describe('a byte-order mark', () => {
    it('is ignored: the front matter is still found and every range moves by one', () => {
      const lf = analyse(CONV);
      const bom = analyse(`\uFEFF${CONV}`);
      assert.ok(bom.frontMatter.title?.startsWith('United Nations Convention against Cybercrime'));
      assert.equal(bom.frontMatter.shortTitle, 'Convention');
      assert.deepEqual(shape(bom), shape(lf));
      bom.units.forEach((u, i) => {
        assert.equal(u.span.start, lf.units[i].span.start + 1, u.id);
        assert.equal(u.span.end, lf.units[i].span.end + 1, u.id);
      });
      bom.references.forEach((r, i) => assert.equal(r.span.start, lf.references[i].span.start + 1));
      hostile('the convention after a BOM', `\uFEFF${CONV}`);
    });

    it('before a first heading with no front matter', () => {
      const text = '## Article 1. A\n\nSee article 1.\n\n## Article 3. B\n';
      const bom = analyse(`\uFEFF${text}`);
      assert.deepEqual(shape(bom), shape(analyse(text)));
      assert.deepEqual(bom.references[0].targets.map((u) => u.id), ['art_1']);
      assert.equal(applyEdits(`\uFEFF${text}`, planRenumbering(bom).edits), `\uFEFF${text.replace('Article 3', 'Article 2')}`);
    });
  });

  describe('line endings', () => {
    for (const [name, eol] of [
      ['CRLF', '\r\n'],
      ['lone CR', '\r'],
    ] as const) {
      it(`${name}: the same units, references, terms, notes and findings as LF`, () => {
        const text = withEol(eol);
        assert.deepEqual(shape(analyse(text)), shape(analyse(CONV)));
        hostile(`the convention with ${name}`, text);
      });

      it(`${name}: renumbering keeps every line ending ${name}`, () => {
        const insertion = '## Article 7 bis. Illegal access to a subsystem\n\n1. Text, see article 8.\n\n';
        const lf = insertBefore(CONV, '## Article 8.', insertion);
        const expected = applyEdits(lf, planRenumbering(analyse(lf)).edits).replace(/\n/g, eol);
        const text = lf.replace(/\n/g, eol);
        const out = applyEdits(text, planRenumbering(analyse(text)).edits);
        assert.equal(out, expected);
        if (eol === '\r\n') assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(out), 'a lone CR or LF after renumbering');
        else assert.ok(!out.includes('\n'), 'an LF after renumbering a CR file');
      });
    }

    it('lone CR: the front matter is YAML all the same (the yaml package reads only LF and CRLF)', () => {
      const t = analyse('---\rtitle: A treaty\rshort-title: Treaty\r---\r## Article 1. A\r\rSee article 1 of this Treaty.\r');
      assert.deepEqual(check(t), []);
      assert.equal(t.frontMatter.title, 'A treaty');
      assert.deepEqual(t.selfNames, ['treaty', 'a treaty']);
    });

    it('mixed endings, line by line, read like LF', () => {
      const endings = ['\n', '\r\n', '\r'];
      let k = 0;
      const text = CONV.replace(/\n/g, () => endings[k++ % 3]);
      assert.deepEqual(shape(analyse(text)), shape(analyse(CONV)));
    });
  });

  it('tabs for spaces: the same treaty', () => {
    const text = CONV.replace(/ /g, '\t');
    const tabbed = shape(analyse(text));
    const spaced = shape(analyse(CONV));
    assert.deepEqual(tabbed.units, spaced.units);
    assert.deepEqual(tabbed.findings, spaced.findings);
    assert.equal(tabbed.references.length, spaced.references.length);
    assert.equal(tabbed.definitions.length, spaced.definitions.length);
    hostile('the convention with tabs', text);
  });

  it('right-to-left text and bidirectional controls around the markup', () => {
    const text = CONV.replace(/Convention/g, '\u200Fالاتفاقية\u200F').replace(/State Party/g, '\u202Bدولة طرف\u202C').replace(/^(#+ Article \d+\.) /gm, '$1 \u200F');
    const rtl = analyse(text);
    assert.deepEqual(rtl.units.map((u) => u.id), analyse(CONV).units.map((u) => u.id));
    hostile('the convention with right-to-left text', text);
    hostile('1 MB of Arabic', `## Article 1. ${'مادة '.repeat(10)}\n\n1. ${'تتخذ كل دولة طرف التدابير اللازمة، المادة ١ '.repeat(MB / 48)}\n`);
  });
});
