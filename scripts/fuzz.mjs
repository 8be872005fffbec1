// The long robustness run: the property tests at FUZZ_RUNS runs each (default 1000) with a
// fresh seed, the adversarial inputs at full size and the regular expressions on longer
// hostile input. `npm run fuzz`, or `FUZZ_RUNS=5000 npm run fuzz`; a failure prints its
// seed, and `FC_SEED=<seed> npm run fuzz` replays the same run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const mocha = require.resolve('mocha/bin/mocha.js', { paths: [root] });

const runs = process.env.FUZZ_RUNS || '1000';
const seed = process.env.FC_SEED || String(Math.floor(Math.random() * 2 ** 31));
const specs = [
  'test/unit/robustness*.test.ts',
  'test/unit/adversarial.test.ts',
  'test/unit/regex.test.ts',
  'test/unit/renumber.test.ts',
  'test/unit/renumber-exact.test.ts',
  // The server through the protocol, FUZZ_RUNS/10 random edit-and-request sequences (dist/ is rebuilt if stale).
  'test/protocol/fuzz.test.ts',
];

console.log(`Fuzzing with FUZZ_RUNS=${runs} FC_SEED=${seed} (replay with: FUZZ_RUNS=${runs} FC_SEED=${seed} npm run fuzz)`);
const result = spawnSync(
  process.execPath,
  [mocha, '--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '0', '--reporter', './test/support/reporter.js', ...process.argv.slice(2), ...specs],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FC_SEED: seed, ROBUSTNESS_REPORT: '1' } },
);
if (result.error) throw result.error;
console.log(`\nFUZZ_RUNS=${runs} FC_SEED=${seed}`);
process.exit(result.status ?? 1);
