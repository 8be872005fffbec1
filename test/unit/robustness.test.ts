// The core never throws, always returns, and every range it reports lies in the text,
// whatever it is fed: random text, and the convention mutated at random.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { planRenumbering } from '../../server/src/edits/renumber';
import type { Treaty } from '../../server/src/model/types';
import { CONVENTION } from '../support/corpus';

function assertInside(treaty: Treaty) {
  const n = treaty.text.length;
  const ok = (s: { start: number; end: number }, what: string) => assert.ok(s.start >= 0 && s.start <= s.end && s.end <= n, `${what} ${s.start}-${s.end} outside 0-${n}`);
  for (const u of treaty.units) {
    ok(u.span, `unit ${u.id}`);
    ok(u.anchorSpan, `anchor ${u.id}`);
    ok(u.textSpan, `text ${u.id}`);
    if (u.numberSpan) ok(u.numberSpan, `number ${u.id}`);
  }
  for (const r of treaty.references) {
    ok(r.span, 'reference');
    for (const num of r.numbers) ok(num.span, 'reference number');
  }
  for (const d of treaty.definitions) ok(d.span, 'definition');
  for (const u of treaty.uses) ok(u.span, 'use');
  for (const f of check(treaty)) ok(f.span, `finding ${f.code}`);
  for (const e of planRenumbering(treaty).edits) ok(e.span, 'edit');
}

/** Pieces drafters type, so random text hits the constructs, not just noise. */
const piece = fc.constantFrom(
  '# ', '## Article ', '# Chapter ', '# Interpretative notes\n', '---\n', 'title: x\n', '1. ', '(a) ', '(i) ', '(ii) ', '\n', '\r\n', '\r', '\n\n',
  'article ', 'articles ', 'paragraph ', 'subparagraph ', ' of this Convention', ' of the ', ' to ', ' and ', ' or ', ', ', '17', '7 bis', 'X', '[X]',
  '"', '“', '”', ' shall mean ', '[', ']', '{++', '++}', '{--', '--}', '{~~', '~>', '~~}', '{==', '==}', '{>>', '<<}', '[^1]', '[^1]: ', '*', '(', ')',
  '\u0000', '\uFEFF', '\uD800', 'مادة', '\t', 'For the purposes of this article, ', ' with regard to the term "x"',
);

describe('robustness of the core', () => {
  it('analyses random texts built from markup pieces without throwing, ranges inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 80 }), (parts) => {
        assertInside(analyse(parts.join('')));
      }),
      { numRuns: Math.max(400, Number(process.env.FUZZ_RUNS) || 0), seed: 7 },
    );
  });

  it('analyses the convention after random line deletions, duplications and splices', () => {
    const lines = CONVENTION.split('\n');
    const edit = fc.record({ at: fc.nat(lines.length - 1), kind: fc.constantFrom('delete', 'duplicate', 'splice'), insert: piece });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const copy = [...lines];
        for (const e of edits) {
          const at = e.at % copy.length;
          if (e.kind === 'delete') copy.splice(at, 1);
          else if (e.kind === 'duplicate') copy.splice(at, 0, copy[at]);
          else copy[at] = copy[at].slice(0, copy[at].length >> 1) + e.insert + copy[at].slice(copy[at].length >> 1);
        }
        assertInside(analyse(copy.join('\n')));
      }),
      { numRuns: Math.max(30, Number(process.env.FUZZ_RUNS) || 0), seed: 11 },
    );
  });
});

describe('robustness of the core: quiet', () => {
  it('prints nothing for front matter whose key is a YAML collection (`[^1]:`)', async () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      // A new text each time: the parsed front matter is cached by its text.
      const treaty = analyse(`---\n[^1]: ${Date.now()}\n---\n## Article 1. A\n\nText.\n`);
      assert.equal(treaty.articles.length, 1);
      // Node emits warnings on the next tick.
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('warning', listen);
    }
    assert.deepEqual(warnings, []);
  });
});
