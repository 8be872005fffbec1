// Pathological lines must tokenize in time comparable to an equally long plain line
// (a ratio, not an absolute time, so the test does not depend on the machine).
import * as assert from 'node:assert/strict';
import * as vsctm from 'vscode-textmate';
import { loadGrammar } from './helpers';

const MAX_RATIO = 20;
const RUNS = 5;

function plainLine(length: number): string {
  const words = 'each state party shall adopt such legislative and other measures as may be necessary ';
  return words.repeat(Math.ceil(length / words.length)).slice(0, length);
}

/** Best of RUNS (after a warm-up) to keep scheduler noise out of the ratio. */
function bestTime(grammar: vsctm.IGrammar, line: string): { ms: number; tokens: vsctm.IToken[] } {
  let tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
  let ms = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, tokens };
}

const cases: Array<[string, string]> = [
  ['100 000 "("', '('.repeat(100_000)],
  ['10 000 nested "["', '['.repeat(10_000)],
  ['100 000 "(" then 10 000 "["', '('.repeat(100_000) + '['.repeat(10_000)],
  ['5 000 quoted words (definition look-alike)', '"a" '.repeat(5_000)],
  ['10 000 "[^" (footnote look-alike)', '[^'.repeat(10_000)],
  ['5 000 "{++" (CriticMarkup does not nest)', '{++'.repeat(5_000)],
  ['20 000 "*"', '*'.repeat(20_000)],
];

describe('grammar: performance sanity', function () {
  this.timeout(120_000);

  for (const [name, line] of cases) {
    it(`${name}: under ${MAX_RATIO}× an equally long plain line`, async () => {
      const grammar = await loadGrammar();
      const hostile = bestTime(grammar, line);
      const plain = bestTime(grammar, plainLine(line.length));
      // Floor the baseline at 1 ms so sub-millisecond timer jitter cannot fail the test.
      const ratio = hostile.ms / Math.max(plain.ms, 1);
      assert.ok(hostile.tokens.length > 0);
      assert.ok(ratio < MAX_RATIO, `${name}: ${hostile.ms.toFixed(1)} ms vs ${plain.ms.toFixed(1)} ms plain (${ratio.toFixed(1)}×)`);
    });
  }

  it('nested brackets are still scoped as nested groups', async () => {
    const grammar = await loadGrammar();
    const { tokens } = bestTime(grammar, '['.repeat(10_000));
    const deepest = Math.max(...tokens.map((t) => t.scopes.filter((s) => s === 'meta.bracket.pending.treaty').length));
    assert.ok(deepest >= 3, `expected nested bracket scopes, got depth ${deepest}`);
  });
});
