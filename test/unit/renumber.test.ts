// Renumbering: unit tests for each level and a property test over random edits of the
// convention (the four properties of the issue).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits } from '../../server/src/edits/textedit';
import { CONVENTION, insertBefore } from '../support/corpus';

function renumber(text: string, scope?: Parameters<typeof planRenumbering>[1]): string {
  return applyEdits(text, planRenumbering(analyse(text), scope).edits);
}

describe('renumbering', () => {
  it('turns an inserted article 7 bis into article 8 and updates ranges and citations', () => {
    const text = insertBefore(CONVENTION, '## Article 8.', '## Article 7 bis. Illegal access to a subsystem\n\n1. Text.\n\n');
    const plan = planRenumbering(analyse(text));
    assert.match(plan.title, /^Renumber articles 8–69 and update \d+ references$/);
    const out = applyEdits(text, plan.edits);
    const after = analyse(out);
    assert.equal(after.articles.length, 69);
    assert.deepEqual(after.articles.map((a) => a.number), Array.from({ length: 69 }, (_, i) => String(i + 1)));
    assert.ok(out.includes('## Article 8. Illegal access to a subsystem'));
    const article11 = after.articles[11];
    assert.equal(article11.title, 'Misuse of devices');
    assert.ok(out.slice(article11.span.start, article11.span.end).includes('articles 7 to 11 of this Convention'));
    assert.ok(!out.slice(article11.span.start, article11.span.end).includes('articles 7 to 10'));
    assert.match(out, /"Predicate offence" shall mean .* as defined in article 18 of this Convention;/);
    assert.equal(planRenumbering(after).edits.length, 0);
  });

  it('gives placeholders and unnumbered articles their number', () => {
    const text = '## Article 1. A\n\nText.\n\n## Article X. B\n\nSee article 1.\n\n## Article. C\n\nSee article [X].\n\n## Article 2. D\n\nSee article 2.\n';
    const out = renumber(text);
    assert.equal(out, '## Article 1. A\n\nText.\n\n## Article 2. B\n\nSee article 1.\n\n## Article 3. C\n\nSee article [X].\n\n## Article 4. D\n\nSee article 4.\n');
  });

  it('renumbers paragraphs, subparagraphs and sub-subparagraphs with the references to them', () => {
    const text = [
      '## Article 1. Test',
      '',
      '1. First, see paragraph 3 (c) (ii) and subparagraphs (a) to (c) of paragraph 3.',
      '',
      '3. Third:',
      '',
      '(a) one;',
      '',
      '(c) three:',
      '',
      '(i) x;',
      '',
      '(iii) y.',
      '',
    ].join('\r\n');
    const out = renumber(text);
    assert.equal(
      out,
      [
        '## Article 1. Test',
        '',
        '1. First, see paragraph 2 (b) (ii) and subparagraphs (a) to (b) of paragraph 2.',
        '',
        '2. Third:',
        '',
        '(a) one;',
        '',
        '(b) three:',
        '',
        '(i) x;',
        '',
        '(ii) y.',
        '',
      ].join('\r\n'),
    );
  });

  it('renumbers one level alone when asked', () => {
    const text = '## Article 1. A\n\n1. One.\n\n3. Three, see paragraph 3.\n\n## Article 3. B\n\nText.\n';
    const treaty = analyse(text);
    const out = applyEdits(text, planRenumbering(treaty, { level: 'paragraph', holder: treaty.articles[0] }).edits);
    assert.equal(out, '## Article 1. A\n\n1. One.\n\n2. Three, see paragraph 2.\n\n## Article 3. B\n\nText.\n');
  });

  it('never touches dangling or external references', () => {
    const text = '---\ninstruments:\n  ICCPR: International Covenant on Civil and Political Rights\n---\n## Article 1. A\n\nSee article 9 and article 3 of the ICCPR and article 17 of the International Covenant on Civil and Political Rights.\n\n## Article 3. B\n\nSee article 3.\n';
    const out = renumber(text);
    assert.equal(out, text.replace('## Article 3.', '## Article 2.').replace('See article 3.\n', 'See article 2.\n'));
  });

  it('keeps chapters in roman numerals', () => {
    const text = '# Chapter I. A\n\n## Article 1. X\n\nSee chapter III.\n\n# Chapter III. B\n\n## Article 2. Y\n\nText.\n';
    assert.equal(renumber(text), text.replace('# Chapter III.', '# Chapter II.').replace('See chapter III.', 'See chapter II.'));
  });
});

// ---------------------------------------------------------------------------------------
// Property test on the convention.

interface Segment {
  text: string;
  article: boolean;
}

/** The convention cut at headings: article segments can be inserted, deleted and moved. */
function segments(text: string): Segment[] {
  const parts = text.split(/(?=^#{1,6} )/m);
  return parts.map((p) => ({ text: p, article: /^## Article /.test(p) && !/^# Interpretative/.test(p) }));
}

const articleIndexes = (segs: Segment[]) => segs.map((s, i) => (s.article ? i : -1)).filter((i) => i >= 0);

type Op =
  | { kind: 'insertArticle'; at: number; style: 'bis' | 'X' | 'dup' }
  | { kind: 'deleteArticle'; at: number }
  | { kind: 'moveArticle'; from: number; to: number }
  | { kind: 'insertParagraph'; at: number; pick: number }
  | { kind: 'insertSubparagraph'; at: number; pick: number };

function applyOp(segs: Segment[], op: Op): Segment[] {
  const arts = articleIndexes(segs);
  const out = [...segs];
  const pickArticle = (n: number) => arts[n % arts.length];
  switch (op.kind) {
    case 'insertArticle': {
      const i = pickArticle(op.at);
      const number = /^## Article (\S+?)\./.exec(segs[i].text)?.[1] ?? '1';
      const heading = op.style === 'bis' ? `${number} bis` : op.style === 'X' ? 'X' : number;
      out.splice(i, 0, { text: `## Article ${heading}. Inserted article\n\n1. States Parties shall apply article 5 and paragraph 1 of this article.\n\n`, article: true });
      return out;
    }
    case 'deleteArticle':
      if (arts.length < 10) return out;
      out.splice(pickArticle(op.at), 1);
      return out;
    case 'moveArticle': {
      const from = pickArticle(op.from);
      const [seg] = out.splice(from, 1);
      const arts2 = articleIndexes(out);
      out.splice(arts2[op.to % arts2.length], 0, seg);
      return out;
    }
    case 'insertParagraph': {
      const i = pickArticle(op.at);
      const lines = segs[i].text.split('\n');
      const paras = lines.map((l, k) => (/^\d+\. /.test(l) ? k : -1)).filter((k) => k >= 0);
      if (paras.length === 0) return out;
      const k = paras[op.pick % paras.length];
      const label = /^(\d+)\./.exec(lines[k])![1];
      lines.splice(k, 0, `${label}. Inserted paragraph.`, '');
      out[i] = { ...segs[i], text: lines.join('\n') };
      return out;
    }
    case 'insertSubparagraph': {
      const i = pickArticle(op.at);
      const lines = segs[i].text.split('\n');
      const subs = lines.map((l, k) => (/^\([a-h]\) /.test(l) ? k : -1)).filter((k) => k >= 0);
      if (subs.length === 0) return out;
      const k = subs[op.pick % subs.length];
      const label = /^\(([a-h])\)/.exec(lines[k])![1];
      lines.splice(k, 0, `(${label}) Inserted subparagraph;`, '');
      out[i] = { ...segs[i], text: lines.join('\n') };
      return out;
    }
  }
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insertArticle' as const), at: fc.nat(100), style: fc.constantFrom('bis' as const, 'X' as const, 'dup' as const) }),
  fc.record({ kind: fc.constant('deleteArticle' as const), at: fc.nat(100) }),
  fc.record({ kind: fc.constant('moveArticle' as const), from: fc.nat(100), to: fc.nat(100) }),
  fc.record({ kind: fc.constant('insertParagraph' as const), at: fc.nat(100), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('insertSubparagraph' as const), at: fc.nat(100), pick: fc.nat(50) }),
);

/** Numbers and numbering letters removed: what renumbering may change. */
function withoutNumbers(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => !/^#/.test(l))
    .map((l) =>
      l
        .replace(/\((?:[a-z]{1,5}|\d{1,4})\)/g, '()')
        .replace(/\d+(?: (?:bis|ter|quater))?/g, '')
        .replace(/\bX\b/g, ''),
    );
}

describe('renumbering, property test on the convention', () => {
  it('numbers every level in sequence, keeps every resolved reference on its unit, changes only numbers, and is idempotent', () => {
    const base = segments(CONVENTION);
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 4 }), (ops) => {
        const mutated = ops.reduce(applyOp, base).map((s) => s.text).join('');
        const before = analyse(mutated);
        const plan = planRenumbering(before);
        const renumbered = applyEdits(mutated, plan.edits);
        const after = analyse(renumbered);
        // (1) every level in sequence
        const numbering = check(after).filter((f) => f.code.startsWith('numbering.'));
        assert.deepEqual(numbering.map((f) => f.message), []);
        // (2) same structure, and each resolved number names the same unit
        assert.equal(after.units.length, before.units.length);
        assert.equal(after.references.length, before.references.length);
        before.references.forEach((ref, i) => {
          const other = after.references[i];
          assert.equal(other.numbers.length, ref.numbers.length, `reference "${ref.text}"`);
          ref.numbers.forEach((n, j) => {
            if (n.unit) assert.equal(other.numbers[j].unit?.index, n.unit.index, `"${ref.text}" → "${other.text}"`);
          });
        });
        // (3) outside headings, only numbers changed
        assert.deepEqual(withoutNumbers(renumbered), withoutNumbers(mutated));
        // (4) idempotent
        assert.equal(planRenumbering(after).edits.length, 0);
      }),
      { numRuns: Math.max(40, Number(process.env.FUZZ_RUNS) || 0), seed: Number(process.env.FC_SEED ?? 20261123) },
    );
  });
});
