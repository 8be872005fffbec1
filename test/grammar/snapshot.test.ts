// Snapshot of the tokenization: per line, [token text, innermost non-base scope] ("-" = plain).
// Rewrite the stored snapshots only with UPDATE_SNAPSHOTS=1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, snapshotOf, tokenize } from './helpers';

const SNAPSHOT_DIR = path.join(ROOT, 'test', 'grammar', 'snapshots');

const subjects: Array<[name: string, file: string]> = [
  ['convention', path.join(ROOT, 'examples', 'convention.treaty')],
  ['negotiating', path.join(ROOT, 'test', 'grammar', 'fixtures', 'negotiating.treaty')],
];

describe('grammar: snapshots', () => {
  for (const [name, file] of subjects) {
    it(`${path.relative(ROOT, file)} matches snapshots/${name}.snap`, async () => {
      const actual = snapshotOf(await tokenize(fs.readFileSync(file, 'utf8')));
      const snapFile = path.join(SNAPSHOT_DIR, `${name}.snap`);
      if (process.env.UPDATE_SNAPSHOTS === '1') {
        fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
        fs.writeFileSync(snapFile, actual);
        return;
      }
      assert.ok(fs.existsSync(snapFile), `missing ${path.relative(ROOT, snapFile)}: run with UPDATE_SNAPSHOTS=1`);
      const expected = fs.readFileSync(snapFile, 'utf8');
      if (actual === expected) return;
      // Report the first differing line rather than two huge strings.
      const a = actual.split('\n');
      const e = expected.split('\n');
      const i = a.findIndex((line, k) => line !== e[k]);
      const at = i < 0 ? Math.min(a.length, e.length) : i;
      assert.fail(`${name}.snap differs at line ${at + 1} (rerun with UPDATE_SNAPSHOTS=1 if intended)\n  expected: ${e[at]}\n  actual:   ${a[at]}`);
    });
  }
});
