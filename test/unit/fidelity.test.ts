// Reading real treaties nobody on the project wrote (test/corpus/real, each with an
// independent facts file): designators resolve to the unit the facts name, no false
// dangling reference, no reference to another instrument bound to this treaty. The
// convention and the zero draft, drafted in another tradition, are held to the same.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { analyse } from '../../server/src/model/analyse';
import { check } from '../../server/src/checks';
import { CONVENTION, ZERO_DRAFT_PATH } from '../support/corpus';
import { corpusNames, loadCorpus, measure, type FidelityReport } from '../support/fidelity';

describe('fidelity on real treaties', () => {
  const reports: FidelityReport[] = [];

  for (const name of corpusNames()) {
    describe(name, () => {
      const { text, facts } = loadCorpus(name);
      const report = measure(name, text, facts);
      reports.push(report);

      it('resolves at least 99 % of the designators the facts list to the unit they name', () => {
        const share = report.resolved / report.designators;
        assert.ok(share >= 0.99, `${report.resolved}/${report.designators} resolved; misses:\n${report.misses.map((m) => `  line ${m.line} "${m.text}" [${m.token}]: expected ${m.expected}, got ${m.got}`).join('\n')}`);
      });

      it('reports no reference.dangling (none is genuine in these texts)', () => {
        assert.deepEqual(report.dangling, []);
      });

      it('binds no reference to another instrument to this treaty', () => {
        assert.deepEqual(report.externalBound, []);
      });
    });
  }

  it('resolves at least 99 % of all designators of the corpus together', () => {
    const total = reports.reduce((n, r) => n + r.designators, 0);
    const resolved = reports.reduce((n, r) => n + r.resolved, 0);
    assert.ok(total > 1200, `the corpus lists ${total} designators`);
    assert.ok(resolved / total >= 0.99, `${resolved}/${total}`);
  });

  for (const [name, text] of [
    ['the convention', CONVENTION],
    ['the zero draft', fs.readFileSync(ZERO_DRAFT_PATH, 'utf8')],
  ] as const) {
    it(`reports no reference.dangling on ${name}`, () => {
      const dangling = check(analyse(text)).filter((f) => f.code === 'reference.dangling');
      assert.deepEqual(
        dangling.map((f) => f.message),
        [],
      );
    });
  }
});
