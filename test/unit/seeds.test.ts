// Raw negotiating texts, as converted from PDF and Word (test/corpus/seeds: page breaks in
// sentences, split headings, unnumbered articles): not in Treatymark layout, so full of
// findings, but the analysis, the checks and renumbering must never fail on them. A paragraph
// before any heading that cites "the preceding paragraph" once crashed the reader.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { planRenumbering } from '../../server/src/edits/renumber';
import { ROOT } from '../support/corpus';

const SEEDS = path.join(ROOT, 'test', 'corpus', 'seeds');

describe('raw negotiating texts', () => {
  for (const file of fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
    it(`${file}: analysed, checked and renumbered without failing`, () => {
      const text = fs.readFileSync(path.join(SEEDS, file), 'utf8');
      const treaty = analyse(text);
      assert.ok(treaty.references.length > 0, 'references read');
      assert.ok(Array.isArray(check(treaty)));
      assert.ok(Array.isArray(planRenumbering(treaty).edits));
    });
  }

  it('reads "the preceding paragraph" in paragraphs that stand before any heading', () => {
    const treaty = analyse('1. Text.\n\n2. See the preceding paragraph and the previous article.\n');
    assert.deepEqual(
      treaty.references.map((r) => [r.text, r.targets.map((u) => u.number)]),
      [['the preceding paragraph', ['1']]],
    );
  });
});
