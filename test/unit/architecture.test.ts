// ARCHITECTURE.md stays a true map: every folder of server/src (at any depth) is described in
// it by its path, and every file its feature table names exists. A new folder or a rename
// fails here until the map follows.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/corpus';

const SERVER_SRC = path.join(ROOT, 'server', 'src');
const DOC = fs.readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');

function folders(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return [full, ...folders(full)];
    });
}

/** The rows of the table under "## Where each feature lives". */
function featureTableRows(): string[] {
  const start = DOC.indexOf('## Where each feature lives');
  assert.ok(start >= 0, 'ARCHITECTURE.md has a section "Where each feature lives"');
  const end = DOC.indexOf('\n## ', start + 1);
  const section = DOC.slice(start, end < 0 ? undefined : end);
  return section.split('\n').filter((l) => l.startsWith('|') && !/^\|[-\s|]+\|$/.test(l)).slice(1);
}

describe('ARCHITECTURE.md', () => {
  it('describes every folder of server/src by its path', () => {
    const all = folders(SERVER_SRC).map((f) => `server/src/${path.relative(SERVER_SRC, f).split(path.sep).join('/')}/`);
    assert.ok(all.length >= 7, `${all.length} folders`);
    assert.deepEqual(
      all.filter((f) => !DOC.includes(f)),
      [],
      'folders of server/src that ARCHITECTURE.md does not mention',
    );
  });

  it('names only files that exist in its feature table', () => {
    const rows = featureTableRows();
    assert.ok(rows.length >= 10, `${rows.length} rows`);
    const named = rows.flatMap((r) => [...r.matchAll(/`([\w./-]+\.ts)`/g)].map((m) => m[1]));
    assert.ok(named.length >= rows.length, `${named.length} files named`);
    assert.deepEqual(
      named.filter((f) => !fs.existsSync(path.join(SERVER_SRC, f))),
      [],
      'files in the feature table (relative to server/src) that do not exist',
    );
  });
});
