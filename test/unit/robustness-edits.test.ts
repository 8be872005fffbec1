// Fuzzing the core with the edits a drafter makes: random deletions, duplications and
// splices of the convention's lines — brackets, quotes, CriticMarkup openers and closers,
// headings, markers, references — in LF, CRLF or lone-CR files; and random text of any
// UTF-16 code units (lone surrogates, NUL, BOM, controls). Nothing throws, every range lies
// in the text, the renumbering edits apply, and no run is slower than a generous factor of
// the convention's cost per character (a ratio measured in the same process).
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { CONVENTION } from '../support/corpus';
import { assertInside, bestTime, numRuns, pipeline, seed } from '../support/robust';

const LF = CONVENTION.replace(/\r\n?/g, '\n');
const LINES = LF.split('\n');
const MAX_RATIO = 30;

/** What drafters type, or break, in the middle of a line. */
const SPLICES = [
  '[', ']', '[[', ']]', '[^1]', '[^1]: ', '"', '“', '”', '"term" shall mean ', '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '{>>', '<<}',
  '\n# Chapter X. ', '\n## Article ', '\n## Article 7 bis. ', '\n## Article. ', '\n# Interpretative notes\n', '\n## Articles 2 and 99, with regard to the term "x"\n',
  '\n---\n', '\n1. ', '\n(a) ', '\n(i) ', '\n- (ii) ', '(z) ', ' article ', ' articles 3 to ', ' paragraph 2 (b) of article ', ' chapter IV', ' of this Convention',
  ' of the International Covenant', '\t', '\u0000', '\uD800', '\uDFFF', '\uFEFF', '\u202E', 'مادة', '\r', '\r\n', '*', '\\[', 'IN WITNESS WHEREOF',
];

type Edit = { kind: 'delete' | 'duplicate' | 'splice' | 'swap'; at: number; to: number; piece: number; offset: number };
const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'splice' as const, 'swap' as const),
  at: fc.nat(LINES.length - 1),
  to: fc.nat(LINES.length - 1),
  piece: fc.nat(SPLICES.length - 1),
  offset: fc.nat(200),
});

function edited(edits: Edit[], eol: string): string {
  const lines = [...LINES];
  for (const e of edits) {
    const at = e.at % lines.length;
    const line = lines[at];
    if (e.kind === 'delete') lines.splice(at, 1);
    else if (e.kind === 'duplicate') lines.splice(at, 0, line);
    else if (e.kind === 'swap') [lines[at], lines[e.to % lines.length]] = [lines[e.to % lines.length], line];
    else {
      const k = e.offset % (line.length + 1);
      lines[at] = line.slice(0, k) + SPLICES[e.piece] + line.slice(k);
    }
  }
  return lines.join(eol);
}

describe('robustness of the core: random edits of the convention', function () {
  this.timeout(600_000);
  let perChar = 0;

  before(() => {
    pipeline(LF);
    perChar = bestTime(() => pipeline(LF), 3) / LF.length;
  });

  /** The whole pipeline on `text`, ranges checked, timed against the convention's cost per character. */
  const survive = (text: string) => {
    let result = pipeline(text);
    const expected = perChar * Math.max(text.length, LF.length);
    let ms = bestTime(() => (result = pipeline(text)), 1);
    if (ms / expected > MAX_RATIO) ms = Math.min(ms, bestTime(() => pipeline(text), 3));
    assertInside(result);
    assert.ok(ms / expected < MAX_RATIO, `${ms.toFixed(0)} ms is ${(ms / expected).toFixed(1)}× the convention's cost per character`);
  };

  it('survives line deletions, duplications, swaps and splices of brackets, quotes, CriticMarkup and headings, with any line ending', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'), (edits, eol) => survive(edited(edits, eol))),
      { numRuns: numRuns(20), seed: seed(4242) },
    );
  });

  it('survives random UTF-16 text: lone surrogates, NUL, BOM, controls, markup characters', () => {
    const unit = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(...SPLICES),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', '## Article 1. ', '(a) ', '1. ', 'article 1 '),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 120 }), (parts) => survive(parts.join(''))),
      { numRuns: numRuns(80), seed: seed(777) },
    );
  });
});
